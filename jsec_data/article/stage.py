"""One article from raw files to validated records: the per-article stage of the build.

:func:`process_article` is a pure function of the article's raw files and the
registries (no global state, no output), so that it can run in worker processes or
on a distributed engine. It never raises for bad input: problems come back as
located :class:`~jsec_data.core.issues.Issue` objects next to whatever records are valid.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import gc
import hashlib
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from jsec_data.article.checks import ambiguity_help, word_cut
from jsec_data.article.segment import segment_paragraphs, split_paragraphs
from jsec_data.core.anchor import AnchorFailure, resolve
from jsec_data.core.issues import Issue, Severity, issue
from jsec_data.core.models import (
    BOILERPLATE_KINDS,
    CONTENT_KINDS,
    AgreementMentionAnnotation,
    AgreementMentionRecord,
    AgreementRecord,
    AgreementsFile,
    AnnotationFile,
    ArticleRecord,
    EntitiesFile,
    EntityRecord,
    MetadataFile,
    QuotationAnnotation,
    QuotationRecord,
    Segment,
    StatementAnnotation,
    StatementRecord,
    TextQuoteSelector,
)
from jsec_data.core.text import MAX_ARTICLE_BYTES, TextDecodeError, decode_article
from jsec_data.raw.files import (
    ArticleSource,
    data_file,
    decode_issue,
    language_issues,
    read_error_issue,
    read_raw_file,
    too_large_issue,
    unsafe_character_issues,
)
from jsec_data.raw.yamlfiles import Locator, Salvage, locate, read_model_file, read_model_parts, validation_issues

#: Quote marks that must not be part of a quotation span.
QUOTE_MARKS = "\"'“”„‟«»‹›「」『』″〝〞＂"


@dataclass(frozen=True)
class Registry:
    """Known entities and agreements, with the file each was declared in."""

    entities: dict[str, EntityRecord] = field(default_factory=dict)
    agreements: dict[str, AgreementRecord] = field(default_factory=dict)
    entity_files: dict[str, str] = field(default_factory=dict)
    agreement_files: dict[str, str] = field(default_factory=dict)
    input_sha256: dict[str, str] = field(default_factory=dict)  # registry file name -> sha256 of the bytes read
    #: Ids of registry records that break their schema (reported there): references to them are not reported again.
    unreadable: frozenset[str] = frozenset()


@dataclass
class ArticleResult:
    """Records and issues from one article."""

    article_id: str
    article: ArticleRecord | None = None
    statements: list[StatementRecord] = field(default_factory=list)
    quotations: list[QuotationRecord] = field(default_factory=list)
    agreement_mentions: list[AgreementMentionRecord] = field(default_factory=list)
    entities: list[EntityRecord] = field(default_factory=list)  # declared in the annotation file
    agreements: list[AgreementRecord] = field(default_factory=list)  # declared in the annotation file
    issues: list[Issue] = field(default_factory=list)
    input_files: list[Path] = field(default_factory=list)
    input_sha256: dict[Path, str] = field(default_factory=dict)  # of the bytes read, for the manifest
    #: (table, index in the annotation file, id) of every entity and agreement the file declares.
    declared: list[tuple[str, int, str]] = field(default_factory=list)


def _period_start(date: dt.date, precision: str) -> dt.date:
    """The first day of the month or year that ``date`` falls in."""
    return date.replace(day=1) if precision == "month" else date.replace(month=1, day=1)


def process_article(source: ArticleSource, registry: Registry, today: dt.date) -> ArticleResult:
    """Read, segment, anchor and validate one article and its annotations.

    The annotation and metadata files are those ``source`` names (as
    :func:`~jsec_data.raw.files.discover_articles` found them).
    """
    return process_article_files(
        source, registry, today,
        annotation_file=Path(source.annotation) if source.annotation else None,
        metadata_file=Path(source.metadata) if source.metadata else None,
    )


def process_article_files(source: ArticleSource, registry: Registry, today: dt.date, *,
                          annotation_file: Path | None, metadata_file: Path | None) -> ArticleResult:
    """:func:`process_article` with explicit annotation and metadata files (None: the article has none).

    ``jsec validate`` uses it to check files that are not (yet) in raw/.
    """
    path = source.path
    result = ArticleResult(source.article_id, input_files=[path])
    display = f"articles/{path.name}"

    try:
        raw = read_raw_file(source.location, MAX_ARTICLE_BYTES)
    except OSError as exc:  # gone or unreadable since it was listed, a link out of raw/, a fifo
        result.issues.append(read_error_issue(display, exc))
        return result
    if isinstance(raw, int):
        result.issues.append(too_large_issue(display, raw, MAX_ARTICLE_BYTES))
        return result
    result.input_sha256[path] = hashlib.sha256(raw).hexdigest()
    try:
        text = decode_article(raw)
    except TextDecodeError as exc:
        result.issues.append(decode_issue(exc, display))
        return result
    result.issues.extend(unsafe_character_issues(text, display))

    metadata, meta_locator = _read_metadata(metadata_file, source, result, today)
    spans = _segments(text, metadata, meta_locator, result)
    title = next((text[start:end] for kind, start, end in spans if kind == "title"), "")
    body = "\n".join(text[start:end] for kind, start, end in spans if kind in CONTENT_KINDS)
    meta = metadata or MetadataFile(article_id=source.article_id)
    result.issues.extend(language_issues(text, meta.language, display, raw))
    try:
        result.article = ArticleRecord(
            article_id=source.article_id, title=title, text=text, body=body,
            # Plain dicts: the record's own validation makes the Segments (one call, not one per paragraph).
            segments=[{"kind": kind, "char_start": start, "char_end": end} for kind, start, end in spans],  # type: ignore[misc]
            language=meta.language, translated_from=meta.translated_from, outlet=meta.outlet,
            original_agency=meta.original_agency, credits=meta.credits, source_file=path.name,
            source_sha256=result.input_sha256[path], char_count=len(text),
            event_date=meta.event_date, event_date_precision=meta.event_date_precision,
            event_date_evidence=meta.event_date_evidence, annotation_status="none" if annotation_file is None else "draft",
            source_url=meta.source_url, outlet_id=meta.outlet_id, outlet_name=meta.outlet_name, byline=meta.byline,
            published=meta.published, retrieved=meta.retrieved, collection=meta.collection, licence=meta.licence,
            attribution=meta.attribution, source_record_sha256=meta.source_record_sha256, near_copies=meta.near_copies,
        )
    except ValidationError as exc:
        result.issues.extend(validation_issues(exc, display, {}))
        return result

    if any(i.severity == "error" for i in result.issues if i.file == display):
        return result  # offsets into unsafe text would be meaningless
    annotations = _annotate(annotation_file, registry, text, result.article.segments, result, today)
    if annotations is not None and annotations.review == "reviewed":
        result.article = result.article.model_copy(update={"annotation_status": "reviewed"})
    return result


def _read_metadata(path: Path | None, source: ArticleSource, result: ArticleResult,
                   today: dt.date) -> tuple[MetadataFile | None, Locator]:
    if path is None:
        result.issues.append(issue(
            f"metadata/{source.article_id}.yaml", "missing-metadata", "article has no metadata file",
            severity="warning", hint="create it (article_id, language, event_date...); unknown facts stay null",
        ))
        return None, {}
    result.input_files.append(path)
    display = f"metadata/{path.name}"
    metadata, locator, issues = read_model_file(path, MetadataFile, display, result.input_sha256)
    result.issues.extend(issues)
    if metadata is None:
        return None, locator
    if metadata.article_id != source.article_id:
        line, column = locate(locator, ["article_id"])
        result.issues.append(issue(display, "article-id-mismatch",
                                  f"article_id {metadata.article_id} does not match the file name ({source.article_id})",
                                  line=line, column=column, field="article_id",
                                  hint=f"set article_id: {source.article_id} (the 16 hex digits of the article file's name)"))
    date = metadata.event_date
    if date is not None:
        if date > today:
            line, column = locate(locator, ["event_date"])  # only when needed: positions are found lazily
            result.issues.append(issue(display, "date-in-future", f"event_date {date} is in the future",
                                      line=line, column=column, field="event_date",
                                      hint="event_date is when the reported events happened: check the year, or leave it null"))
        if (metadata.event_date_precision == "month" and date.day != 1) or (
            metadata.event_date_precision == "year" and (date.month, date.day) != (1, 1)
        ):
            line, column = locate(locator, ["event_date"])
            result.issues.append(issue(display, "date-precision",
                                      f"a {metadata.event_date_precision}-precision date must be the first day of its period",
                                      line=line, column=column, field="event_date",
                                      hint=f"write event_date: {_period_start(date, metadata.event_date_precision)}, "
                                           "or give the day with event_date_precision: day"))
    return metadata, locator


def _segments(text: str, metadata: MetadataFile | None, locator: Locator,
              result: ArticleResult) -> list[tuple[str, int, int]]:
    """(kind, start, end) of every paragraph, metadata overrides applied."""
    paragraphs = split_paragraphs(text)
    overrides = dict(metadata.paragraph_kinds) if metadata else {}
    lines = {p.line for p in paragraphs}
    for line_number in sorted(set(overrides) - lines):
        line, column = locate(locator, ["paragraph_kinds", line_number])
        result.issues.append(issue(
            f"metadata/{result.article_id}.yaml", "override-not-a-paragraph",
            f"paragraph_kinds names line {line_number}, which is not a non-empty line of the article",
            line=line, column=column, field=f"paragraph_kinds.{line_number}",
            hint="keys are line numbers of the article file (the title is line 1, empty lines count); fix or remove it",
        ))
        del overrides[line_number]
    return [(kind, p.start, p.end) for p, kind in segment_paragraphs(paragraphs, overrides, text=text)]


def future_signed_dates(agreements: Sequence[AgreementRecord], today: dt.date, display: str,
                        locator: Locator) -> list[Issue]:
    """An issue for each agreement whose ``signed_date`` is after ``today`` (registry or annotation file)."""
    issues = []
    for index, agreement in enumerate(agreements):
        if agreement.signed_date is not None and agreement.signed_date > today:
            line, column = locate(locator, ["agreements", index, "signed_date"])
            issues.append(issue(display, "date-in-future",
                               f"agreement {agreement.agreement_id}: signed_date {agreement.signed_date} is in the future",
                               line=line, column=column, field=f"agreements[{index}].signed_date",
                               hint="a signed_date records a past signature; leave it null for a planned one"))
    return issues


def _annotate(path: Path | None, registry: Registry, text: str,
              segments: Sequence[Segment], result: ArticleResult, today: dt.date) -> AnnotationFile | None:
    """Check the annotation file (if any) and add its records to ``result``; the parsed file, or None."""
    if path is None:
        return None  # an article without annotations is allowed (articles table only)
    result.input_files.append(path)
    display = f"annotations/{path.name}"
    annotations, locator, issues, salvaged = read_model_parts(path, AnnotationFile, display, result.input_sha256)
    result.issues.extend(issues)
    if annotations is None:
        if salvaged is None:
            return None
        # Some records break the format (reported): the others are still checked, so that one bad
        # record does not hide the file's other problems. The build fails on the first anyway.
        checker = _Checker(display, locator, registry, salvaged.model, text, segments, result, salvaged)
        checker.run()
        return None
    result.issues.extend(future_signed_dates(annotations.agreements, today, display, locator))
    checker = _Checker(display, locator, registry, annotations, text, segments, result)
    checker.run()
    return annotations


class _Checker:
    """Checks one annotation file and turns its records into table rows."""

    def __init__(self, display: str, locator: Locator, registry: Registry, annotations: AnnotationFile,
                 text: str, segments: Sequence[Segment], result: ArticleResult,
                 salvaged: Salvage[AnnotationFile] | None = None) -> None:
        self.display, self.locator, self.registry = display, locator, registry
        self.ann, self.text, self.result = annotations, text, result
        self.boilerplate = [segment for segment in segments if segment.kind in BOILERPLATE_KINDS]  # spans may not touch these
        self.article_id = result.article_id
        self.salvaged = salvaged
        # Ids of this file's records that break the format (reported): references to them are not reported again.
        self.unreadable = set(registry.unreadable)
        if salvaged is not None:
            self.unreadable |= (salvaged.dropped_ids("entities", "entity_id") | salvaged.dropped_ids("agreements", "agreement_id")
                                | salvaged.dropped_ids("statements", "id"))

    def indexed(self, table: str) -> Iterator[tuple[int, Any]]:
        """(index in the file, record) of each valid record of ``table``."""
        for position, record in enumerate(getattr(self.ann, table)):
            yield (position if self.salvaged is None else self.salvaged.index(table, position)), record

    def issue(self, code: str, message: str, loc: list[str | int], hint: str | None = None,
              severity: Severity | None = None) -> None:
        line, column = locate(self.locator, loc)
        path = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in loc).replace(".[", "[")
        self.result.issues.append(issue(self.display, code, message, line=line, column=column,
                                       field=path, hint=hint, severity=severity))

    def run(self) -> None:
        ann = self.ann
        if ann.article_id != self.article_id:
            self.issue("article-id-mismatch", f"article_id {ann.article_id} does not match the article "
                       f"({self.article_id})", ["article_id"],
                       hint=f"set article_id: {self.article_id} (the 16 hex digits of the article file's name)")
        self.result.declared = [("entities", i, e.entity_id) for i, e in self.indexed("entities")] + [
            ("agreements", i, a.agreement_id) for i, a in self.indexed("agreements")]
        self.entity_ids = set(self.registry.entities)
        self.agreement_ids = set(self.registry.agreements)
        for index, entity in self.indexed("entities"):
            if entity.entity_id in self.entity_ids:
                where = self.registry.entity_files.get(entity.entity_id, "the entity registry")
                self.issue("duplicate-id", f"entity {entity.entity_id} is already declared in {where}",
                           ["entities", index, "entity_id"], hint="refer to it instead of declaring it again")
            else:
                self.entity_ids.add(entity.entity_id)
                self.result.entities.append(entity)
        for index, agreement in self.indexed("agreements"):
            if agreement.agreement_id in self.agreement_ids:
                where = self.registry.agreement_files.get(agreement.agreement_id, "the agreement registry")
                self.issue("duplicate-id", f"agreement {agreement.agreement_id} is already declared in {where}",
                           ["agreements", index, "agreement_id"], hint="refer to it instead of declaring it again")
            else:
                self.agreement_ids.add(agreement.agreement_id)
                self.result.agreements.append(agreement)
        for index, entity in self.indexed("entities"):
            self.check_refs([entity.affiliation_id] if entity.affiliation_id else [], ["entities", index, "affiliation_id"])
        for index, agreement in self.indexed("agreements"):
            self.check_refs(agreement.parties, ["agreements", index, "parties"])

        seen_ids: dict[str, list[str | int]] = {}
        for table in ("statements", "quotations", "agreement_mentions"):
            for index, record in self.indexed(table):
                if record.id in seen_ids:
                    self.issue("duplicate-id", f"local id {record.id!r} is used twice in this file "
                               f"(also {_path(seen_ids[record.id])})", [table, index, "id"],
                               hint="give each record its own id (s1, q1, m1 ...): ids name rows in the tables")
                seen_ids.setdefault(record.id, [table, index])
        statement_ids = {s.id for s in ann.statements}
        statement_spans: dict[str, tuple[int, int]] = {}

        statement_ids |= self.unreadable  # (a statement left out for its format is not unknown)
        spans_seen: dict[tuple[str, int, int], int] = {}
        for table in ("statements", "quotations", "agreement_mentions"):
            for index, record in self.indexed(table):
                loc: list[str | int] = [table, index]
                span = self.anchor(record, loc)
                self.check_record_refs(table, record, loc, statement_ids)
                if span is None:
                    continue
                key = (table, *span)
                if key in spans_seen:
                    self.issue("duplicate-span", f"same span as {table}[{spans_seen[key]}]", [*loc, "exact"],
                               hint="remove one of the two, or add a prefix/suffix if they mean different occurrences")
                spans_seen.setdefault(key, index)
                self.emit(table, record, span, loc, statement_spans)
        self.check_statement_consistency()
        # Rows follow the text, whatever order the file lists them in.
        self.result.statements.sort(key=lambda r: (r.char_start, r.char_end, r.statement_id))
        self.result.quotations.sort(key=lambda r: (r.char_start, r.char_end, r.quotation_id))
        self.result.agreement_mentions.sort(key=lambda r: (r.char_start, r.char_end, r.mention_id))

    def check_statement_consistency(self) -> None:
        """Guidelines §5-6: a quotation speaks with its statement's speakers, and a statement with quoted words is not indirect."""
        statements = {record.id: (index, record) for index, record in self.indexed("statements")}
        quoted: dict[str, list[tuple[int, QuotationAnnotation]]] = {}
        for index, quotation in self.indexed("quotations"):
            if quotation.statement_id not in statements:
                continue
            quoted.setdefault(quotation.statement_id, []).append((index, quotation))
            statement = statements[quotation.statement_id][1]
            if set(quotation.speaker_ids) != set(statement.speaker_ids):
                self.issue("quotation-speaker-mismatch",
                           f"quotation {quotation.id!r} is attributed to {', '.join(quotation.speaker_ids)} but its "
                           f"statement {statement.id!r} to {', '.join(statement.speaker_ids)}",
                           ["quotations", index, "speaker_ids"], severity="warning",
                           hint="a quotation's speakers are its statement's: correct one of the two, or link the "
                                "quotation to the statement that holds it")
        for statement_id, quotations in quoted.items():
            index, statement = statements[statement_id]
            if statement.mode == "indirect":
                self.issue("statement-mode-mismatch",
                           f"statement {statement_id!r} is indirect but holds quoted words "
                           f"(quotation {', '.join(repr(q.id) for _, q in quotations)})", ["statements", index, "mode"],
                           severity="warning",
                           hint="mode: direct when the statement is only quoted words, mixed when quoted words sit "
                                "in reported speech")

    def check_refs(self, ids: Sequence[str], loc: list[str | int]) -> None:
        for position, entity_id in enumerate(ids):
            if entity_id not in self.entity_ids and entity_id not in self.unreadable:
                close = difflib.get_close_matches(entity_id, self.entity_ids, n=1, cutoff=0.75)
                self.issue("unknown-entity", f"unknown entity {entity_id!r}", [*loc, position],
                           hint=(f"did you mean {close[0]!r}? " if close else "")
                           + "declare new entities in raw/entities.yaml or under `entities:` in this file")

    def check_record_refs(self, table: str, record: BaseModel, loc: list[str | int], statement_ids: set[str]) -> None:
        if isinstance(record, (StatementAnnotation, QuotationAnnotation)):
            self.check_refs(record.speaker_ids, [*loc, "speaker_ids"])
            if record.cue and record.cue not in self.text:
                self.issue("cue-not-found", f"cue {record.cue!r} does not occur in the article", [*loc, "cue"],
                           hint="write the reporting verb exactly as it stands in the text, with و/ف attached")
        if isinstance(record, StatementAnnotation):
            self.check_refs(record.topic_ids, [*loc, "topic_ids"])
        if isinstance(record, QuotationAnnotation) and record.statement_id and record.statement_id not in statement_ids:
            self.issue("unknown-statement", f"statement {record.statement_id!r} is not in this file",
                       [*loc, "statement_id"], hint="use the id of a statement under `statements:` here, or remove it")
        if (isinstance(record, AgreementMentionAnnotation) and record.agreement_id not in self.agreement_ids
                and record.agreement_id not in self.unreadable):
            self.issue("unknown-agreement", f"unknown agreement {record.agreement_id!r}", [*loc, "agreement_id"],
                       hint="declare it in raw/agreements.yaml or under `agreements:` in this file")

    def anchor(self, record: TextQuoteSelector, loc: list[str | int]) -> tuple[int, int] | None:
        found = resolve(self.text, record.exact, record.prefix, record.suffix, record.start)
        if isinstance(found, AnchorFailure):
            message, hint = found.message, found.hint
            if found.code == "anchor-ambiguous":
                message, hint = ambiguity_help(self.text, record.exact, record.prefix, record.suffix)
            self.issue(found.code, message, [*loc, "exact"], hint=hint)
            return None
        start, end = found.start, found.end
        exact = self.text[start:end]
        if exact != exact.strip():
            self.issue("span-whitespace", "span starts or ends with white space", [*loc, "exact"],
                       hint="trim the spaces from `exact`")
        else:
            cut = word_cut(self.text, start, end)
            if cut is not None:
                where, word = cut
                self.issue("span-inside-word", f"span {where} inside the word {word!r}", [*loc, "exact"],
                           severity="warning",
                           hint=f"spans cover whole words: extend `exact` to the whole word {word!r} (only a "
                                "conjunction و or ف written onto the word may stay outside)")
        for segment in self.boilerplate:
            if segment.char_start < end and start < segment.char_end:
                self.issue("span-in-boilerplate", f"span lies in a {segment.kind} paragraph (boilerplate is never annotated)",
                           [*loc, "exact"], hint="remove the record, or fix the paragraph's kind in the metadata file")
                break
        return start, end

    def emit(self, table: str, record: BaseModel, span: tuple[int, int], loc: list[str | int],
             statement_spans: dict[str, tuple[int, int]]) -> None:
        start, end = span
        text = self.text[start:end]
        common: dict[str, Any] = {"article_id": self.article_id, "char_start": start, "char_end": end, "text": text}
        try:
            if isinstance(record, StatementAnnotation):
                statement_spans[record.id] = span
                self.result.statements.append(StatementRecord(
                    statement_id=f"{self.article_id}-{record.id}", speaker_ids=record.speaker_ids, cue=record.cue,
                    mode=record.mode, topic_ids=record.topic_ids, note=record.note, **common))
            elif isinstance(record, QuotationAnnotation):
                if text[0] in QUOTE_MARKS or text[-1] in QUOTE_MARKS:
                    self.issue("quote-mark-in-span", "a quotation's text excludes its quote marks", [*loc, "exact"],
                               hint="drop the opening/closing quote mark from `exact`")
                parent = statement_spans.get(record.statement_id or "")
                if parent and not (parent[0] <= start and end <= parent[1]):
                    self.issue("quotation-outside-statement",
                               f"quotation is not inside the span of its statement {record.statement_id!r}",
                               [*loc, "statement_id"], severity="warning")
                self.result.quotations.append(QuotationRecord(
                    quotation_id=f"{self.article_id}-{record.id}", speaker_ids=record.speaker_ids, cue=record.cue,
                    is_fragment=record.is_fragment,
                    statement_id=f"{self.article_id}-{record.statement_id}" if record.statement_id else None,
                    note=record.note, **common))
            elif isinstance(record, AgreementMentionAnnotation):
                self.result.agreement_mentions.append(AgreementMentionRecord(
                    mention_id=f"{self.article_id}-{record.id}", agreement_id=record.agreement_id,
                    reported_status=record.reported_status, note=record.note, **common))
        except ValidationError as exc:  # pragma: no cover - annotation models already enforce the same rules
            self.result.issues.extend(validation_issues(exc, self.display, self.locator))


