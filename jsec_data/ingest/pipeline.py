"""``jsec ingest``: real corpora -> articles in raw/ with their provenance.

Each record goes through: read (:mod:`~jsec_data.ingest.readers`) -> normalise
(:mod:`~jsec_data.ingest.normalise`) -> reject what cannot be an article -> skip what raw/
holds already -> relevance (:mod:`~jsec_data.ingest.relevance`) -> exact duplicate or
near-copy of a kept article (:mod:`~jsec_data.ingest.nearcopy`) -> write
(:mod:`~jsec_data.ingest.writer`). The cheap steps come first: most records of a news feed
are off-topic and never reach the shingling.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, overload

from pydantic import BaseModel, ConfigDict, Field

from jsec_data.core.issues import Issue
from jsec_data.core.models import MetadataFile, NearCopy
from jsec_data.core.text import MAX_ARTICLE_BYTES, scan_unsafe
from jsec_data.ingest.codes import ingest_issue
from jsec_data.ingest.mapping import SAUDINEWSNET, FieldMapping, IngestUsageError
from jsec_data.ingest.normalise import normalise_text, normalise_title
from jsec_data.ingest.readers import ReadProblem, SourceRecord, iter_records
from jsec_data.ingest.writer import RawFolder, article_id_for

__all__ = [
    "IngestProgress",
    "IngestReport",
    "KeptArticle",
    "SkippedRecord",
    "SkippedRun",
    "check_licence",
    "ingest",
    "input_files",
    "outlet_names",
]

SkipReason = Literal["off-topic", "near-copy", "duplicate", "already-present", "changed-upstream"]

#: Suffixes of the files taken from a folder given as input (a file given by name is read
#: whatever its name: the format is recognised by the content).
DATA_SUFFIXES = (".json", ".jsonl", ".ndjson", ".parquet", ".gz")
_PROGRESS_EVERY = 512


class _ReportModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KeptArticle(_ReportModel):
    """A record written to raw/ as a new article."""

    article_id: str
    file: str = Field(description="The article's file name under raw/articles/.")
    url: str | None
    score: float | None = Field(description="Relevance score (None when the relevance filter did not run).")
    reasons: tuple[str, ...] = ()
    source: str = Field(description="Where the record came from: `FILE` record N.")


class SkippedRecord(_ReportModel):
    """A record read but not written, and why."""

    file: str
    record: int
    line: int | None = None
    url: str | None = None
    reason: SkipReason
    of: str | None = Field(default=None, description="The kept article it duplicates or copies, or the one raw/ holds.")
    similarity: float | None = Field(default=None, description="Jaccard similarity of word shingles with `of`.")
    score: float | None = None
    reasons: tuple[str, ...] = ()


class SkippedRun(_ReportModel):
    """Consecutive off-topic records of one file with the same score 0 and reasons (most of a feed).

    Listed as a run so that the report (and memory) does not grow with every record of a
    large corpus that never mentions the topic.
    """

    file: str
    first: int
    last: int
    reason: SkipReason = "off-topic"
    score: float
    reasons: tuple[str, ...]


class IngestReport(_ReportModel):
    """What an ingest run read, kept and skipped, and every problem it found."""

    model_config = ConfigDict(extra="forbid", frozen=False)

    raw_dir: str
    dry_run: bool
    files: list[str] = Field(default_factory=list)
    read: int = 0
    kept: int = 0
    already_present: int = 0
    changed_upstream: int = 0
    near_copies: int = 0
    duplicates: int = 0
    off_topic: int = 0
    rejected: int = 0
    kept_articles: list[KeptArticle] = Field(default_factory=list)
    skipped: list[SkippedRecord] = Field(default_factory=list)
    off_topic_runs: list[SkippedRun] = Field(default_factory=list)
    issues: list[Issue] = Field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0, or 1 when a record was rejected or a file could not be read (any error)."""
        return 1 if self.rejected or any(issue.severity == "error" for issue in self.issues) else 0

    def summary(self) -> str:
        """One line of counts, for a terminal."""
        return (f"read {self.read:,}, kept {self.kept:,}, already present {self.already_present:,}, "
                f"changed upstream {self.changed_upstream:,}, near-copies {self.near_copies:,}, "
                f"duplicates {self.duplicates:,}, off-topic {self.off_topic:,}, rejected {self.rejected:,}"
                + (" (dry run: nothing written)" if self.dry_run else ""))


