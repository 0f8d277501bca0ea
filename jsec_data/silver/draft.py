"""Phase 3 of the silver pass, one output shard per task: kept candidates -> drafted table rows -> Parquet.

Each kept candidate becomes an ``articles`` row as the build would make it from the same stored
text (paragraphs and boilerplate by :mod:`jsec_data.article.segment`, provenance from the source
record, ``annotation_status`` ``draft``); :func:`jsec_data.extract.extract_text` drafts its
annotations, whose selectors are anchored (:func:`jsec_data.core.anchor.resolve`) and validated
by the gold tables' models. A draft record that does not anchor or validate is dropped and counted.
The task writes one Parquet file per per-article table, under names fixed by the shard number,
each to a temporary name renamed into place: a task run twice (a worker lost) writes the same bytes
over the same names.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel, ValidationError

from jsec_data.article.segment import segment_paragraphs, split_paragraphs
from jsec_data.article.stage import gc_paused
from jsec_data.build.dataset import records_batch
from jsec_data.build.writer import ROW_GROUP_ROWS
from jsec_data.core.anchor import AnchorFailure, resolve
from jsec_data.core.issues import Issue
from jsec_data.core.models import (
    CONTENT_KINDS,
    AgreementMentionRecord,
    AgreementRecord,
    ArticleRecord,
    EntityRecord,
    NearCopy,
    QuotationRecord,
    StatementRecord,
)
from jsec_data.core.text import scan_unsafe
from jsec_data.extract import extract_text
from jsec_data.ingest import normalise_title
from jsec_data.ingest.codes import ingest_issue
from jsec_data.ingest.pipeline import parse_datetime
from jsec_data.silver.config import SilverConfig
from jsec_data.silver.group import Copy
from jsec_data.silver.schema import ARTICLE_TABLES, silver_schema
from jsec_data.silver.screen import SPILL_ROWS, spill_batches

__all__ = ["DraftOut", "DraftTask", "ShardFile", "TableFile", "draft_shard", "shard_path", "write_table"]

#: Kept articles per output shard (a constant: the shards do not depend on the number of workers).
SHARD_ARTICLES = 2048
_PARQUET_OPTIONS: dict[str, Any] = {"compression": "zstd", "compression_level": 9, "write_statistics": True,
                                    "use_dictionary": True}


@dataclass(frozen=True)
class DraftTask:
    """One output shard: its kept candidates (spill file path and row, in order) and their copies."""

    shard: int
    items: tuple[tuple[str, str, int], ...]  # (spill file, input file as displayed, row in the spill file)
    copies: dict[int, list[Copy]] = field(default_factory=dict)  # position in items -> its near-copies


@dataclass(frozen=True)
class ShardFile:
    """A Parquet file written: its path in the output folder, rows, size and SHA-256."""

    path: str
    rows: int
    bytes: int
    sha256: str


@dataclass
class DraftOut:
    """What a draft task wrote, and what it proposes (in first-seen order)."""

    shard: int
    files: dict[str, ShardFile] = field(default_factory=dict)
    entities: dict[str, tuple[EntityRecord, str, int]] = field(default_factory=dict)  # id -> (record, first article, count)
    agreements: dict[str, tuple[AgreementRecord, str, int]] = field(default_factory=dict)
    dropped: Counter[str] = field(default_factory=Counter)  # draft records not kept, by table and reason
    issues: list[Issue] = field(default_factory=list)


def shard_path(table: str, shard: int) -> str:
    """A shard's path inside the output folder (POSIX form)."""
    return f"data/{table}/part-{shard:05d}.parquet"


def draft_shard(config: SilverConfig, task: DraftTask) -> DraftOut:
    """Draft every article of one shard and write its Parquet files (the task of phase 3).

    Rows are written a row group (ROW_GROUP_ROWS rows) at a time, so a task holds one row group
    per table, whatever the size of its shard.
    """
    out = DraftOut(task.shard)
    writers = {name: TableFile(config.out_dir, shard_path(name, task.shard), name, config.extractor_version)
               for name in ARTICLE_TABLES}
    try:
        rows: dict[str, list[BaseModel]] = {name: [] for name in ARTICLE_TABLES}
        with gc_paused():
            for position, row in enumerate(_read_rows(task.items)):
                _draft_one(config, row, task.copies.get(position, []), rows, out)
                for name, records in rows.items():
                    if len(records) >= ROW_GROUP_ROWS:
                        writers[name].write(records[:ROW_GROUP_ROWS])
                        del records[:ROW_GROUP_ROWS]
        for name in ARTICLE_TABLES:
            writers[name].write(rows[name])
            out.files[name] = writers[name].close()
    finally:
        for writer in writers.values():
            writer.discard()
    return out