def _path(loc: list[str | int]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(loc))


def read_registry(raw_dir: Path, today: dt.date | None = None) -> tuple[Registry, list[Issue]]:
    """``raw/entities.yaml`` and ``raw/agreements.yaml``, with duplicate and date checks."""
    today = today or dt.date.today()
    registry = Registry()
    issues: list[Issue] = []
    unreadable: set[str] = set()
    for name, model, key, target, files in (
        ("entities", EntitiesFile, "entity_id", registry.entities, registry.entity_files),
        ("agreements", AgreementsFile, "agreement_id", registry.agreements, registry.agreement_files),
    ):
        path = data_file(raw_dir, name)
        if path is None:
            continue
        digests: dict[Path, str] = {}
        parsed, locator, problems, salvaged = read_model_parts(path, model, path.name, digests)
        registry.input_sha256.update((p.name, digest) for p, digest in digests.items())
        issues.extend(problems)
        if parsed is None and salvaged is not None:
            # Records that break the format are reported; the others stay known, so that every
            # reference to them does not become an error too.
            parsed = salvaged.model
            unreadable |= salvaged.dropped_ids(name, key)
        if parsed is None:
            continue
        if isinstance(parsed, AgreementsFile):
            issues.extend(future_signed_dates(parsed.agreements, today, path.name, locator))
        for position, record in enumerate(getattr(parsed, name)):
            index = position if salvaged is None else salvaged.index(name, position)
            record_id = getattr(record, key)
            if record_id in target:
                line, column = locate(locator, [name, index, key])
                issues.append(Issue(path.name, line, column, "error", "duplicate-id",
                                    f"{key} {record_id!r} is declared twice", field=f"{name}[{index}].{key}",
                                    hint="give each record its own id, or remove the second one"))
                continue
            target[record_id] = record
            files[record_id] = path.name
    if unreadable:
        registry = dataclasses.replace(registry, unreadable=frozenset(unreadable))
    return registry, issues


def usable_cpus() -> int:
    """CPUs this process may run on (``jsec build``'s default ``--jobs``)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic GC while a batch of articles runs (build and validate): its objects are young and mostly freed by refcount.

    Full collections otherwise walk every live object again and again (~20% of the
    build); the cyclic garbage of a batch (parser state) is collected once afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            gc.collect(0)
