"""Validation problems as data: typed, located issues from one catalogue of codes, collected into a report.

Every :class:`Issue` carries a ``code`` from :data:`CATALOGUE` (``schema-<type>`` codes name
the Pydantic error type and share one entry); an unknown code is a programming error and
raises. ``docs/issue-codes.md`` is generated from the catalogue (``jsec schema``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

__all__ = ["CATALOGUE", "Issue", "IssueCode", "Report", "Severity", "Waived", "issue", "issue_code", "issue_codes_markdown"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class IssueCode:
    """One kind of problem: what it means, how bad it is, how to fix it, where the rule is written."""

    code: str
    severities: tuple[Severity, ...]
    meaning: str
    fix: str
    section: str | None = None


_E: tuple[Severity, ...] = ("error",)
_W: tuple[Severity, ...] = ("warning",)
_EW: tuple[Severity, ...] = ("error", "warning")
_GUIDE = "docs/annotation-guidelines.md"

_CODES = [
    # files and folders
    IssueCode("unsupported-file", _E, "A file given to `jsec validate` is neither an article (.txt) nor a YAML/JSON file.",
              "Give raw/articles/*.txt or .yaml/.yml/.json files, or a folder holding them.", "CONTRIBUTING.md"),
    IssueCode("article-file-name", _E, "An article file's name does not end in 16 lowercase hex digits and `.txt`.",
              "Name it like `005_0123456789abcdef.txt`; the digits are the stable article id.", "CONTRIBUTING.md"),
    IssueCode("ignored-file", _W, "A file in annotations/ or metadata/ that the build does not read (wrong suffix or name).",
              "Rename it to `<article_id>.yaml` (or .yml/.json) or move it out of raw/.", "CONTRIBUTING.md"),
    IssueCode("file-too-large", _E, "A file is larger than the limit for its kind (real files are a few kB).",
              "Check that it is the right file; split or shorten it.", None),
    IssueCode("unreadable", _E, "A file was listed but could not be read (removed, or no permission).",
              "Check that the file exists and is readable, then run again.", None),
    IssueCode("empty-file", _E, "A file holds nothing (or only white space and comments).",
              "Fill it in or delete it.", None),
    IssueCode("invalid-utf8", _E, "A file's bytes are not valid UTF-8; the issue points at the first bad byte.",
              "Re-save the file as UTF-8 (the hint says which encoding it looks like, with an iconv command).", None),
    IssueCode("unsafe-character", _EW, "A hidden character: a control or bidirectional control character (error) "
              "or an invisible mark such as a zero-width space (warning).",
              "Remove it; stored text must not hide or reorder characters.", None),
    # YAML and JSON
    IssueCode("yaml-syntax", _E, "The file is not valid YAML (or JSON).",
              "Fix the syntax at the position given; quote values that contain ': '.", None),
    IssueCode("yaml-tag", _E, "A YAML tag (`!something`) is used; files hold plain data only.", "Remove the tag.", None),
    IssueCode("yaml-key", _E, "A mapping key is a list or mapping instead of a plain word.", "Write the key as a plain word.", None),
    IssueCode("yaml-unsafe", _E, "YAML anchors, aliases or too deep nesting are used.", "Write the values out in full.", None),
    IssueCode("duplicate-key", _E, "A key appears twice in one mapping (YAML would silently keep the last).",
              "Keep one of the two.", None),
    IssueCode("schema-type", _E, "The file's top level is not the mapping its format expects.",
              "Start from an existing file of the same kind; the formats are in schema/.", "schema/"),
    IssueCode("schema-*", _E, "A field breaks the file format's model; the code names the Pydantic error type "
              "(`schema-missing`, `schema-extra_forbidden`, `schema-string_pattern_mismatch`, `schema-literal_error`, ...).",
              "Fix the field named in the issue; the allowed values are in the message and in schema/.", "schema/"),
    # articles and their files
    IssueCode("no-articles", _E, "The raw folder holds no article.", "Add articles under raw/articles/.", "CONTRIBUTING.md"),
    IssueCode("unknown-article", _E, "An annotation or metadata file names an article that does not exist.",
              "Add the article file (NNN_<article_id>.txt) or fix the article id.", "CONTRIBUTING.md"),
    IssueCode("duplicate-article-id", _E, "Two article files (or two annotation/metadata files) share one article id.",
              "Keep one file per article id.", "CONTRIBUTING.md"),
    IssueCode("article-id-mismatch", _E, "A file's `article_id` differs from the id in its file name.",
              "Set `article_id` to the 16 hex digits of the file name.", None),
    IssueCode("missing-metadata", _W, "An article has no metadata file.",
              "Create raw/metadata/<article_id>.yaml (article_id, language, event_date...); unknown facts stay null.",
              f"{_GUIDE}#1-scope-and-files"),
    IssueCode("date-in-future", _E, "An event date or signed date lies after today.", "Check the year, or leave it null.", None),
    IssueCode("date-precision", _E, "A month- or year-precision date is not the first day of its period.",
              "Write the period's first day (2024-07-01 for July 2024).", None),
    IssueCode("override-not-a-paragraph", _E, "`paragraph_kinds` names a line that is not a non-empty line of the article.",
              "Use the 1-based line number of a non-empty line.", f"{_GUIDE}#3-paragraphs-and-boilerplate"),
    # anchors and spans
    IssueCode("anchor-not-found", _E, "An `exact` (with its prefix/suffix) does not occur in the article.",
              "Copy `exact` from the article character for character; the hint shows the closest text.", f"{_GUIDE}#2-anchoring"),
    IssueCode("anchor-ambiguous", _E, "An `exact` occurs more than once and prefix/suffix do not single one out; "
              "the message gives each place as line:column of the article file.",
              "Add the `prefix` or `suffix` the hint suggests for the place you mean (the shortest, to a word boundary, "
              "that occurs there only).", f"{_GUIDE}#2-anchoring"),
    IssueCode("anchor-position-mismatch", _E, "The optional `start` disagrees with where `exact` is found.",
              "Remove `start` or correct it.", f"{_GUIDE}#2-anchoring"),
    IssueCode("span-whitespace", _E, "A span starts or ends with white space.", "Trim the spaces from `exact`.", f"{_GUIDE}#2-anchoring"),
    IssueCode("span-inside-word", _W, "A span starts or ends inside a word (a conjunction و or ف written onto the first "
              "word may stay outside).",
              "Extend `exact` to the whole word named in the message (an attached preposition stays with its word).",
              f"{_GUIDE}#2-anchoring"),
    IssueCode("span-in-boilerplate", _E, "A span lies in a boilerplate paragraph, which is never annotated.",
              "Remove the record, or fix the paragraph's kind in the metadata file.", f"{_GUIDE}#3-paragraphs-and-boilerplate"),
    IssueCode("duplicate-span", _E, "Two records of one table cover the same span.",
              "Remove one, or add a prefix/suffix if they mean different occurrences.", None),
    IssueCode("quote-mark-in-span", _E, "A quotation's span includes its quote marks.", "Drop the marks from `exact`.",
              f"{_GUIDE}#5-quotations"),
    IssueCode("quotation-outside-statement", _W, "A quotation lies outside the span of the statement it names.",
              "Check `statement_id`, or widen the statement's span.", f"{_GUIDE}#5-quotations"),
    IssueCode("quote-unbalanced", _W, "A paragraph's quote marks do not pair up.",
              "Check whether a quote mark is missing; a quotation's span excludes its marks. An unbalanced mark "
              "in the published text that the annotation handles (see the guidelines) is waived in raw/waivers.yaml.",
              f"{_GUIDE}#5-quotations"),
    IssueCode("quotation-speaker-mismatch", _W, "A quotation's `speaker_ids` differ from those of the statement it "
              "belongs to (`statement_id`).",
              "Give the quotation its statement's speakers, or link it to the statement that holds it.",
              f"{_GUIDE}#5-quotations"),
    IssueCode("statement-mode-mismatch", _W, "A statement is `indirect` but quotations are linked to it "
              "(direct speech labelled indirect).",
              "`direct` when the statement is only quoted words, `mixed` when quoted words sit in reported speech.",
              f"{_GUIDE}#6-statements"),
    IssueCode("annotation-draft", _W, "An annotation file is still a draft (`review: draft`, the default): "
              "no person has checked every record. `jsec validate --strict` refuses it.",
              "Check every record against the guidelines, then set `review: reviewed`.", "CONTRIBUTING.md"),
    # waivers (raw/waivers.yaml)
    IssueCode("waiver-invalid", _E, "An entry of raw/waivers.yaml cannot be used: its code is not in the catalogue "
              "or is never a warning (errors cannot be waived), or it names no file or article.",
              "Waive warnings only, by code, file (or article) and optionally line or field, with a reason.",
              "CONTRIBUTING.md"),
    IssueCode("waiver-unused", _W, "A waiver in raw/waivers.yaml matches no warning of the files checked with it: "
              "the problem was fixed or has moved.",
              "Remove the waiver, or correct its line or field.", "CONTRIBUTING.md"),
    # jsec ingest: reading real corpora (each problem names the input file and the record or line)
    # files
    IssueCode("ingest-unreadable-file", _E, "An input file cannot be opened or read (missing, a folder, no permission).",
              "Check the path and its permissions.", "docs/ingest.md"),
    IssueCode("ingest-unknown-format", _E, "An input file is not a JSON array, JSON Lines or Parquet file "
              "(plain or gzip-compressed); nothing of it is ingested.",
              "Convert it to one of these formats; the format is recognised by the content, not the name.", "docs/ingest.md"),
    IssueCode("ingest-empty-file", _W, "An input file holds no record.", "Check that it is the right file.", "docs/ingest.md"),
    IssueCode("ingest-truncated-gzip", _E, "A gzip file ends before its end-of-stream marker (an interrupted download "
              "or copy); records before the cut are ingested, the rest is lost.",
              "Download or copy the file again and re-run the ingest (records already ingested are skipped).", "docs/ingest.md"),
    IssueCode("ingest-bad-gzip", _E, "A gzip file is corrupt (bad header or data).",
              "Download or copy the file again; `gzip -t FILE` tests it.", "docs/ingest.md"),
    IssueCode("ingest-invalid-json", _E, "The input is not valid JSON at the place given: a JSON Lines line is "
              "rejected; in a JSON array the rest of the file cannot be read.",
              "Fix the syntax at the place given (a JSON validator such as `python -m json.tool` shows it).", "docs/ingest.md"),
    IssueCode("ingest-trailing-data", _W, "Something follows the closing `]` of a JSON array; it is ignored.",
              "Check whether two files were concatenated.", "docs/ingest.md"),
    IssueCode("ingest-bad-parquet", _E, "A Parquet file cannot be read (corrupt or truncated).",
              "Write the file again; `python -c \"import pyarrow.parquet as pq; pq.read_metadata('FILE')\"` tests it.", "docs/ingest.md"),
    IssueCode("ingest-invalid-utf8", _E, "A record's bytes are not valid UTF-8; the record is rejected.",
              "Convert the file to UTF-8 (or fix the bytes at the offset given).", "docs/ingest.md"),
    # records
    IssueCode("ingest-not-an-object", _E, "A record is not a JSON object (a list, a string, a number...).",
              "Each record must be an object of fields, e.g. {\"content\": ..., \"url\": ...}.", "docs/ingest.md"),
    IssueCode("ingest-missing-text", _E, "A record has no text field (the field the mapping names for `text`).",
              "Map the right field: `--field text=FIELD`.", "docs/ingest.md"),
    IssueCode("ingest-empty-text", _E, "A record's text is empty once normalised (only white space or entities).",
              "Nothing to ingest: the source has no text for this record.", "docs/ingest.md"),
    IssueCode("ingest-wrong-type", _E, "A mapped field has the wrong type (a list or number where a string is expected).",
              "Map a field that holds a string, or fix the record.", "docs/ingest.md"),
    IssueCode("ingest-field-too-large", _E, "A mapped field is larger than the per-field limit.",
              "Check the record: a news article is a few kB; a field this large is a page dump or an error.", "docs/ingest.md"),
    IssueCode("ingest-record-too-large", _E, "A record is larger than the per-record limit; it is skipped unread.",
              "Check the record: a news article is a few kB.", "docs/ingest.md"),
    IssueCode("ingest-article-too-large", _E, "A record's stored text would be larger than the build accepts for an article.",
              "Check the record: a news article is a few kB.", "docs/ingest.md"),
    IssueCode("ingest-bad-url", _E, "A record's URL holds characters a URL cannot hold (controls, spaces, bidi "
              "controls, invisible marks) or is not absolute; the record is rejected (the URL makes the article id).",
              "Fix the URL in the source, or map another field: `--field url=FIELD`.", "docs/ingest.md"),
    IssueCode("ingest-bad-date", _W, "A record's `retrieved` or `published` value is not a date; it is left null.",
              "Give dates as ISO 8601 (2015-07-31 or 2015-07-31 18:18:44).", "docs/ingest.md"),
    IssueCode("ingest-hidden-characters", _W, "A kept article's text holds hidden characters (bidi controls, "
              "control characters, invisible marks); `jsec validate` reports them and refuses controls.",
              "Look at the characters named and remove those that hide or reorder text from the raw file.", "docs/ingest.md"),
    IssueCode("ingest-unknown-outlet", _W, "A record's outlet id is not in the collection's outlet list, so it has no display name.",
              "Add it to jsec_data/ingest/data/outlets.yaml.", "docs/ingest.md"),
    # raw/
    IssueCode("ingest-changed-upstream", _W, "A record whose URL (article id) is already in raw/ has a different "
              "source record now; the article is kept as it is, not replaced.",
              "Compare the two versions; to take the new one, remove the old article (and its files) and ingest again.", "docs/ingest.md"),
    IssueCode("ingest-near-copy-not-recorded", _W, "A near-copy could not be added to the kept article's metadata "
              "file (the file was edited by hand in a way the ingest does not rewrite).",
              "Add the entry shown to the file's `near_copies:` list by hand.", "docs/ingest.md"),
    IssueCode("ingest-unreadable-metadata", _W, "An existing metadata file in raw/ cannot be read, so the ingest "
              "cannot know the article's source URL or record.", "Run `jsec validate` and fix the file.", "docs/ingest.md"),
    IssueCode("ingest-removed-leftover", _W, "A file left by an interrupted ingest (a temporary file, or the metadata of "
              "an article whose text was never written) was removed.", "Nothing to do.", "docs/ingest.md"),
    # references
    IssueCode("duplicate-id", _E, "An id is declared twice (in one file, or in a registry and an annotation file).",
              "Give each record its own id, or refer to the existing one.", None),
    IssueCode("unknown-entity", _E, "A speaker, topic, party or affiliation names an entity that is not declared.",
              "Declare it in raw/entities.yaml or under `entities:` in the annotation file (the hint suggests a close id).",
              f"{_GUIDE}#4-entities"),
    IssueCode("unknown-statement", _E, "A quotation's `statement_id` is not a statement of the same file.",
              "Use the id of a statement under `statements:`, or remove it.", None),
    IssueCode("unknown-agreement", _E, "A mention names an agreement that is not declared.",
              "Declare it in raw/agreements.yaml or under `agreements:` in the annotation file.", None),
    IssueCode("cue-not-found", _E, "A record's `cue` does not occur in the article.",
              "Write the reporting verb exactly as it stands in the text, with و/ف attached.", None),
    # staying inside raw/ (issue 21)
    IssueCode("raw-link-outside", _E, "A symbolic link under raw/ (a file, or a folder such as annotations/) "
              "leads outside the raw folder; it is not read, so nothing outside raw/ gets into the data.",
              "Copy the file itself into raw/ (or point the link at a file inside raw/), or remove the link.", "CONTRIBUTING.md"),
    IssueCode("not-a-regular-file", _E, "An entry under raw/ is a device, a fifo or a socket (or a link to one), "
              "not a file; it is not read.",
              "Replace it by the file it stands for, or remove it.", "CONTRIBUTING.md"),
    IssueCode("article-not-arabic", _W, "An article said to be Arabic (`language: ar`, the default) is plain ASCII "
              "or has fewer Arabic letters than letters of other scripts: probably not the article.",
              "Check that it is the right file; for an article in another language set `language:` in its metadata file.",
              f"{_GUIDE}#1-scope-and-files"),
    IssueCode("yaml-number", _E, "A value YAML reads as a number or a date cannot be one: a date that does not exist "
              "(2023-02-30), a key with a leading zero (`017:`, octal to YAML), or more digits than Python converts (4300).",
              "Write a real date, the number without leading zeros, or quote the value if it is text.", None),
]

#: Every issue code, by code. ``schema-*`` stands for every ``schema-<pydantic error type>``.
CATALOGUE: dict[str, IssueCode] = {entry.code: entry for entry in _CODES}


def issue_code(code: str) -> IssueCode:
    """The catalogue entry of ``code`` (``schema-<type>`` codes share ``schema-*``); KeyError if unknown."""
    entry = CATALOGUE.get(code)
    if entry is None and code.startswith("schema-"):
        entry = CATALOGUE["schema-*"]
    if entry is None:
        raise KeyError(f"issue code {code!r} is not in the catalogue (jsec_data.core.issues.CATALOGUE)")
    return entry


def issue_codes_markdown() -> str:
    """``docs/issue-codes.md``: the catalogue as a page for users."""
    lines = ["# Issue codes", "",
             "Every problem `jsec build`, `jsec validate` and `jsec extract` report carries one of these codes, "
             "with the file, line and column it was found at. This page is generated from "
             "`jsec_data/core/issues.py` by `jsec schema`; a test fails when it is stale.", "",
             "| code | severity | what it means | how to fix it | rule |", "| --- | --- | --- | --- | --- |"]
    for entry in _CODES:
        section = f"`{entry.section}`" if entry.section else ""
        lines.append(f"| `{entry.code}` | {' or '.join(entry.severities)} | {entry.meaning} | {entry.fix} | {section} |")
    return "\n".join(lines) + "\n"


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

    def __post_init__(self) -> None:
        if self.severity not in issue_code(self.code).severities:
            raise ValueError(f"issue code {self.code!r} is never a {self.severity} (see the catalogue)")

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


def issue(file: str, code: str, message: str, *, line: int | None = None, column: int | None = None,
          field: str | None = None, hint: str | None = None, severity: Severity | None = None) -> Issue:
    """An :class:`Issue`; ``severity`` defaults to the code's usual one."""
    return Issue(file, line, column, severity or issue_code(code).severities[0], code, message, field, hint)