def _read_rows(items: Sequence[tuple[str, str, int]]) -> Iterable[dict[str, Any]]:
    """The spilled candidates ``items`` names, in order (each spill batch read once)."""
    wanted: dict[str, set[int]] = {}
    for spill, _, row in items:
        wanted.setdefault(spill, set()).add(row // SPILL_ROWS)
    cache: dict[tuple[str, int], dict[str, list[Any]]] = {}
    for spill, batches in wanted.items():
        for number, batch in enumerate(spill_batches(spill)):
            if number in batches:
                cache[(spill, number)] = batch.to_pydict()
    for spill, display, row in items:
        columns = cache[(spill, row // SPILL_ROWS)]
        record = {name: values[row % SPILL_ROWS] for name, values in columns.items()}
        record["file"] = display
        yield record


def _draft_one(config: SilverConfig, row: dict[str, Any], copies: list[Copy], rows: dict[str, list[BaseModel]],
               out: DraftOut) -> None:
    text: str = row["text"]
    article_id: str = row["article_id"]
    spans = [(kind, p.start, p.end) for p, kind in segment_paragraphs(split_paragraphs(text), None, text=text)]
    title = next((text[start:end] for kind, start, end in spans if kind == "title"), "")
    body = "\n".join(text[start:end] for kind, start, end in spans if kind in CONTENT_KINDS)
    source = f"{row['file']}#{row['record']}"
    retrieved = _when(row, "retrieved", out, config)
    published = _when(row, "published", out, config)
    outlet = row["outlet"]
    outlet_name = config.outlets.get(outlet) if outlet else None
    byline = normalise_title(row["byline"]) if row["byline"] else ""
    attribution = config.attribution if config.attribution is not None else (
        "; ".join(part for part in (outlet_name or outlet, config.mapping.collection) if part) or None)
    article = ArticleRecord(
        article_id=article_id, title=title, text=text, body=body,
        segments=[{"kind": kind, "char_start": start, "char_end": end} for kind, start, end in spans],  # type: ignore[misc]
        language="ar", credits=[], source_file=source,
        source_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), char_count=len(text),
        annotation_status="draft", source_url=row["url"], outlet_id=outlet or None, outlet_name=outlet_name,
        byline=byline or None, published=published.date() if published else None, retrieved=retrieved,
        collection=config.mapping.collection, licence=config.licence, attribution=attribution,
        source_record_sha256=row["source_record_sha256"], near_copies=[_near_copy(copy) for copy in copies],
    )
    rows["articles"].append(article)
    hidden = scan_unsafe(text)
    if hidden:
        names = sorted({f"U+{ord(bad.char):04X} {bad.name}" for bad in hidden})
        out.issues.append(ingest_issue(source, "ingest-hidden-characters",
                                       f"article {article_id}: {len(hidden)} hidden character(s) kept as they are: "
                                       f"{', '.join(names)}", line=hidden[0].line, column=hidden[0].column))
    draft = extract_text(text, article_id, config.registry)
    made: dict[str, list[BaseModel]] = {name: [] for name in ARTICLE_TABLES[1:]}
    for table, key in (("statements", "statements"), ("quotations", "quotations"),
                       ("agreement_mentions", "agreement_mentions")):
        for record in draft.get(key) or []:
            made_record = _record(table, article_id, text, record, out)
            if made_record is not None:
                made[table].append(made_record)
    for table, records in made.items():
        records.sort(key=lambda r: (r.char_start, r.char_end, getattr(r, _ID_FIELD[table])))  # type: ignore[attr-defined]
        rows[table].extend(records)
    _propose(out.entities, EntityRecord, "entity_id", draft.get("entities") or [], article_id, out)
    _propose(out.agreements, AgreementRecord, "agreement_id", draft.get("agreements") or [], article_id, out)


def _near_copy(copy: Copy) -> NearCopy:
    url, outlet, retrieved, similarity, record_sha = copy
    when = parse_datetime(retrieved) if retrieved and retrieved.strip() else None
    return NearCopy(source_url=url, outlet_id=outlet, retrieved=when, similarity=similarity, source_record_sha256=record_sha)


_ID_FIELD = {"statements": "statement_id", "quotations": "quotation_id", "agreement_mentions": "mention_id"}


def _record(table: str, article_id: str, text: str, record: dict[str, Any], out: DraftOut) -> BaseModel | None:
    """A draft record (selector and fields) as a table row, or None (counted in ``out.dropped``)."""
    found = resolve(text, record.get("exact") or "", record.get("prefix"), record.get("suffix"), record.get("start"))
    if isinstance(found, AnchorFailure):
        out.dropped[f"{table}: {found.code}"] += 1
        return None
    local = record.get("id")
    common: dict[str, Any] = {"article_id": article_id, "char_start": found.start, "char_end": found.end,
                              "text": text[found.start:found.end], "note": record.get("note")}
    try:
        if table == "quotations":
            statement = record.get("statement_id")
            return QuotationRecord.model_validate({
                "quotation_id": f"{article_id}-{local}", "speaker_ids": record.get("speaker_ids"), "cue": record.get("cue"),
                "is_fragment": bool(record.get("is_fragment")),
                "statement_id": f"{article_id}-{statement}" if statement else None, **common})
        if table == "statements":
            return StatementRecord.model_validate({
                "statement_id": f"{article_id}-{local}", "speaker_ids": record.get("speaker_ids"), "cue": record.get("cue"),
                "mode": record.get("mode"), "topic_ids": record.get("topic_ids") or [], **common})
        return AgreementMentionRecord.model_validate({
            "mention_id": f"{article_id}-{local}", "agreement_id": record.get("agreement_id"),
            "reported_status": record.get("reported_status"), **common})
    except ValidationError as exc:
        out.dropped[f"{table}: schema-{exc.errors()[0]['type']}"] += 1
        return None


def _propose(target: dict[str, tuple[Any, str, int]], model: type[BaseModel], key: str, proposals: list[dict[str, Any]],
             article_id: str, out: DraftOut) -> None:
    for data in proposals:
        try:
            record = model.model_validate(data)
        except ValidationError as exc:
            out.dropped[f"{key.split('_')[0]}s: schema-{exc.errors()[0]['type']}"] += 1
            continue
        record_id = getattr(record, key)
        if record_id in target:
            first, first_article, count = target[record_id]
            target[record_id] = (merge_proposals(first, record), first_article, count + 1)
        else:
            target[record_id] = (record, article_id, 1)


def merge_proposals(first: Any, later: Any) -> Any:
    """The first proposal of an id, with the Arabic names of a later one added (in first-seen order)."""
    if isinstance(first, EntityRecord) and isinstance(later, EntityRecord):
        names = list(dict.fromkeys([*first.names_ar, *later.names_ar]))
        if names != first.names_ar:
            return first.model_copy(update={"names_ar": names})
    return first


def _when(row: dict[str, Any], name: str, out: DraftOut, config: SilverConfig) -> dt.datetime | None:
    value = row[name]
    if not value or not value.strip():
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        out.issues.append(ingest_issue(row["file"], "ingest-bad-date", f"record {row['record']}: {name} {value[:40]!r} "
                                       "is not an ISO 8601 date or time: left null", line=row["line"],
                                       field=getattr(config.mapping, name)))
    return parsed


class TableFile:
    """One silver Parquet file, written a row group at a time to a temporary name and renamed into
    place by :meth:`close` (its SHA-256 counted on the way)."""

    def __init__(self, out_dir: str, relative: str, table: str, version: str) -> None:
        self.relative, self.table, self.version = relative, table, version
        self.schema = silver_schema(table)
        self.path = os.path.join(out_dir, *relative.split("/"))  # noqa: PTH118
        os.makedirs(os.path.dirname(self.path), exist_ok=True)  # noqa: PTH103, PTH120
        self.temporary = f"{self.path}.tmp-{os.getpid()}-{time.monotonic_ns()}"
        # No row group is written for no rows (one of 0 rows stops `datasets`).
        self.writer: pq.ParquetWriter | None = pq.ParquetWriter(self.temporary, self.schema, **_PARQUET_OPTIONS)
        self.rows = 0

    def write(self, records: Sequence[BaseModel], extra: dict[str, list[Any]] | None = None) -> None:
        """Append ``records`` (the gold model's rows; ``extra``: the proposal columns) with the machine columns."""
        if not records or self.writer is None:
            return
        batch = records_batch(self.table, records)
        count = batch.num_rows
        columns = [*batch.columns, pa.array(["machine"] * count, pa.string()), pa.array([self.version] * count, pa.string())]
        for name, values in (extra or {}).items():
            columns.append(pa.array(values, type=self.schema.field(name).type))
        self.writer.write_table(pa.Table.from_arrays(columns, schema=self.schema), row_group_size=ROW_GROUP_ROWS)
        self.rows += count

    def close(self) -> ShardFile:
        assert self.writer is not None
        self.writer.close()
        self.writer = None
        digest = hashlib.sha256()
        size = 0
        with open(self.temporary, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
        os.replace(self.temporary, self.path)  # noqa: PTH105
        return ShardFile(self.relative, self.rows, size, digest.hexdigest())

    def discard(self) -> None:
        """Drop the file if it was not closed (the task failed)."""
        if self.writer is not None:
            with contextlib.suppress(Exception):
                self.writer.close()
            self.writer = None
        with contextlib.suppress(OSError):
            os.remove(self.temporary)  # noqa: PTH107


def write_table(out_dir: str, relative: str, table: str, records: Sequence[BaseModel], version: str,
                extra: dict[str, list[Any]] | None = None) -> ShardFile:
    """Write ``records`` (the gold model's rows) with the machine columns as one Parquet file, atomically."""
    writer = TableFile(out_dir, relative, table, version)
    try:
        for start in range(0, len(records), ROW_GROUP_ROWS):
            writer.write(records[start:start + ROW_GROUP_ROWS],
                         {name: values[start:start + ROW_GROUP_ROWS] for name, values in (extra or {}).items()})
        return writer.close()
    finally:
        writer.discard()
