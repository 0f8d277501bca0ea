"""Validation problems as data: typed, located issues collected into a report."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Issue:
    """One problem, located as precisely as the file format allows.

    ``file`` is a path as given by the user (or relative to raw/), ``line`` and
    ``column`` are 1-based, ``field`` is a dotted path into the record
    (``quotations[3].speaker_ids``), ``code`` a stable machine-readable name.
    """

    file: str
    line: int | None
    column: int | None
    severity: Severity
    code: str
    message: str
    field: str | None = None
    hint: str | None = None

    def location(self) -> str:
        loc = self.file
        if self.line is not None:
            loc += f":{self.line}"
            if self.column is not None:
                loc += f":{self.column}"
        return loc

    def format(self) -> str:
        """One human line (plus an indented hint line), like a compiler message."""
        where = f" [{self.field}]" if self.field else ""
        text = f"{self.location()}: {self.severity}: {self.message}{where} ({self.code})"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def format_github(self) -> str:
        """A GitHub Actions workflow command, so that CI shows the problem on the file's line.

        >>> print(Issue("raw/a.yaml", 4, 3, "error", "anchor-not-found", "not found", hint="copy it").format_github())
        ::error file=raw/a.yaml,line=4,col=3,title=anchor-not-found::not found%0Ahint: copy it
        """
        where = f"file={_gh_property(self.file)}"
        if self.line is not None:
            where += f",line={self.line}"
            if self.column is not None:
                where += f",col={self.column}"
        text = self.message + (f" [{self.field}]" if self.field else "") + (f"\nhint: {self.hint}" if self.hint else "")
        return f"::{self.severity} {where},title={_gh_property(self.code)}::{_gh_data(text)}"


def _gh_data(value: str) -> str:
    # GitHub's escaping for a workflow command's message.
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Report:
    """All issues found by a build or a validation run."""

    issues: list[Issue] = field(default_factory=list)
    checked_files: int = 0

    def add(self, issue: Issue) -> None:
        self.issues.append(issue)

    def extend(self, issues: Iterable[Issue]) -> None:
        self.issues.extend(issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    def ok(self, strict: bool = False) -> bool:
        """True when there are no errors (and, if ``strict``, no warnings)."""
        return not (self.issues if strict else self.errors)

    def under(self, folder: str | os.PathLike[str]) -> Report:
        """The same report with every file named from ``folder``.

        A build names files relative to its raw folder; ``report.under("raw")`` names them
        as a contributor opens them from where they ran the build.

        >>> Report([Issue("entities.yaml", 2, 5, "error", "duplicate-id", "...")]).under("raw").issues[0].file
        'raw/entities.yaml'
        """
        base = Path(folder)
        return Report([replace(issue, file=str(base / issue.file)) for issue in self.issues], self.checked_files)

    def __iter__(self) -> Iterator[Issue]:
        return iter(sorted(self.issues, key=_sort_key))

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.ok(),
            "checked_files": self.checked_files,
            "error_count": len(self.errors),
            "warning_count": len(self.warnings),
            "issues": [asdict(i) for i in self],
        }


def _sort_key(issue: Issue) -> tuple[str, int, int, str, str]:
    return (issue.file, issue.line or 0, issue.column or 0, issue.code, issue.message)