@dataclass(frozen=True)
class IngestProgress:
    """Where a run is, for a progress bar: called every few hundred records and after each file."""

    file: str
    files_done: int
    files_total: int
    bytes_done: int  # of the input files finished (compressed sizes)
    bytes_total: int
    records_read: int
    kept: int


# ------------------------------------------------------------------------------ usage checks

_SPDX_ID = re.compile(r"^(?:LicenseRef-[A-Za-z0-9.\-]+|[A-Za-z0-9][A-Za-z0-9.\-+]*)$")


def check_licence(licence: str | None, collection: str | None) -> str:
    """``licence`` if it looks like an SPDX identifier (and is the collection's own); else :class:`IngestUsageError`.

    >>> check_licence("CC-BY-NC-SA-4.0", "SaudiNewsNet"), check_licence("LicenseRef-Agency-Terms", None)
    ('CC-BY-NC-SA-4.0', 'LicenseRef-Agency-Terms')
    """
    if not licence or not licence.strip():
        raise IngestUsageError("give the texts' licence as an SPDX identifier (--licence CC-BY-NC-SA-4.0): "
                               "a text without a licence must not enter the dataset")
    licence = licence.strip()
    if not _SPDX_ID.match(licence) or not re.search("[A-Za-z]", licence):
        raise IngestUsageError(f"--licence {licence!r} is not an SPDX licence identifier (e.g. CC-BY-NC-SA-4.0, "
                               "CC-BY-4.0, or LicenseRef-<name> for a licence SPDX does not list)")
    own = _collections().get(collection or "", {}).get("licence")
    if own and licence != own:
        raise IngestUsageError(f"{collection}'s texts are licensed {own}; they cannot be ingested as {licence}")
    return licence


