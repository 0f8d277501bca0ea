"""The incremental build cache: each article's share of the tables, kept under the hash of what made it.

``jsec build`` turns each article into its rows (articles, statements, quotations, agreement_mentions), its issues and
the records its annotation file declares. That result is a pure function of the article's raw files, the registries,
the date and the code, so it is kept under a content address, the article's *key*:

    key = SHA-256(cache format, code digest, registry files' SHA-256, today,
                  article file name + SHA-256 of its bytes,
                  annotation file name + SHA-256 (or none), metadata file name + SHA-256 (or none))

The code digest covers the package's source and data files (``jsec_data/**/*.py``, word lists, templates) and the
Python, pyarrow and pydantic versions, so any change of code re-processes everything; a change in
``raw/entities.yaml`` or ``raw/agreements.yaml`` changes every key (every article is checked against the registries);
an edited annotation changes its own article's key only. A build after one edit re-processes that article and reads
every other from the cache; the tables are written from the same Arrow rows in the same order, so the output is
byte-identical to a clean build (``jsec build --no-cache``).

**Storage.** Results are stored by batch (the build's batches of consecutive articles): a *pack* ``packs/<id>`` holds
one batch's rows (one Arrow IPC stream per table, LZ4-compressed) and, per article, its key, row counts, issues,
input checksums and declared records; ``packs/<id>.keys`` lists its articles' keys. A pack's id is the hash of its
articles' keys, so an unchanged batch is one file read. When a batch changed, each of its other articles is found by
key in the packs of earlier builds (the ``.keys`` files are the index) and only the articles found nowhere are
processed; the batch is then stored as a new pack.

**Tables copied.** Each pack records the SHA-256 of each table's Arrow stream (checked on reading), so a batch's rows
have a digest. ``tables`` records, for each table of the last output written, its file's SHA-256 and the digests of
the batches it was written from (:class:`TableRecord`); the next build into that folder copies a table's file when its
batches have those digests in that order, instead of writing it again (``jsec_data.build.dataset``).

**Where.** ``.jsec-cache/`` beside the output folder (``--out dataset`` -> ``./.jsec-cache/``). ``jsec
build --no-cache`` neither reads nor writes it; deleting it is always safe. After a successful build, packs the build
neither wrote nor read are removed, so the cache holds about one build's worth of results (a tenth of the tables' size
in memory, compressed). ``figures/`` keeps the card's figure of the last build (checksummed like the records), under
the digest of what it was drawn from (``jsec_data.build.dataset``); :mod:`jsec_data.build.cachedir` finds both folders.

**Trust.** A pack is ``magic | SHA-256 of the body | body``; the body names its own id, and each article its key; the
Arrow streams are read with the table's schema and validated in full, the JSON re-validated by the models (issues by
the catalogue). Nothing is unpickled. A pack whose checksum, id, keys, JSON or Arrow data does not check out (a torn
write, a flipped bit, a file from another key or another tool) is ignored and removed, and its articles are processed
again. Packs are written to a temporary name and renamed, so a reader never sees half of one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import os
import stat
import struct
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.ipc

from jsec_data.article.stage import Registry
from jsec_data.build.cachedir import CACHE_DIRNAME, FIGURES_DIRNAME, default_cache_dir
from jsec_data.build.writer import TableRecord
from jsec_data.core.arrow import table_schema
from jsec_data.core.issues import Issue
from jsec_data.core.models import AgreementRecord, EntityRecord
from jsec_data.core.text import MAX_ARTICLE_BYTES
from jsec_data.raw.files import ArticleSource, file_sha256, read_raw_file

__all__ = ["ARTICLE_TABLES", "CACHE_DIRNAME", "BatchResult", "BuildCache", "CacheStats", "code_digest", "default_cache_dir"]

#: Pack format (bump when the layout changes: older packs then fail their magic and are ignored).
_MAGIC = b"JSECPACK\x02"
_DIGEST_BYTES = 32
_PACKS = "packs"
_KEYS_SUFFIX = ".keys"
#: The record of files hashed by the last build (path, stat signature, SHA-256).
_HASHED = "hashed-files"
#: The record of the last build's tables (see :class:`TableRecord`).
_TABLES = "tables"
#: A file modified less than this before the record was written is hashed again (see BuildCache.key).
RACY_SECONDS = 2
#: Per-article tables, in the build's order.
ARTICLE_TABLES = ("articles", "statements", "quotations", "agreement_mentions")
#: Largest file hashed for a key; an article with a larger file is not cached (the stage reports it).
_MAX_HASHED_BYTES = 2 * MAX_ARTICLE_BYTES
#: Suffixes of package files whose content is part of the code digest.
_CODE_SUFFIXES = (".py", ".yaml", ".yml", ".md", ".html", ".css", ".json")
#: LZ4: a rebuild reads every pack; LZ4 decodes 2.5x as fast as zstd, for about 1.4x the bytes on disk.
_IPC_OPTIONS = pa.ipc.IpcWriteOptions(compression="lz4")

Declared = tuple[str, list[EntityRecord], list[AgreementRecord]]


@functools.cache
def code_digest() -> str:
    """SHA-256 over the package's code and data files (not the shipped tables) and the library versions."""
    import pydantic

    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    digest.update(f"python {sys.version_info[:2]} pyarrow {pa.__version__} pydantic {pydantic.VERSION}\n".encode())
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if (path.suffix not in _CODE_SUFFIXES or relative.startswith("dataset/") or "__pycache__" in relative
                or not path.is_file()):
            continue
        digest.update(f"{relative}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@dataclass
class BatchResult:
    """The per-article stage's results for a run of articles, in article order.

    ``spans[i]`` = (article id, rows in each of :data:`ARTICLE_TABLES`, issues, input files,
    whether it declares records) of the i-th article; ``input_sha256`` holds every input's
    digest by ``folder/name`` in reading order; ``declared`` the declaring articles' records.
    """

    tables: dict[str, pa.RecordBatch]
    issues: list[Issue]
    input_files: int
    input_sha256: dict[str, str]
    declared: list[Declared]
    spans: list[tuple[Any, ...]]
    #: SHA-256 of each table's rows as stored in a pack (equal digests: equal rows), when the batch is in one.
    digests: dict[str, str] | None = None


@dataclass
class CacheStats:
    """What the cache did in one build."""

    folder: str
    reused: int = 0  # articles read from the cache
    processed: int = 0  # articles processed (not in the cache, or not cacheable)
    ignored: int = 0  # packs found but not trusted (corrupt, foreign): their articles processed again
    removed: int = 0  # packs no longer used, removed after the build
    #: Tables whose file was copied from the previous output (their rows unchanged), not written again.
    copied: list[str] = field(default_factory=list)
    #: Files hashed or confirmed in this build: absolute path -> (stat signature, SHA-256).
    hashed: dict[str, tuple[tuple[int, ...], str]] = field(default_factory=dict, repr=False)
    #: Packs this build read or wrote (the others are removed after a successful build).
    used: set[str] = field(default_factory=set, repr=False)

    def add(self, other: CacheStats) -> None:
        self.reused += other.reused
        self.processed += other.processed
        self.ignored += other.ignored
        self.hashed.update(other.hashed)
        self.used.update(other.used)

    def to_dict(self) -> dict[str, Any]:
        return {"folder": self.folder, "reused": self.reused, "processed": self.processed, "ignored": self.ignored,
                "removed": self.removed, "tables_copied": self.copied}


@dataclass
class _Article:
    """One article's entry in a pack: where its rows are, and everything else it contributes."""

    key: str
    article_id: str
    rows: tuple[int, int, int, int]
    issues: list[Issue]
    input_files: int
    input_sha256: dict[str, str]
    declared: Declared | None


@dataclass
class _Pack:
    tables: dict[str, pa.RecordBatch]
    articles: list[_Article]
    digests: dict[str, str]  # table -> SHA-256 of its Arrow stream in the pack
    offsets: list[tuple[int, int, int, int]] = field(default_factory=list)  # each article's first row per table

    def __post_init__(self) -> None:
        at = [0, 0, 0, 0]
        for article in self.articles:
            self.offsets.append((at[0], at[1], at[2], at[3]))
            at = [a + r for a, r in zip(at, article.rows, strict=True)]


@dataclass(frozen=True)
class BuildCache:
    """A cache folder, the part of every key that is the same for the whole build, and the index
    of the packs of earlier builds (article key -> pack id). Made once per build (:meth:`for_build`)
    in the main process; picklable, used in the workers."""

    folder: str
    base: str  # hex digest of the code, the registries and today
    index: dict[str, str] = field(default_factory=dict, compare=False)
    #: Absolute path -> (stat signature + when hashed, SHA-256) of the files earlier builds hashed (see :meth:`key`).
    hashed: dict[str, tuple[tuple[int, ...], str]] = field(default_factory=dict, compare=False)
    #: Path -> SHA-256 of files :meth:`missing` found unchanged, so that :meth:`key` does not stat them again.
    confirmed: dict[str, str] = field(default_factory=dict, compare=False)

    @classmethod
    def for_build(cls, folder: Path | str, registry: Registry, today: dt.date) -> BuildCache:
        digest = hashlib.sha256(_MAGIC + code_digest().encode())
        for name, value in sorted(registry.input_sha256.items()):
            digest.update(f"\nregistry {name} {value}".encode())
        digest.update(f"\ntoday {today.isoformat()}".encode())
        folder = os.path.abspath(folder)  # noqa: PTH100 (workers may run in another folder)
        return cls(folder, digest.hexdigest(), _read_index(os.path.join(folder, _PACKS)),  # noqa: PTH118
                   _read_hashed(os.path.join(folder, _HASHED)))  # noqa: PTH118

    def save_hashed(self, seen: dict[str, tuple[tuple[int, ...], str]]) -> None:
        """Record the files this build hashed (``seen``, from the workers' :class:`CacheStats`), for the next build."""
        body = json.dumps(sorted([name, *signature, digest] for name, (signature, digest) in seen.items()),
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogateescape")
        _write_checksummed(self.folder, _HASHED, body)

    def save_tables(self, out_dir: str, tables: dict[str, TableRecord]) -> None:
        """Record the tables of the build just swapped in at ``out_dir`` (absolute), for the next build."""
        body = json.dumps({"base": self.base, "out": out_dir, "tables": {
            name: [record.sha256, record.rows, record.arrow_bytes, [list(batch) for batch in record.batches]]
            for name, record in sorted(tables.items())}}, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogateescape")
        _write_checksummed(self.folder, _TABLES, body)

    def reusable_tables(self, out_dir: str, path_of: Callable[[str], str]) -> dict[str, TableRecord]:
        """The tables the last build wrote into ``out_dir`` (absolute) with this build's code, registries
        and date, whose files (``path_of(table)``) are still as written; a later build may copy such a file
        instead of writing it when its batches' digests are the recorded ones."""
        body = _read_checksummed(os.path.join(self.folder, _TABLES))  # noqa: PTH118
        try:
            record = json.loads(body.decode("utf-8", "surrogateescape")) if body is not None else None
            if not isinstance(record, dict) or record.get("base") != self.base or record.get("out") != out_dir:
                return {}
            tables = {str(name): TableRecord(str(sha), int(rows), int(size), tuple((str(d), int(n)) for d, n in batches))
                      for name, (sha, rows, size, batches) in record["tables"].items()}
        except (ValueError, TypeError, KeyError):
            return {}
        return {name: table for name, table in tables.items() if _sha256_or_none(path_of(name)) == table.sha256}

    def kept_figure(self, key: str) -> bytes | None:
        """The figure :meth:`keep_figure` kept under ``key``, if whole (its checksum holds)."""
        return _read_checksummed(os.path.join(self.folder, FIGURES_DIRNAME, f"{key}.png"))  # noqa: PTH118

    def keep_figure(self, key: str, data: bytes) -> None:
        """Keep the card's figure drawn from what ``key`` digests, the only one kept (a failure costs a drawing)."""
        folder = os.path.join(self.folder, FIGURES_DIRNAME)  # noqa: PTH118
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in list(entries):  # (another network's figure, a temporary file left by a crash)
                os.remove(entry.path)  # noqa: PTH107
        _write_checksummed(folder, f"{key}.png", data)

    def key(self, source: ArticleSource, seen: dict[str, tuple[tuple[int, ...], str]] | None = None,
            cwd: str | None = None) -> tuple[str, dict[str, str]] | None:
        """The article's key and the SHA-256 of each file it is made from (by ``folder/name``);
        None when a file cannot be read as the build reads it (the stage then reports why).

        A file whose stat signature (size, modification and change times in ns, inode, device;
        the link itself, not its target) is the one recorded when an earlier build hashed it is
        not read again, unless it had been modified less than :data:`RACY_SECONDS` before it was
        hashed (a write just after the hashing, within the clock's granularity, could keep the
        signature). Files hashed here are added to ``seen``, the signature taken before and after
        reading (a file that changed meanwhile is not recorded).
        """
        parts = [self.base]
        files: dict[str, str] = {}
        cwd = cwd or os.getcwd()  # noqa: PTH109
        for kind, location in (("article", source.location), ("annotation", source.annotation),
                               ("metadata", source.metadata)):
            if location is None:
                parts.append(f"{kind} -")
                continue
            # (not normalised: the same folder named another way only misses the record below)
            path = location if location.startswith(os.sep) else os.path.join(cwd, location)  # noqa: PTH118
            value = self._known_digest(path)
            if value is None:
                hashed_at = time.time_ns()
                before = _signature(path)
                try:
                    data = read_raw_file(location, _MAX_HASHED_BYTES)
                except OSError:
                    return None
                if isinstance(data, int):
                    return None
                value = hashlib.sha256(data).hexdigest()
                if seen is not None and before is not None and before == _signature(path):
                    seen[path] = ((*before, hashed_at), value)
            elif seen is not None:
                seen[path] = self.hashed[path]
            folder, _, base = location.rpartition(os.sep)
            name = f"{folder.rpartition(os.sep)[2]}/{base}"
            files[name] = value
            parts.append(f"{kind} {name} {value}")
        return hashlib.sha256("\n".join(parts).encode()).hexdigest(), files

    def missing(self, sources: Sequence[ArticleSource], limit: int) -> int:
        """About how many of ``sources`` the cache does not hold (counted up to ``limit`` + 1), from
        the files' stat signatures alone: to choose where a build runs, never what it outputs."""
        cwd = os.getcwd()  # noqa: PTH109
        missing = 0
        probed = False
        for source in sources:
            paths = [location if location.startswith(os.sep) else os.path.join(cwd, location)  # noqa: PTH118
                     for location in (source.location, source.annotation, source.metadata) if location is not None]
            digests = [digest for path in paths if (digest := self._known_digest(path)) is not None]
            if len(digests) == len(paths):
                self.confirmed.update(zip(paths, digests, strict=True))
                if not probed:  # every key shares the code, registries and date: is one of them held?
                    probed = True
                    found = self.key(source, None, cwd)
                    if found is None or found[0] not in self.index:
                        return len(sources)
                continue
            missing += 1
            if missing > limit:
                break
        return missing

    def _known_digest(self, path: str) -> str | None:
        confirmed = self.confirmed.get(path)
        if confirmed is not None:
            return confirmed
        known = self.hashed.get(path)
        if known is None:
            return None
        (*recorded, hashed_at), digest = known
        signature = _signature(path)
        if signature is None or list(signature) != recorded or signature[1] >= hashed_at - RACY_SECONDS * 10**9:
            return None
        return digest
    # ------------------------------------------------------------------ a batch

    def run_batch(self, batch: Sequence[ArticleSource],
                  compute: Callable[[Sequence[ArticleSource]], BatchResult]) -> tuple[BatchResult, CacheStats]:
        """``compute(batch)``, with every article whose key is in the cache read from it instead."""
        stats = CacheStats(self.folder)
        cwd = os.getcwd()  # noqa: PTH109
        keys = [self.key(source, stats.hashed, cwd) for source in batch]
        cacheable = all(found is not None for found in keys)
        pack_id = _pack_id([found[0] for found in keys if found is not None]) if cacheable and batch else None
        if pack_id is not None:
            pack, ignored = self._load(pack_id)
            stats.ignored += ignored
            if pack is not None and [a.key for a in pack.articles] == [found[0] for found in keys if found]:
                stats.used.add(pack_id)
                stats.reused = len(batch)
                whole = _join([(pack, position) for position in range(len(pack.articles))])
                whole.digests = pack.digests
                return whole, stats
        # Each article from any pack that holds its key, else processed.
        loaded: dict[str, _Pack | None] = {}
        pieces: list[tuple[_Pack, int] | None] = []
        for found in keys:
            piece = None
            held_in = self.index.get(found[0]) if found else None
            if found and held_in is not None:
                if held_in not in loaded:
                    loaded[held_in], ignored = self._load(held_in)
                    stats.ignored += ignored
                pack = loaded[held_in]
                position = _position(pack, found[0]) if pack is not None else None
                piece = (pack, position) if pack is not None and position is not None else None
                if piece is not None:
                    stats.used.add(held_in)
            pieces.append(piece)
        missing = [source for source, piece in zip(batch, pieces, strict=True) if piece is None]
        fresh = compute(missing) if missing else None
        fresh_pack = _Pack(fresh.tables, _articles_of(fresh, keys, pieces), {}) if fresh is not None else None
        parts: list[tuple[_Pack, int]] = []
        made = 0
        for piece in pieces:
            if piece is None:
                assert fresh_pack is not None
                parts.append((fresh_pack, made))
                made += 1
            else:
                parts.append(piece)
        stats.reused, stats.processed = len(batch) - len(missing), len(missing)
        result = _join(parts)
        if pack_id is not None and all(a.key for a in _articles(parts)):
            result.digests = self._store(pack_id, result, _articles(parts))
            if result.digests is not None:
                stats.used.add(pack_id)
        return result, stats

    # ------------------------------------------------------------------ packs on disk

    def _path(self, pack_id: str) -> str:
        return os.path.join(self.folder, _PACKS, pack_id)  # noqa: PTH118

    def _load(self, pack_id: str) -> tuple[_Pack | None, bool]:
        """(the pack, False) if present and sound; (None, False) if absent; (None, True) if present
        but not trusted (then removed)."""
        path = self._path(pack_id)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            return None, False
        pack = _decode(data, pack_id)
        if pack is None:
            for name in (path, path + _KEYS_SUFFIX):
                with contextlib.suppress(OSError):
                    os.remove(name)  # noqa: PTH107
            return None, True
        for name in (path, path + _KEYS_SUFFIX):
            with contextlib.suppress(OSError):
                os.utime(name)  # used by this build: kept by the sweep
        return pack, False

    def _store(self, pack_id: str, result: BatchResult, articles: list[_Article]) -> dict[str, str] | None:
        """Write a pack and its key list (each atomically: a temporary file renamed); its tables' digests,
        or None when it could not be written (a failure only costs the pack)."""
        path = self._path(pack_id)
        suffix = f".tmp-{os.getpid()}-{time.monotonic_ns()}"
        done: list[str] = []
        encoded, digests = _encode(pack_id, result, articles)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)  # noqa: PTH103, PTH120
            for name, data in ((path, encoded),
                               (path + _KEYS_SUFFIX, "".join(f"{a.key}\n" for a in articles).encode())):
                with open(name + suffix, "wb") as handle:
                    handle.write(data)
                done.append(name + suffix)
            for name in (path, path + _KEYS_SUFFIX):
                os.replace(name + suffix, name)  # noqa: PTH105
        except OSError:
            for name in done:
                with contextlib.suppress(OSError):
                    os.remove(name)  # noqa: PTH107
            return None
        return digests

    def sweep(self, keep: set[str]) -> int:
        """Remove the packs not in ``keep`` (those this build read or wrote), and temporary files left
        by writers that died over an hour ago; how many packs were removed."""
        removed = 0
        folder = os.path.join(self.folder, _PACKS)  # noqa: PTH118
        try:
            with os.scandir(folder) as entries:
                names = [(entry.name, entry.path) for entry in entries]
        except OSError:
            return 0
        stale = time.time() - 3600
        for name, path in names:
            pack_id = name.partition(".")[0]
            with contextlib.suppress(OSError):
                if ".tmp-" in name:
                    if os.stat(path).st_mtime < stale:  # noqa: PTH116
                        os.remove(path)  # noqa: PTH107
                elif pack_id not in keep:
                    os.remove(path)  # noqa: PTH107
                    removed += not name.endswith(_KEYS_SUFFIX)
        return removed


# ---------------------------------------------------------------------------- packs in memory


def _signature(path: str) -> tuple[int, ...] | None:
    """(size, mtime ns, ctime ns, inode, device) of a regular file (not following a link), else None."""
    try:
        status = os.stat(path, follow_symlinks=False)  # noqa: PTH116
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)


def _write_checksummed(folder: str, name: str, body: bytes) -> None:
    """``folder/name`` = SHA-256 of ``body``, a newline, ``body``; written atomically, a failure ignored
    (the record is only an optimisation)."""
    path = os.path.join(folder, name)  # noqa: PTH118
    temporary = f"{path}.tmp-{os.getpid()}-{time.monotonic_ns()}"
    try:
        os.makedirs(folder, exist_ok=True)  # noqa: PTH103
        with open(temporary, "wb") as handle:
            handle.write(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
        os.replace(temporary, path)  # noqa: PTH105
    except OSError:
        with contextlib.suppress(OSError):
            os.remove(temporary)  # noqa: PTH107


def _read_checksummed(path: str) -> bytes | None:
    """The body of a file written by :func:`_write_checksummed` if whole (its checksum holds); else None."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    checksum, _, body = data.partition(b"\n")
    return body if hashlib.sha256(body).hexdigest().encode() == checksum else None


def _sha256_or_none(path: str) -> str | None:
    try:
        return file_sha256(Path(path))
    except OSError:
        return None


def _read_hashed(path: str) -> dict[str, tuple[tuple[int, ...], str]]:
    """The record written by :meth:`BuildCache.save_hashed`, if whole (its checksum holds); else empty."""
    body = _read_checksummed(path)
    if body is None:
        return {}
    try:
        rows = json.loads(body.decode("utf-8", "surrogateescape"))
        return {row[0]: (tuple(row[1:7]), row[7]) for row in rows
                if len(row) == 8 and all(type(n) is int for n in row[1:7]) and isinstance(row[7], str)}
    except (ValueError, TypeError, IndexError):
        return {}


def _pack_id(keys: Sequence[str]) -> str:
    return hashlib.sha256("\n".join(keys).encode()).hexdigest()


def _read_index(folder: str) -> dict[str, str]:
    """Article key -> id of a pack that holds it, from the packs' ``.keys`` files (checked when used)."""
    index: dict[str, str] = {}
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries if entry.name.endswith(_KEYS_SUFFIX))
    except OSError:
        return index
    for name in names:
        pack_id = name[: -len(_KEYS_SUFFIX)]
        with contextlib.suppress(OSError, UnicodeDecodeError), open(os.path.join(folder, name), encoding="ascii") as handle:  # noqa: PTH118
            for line in handle:
                index.setdefault(line.strip(), pack_id)
    return index


def _position(pack: _Pack, key: str) -> int | None:
    for position, article in enumerate(pack.articles):
        if article.key == key:
            return position
    return None


def _articles_of(fresh: BatchResult, keys: Sequence[tuple[str, dict[str, str]] | None],
                 pieces: Sequence[tuple[_Pack, int] | None]) -> list[_Article]:
    """Entries for the freshly processed articles (in order); an article whose files changed while
    it was processed (its digests differ from its key's) gets an empty key: it is not stored."""
    missing_keys = [found for found, piece in zip(keys, pieces, strict=True) if piece is None]
    articles = []
    issue_at = declared_at = 0
    for span, found in zip(fresh.spans, missing_keys, strict=True):
        article_id, *rows, issue_count, input_files, declares = span
        inputs = {name: value for name, value in fresh.input_sha256.items() if article_id in name}
        stable = found is not None and all(found[1].get(name) == value for name, value in inputs.items())
        articles.append(_Article(found[0] if found is not None and stable else "", article_id, (rows[0], rows[1], rows[2], rows[3]),
                                 fresh.issues[issue_at:issue_at + issue_count], input_files, inputs,
                                 fresh.declared[declared_at] if declares else None))
        issue_at += issue_count
        declared_at += bool(declares)
    return articles


def _articles(parts: Sequence[tuple[_Pack, int]]) -> list[_Article]:
    return [pack.articles[position] for pack, position in parts]


def _join(parts: Sequence[tuple[_Pack, int]]) -> BatchResult:
    """The batch made of these articles (each a pack and a position in it), in order."""
    issues: list[Issue] = []
    input_files = 0
    input_sha256: dict[str, str] = {}
    declared: list[Declared] = []
    spans: list[tuple[Any, ...]] = []
    slices: dict[str, list[tuple[pa.RecordBatch, int, int]]] = {name: [] for name in ARTICLE_TABLES}
    for pack, position in parts:
        article, offsets = pack.articles[position], pack.offsets[position]
        for index, name in enumerate(ARTICLE_TABLES):
            _extend_run(slices[name], pack.tables[name], offsets[index], article.rows[index])
        issues.extend(article.issues)
        input_files += article.input_files
        input_sha256.update(article.input_sha256)
        if article.declared is not None:
            declared.append(article.declared)
        spans.append((article.article_id, *article.rows, len(article.issues), article.input_files, article.declared is not None))
    tables = {name: _concat(name, [batch.slice(start, length) for batch, start, length in runs])
              for name, runs in slices.items()}
    return BatchResult(tables, issues, input_files, input_sha256, declared, spans)


def _extend_run(runs: list[tuple[pa.RecordBatch, int, int]], batch: pa.RecordBatch, start: int, length: int) -> None:
    """Add rows [start, start + length) of ``batch``, merged with the previous run when contiguous."""
    if not length:
        return
    if runs and runs[-1][0] is batch and runs[-1][1] + runs[-1][2] == start:
        runs[-1] = (batch, runs[-1][1], runs[-1][2] + length)
    else:
        runs.append((batch, start, length))


def _concat(name: str, batches: list[pa.RecordBatch]) -> pa.RecordBatch:
    schema = table_schema(name)
    if len(batches) == 1:
        return batches[0]
    if not batches:
        return pa.RecordBatch.from_arrays([pa.array([], type=f.type) for f in schema], schema=schema)
    (combined,) = pa.Table.from_batches(batches, schema=schema).combine_chunks().to_batches()
    return combined


# ---------------------------------------------------------------------------- the pack format


def _encode(pack_id: str, result: BatchResult, articles: Iterable[_Article]) -> tuple[bytes, dict[str, str]]:
    streams = []
    for name in ARTICLE_TABLES:
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table_schema(name), options=_IPC_OPTIONS) as writer:
            writer.write_batch(result.tables[name])
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
    return _MAGIC + hashlib.sha256(body).digest() + body, digests


