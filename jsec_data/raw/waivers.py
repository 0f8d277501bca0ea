"""``raw/waivers.yaml``: warnings a person has looked at and accepted, each with its reason.

A warning is a question for a person (an unbalanced quote mark in the published text, a
span that must start inside a word); once answered, a waiver records the answer so that
``jsec validate --strict`` passes without hiding anything: waived warnings are still listed,
as waived, with their reason. Only warnings can be waived (the build refuses errors), and a
waiver that no longer matches a warning of the files checked is itself a warning
(``waiver-unused``), so stale waivers do not pile up. ``jsec validate`` applies the waivers of
the raw folder it checks against; the build ignores the file.

A waiver names the issue code, the place (a file under raw/, or an article: any of its
files; optionally a line or a field) and a reason::

    waivers:
      - code: quote-unbalanced
        file: articles/000_f4631beb2d4bc712.txt
        line: 13
        reason: The published paragraph never closes the quote; q3 ends with its sentence (guidelines §5).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from jsec_data.core.issues import CATALOGUE, Issue, issue
from jsec_data.raw.files import data_file
from jsec_data.raw.yamlfiles import locate, read_model_parts

__all__ = ["WAIVERS_STEM", "AppliedWaivers", "Waiver", "WaiversFile", "apply_waivers", "read_waivers"]

#: The waivers file is ``raw/waivers.yaml`` (or .yml, .json).
WAIVERS_STEM = "waivers"

_ARTICLE_IN_NAME = re.compile(r"(?:^|_)([0-9a-f]{16})\.(?:txt|ya?ml|json)$")


class Waiver(BaseModel):
    """One reviewed warning: its code, where it is, and why it is accepted."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(min_length=1, description="The code of the warning waived (see docs/issue-codes.md).")
    file: str | None = Field(default=None, min_length=1, description="The file, relative to raw/: "
                             "articles/NNN_<id>.txt, annotations/<id>.yaml, metadata/<id>.yaml, entities.yaml ...")
    article: str | None = Field(default=None, pattern=r"^[0-9a-f]{16}$",
                                description="Or the article: the warning may be in any of its files.")
    line: int | None = Field(default=None, ge=1, description="Only the warning on this line (1-based).")
    field: str | None = Field(default=None, min_length=1, description="Only the warning on this record or field "
                              "(`quotations[3]` waives `quotations[3].exact` too).")
    reason: str = Field(min_length=1, description="Why the warning is accepted: what a person checked and decided.")

    def place(self) -> str:
        where = self.file or f"article {self.article}"
        if self.line is not None:
            where += f":{self.line}"
        return where + (f" [{self.field}]" if self.field else "")