def input_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files to read: each path given, or a folder's data files (sorted by name, not recursive).

    A path that does not exist is a usage error (:class:`IngestUsageError`).
    """
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")
                                and p.name.lower().endswith(DATA_SUFFIXES)))
        elif path.exists():
            files.append(path)
        else:
            raise IngestUsageError(f"input {str(given)!r} does not exist")
    return files


# ------------------------------------------------------------------------------ outlets


@functools.lru_cache(maxsize=1)
def _collections() -> dict[str, dict[str, Any]]:
    import yaml

    with (Path(__file__).parent / "data" / "outlets.yaml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return dict(data["collections"])


def outlet_names(collection: str | None) -> dict[str, str]:
    """Outlet id -> display name for ``collection`` (empty when the collection is not listed).

    >>> outlet_names("SaudiNewsNet")["aawsat"]
    'Asharq Al-Awsat'
    """
    outlets = _collections().get(collection or "", {}).get("outlets", {})
    return {outlet_id: str(entry["name"]) for outlet_id, entry in outlets.items()}


# ------------------------------------------------------------------------------ the run


def ingest(
    paths: Sequence[str | os.PathLike[str]],
    raw_dir: str | os.PathLike[str],
    *,
    mapping: FieldMapping | None = None,
    licence: str | None,
    attribution: str | None = None,
    keep_all: bool = False,
    min_score: float | None = None,
    dry_run: bool = False,
    progress: Callable[[IngestProgress], None] | None = None,
) -> IngestReport:
    """Ingest the records of ``paths`` (files, or folders of data files) into ``raw_dir``.

    ``licence`` (SPDX id) is required; ``attribution`` defaults to the outlet's name and the
    collection's credit. By default only on-topic records are kept (``keep_all`` keeps
    everything, ``min_score`` moves the relevance threshold). ``dry_run`` writes nothing.
    Raises :class:`IngestUsageError` for usage mistakes (no or bad licence, missing input);
    every problem with the data is an issue in the report.
    """
    mapping = mapping or SAUDINEWSNET
    licence = check_licence(licence, mapping.collection)
    files = input_files([paths] if isinstance(paths, (str, os.PathLike)) else paths)  # one path given bare
    run = _Run(Path(raw_dir), mapping, licence, attribution, keep_all, min_score, dry_run)
    sizes = [_size(path) for path in files]
    report = run.report
    report.files = [str(path) for path in files]
    for index, path in enumerate(files):
        name = str(path)
        for item in iter_records(path, mapping, display=name):
            run.process(item)
            if progress is not None and report.read % _PROGRESS_EVERY == 0 and isinstance(item, SourceRecord):
                progress(IngestProgress(name, index, len(files), sum(sizes[:index]), sum(sizes), report.read, report.kept))
        run.end_file()
        if progress is not None:
            progress(IngestProgress(name, index + 1, len(files), sum(sizes[:index + 1]), sum(sizes), report.read, report.kept))
    run.raw.close()
    return report


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class _Run:
    """The state of one ingest run: raw/'s contents, the indexes, the report."""

    def __init__(self, raw_dir: Path, mapping: FieldMapping, licence: str, attribution: str | None, keep_all: bool,
                 min_score: float | None, dry_run: bool) -> None:
        from jsec_data.ingest import relevance  # the other helper's module: imported with the first run
        from jsec_data.ingest.nearcopy import NearCopyIndex

        self.mapping = mapping
        self.licence = licence
        self.attribution = attribution
        self.keep_all = keep_all
        self.min_score = relevance.DEFAULT_MIN_SCORE if min_score is None else min_score
        self.assess = relevance.assess
        self.screen = relevance.screen
        self.report = IngestReport(raw_dir=str(raw_dir), dry_run=dry_run)
        self.raw = RawFolder(raw_dir, dry_run=dry_run)
        self.raw.open()
        self.report.issues.extend(self.raw.issues)
        self.outlets = outlet_names(mapping.collection)
        self.credit = _collections().get(mapping.collection or "", {}).get("credit")
        self.unknown_outlets: set[str] = set()
        self.near = NearCopyIndex()
        # Where raw/ holds each source URL and source record: url -> (article id, record digest or None).
        self.by_url: dict[str, tuple[str, str | None]] = {}
        self.by_record: dict[str, str] = {}
        self.by_text: dict[str, str] = {}  # sha256 of a kept article's stored text -> its id
        self._run: tuple[str, int, int, tuple[str, ...]] | None = None
        for article in self.raw.articles.values():
            self._remember_existing(article.article_id)

    def _remember_existing(self, article_id: str) -> None:
        from jsec_data.ingest.nearcopy import shingles

        article = self.raw.articles[article_id]
        if article.source_url:
            self.by_url.setdefault(_nfc(article.source_url), (article_id, article.source_record_sha256))
        if article.source_record_sha256:
            self.by_record.setdefault(article.source_record_sha256, article_id)
        for url, digest in article.near_copies:
            if url:
                self.by_url.setdefault(_nfc(url), (article_id, digest))
            self.by_record.setdefault(digest, article_id)
        text = self.raw.text_of(article_id)
        if text is not None:
            self.by_text.setdefault(_digest(text), article_id)
            self.near.add(article_id, shingles(text))

    # ------------------------------------------------------------------ records

    def process(self, item: SourceRecord | ReadProblem) -> None:
        report = self.report
        if isinstance(item, ReadProblem):
            report.issues.append(item.issue)
            if item.record is not None:
                report.read += 1
                report.rejected += 1
            return
        report.read += 1
        if not self.keep_all and item.text and not item.text.isspace():  # (so not empty once normalised)
            # Most records of a feed name Japan nowhere: judged on the fields as found, not normalised.
            quick = self.screen(item.title or "", item.text, min_score=self.min_score)
            if quick is not None and not quick.on_topic:
                if not (item.url and self._known(item, article_id_for(item.url, None, ""))):
                    self._off_topic(item, quick.score, quick.reasons)
                return
        title = normalise_title(item.title) if item.title else ""
        body = normalise_text(item.text or "")
        if not body:
            self._reject(item, "ingest-empty-text", f"{item.where()}: the text is empty once normalised"
                         + (" (only white space or entities)" if item.text else ""), self.mapping.text)
            return
        # A record with a URL is looked up before the relevance filter (cheap, and a record raw/
        # holds is reported as such whatever its score); one without needs its text for its id.
        article_id = article_id_for(item.url, None, "") if item.url else None
        if article_id is not None and self._known(item, article_id):
            return
        verdict = self.assess(title, body, min_score=self.min_score)
        if not verdict.on_topic and not self.keep_all:
            self._off_topic(item, verdict.score, verdict.reasons)
            return
        self._end_run()
        text = f"{title}\n{body}\n" if title else f"{body}\n"  # = stored_article(item.title, item.text)
        if article_id is None:
            article_id = article_id_for(None, item.outlet, text)
            if self._known(item, article_id):
                return
        try:
            size = len(text.encode("utf-8"))
        except UnicodeEncodeError as exc:  # a \udcxx escape in the JSON: not text
            self._reject(item, "ingest-invalid-utf8", f"{item.where()}: the text holds a lone surrogate "
                         f"(U+{ord(exc.object[exc.start]):04X}), which is not UTF-8 text", self.mapping.text)
            return
        if size > MAX_ARTICLE_BYTES:
            self._reject(item, "ingest-article-too-large", f"{item.where()}: the article would be {size:,} bytes; "
                         f"the build's limit is {MAX_ARTICLE_BYTES:,}", self.mapping.text)
            return
        self._keep_or_copy(item, article_id, title, text, verdict.score, verdict.reasons)

    def end_file(self) -> None:
        self._end_run()

    def _reject(self, item: SourceRecord, code: str, message: str, field: str | None) -> None:
        self._end_run()
        self.report.rejected += 1
        self.report.issues.append(ingest_issue(item.file, code, message, line=item.line, field=field))

    def _known(self, item: SourceRecord, article_id: str) -> bool:
        """Whether raw/ holds this record already (as an article or a near-copy); reported if so."""
        holder: str | None = None
        recorded: str | None = None
        if article_id in self.raw.articles:
            holder, recorded = article_id, self.raw.articles[article_id].source_record_sha256
        elif item.url and _nfc(item.url) in self.by_url:
            holder, recorded = self.by_url[_nfc(item.url)]
        if holder is None:
            found = self.by_record.get(item.source_record_sha256) if item.url is None else None
            if found is None:
                return False
            holder, recorded = found, item.source_record_sha256
        self._end_run()
        if recorded is not None and recorded != item.source_record_sha256:
            self.report.changed_upstream += 1
            self.report.skipped.append(SkippedRecord(file=item.file, record=item.record, line=item.line, url=item.url,
                                                     reason="changed-upstream", of=holder))
            self.report.issues.append(ingest_issue(
                item.file, "ingest-changed-upstream", f"{item.where()}: raw/ holds this record"
                f"{' (as a near-copy)' if holder != article_id else ''} in article {holder}, from a different "
                f"source record (sha256 {recorded[:12]}..., now {item.source_record_sha256[:12]}...): kept as it is",
                line=item.line))
        else:
            self.report.already_present += 1
            self.report.skipped.append(SkippedRecord(file=item.file, record=item.record, line=item.line, url=item.url,
                                                     reason="already-present", of=holder))
        return True

    def _off_topic(self, item: SourceRecord, score: float, reasons: tuple[str, ...]) -> None:
        self.report.off_topic += 1
        if score == 0:
            run = self._run  # (file, first, last, reasons): plain values, one record at a time
            if run is not None and run[0] == item.file and run[2] == item.record - 1 and run[3] == reasons:
                self._run = (run[0], run[1], item.record, reasons)
                return
            self._end_run()
            self._run = (item.file, item.record, item.record, reasons)
            return
        self._end_run()
        self.report.skipped.append(SkippedRecord(file=item.file, record=item.record, line=item.line, url=item.url,
                                                 reason="off-topic", score=score, reasons=reasons))

    def _end_run(self) -> None:
        if self._run is not None:
            file, first, last, reasons = self._run
            self.report.off_topic_runs.append(SkippedRun(file=file, first=first, last=last, score=0.0, reasons=reasons))
            self._run = None

    # ------------------------------------------------------------------ kept or copied

    def _keep_or_copy(self, item: SourceRecord, article_id: str, title: str, text: str, score: float,
                      reasons: tuple[str, ...]) -> None:
        from jsec_data.ingest.nearcopy import shingles

        report = self.report
        digest = _digest(text)
        same = self.by_text.get(digest)
        if same is not None:
            report.duplicates += 1
            self._record_copy(item, same, 1.0)
            report.skipped.append(SkippedRecord(file=item.file, record=item.record, line=item.line, url=item.url,
                                                reason="duplicate", of=same, similarity=1.0, score=score, reasons=reasons))
            return
        text_shingles = shingles(text)
        match = self.near.find(text_shingles)
        if match is not None:
            report.near_copies += 1
            similarity = round(match.jaccard, 3)
            self._record_copy(item, match.article_id, similarity)
            report.skipped.append(SkippedRecord(file=item.file, record=item.record, line=item.line, url=item.url,
                                                reason="near-copy", of=match.article_id, similarity=similarity,
                                                score=score, reasons=reasons))
            return
        metadata = self._metadata(item, article_id, title)
        file_name = self.raw.next_file_name(article_id)
        path = self.raw.write_article(metadata, text, file_name)
        report.kept += 1
        report.kept_articles.append(KeptArticle(article_id=article_id, file=file_name, url=item.url, score=score,
                                                reasons=reasons, source=f"{item.file} {item.where()}"))
        self.by_text[digest] = article_id
        if item.url:
            self.by_url[_nfc(item.url)] = (article_id, item.source_record_sha256)
        self.by_record[item.source_record_sha256] = article_id
        self.near.add(article_id, text_shingles)
        self._hidden_characters(text, str(path))

    def _record_copy(self, item: SourceRecord, kept: str, similarity: float) -> None:
        entry = NearCopy(source_url=_nfc(item.url), outlet_id=_nfc(item.outlet), retrieved=self._datetime(item, "retrieved"),
                         similarity=similarity, source_record_sha256=item.source_record_sha256)
        problem = self.raw.append_near_copy(kept, entry)
        if problem is not None:
            self.report.issues.append(problem)
        if item.url:
            self.by_url[_nfc(item.url)] = (kept, item.source_record_sha256)
        self.by_record[item.source_record_sha256] = kept

    def _metadata(self, item: SourceRecord, article_id: str, title: str) -> MetadataFile:
        outlet_name = self.outlets.get(item.outlet) if item.outlet else None
        if item.outlet and outlet_name is None and self.outlets and item.outlet not in self.unknown_outlets:
            self.unknown_outlets.add(item.outlet)
            self.report.issues.append(ingest_issue(item.file, "ingest-unknown-outlet", f"{item.where()}: outlet "
                                                   f"{item.outlet!r} is not among {self.mapping.collection}'s outlets",
                                                   line=item.line, field=self.mapping.outlet))
        published = self._datetime(item, "published")
        byline = normalise_title(item.byline) if item.byline else ""
        return MetadataFile(
            article_id=article_id,
            headline=title or None,
            source_url=_nfc(item.url),
            outlet_id=_nfc(item.outlet) or None,
            outlet_name=outlet_name,
            byline=byline or None,
            published=published.date() if published is not None else None,  # only from a publication date field
            retrieved=self._datetime(item, "retrieved"),
            collection=self.mapping.collection,
            licence=self.licence,
            attribution=_nfc(self.attribution if self.attribution is not None else self._attribution(item, outlet_name)),
            source_record_sha256=item.source_record_sha256,
        )

    def _attribution(self, item: SourceRecord, outlet_name: str | None) -> str | None:
        outlet = outlet_name or item.outlet
        parts = [part for part in (outlet, self.credit or self.mapping.collection) if part]
        return "; ".join(parts) if parts else None

    def _datetime(self, item: SourceRecord, name: Literal["retrieved", "published"]) -> dt.datetime | None:
        value = getattr(item, name)
        if not value or not value.strip():
            return None
        parsed = parse_datetime(value)
        if parsed is None:
            self.report.issues.append(ingest_issue(item.file, "ingest-bad-date", f"{item.where()}: {name} "
                                                   f"{value[:40]!r} is not an ISO 8601 date or time: left null",
                                                   line=item.line, field=getattr(self.mapping, name)))
        return parsed

    def _hidden_characters(self, text: str, display: str) -> None:
        found = scan_unsafe(text)
        if found:
            names = sorted({f"U+{ord(bad.char):04X} {bad.name}" for bad in found})
            first = found[0]
            self.report.issues.append(ingest_issue(display, "ingest-hidden-characters",
                                                   f"{len(found)} hidden character(s) kept as they are: {', '.join(names)}",
                                                   line=first.line, column=first.column))


def parse_datetime(value: str) -> dt.datetime | None:
    """An ISO 8601 date or date-time (``2015-07-31``, ``2015-07-31 18:18:44``, ``...T...Z``), or None.

    >>> parse_datetime("2015-07-31 18:18:44"), parse_datetime("31/07/2015")
    (datetime.datetime(2015, 7, 31, 18, 18, 44), None)
    """
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"  # fromisoformat only reads Z from Python 3.11 on
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


@overload
def _nfc(value: str) -> str: ...


@overload
def _nfc(value: None) -> None: ...


@overload
def _nfc(value: str | None) -> str | None: ...


def _nfc(value: str | None) -> str | None:
    """``value`` in NFC: the project's reader puts a YAML file in NFC before parsing it, so a
    metadata value is stored in NFC to read back as written (50 of SaudiNewsNet's URLs are not;
    the article id is still the digest of the URL as the record gives it)."""
    if value is None or unicodedata.is_normalized("NFC", value):
        return value
    return unicodedata.normalize("NFC", value)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