def _decode(data: bytes, pack_id: str) -> _Pack | None:
    """The pack in ``data`` if it is whole, is ``pack_id``'s and reads back; else None."""
    head = len(_MAGIC) + _DIGEST_BYTES
    if len(data) < head or not data.startswith(_MAGIC):
        return None
    view = memoryview(data)
    if hashlib.sha256(view[head:]).digest() != view[len(_MAGIC):head]:
        return None
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
        start, size = chunks[0]
        meta = json.loads(view[start:start + size].tobytes().decode("utf-8"))
        if not isinstance(meta, dict) or meta.get("pack") != pack_id:
            return None
        digests = meta.get("tables")
        if not isinstance(digests, dict) or digests != {
                name: hashlib.sha256(view[start:start + size]).hexdigest()
                for name, (start, size) in zip(ARTICLE_TABLES, chunks[1:], strict=True)}:
            return None
        buffer = pa.py_buffer(data)
        tables = {name: _read_table(buffer.slice(start, size), name)
                  for name, (start, size) in zip(ARTICLE_TABLES, chunks[1:], strict=True)}
        articles = [_Article(str(key), str(article_id), (int(rows[0]), int(rows[1]), int(rows[2]), int(rows[3])),
                             [Issue(**issue) for issue in issues], int(input_files),
                             {str(name): str(value) for name, value in inputs},
                             None if declared is None else (
                                 str(declared[0]),
                                 [EntityRecord.model_validate(entity) for entity in declared[1]],
                                 [AgreementRecord.model_validate(agreement) for agreement in declared[2]]))
                    for key, article_id, rows, issues, input_files, inputs, declared in meta["articles"]]
        totals = [sum(article.rows[i] for article in articles) for i in range(len(ARTICLE_TABLES))]
        if totals != [tables[name].num_rows for name in ARTICLE_TABLES]:
            return None
        return _Pack(tables, articles, digests)
    except Exception:  # anything that does not read back is not trusted
        return None


def _read_table(stream: pa.Buffer, name: str) -> pa.RecordBatch:
    """One table's rows from an Arrow IPC stream, which must carry exactly the table's schema."""
    reader = pa.ipc.open_stream(stream)
    if not reader.schema.equals(table_schema(name), check_metadata=True):
        raise ValueError(f"{name}: not the table's schema")
    batch = _concat(name, reader.read_all().combine_chunks().to_batches())
    batch.validate(full=True)  # offsets and UTF-8 checked: nothing out of bounds reaches the writer
    return batch
