"""The build cache's pack: one batch of articles' rows and records, checksummed; its tables read when asked for.

A pack is ``magic | checksum | body``; the body is length-prefixed chunks: a JSON head (the pack's id,
the SHA-256 of each table's stream, and per article its key, row counts, issues, input checksums and declared
records), then one Arrow IPC stream per table of :data:`ARTICLE_TABLES` (LZ4); the checksum is the SHA-256 of
the chunks' sizes, the head and each stream's SHA-256 (see :func:`_checksum`). :func:`decode_pack` checks the
checksum, the id, every table's digest and schema, and re-validates the JSON with the models before a pack is used.

A table's rows are read (decompressed, validated in full: offsets, UTF-8, row counts) only when something asks for
them: a rebuild after one edit copies most tables from the previous output, and their rows are then never needed.
A pack that passed those checks but whose rows do not read back raises :class:`DamagedPack` there; the build then
drops the pack and builds again (``jsec_data.build.dataset``), so such rows never reach an output.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import struct
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.ipc

from jsec_data.core.arrow import table_schema
from jsec_data.core.issues import Issue
from jsec_data.core.models import AgreementRecord, EntityRecord

__all__ = ["ARTICLE_TABLES", "MAGIC", "BatchResult", "DamagedPack", "Declared", "DeferredBatch", "Pack", "PackArticle",
           "articles_of", "decode_pack", "encode_pack", "join", "resolved"]

#: Pack format (bump when the layout changes: older packs then fail their magic and are ignored).
MAGIC = b"JSECPACK\x03"
_DIGEST_BYTES = 32
#: Per-article tables, in the build's order.
ARTICLE_TABLES = ("articles", "statements", "quotations", "agreement_mentions")
#: LZ4: a rebuild reads every pack; LZ4 decodes 2.5x as fast as zstd, for about 1.4x the bytes on disk.
_IPC_OPTIONS = pa.ipc.IpcWriteOptions(compression="lz4")

Declared = tuple[str, list[EntityRecord], list[AgreementRecord]]


class DamagedPack(Exception):
    """A pack whose checksum, id and schemas held but whose rows do not read back (written by another tool)."""

    def __init__(self, pack_id: str, reason: str) -> None:
        super().__init__(pack_id, reason)
        self.pack_id = pack_id
        self.reason = reason

    def __str__(self) -> str:
        return f"build cache pack {self.pack_id}: {self.reason}"


class DeferredBatch:
    """A table's rows for a batch, made of runs of rows of packs, read from them only when :meth:`load` is called."""

    __slots__ = ("_runs", "name", "num_rows")

    def __init__(self, name: str, runs: Sequence[tuple[Pack, int, int]]) -> None:
        self.name = name
        self.num_rows = sum(length for _, _, length in runs)
        self._runs = list(runs)

    def load(self) -> pa.RecordBatch:
        return _concat(self.name, [pack.table(self.name).slice(start, length) for pack, start, length in self._runs])


def resolved(batch: pa.RecordBatch | DeferredBatch) -> pa.RecordBatch:
    """The rows of ``batch``, read if they were deferred."""
    return batch if isinstance(batch, pa.RecordBatch) else batch.load()


@dataclass
class BatchResult:
    """The per-article stage's results for a run of articles, in article order.

    ``spans[i]`` = (article id, rows in each of :data:`ARTICLE_TABLES`, issues, input files,
    whether it declares records) of the i-th article; ``input_sha256`` holds every input's
    digest by ``folder/name`` in reading order; ``declared`` the declaring articles' records.
    A table read from the cache may be a :class:`DeferredBatch` (see :func:`resolved`).
    """

    tables: Mapping[str, pa.RecordBatch | DeferredBatch]
    issues: list[Issue]
    input_files: int
    input_sha256: dict[str, str]
    declared: list[Declared]
    spans: list[tuple[Any, ...]]
    #: SHA-256 of each table's rows as stored in a pack (equal digests: equal rows), when the batch is in one.
    digests: dict[str, str] | None = None


@dataclass
class PackArticle:
    """One article's entry in a pack: where its rows are, and everything else it contributes."""

    key: str
    article_id: str
    rows: tuple[int, int, int, int]
    issues: list[Issue]
    input_files: int
    input_sha256: dict[str, str]
    declared: Declared | None


