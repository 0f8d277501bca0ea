"""Phase 1 of the silver pass, one input file per task: read, normalise, screen, spill the candidates.

The records go through the ingest stage's own steps (:mod:`jsec_data.ingest`): the readers
(``iter_records``: JSON, JSON Lines, Parquet, gzip or not, streamed), the normalisation of title
and text, the rejection of what cannot be an article, the relevance filter
(:func:`jsec_data.ingest.relevance.screen` on the fields as found, then
:func:`jsec_data.ingest.relevance.assess` on those that may name Japan) and the article id (:func:`jsec_data.ingest.writer.article_id_for`).
What passes is a *candidate*: its stored text, provenance fields and word-shingle hashes
(:func:`jsec_data.ingest.nearcopy.shingles`) and their MinHash signature go to a spill file (Arrow IPC, written to a
temporary name and renamed), in input order; the problems go to a JSON Lines file beside it. A file's first
:data:`SIGNED_BY_GROUPING` candidates are sent unsigned: the grouping signs them.
A task's output depends only on its file, so a task run twice (a worker lost) writes the same bytes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.ipc

from jsec_data.core.issues import Issue
from jsec_data.core.text import MAX_ARTICLE_BYTES
from jsec_data.ingest import ReadProblem, SourceRecord, iter_records, normalise_text, normalise_title
from jsec_data.ingest.codes import ingest_issue
from jsec_data.ingest.nearcopy import shingles
from jsec_data.ingest.relevance import assess, screen
from jsec_data.ingest.writer import article_id_for
from jsec_data.silver.config import SilverConfig

__all__ = ["SIGNED_BY_GROUPING", "SPILL_ROWS", "SPILL_SCHEMA", "ScreenOut", "ScreenTask", "screen_file", "spill_batches"]

#: Rows per record batch of a spill file (every batch but the last is full: row r is in batch r // SPILL_ROWS).
SPILL_ROWS = 256

SPILL_SCHEMA = pa.schema([
    pa.field("record", pa.int64(), nullable=False),
    pa.field("line", pa.int64()),
    pa.field("article_id", pa.string(), nullable=False),
    pa.field("url", pa.string()),
    pa.field("digest", pa.string(), nullable=False),  # SHA-256 of the stored text
    pa.field("shingles", pa.binary(), nullable=False),  # sorted distinct uint32 shingle hashes
    pa.field("minhash", pa.binary(), nullable=False),  # the LSH bands' part of the MinHash signature (uint64)
    pa.field("text", pa.string(), nullable=False),
    pa.field("outlet", pa.string()),
    pa.field("byline", pa.string()),
    pa.field("retrieved", pa.string()),
    pa.field("published", pa.string()),
    pa.field("source_record_sha256", pa.string(), nullable=False),
    pa.field("score", pa.float64(), nullable=False),
])


@dataclass(frozen=True)
class ScreenTask:
    """One input file: its position among the inputs, its path, and how problems name it."""

    index: int
    path: str
    display: str


@dataclass
class ScreenOut:
    """What a screening task did; the candidates and problems are in files (``spill``, ``issues``)."""

    index: int
    spill: str | None = None
    candidates: int = 0
    counts: Counter[str] = field(default_factory=Counter)  # read, rejected, off_topic
    issues: str | None = None
    issue_codes: Counter[str] = field(default_factory=Counter)


def nfc(value: str | None) -> str | None:
    """``value`` in Unicode NFC (a metadata value is stored so: the ingest does the same)."""
    if value is None or unicodedata.is_normalized("NFC", value):
        return value
    return unicodedata.normalize("NFC", value)


def screen_file(config: SilverConfig, task: ScreenTask) -> ScreenOut:
    """Read one input file and spill its candidates (the task of phase 1)."""
    out = ScreenOut(task.index)
    spill_path = os.path.join(config.work_dir, f"candidates-{task.index:06d}.arrow")  # noqa: PTH118
    issues_path = os.path.join(config.work_dir, f"issues-{task.index:06d}.jsonl")  # noqa: PTH118
    spill = _AtomicFile(spill_path)
    problems = _AtomicFile(issues_path)
    writer: pa.ipc.RecordBatchFileWriter | None = None
    rows: list[dict[str, Any]] = []
    try:
        for row in _candidates(config, task, out, problems):
            rows.append(row)
            if len(rows) == SPILL_ROWS:
                writer = writer or pa.ipc.new_file(spill.open(), SPILL_SCHEMA)
                writer.write_batch(pa.RecordBatch.from_pylist(rows, schema=SPILL_SCHEMA))
                rows = []
        if rows:
            writer = writer or pa.ipc.new_file(spill.open(), SPILL_SCHEMA)
            writer.write_batch(pa.RecordBatch.from_pylist(rows, schema=SPILL_SCHEMA))
        if writer is not None:
            writer.close()
            spill.commit()
            out.spill = spill_path
        if problems.handle is not None:
            problems.commit()
            out.issues = issues_path
    finally:
        spill.discard()
        problems.discard()
    return out


def _candidates(config: SilverConfig, task: ScreenTask, out: ScreenOut, problems: _AtomicFile) -> Iterator[dict[str, Any]]:
    """The file's candidates, in order (the counts and problems recorded on the way)."""
    mapping = config.mapping
    counts = out.counts

    def report(issue: Issue) -> None:
        problems.write(json.dumps(dataclasses.asdict(issue), ensure_ascii=False, sort_keys=True) + "\n")
        out.issue_codes[issue.code] += 1

    for item in iter_records(task.path, mapping, display=task.display):
        if isinstance(item, ReadProblem):
            report(item.issue)
            if item.record is not None:
                counts["read"] += 1
                counts["rejected"] += 1
            continue
        counts["read"] += 1
        if not config.keep_all and item.text and not item.text.isspace():  # (so not empty once normalised)
            # Most records of a feed name Japan nowhere: judged on the fields as found, not normalised.
            quick = screen(item.title or "", item.text, min_score=config.min_score)
            if quick is not None and not quick.on_topic:
                counts["off_topic"] += 1
                continue
        title = normalise_title(item.title) if item.title else ""
        body = normalise_text(item.text or "")
        if not body:
            counts["rejected"] += 1
            report(ingest_issue(item.file, "ingest-empty-text", f"{item.where()}: the text is empty once normalised"
                                + (" (only white space or entities)" if item.text else ""), line=item.line,
                                field=mapping.text))
            continue
        verdict = assess(title, body, min_score=config.min_score)
        if not verdict.on_topic and not config.keep_all:
            counts["off_topic"] += 1
            continue
        text = f"{title}\n{body}\n" if title else f"{body}\n"  # = stored_article(item.title, item.text)
        problem = _too_large(item, text, mapping.text)
        if problem is not None:
            counts["rejected"] += 1
            report(problem)
            continue
        out.candidates += 1
        yield _row(item, text, verdict.score, sign=out.candidates > SIGNED_BY_GROUPING)