class WaiversFile(BaseModel):
    """``raw/waivers.yaml``: the reviewed warnings."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    waivers: list[Waiver] = Field(default_factory=list, description="Every waived warning.")


@dataclass(frozen=True)
class _Entry:
    waiver: Waiver
    display: str  # file:line of the waiver itself
    line: int | None


def read_waivers(raw_dir: Path, display_dir: str | None = None) -> tuple[list[_Entry], list[Issue]]:
    """The usable waivers of ``raw_dir`` and the problems of its waivers file (none: no file, no waivers).

    ``display_dir`` is how issues name the raw folder (default: ``str(raw_dir)``).
    """
    path = data_file(raw_dir, WAIVERS_STEM)
    if path is None:
        return [], []
    display = os.path.join(str(raw_dir) if display_dir is None else display_dir, path.name)  # noqa: PTH118
    parsed, locator, problems, salvaged = read_model_parts(path, WaiversFile, display)
    if parsed is None and salvaged is not None:
        parsed = salvaged.model  # the waivers that are well formed still apply
    if parsed is None:
        return [], problems
    entries: list[_Entry] = []
    for position, waiver in enumerate(parsed.waivers):
        index = position if salvaged is None else salvaged.index("waivers", position)
        line, column = locate(locator, ["waivers", index])
        reason = _unusable(waiver)
        if reason is not None:
            problems.append(issue(display, "waiver-invalid", reason, line=line, column=column,
                                  field=f"waivers[{index}]",
                                  hint="waive a warning by its code, its file (or article) and, if several, its line or "
                                       "field, with the reason; fix errors instead"))
            continue
        entries.append(_Entry(waiver, f"{display}:{line}" if line else display, line))
    return entries, problems


def _unusable(waiver: Waiver) -> str | None:
    entry = CATALOGUE.get(waiver.code)
    if entry is None:
        return f"{waiver.code!r} is not an issue code (see docs/issue-codes.md)"
    if "warning" not in entry.severities:
        return f"{waiver.code!r} is never a warning: errors cannot be waived"
    if waiver.file is None and waiver.article is None:
        return "a waiver names the file (relative to raw/) or the article it is for"
    return None


@dataclass
class AppliedWaivers:
    """Issues with the waived warnings taken out, the waived ones with their reasons, and unused waivers."""

    issues: list[Issue]
    waived: list[tuple[Issue, str, str]]  # (warning, reason, where the waiver is)
    unused: list[Issue]


def apply_waivers(issues: Iterable[Issue], entries: Sequence[_Entry], raw_dir: Path, checked: Iterable[str],
                  waivers_display: str) -> AppliedWaivers:
    """Take the warnings that a waiver matches out of ``issues``.

    ``checked`` are the files checked (as issues name them): a waiver for none of them is
    not reported as unused (its file was not looked at in this run).
    """
    raw = os.path.abspath(raw_dir)  # noqa: PTH100
    used: set[int] = set()
    kept: list[Issue] = []
    waived: list[tuple[Issue, str, str]] = []
    for found in issues:
        match = None
        if found.severity == "warning":
            place = _raw_place(found.file, raw)
            match = next((n for n, entry in enumerate(entries) if _matches(entry.waiver, found, place)), None)
        if match is None:
            kept.append(found)
            continue
        used.add(match)
        waived.append((found, entries[match].waiver.reason, entries[match].display))
    places = [_raw_place(name, raw) for name in checked]
    unused = []
    for number, entry in enumerate(entries):
        if number in used or not any(_covers(entry.waiver, place) for place in places):
            continue
        unused.append(issue(waivers_display, "waiver-unused",
                            f"the waiver of {entry.waiver.code} at {entry.waiver.place()} matches no warning",
                            line=entry.line, field=None,
                            hint="the problem was fixed or has moved: remove the waiver, or correct its line or field"))
    return AppliedWaivers(kept, waived, unused)


def _raw_place(file: str, raw: str) -> tuple[str, str | None]:
    """(the file relative to raw/ when it is inside it, else as named; the article id its name holds, if any)."""
    absolute = os.path.abspath(file)  # noqa: PTH100
    relative = os.path.relpath(absolute, raw) if absolute.startswith(raw + os.sep) else file
    name = os.path.basename(file)  # noqa: PTH119
    found = _ARTICLE_IN_NAME.search(name)
    return relative.replace(os.sep, "/"), found.group(1) if found else None


def _covers(waiver: Waiver, place: tuple[str, str | None]) -> bool:
    """Whether the waiver is about this file (its file, or a file of its article)."""
    relative, article = place
    if waiver.file is not None and not (relative == waiver.file or relative.endswith("/" + waiver.file)):
        return False
    return waiver.article is None or waiver.article == article


def _matches(waiver: Waiver, found: Issue, place: tuple[str, str | None]) -> bool:
    if waiver.code != found.code or not _covers(waiver, place):
        return False
    if waiver.line is not None and waiver.line != found.line:
        return False
    if waiver.field is not None:
        field = found.field or ""
        return field == waiver.field or field.startswith((waiver.field + ".", waiver.field + "["))
    return True