@dataclass(eq=False)
class Pack:
    """A batch's rows (given, or read from a pack's streams when first asked for) and its articles."""

    pack_id: str
    articles: list[PackArticle]
    digests: dict[str, str]  # table -> SHA-256 of its Arrow stream in the pack ({} for rows not in a pack)
    tables: dict[str, pa.RecordBatch] = field(default_factory=dict)  # the rows read (or given) so far
    streams: dict[str, pa.Buffer] = field(default_factory=dict, repr=False)  # table -> its stream, until read

    def __post_init__(self) -> None:
        #: Rows of each table.
        self.totals = {name: sum(article.rows[index] for article in self.articles) for index, name in enumerate(ARTICLE_TABLES)}

    @functools.cached_property
    def offsets(self) -> list[tuple[int, int, int, int]]:
        """Each article's first row in each table."""
        offsets = []
        at = (0, 0, 0, 0)
        for article in self.articles:
            offsets.append(at)
            at = (at[0] + article.rows[0], at[1] + article.rows[1], at[2] + article.rows[2], at[3] + article.rows[3])
        return offsets

    def table(self, name: str) -> pa.RecordBatch:
        """The table's rows, read from its stream (and validated in full) the first time."""
        batch = self.tables.get(name)
        if batch is None:
            try:
                batch = _read_table(self.streams[name], name)
            except Exception as exc:  # anything that does not read back is not trusted
                raise DamagedPack(self.pack_id, f"{name}: {exc}") from None
            if batch.num_rows != self.totals[name]:
                raise DamagedPack(self.pack_id, f"{name}: {batch.num_rows} rows, its articles have {self.totals[name]}")
            self.tables[name] = batch
            del self.streams[name]
        return batch

    def position(self, key: str) -> int | None:
        for position, article in enumerate(self.articles):
            if article.key == key:
                return position
        return None


def articles_of(fresh: BatchResult, found_keys: Sequence[tuple[str, dict[str, str]] | None]) -> list[PackArticle]:
    """Entries for the freshly processed articles (in order), given the key each had (and its files' digests) when
    the batch began; an article whose files changed while it was processed gets an empty key: it is not stored."""
    articles = []
    issue_at = declared_at = 0
    for span, found in zip(fresh.spans, found_keys, strict=True):
        article_id, *rows, issue_count, input_files, declares = span
        inputs = {name: value for name, value in fresh.input_sha256.items() if article_id in name}
        stable = found is not None and all(found[1].get(name) == value for name, value in inputs.items())
        articles.append(PackArticle(found[0] if found is not None and stable else "", article_id,
                                    (rows[0], rows[1], rows[2], rows[3]),
                                    fresh.issues[issue_at:issue_at + issue_count], input_files, inputs,
                                    fresh.declared[declared_at] if declares else None))
        issue_at += issue_count
        declared_at += bool(declares)
    return articles


def join(parts: Sequence[tuple[Pack, int]], *, defer: bool) -> BatchResult:
    """The batch made of these articles (each a pack and a position in it), in order. ``defer``: tables as
    :class:`DeferredBatch` (read when written), else read now (raises :class:`DamagedPack`)."""
    issues: list[Issue] = []
    input_files = 0
    input_sha256: dict[str, str] = {}
    declared: list[Declared] = []
    spans: list[tuple[Any, ...]] = []
    whole = parts[0][0] if parts and len(parts) == len(parts[0][0].articles) else None
    if whole is not None and all(pack is whole and position == at for at, (pack, position) in enumerate(parts)):
        runs = {name: [(whole, 0, rows)] if rows else [] for name, rows in whole.totals.items()}  # (a rebuild's usual case)
    else:
        whole = None
        runs = {name: [] for name in ARTICLE_TABLES}
    for pack, position in parts:
        article = pack.articles[position]
        if whole is None:
            for index, name in enumerate(ARTICLE_TABLES):
                _extend_run(runs[name], pack, pack.offsets[position][index], article.rows[index])
        issues.extend(article.issues)
        input_files += article.input_files
        input_sha256.update(article.input_sha256)
        if article.declared is not None:
            declared.append(article.declared)
        spans.append((article.article_id, *article.rows, len(article.issues), article.input_files, article.declared is not None))
    deferred = {name: DeferredBatch(name, table_runs) for name, table_runs in runs.items()}
    tables: dict[str, pa.RecordBatch | DeferredBatch] = (
        dict(deferred) if defer else {name: batch.load() for name, batch in deferred.items()})
    return BatchResult(tables, issues, input_files, input_sha256, declared, spans)


def _extend_run(runs: list[tuple[Pack, int, int]], pack: Pack, start: int, length: int) -> None:
    """Add rows [start, start + length) of ``pack``'s table, merged with the previous run when contiguous."""
    if not length:
        return
    if runs and runs[-1][0] is pack and runs[-1][1] + runs[-1][2] == start:
        runs[-1] = (pack, runs[-1][1], runs[-1][2] + length)
    else:
        runs.append((pack, start, length))


def _concat(name: str, batches: list[pa.RecordBatch]) -> pa.RecordBatch:
    schema = table_schema(name)
    if len(batches) == 1:
        return batches[0]
    if not batches:
        return pa.RecordBatch.from_arrays([pa.array([], type=f.type) for f in schema], schema=schema)
    (combined,) = pa.Table.from_batches(batches, schema=schema).combine_chunks().to_batches()
    return combined