#: A task's first candidates leave their MinHash signature to the grouping (phase 2, in the main process): a
#: file with few candidates, most files once the relevance filter has run, then spares its worker importing
#: datasketch and SciPy (0.25 s); the main process imports them once, while the workers screen.
SIGNED_BY_GROUPING = 32


def _too_large(item: SourceRecord, text: str, field_name: str | None) -> Issue | None:
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:  # a \udcxx escape in the JSON: not text
        return ingest_issue(item.file, "ingest-invalid-utf8", f"{item.where()}: the text holds a lone surrogate "
                            f"(U+{ord(exc.object[exc.start]):04X}), which is not UTF-8 text", line=item.line, field=field_name)
    if size > MAX_ARTICLE_BYTES:
        return ingest_issue(item.file, "ingest-article-too-large", f"{item.where()}: the article would be {size:,} bytes; "
                            f"the build's limit is {MAX_ARTICLE_BYTES:,}", line=item.line, field=field_name)
    return None


def _row(item: SourceRecord, text: str, score: float, *, sign: bool) -> dict[str, Any]:
    from jsec_data.silver.group import minhash_signature

    text_shingles = shingles(text)
    return {
        "record": item.record,
        "line": item.line,
        "article_id": article_id_for(item.url, item.outlet, text),
        "url": nfc(item.url),
        "digest": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "shingles": text_shingles.tobytes(),
        "minhash": minhash_signature(text_shingles) if sign else b"",
        "text": text,
        "outlet": nfc(item.outlet),
        "byline": item.byline,
        "retrieved": item.retrieved,
        "published": item.published,
        "source_record_sha256": item.source_record_sha256,
        "score": float(score),
    }


def spill_batches(path: str, columns: list[str] | None = None) -> Iterator[pa.RecordBatch]:
    """A spill file's record batches, in order (only ``columns`` when given), memory-mapped."""
    with pa.memory_map(path) as source:
        reader = pa.ipc.open_file(source)
        for index in range(reader.num_record_batches):
            batch = reader.get_batch(index)
            yield batch.select(columns) if columns else batch


class _AtomicFile:
    """A file written under a temporary name and renamed into place by :meth:`commit`."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.temporary = f"{path}.tmp-{os.getpid()}-{time.monotonic_ns()}"
        self.handle: Any = None

    def open(self) -> Any:
        if self.handle is None:
            self.handle = open(self.temporary, "wb")  # noqa: SIM115 (closed by commit or discard)
        return self.handle

    def write(self, text: str) -> None:
        self.open().write(text.encode("utf-8", "surrogatepass"))

    def commit(self) -> None:
        self.handle.flush()
        self.handle.close()
        self.handle = None
        os.replace(self.temporary, self.path)  # noqa: PTH105

    def discard(self) -> None:
        if self.handle is not None:
            with contextlib.suppress(OSError):
                self.handle.close()
            self.handle = None
        with contextlib.suppress(OSError):
            os.remove(self.temporary)  # noqa: PTH107
