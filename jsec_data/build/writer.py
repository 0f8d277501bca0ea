"""Writing one table of a build: Arrow record batches in, a Parquet file of fixed row groups out, or
the previous build's file copied when the rows it was written from are the same."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from jsec_data.build.pack import DeferredBatch, resolved
from jsec_data.core.arrow import table_schema
from jsec_data.core.errors import BuildError
from jsec_data.raw.files import file_sha256

__all__ = ["DATA_SUBDIR", "ROW_GROUP_ROWS", "ZSTD_LEVEL", "TableRecord", "TableWriter", "discard", "table_path"]

DATA_SUBDIR = "data"
#: Rows per Parquet row group. Row groups are cut by row count only, so the output
#: bytes do not depend on the batch size (or the number of workers).
ROW_GROUP_ROWS = 4096


@dataclass(frozen=True)
class TableRecord:
    """One table of a build's output, and the batches it was written from: a later build whose
    batches have the same digests, in the same order, writes the same file (see :class:`TableWriter`)."""

    sha256: str  # of the Parquet file
    rows: int
    arrow_bytes: int
    batches: tuple[tuple[str, int], ...]  # (digest, rows) of each batch, in order


#: zstd level of the tables (zstd's default): level 9 took 4-5x as long to write the articles' text,
#: most of a rebuild's time after one edit, for files about a fifth smaller.
ZSTD_LEVEL = 3


def table_path(out_dir: Path, table: str) -> Path:
    """Where a table's Parquet file lives inside a build folder."""
    return out_dir / DATA_SUBDIR / f"{table}.parquet"


class TableWriter:
    """Collects one table's record batches and writes them as row groups of ROW_GROUP_ROWS rows.

    Given the previous build's file of the table (``previous``: its path and record), the writer
    writes nothing while the batches it is given are, digest for digest, the ones that file was
    written from; at the end it copies that file (the same rows give the same bytes). At the
    first batch that differs it writes the rows matched so far, read back from that file, and
    goes on writing.
    """

    def __init__(self, name: str, path: Path, previous: tuple[Path, TableRecord] | None = None) -> None:
        self.name = name
        self.schema = table_schema(name)
        self.path = path
        self.writer = pq.ParquetWriter(path, self.schema, compression="zstd", compression_level=ZSTD_LEVEL,
                                       write_statistics=True, use_dictionary=True)
        self.pending: list[pa.RecordBatch] = []
        self.pending_rows = 0
        self.rows = 0
        self.arrow_bytes = 0  # the table's in-memory Arrow size, for the dataset card
        self.previous = previous
        #: (digest, rows) of every batch given, for the next build; None once a batch came without a digest.
        self.batches: list[tuple[str, int]] | None = []
        self.matched = 0  # batches of the previous file matched so far
        self.matched_rows = 0
        self.sha256: str | None = None  # the file's SHA-256, when known without reading it again (copied)

    def extend(self, batch: pa.RecordBatch | DeferredBatch, digest: str | None = None) -> None:
        """Append rows already made into a record batch (by :func:`batch_columns`, maybe in a worker);
        ``digest``: the batch's digest in the build cache, if it has one. Rows from the cache
        (a :class:`DeferredBatch`) are read only if they are to be written."""
        if self.batches is not None:
            if digest is None:
                self.batches = None
            else:
                self.batches.append((digest, batch.num_rows))
        if self.previous is not None:
            batches = self.previous[1].batches
            if digest is not None and self.matched < len(batches) and batches[self.matched] == (digest, batch.num_rows):
                self.matched += 1
                self.matched_rows += batch.num_rows
                return
            self._write_matched()
        if batch.num_rows:
            self.pending.append(resolved(batch))
            self.pending_rows += batch.num_rows

    def _write_matched(self) -> None:
        """Stop matching: the rows matched so far, from the previous file, are written."""
        assert self.previous is not None
        path, record = self.previous
        self.previous = None
        left = self.matched_rows
        if not left:
            return
        parquet = pq.ParquetFile(path)
        for group in range(parquet.metadata.num_row_groups):
            table = parquet.read_row_group(group)
            table = pa.Table.from_arrays(table.slice(0, left).columns, schema=self.schema)
            for batch in table.to_batches():
                self.pending.append(batch)
                self.pending_rows += batch.num_rows
            left -= table.num_rows
            self.flush()
            if not left:
                break
        if left or file_sha256(path) != record.sha256:
            raise BuildError(f"{path} changed during the build (it is read back for the rows that did not change): "
                             "build again, or with --no-cache")

    def flush(self, final: bool = False) -> None:
        """Write full row groups (and, if ``final``, the remainder)."""
        while self.pending_rows >= ROW_GROUP_ROWS or (final and self.pending_rows):
            table = pa.Table.from_batches(self.pending, schema=self.schema)
            count = min(self.pending_rows, ROW_GROUP_ROWS)
            # Each column as one new array (offset 0), so neither the bytes written nor the
            # Arrow size counted depend on how rows were batched (batch size, --jobs).
            group = pa.Table.from_arrays([pa.concat_arrays(column.chunks) for column in table.slice(0, count).columns],
                                         schema=self.schema)
            self.writer.write_table(group, row_group_size=ROW_GROUP_ROWS)
            self.rows += count
            self.arrow_bytes += group.nbytes
            self.pending = table.slice(count).to_batches()
            self.pending_rows -= count

    def close(self) -> None:
        if self.previous is not None and self.matched == len(self.previous[1].batches):
            self.writer.close()
            path, record = self.previous
            if _copy_file(path, self.path) != record.sha256:
                raise BuildError(f"{path} changed during the build (it was to be copied, its rows unchanged): "
                                 "build again, or with --no-cache")
            self.rows, self.arrow_bytes, self.sha256 = record.rows, record.arrow_bytes, record.sha256
            return
        if self.previous is not None:
            self._write_matched()
        self.flush(final=True)
        self.writer.close()


    @property
    def reused(self) -> bool:
        """Whether the previous file was copied (its rows unchanged)."""
        return self.sha256 is not None

    def record(self, sha256: str) -> TableRecord | None:
        """What the next build needs to copy this table's file (``sha256``: the file's), if every batch had a digest."""
        return None if self.batches is None else TableRecord(sha256, self.rows, self.arrow_bytes, tuple(self.batches))


def _copy_file(source: Path, target: Path) -> str:
    """Copy a file; the SHA-256 of the bytes copied."""
    digest = hashlib.sha256()
    with source.open("rb") as reader, target.open("wb") as writer:
        while chunk := reader.read(1 << 20):
            digest.update(chunk)
            writer.write(chunk)
    return digest.hexdigest()


def discard(writers: Iterable[TableWriter]) -> None:
    """Close the Parquet writers of a build that stopped, ignoring their errors (a full disk fails
    each close again, and a writer left open would report it from its destructor)."""
    for table_writer in writers:
        writer = table_writer.writer
        try:
            writer.close()
        except Exception:  # (the build's own error is the one reported)
            writer.is_open = False
            handle = getattr(writer, "file_handle", None)
            if handle is not None:
                with contextlib.suppress(Exception):
                    handle.close()