def _gh_data(value: str) -> str:
    # GitHub's escaping for a workflow command's message.
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True)
class Waived:
    """A warning a person has reviewed and accepted (``raw/waivers.yaml``): still listed, no longer failing ``--strict``."""

    issue: Issue
    reason: str
    waiver: str  # where the waiver is written (file:line)

    def format(self) -> str:
        """The warning's line, marked as waived, with the reason."""
        first = self.issue.format().partition("\n")[0]  # (no hint: a person has looked at it)
        return f"{first} [waived]\n    waived: {self.reason} ({self.waiver})"

    def format_github(self) -> str:
        """A GitHub Actions notice on the warning's line: seen in review, not failing the check."""
        notice = Issue(self.issue.file, self.issue.line, self.issue.column, self.issue.severity, self.issue.code,
                       f"waived: {self.issue.message} ({self.reason})", self.issue.field).format_github()
        return "::notice" + notice.removeprefix(f"::{self.issue.severity}")

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self.issue), "reason": self.reason, "waiver": self.waiver}


@dataclass
class Report:
    """All issues found by a build or a validation run (waived warnings apart: they do not count)."""

    issues: list[Issue] = field(default_factory=list)
    checked_files: int = 0
    waived: list[Waived] = field(default_factory=list)

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
        return Report([replace(issue, file=str(base / issue.file)) for issue in self.issues], self.checked_files,
                      [replace(w, issue=replace(w.issue, file=str(base / w.issue.file))) for w in self.waived])

    def __iter__(self) -> Iterator[Issue]:
        return iter(sorted(self.issues, key=_sort_key))

    def lines(self, *, github: bool = False, strict: bool = False) -> Iterator[str]:
        """The report for a terminal (``github``: as GitHub Actions workflow commands, waived ones as notices).

        Every issue, then every waived warning with its reason; on a terminal, a last line of counts and the verdict.
        """
        for found in self:
            yield found.format_github() if github else found.format()
        for waived in sorted(self.waived, key=lambda w: _sort_key(w.issue)):
            yield waived.format_github() if github else waived.format()
        if not github:
            waived_count = f", {len(self.waived)} waived" if self.waived else ""
            yield (f"{self.checked_files} file(s) checked: {len(self.errors)} error(s), {len(self.warnings)} warning(s)"
                   f"{waived_count}: {'valid' if self.ok(strict) else 'invalid'}{' (strict)' if strict else ''}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.ok(),
            "checked_files": self.checked_files,
            "error_count": len(self.errors),
            "warning_count": len(self.warnings),
            "waived_count": len(self.waived),
            "issues": [asdict(i) for i in self],
            "waived": [w.to_dict() for w in sorted(self.waived, key=lambda w: _sort_key(w.issue))],
        }


def _sort_key(issue: Issue) -> tuple[str, int, int, str, str]:
    return (issue.file, issue.line or 0, issue.column or 0, issue.code, issue.message)