def encode_pack(pack_id: str, result: BatchResult, articles: Iterable[PackArticle]) -> tuple[bytes, dict[str, str]]:
    """The pack's bytes and the digest of each table's stream (reads deferred rows: may raise :class:`DamagedPack`)."""
    streams = []
    for name in ARTICLE_TABLES:
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table_schema(name), options=_IPC_OPTIONS) as writer:
            writer.write_batch(resolved(result.tables[name]))
        streams.append(sink.getvalue().to_pybytes())
    # Equal stream bytes read back as equal rows, so equal digests mean equal tables.
    digests = {name: hashlib.sha256(stream).hexdigest() for name, stream in zip(ARTICLE_TABLES, streams, strict=True)}
    meta = {"pack": pack_id, "tables": digests, "articles": [
        [article.key, article.article_id, list(article.rows), [dataclasses.asdict(issue) for issue in article.issues], article.input_files,
         list(article.input_sha256.items()),  # pairs: their order is the inputs listing's order
         None if article.declared is None else [article.declared[0],
                                                [entity.model_dump(mode="json") for entity in article.declared[1]],
                                                [agreement.model_dump(mode="json") for agreement in article.declared[2]]]]
        for article in articles]}
    chunks = [json.dumps(meta, ensure_ascii=False).encode("utf-8"), *streams]
    body = b"".join(struct.pack("<Q", len(chunk)) + chunk for chunk in chunks)
    checksum = _checksum(chunks[0], [hashlib.sha256(stream).digest() for stream in streams], [len(c) for c in chunks])
    return MAGIC + checksum + body, digests


def _checksum(meta: bytes | memoryview, stream_digests: Sequence[bytes], sizes: Sequence[int]) -> bytes:
    """The pack's checksum: SHA-256 over the chunks' sizes, the JSON head and each stream's SHA-256 (the
    streams, most of a pack, are hashed once, for both this and their digests)."""
    digest = hashlib.sha256(b"".join(struct.pack("<Q", size) for size in sizes))
    digest.update(meta)
    for stream_digest in stream_digests:
        digest.update(stream_digest)
    return digest.digest()


def decode_pack(data: bytes, pack_id: str) -> Pack | None:
    """The pack in ``data`` if it is whole, is ``pack_id``'s, its digests and schemas hold and its JSON
    validates; else None. Its rows are read when asked for (:meth:`Pack.table`)."""
    head = len(MAGIC) + _DIGEST_BYTES
    if len(data) < head or not data.startswith(MAGIC):
        return None
    view = memoryview(data)
    try:
        chunks: list[tuple[int, int]] = []
        at = head
        while at < len(data):
            (size,) = struct.unpack_from("<Q", data, at)
            if at + 8 + size > len(data):
                return None
            chunks.append((at + 8, size))
            at += 8 + size
        if len(chunks) != 1 + len(ARTICLE_TABLES):
            return None
        stream_digests = [hashlib.sha256(view[start:start + size]).digest() for start, size in chunks[1:]]
        start, size = chunks[0]
        if _checksum(view[start:start + size], stream_digests, [size for _, size in chunks]) != view[len(MAGIC):head]:
            return None
        meta = json.loads(view[start:start + size].tobytes().decode("utf-8"))
        if not isinstance(meta, dict) or meta.get("pack") != pack_id:
            return None
        digests = meta.get("tables")
        if not isinstance(digests, dict) or digests != {
                name: stream_digest.hex() for name, stream_digest in zip(ARTICLE_TABLES, stream_digests, strict=True)}:
            return None
        buffer = pa.py_buffer(data)
        streams = {name: buffer.slice(start, size) for name, (start, size) in zip(ARTICLE_TABLES, chunks[1:], strict=True)}
        for name, stream in streams.items():
            if not pa.ipc.open_stream(stream).schema.equals(table_schema(name), check_metadata=True):
                return None
        articles = [PackArticle(str(key), str(article_id), (int(rows[0]), int(rows[1]), int(rows[2]), int(rows[3])),
                                [Issue(**issue) for issue in issues], int(input_files),
                                {str(name): str(value) for name, value in inputs},
                                None if declared is None else (
                                    str(declared[0]),
                                    [EntityRecord.model_validate(entity) for entity in declared[1]],
                                    [AgreementRecord.model_validate(agreement) for agreement in declared[2]]))
                    for key, article_id, rows, issues, input_files, inputs, declared in meta["articles"]]
        return Pack(pack_id, articles, digests, streams=streams)
    except Exception:  # anything that does not read back is not trusted
        return None


def _read_table(stream: pa.Buffer, name: str) -> pa.RecordBatch:
    """One table's rows from an Arrow IPC stream, which must carry exactly the table's schema."""
    reader = pa.ipc.open_stream(stream)
    if not reader.schema.equals(table_schema(name), check_metadata=True):
        raise ValueError(f"{name}: not the table's schema")
    batches = reader.read_all().to_batches()
    batch = batches[0] if len(batches) == 1 else _concat(name, batches)
    batch.validate(full=True)  # offsets and UTF-8 checked: nothing out of bounds reaches the writer
    return batch
