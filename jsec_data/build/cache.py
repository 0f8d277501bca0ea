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

**Batch stamps.** ``batch-stamps`` maps a *stamp* (SHA-256 of the build's base and, for each file of a batch's
articles, its path and stat signature) to the pack made from that batch. When every file of a batch has the stat
signature it had when its digest was recorded (``hashed-files``), the stamp finds the pack without computing the
articles' keys: the same files with the same digests give the same keys. A stamp is recorded only for a batch whose
every file is in ``hashed-files`` with that signature.

**Tables copied.** Each pack records the SHA-256 of each table's Arrow stream (checked on reading), so a batch's rows
have a digest. ``tables`` records, for each table of the last output written, its file's SHA-256 and the digests of
the batches it was written from (:class:`TableRecord`); the next build into that folder copies a table's file when its
batches have those digests in that order, instead of writing it again (``jsec_data.build.dataset``).

**Where.** ``.jsec-cache/`` beside the output folder (``--out dataset`` -> ``./.jsec-cache/``). ``jsec
build --no-cache`` neither reads nor writes it; deleting it is always safe. After a successful build, packs the build
neither wrote nor read are removed, so the cache holds about one build's worth of results (a tenth of the tables' size
in memory, compressed). ``figures/`` keeps the card's figure of the last build (checksummed like the records), under
the digest of what it was drawn from (``jsec_data.build.dataset``); :mod:`jsec_data.build.cachedir` finds both folders.

**Trust.** A pack is ``magic | checksum | body`` (SHA-256 over the head and each stream's SHA-256); the body names its
own id, and each article its key; the Arrow streams' schemas checked, the JSON re-validated by the models (issues by
the catalogue); a table's rows are validated in full when read (:mod:`jsec_data.build.pack`). Nothing is unpickled. A
pack whose checksum, id, keys, JSON or Arrow data does not check out (a torn write, a flipped bit, a file from another
key or another tool) is ignored and removed, and its articles are processed again (rows found bad only when read: the
build starts again without that pack). Packs are written to a temporary name and renamed, so a reader never sees half
of one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
import stat
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from jsec_data.article.stage import Registry
from jsec_data.build.cachedir import CACHE_DIRNAME, FIGURES_DIRNAME, default_cache_dir
from jsec_data.build.pack import (
    ARTICLE_TABLES,
    MAGIC,
    BatchResult,
    DamagedPack,
    Pack,
    PackArticle,
    articles_of,
    decode_pack,
    encode_pack,
    join,
    resolved,
)
from jsec_data.build.writer import TableRecord
from jsec_data.core.text import MAX_ARTICLE_BYTES
from jsec_data.raw.files import ArticleSource, file_sha256, read_raw_file

__all__ = ["ARTICLE_TABLES", "CACHE_DIRNAME", "BatchResult", "BuildCache", "CacheStats", "DamagedPack", "code_digest",
           "default_cache_dir", "discard_pack"]

_PACKS = "packs"
_KEYS_SUFFIX = ".keys"
#: The record of files hashed by the last build (path, stat signature, SHA-256).
_HASHED = "hashed-files"
#: The record of batch stamps (stamp -> pack id; see :meth:`BuildCache.run_batch`).
_STAMPS = "batch-stamps"
#: The record of the last build's tables (see :class:`TableRecord`).
_TABLES = "tables"
#: A file modified less than this before the record was written is hashed again (see BuildCache.key).
RACY_SECONDS = 2
#: Largest file hashed for a key; an article with a larger file is not cached (the stage reports it).
_MAX_HASHED_BYTES = 2 * MAX_ARTICLE_BYTES
#: Suffixes of package files whose content is part of the code digest.
_CODE_SUFFIXES = (".py", ".yaml", ".yml", ".md", ".html", ".css", ".json")


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
class CacheStats:
    """What the cache did in one build."""

    folder: str
    reused: int = 0  # articles read from the cache
    processed: int = 0  # articles processed (not in the cache, or not cacheable)
    ignored: int = 0  # packs found but not trusted (corrupt, foreign): their articles processed again
    removed: int = 0  # packs no longer used, removed after the build
    #: Tables whose file was copied from the previous output (their rows unchanged), not written again.
    copied: list[str] = field(default_factory=list)
    #: Files hashed or confirmed in this build: absolute path -> "stat signature<TAB>SHA-256" (see :func:`_signature`).
    hashed: dict[str, str] = field(default_factory=dict, repr=False)
    #: Packs this build read or wrote (the others are removed after a successful build).
    used: set[str] = field(default_factory=set, repr=False)
    #: Batch stamp -> pack id, for the batches of this build whose files are all recorded in ``hashed``.
    stamps: dict[str, str] = field(default_factory=dict, repr=False)

    def add(self, other: CacheStats) -> None:
        self.reused += other.reused
        self.processed += other.processed
        self.ignored += other.ignored
        self.hashed.update(other.hashed)
        self.used.update(other.used)
        self.stamps.update(other.stamps)

    def to_dict(self) -> dict[str, Any]:
        return {"folder": self.folder, "reused": self.reused, "processed": self.processed, "ignored": self.ignored,
                "removed": self.removed, "tables_copied": self.copied}


@dataclass(frozen=True)
class BuildCache:
    """A cache folder, the part of every key that is the same for the whole build, and the index
    of the packs of earlier builds (article key -> pack id). Made once per build (:meth:`for_build`)
    in the main process; picklable, used in the workers."""

    folder: str
    base: str  # hex digest of the code, the registries and today
    index: dict[str, str] = field(default_factory=dict, compare=False)
    #: Absolute path -> "stat signature<TAB>SHA-256" of the files earlier builds hashed (see :meth:`key`).
    hashed: dict[str, str] = field(default_factory=dict, compare=False)
    #: Batch stamp -> pack id, recorded by the last build (see :meth:`run_batch`).
    stamps: dict[str, str] = field(default_factory=dict, compare=False)
    #: Rows read from packs are left as :class:`~jsec_data.build.pack.DeferredBatch` (read when written, most never
    #: are): where batches run in the build's own process (a worker sends rows, so it reads them).
    defer: bool = False

    @classmethod
    def for_build(cls, folder: Path | str, registry: Registry, today: dt.date) -> BuildCache:
        digest = hashlib.sha256(MAGIC + code_digest().encode())
        for name, value in sorted(registry.input_sha256.items()):
            digest.update(f"\nregistry {name} {value}".encode())
        digest.update(f"\ntoday {today.isoformat()}".encode())
        folder = os.path.abspath(folder)  # noqa: PTH100 (workers may run in another folder)
        return cls(folder, digest.hexdigest(), _read_index(os.path.join(folder, _PACKS)),  # noqa: PTH118
                   _read_hashed(os.path.join(folder, _HASHED)), _read_stamps(os.path.join(folder, _STAMPS)))  # noqa: PTH118

    def save_hashed(self, seen: dict[str, str], stamps: dict[str, str] | None = None) -> None:
        """Record the files this build hashed (``seen``, from the workers' :class:`CacheStats`), for the next build:
        a line ``path<TAB>signature<TAB>SHA-256`` each (text: a rebuild reads 30,000 lines in a few ms); and the
        batch ``stamps`` (stamp -> pack id). A record that would not change is not written again."""
        if seen != self.hashed:
            body = "".join(f"{path}\t{entry}\n" for path, entry in seen.items()  # (in no particular order)
                           if "\t" not in path and "\n" not in path).encode("utf-8", "surrogateescape")
            _write_checksummed(self.folder, _HASHED, body)
        if stamps is not None and stamps != self.stamps:
            _write_checksummed(self.folder, _STAMPS, "".join(f"{stamp}\t{pack_id}\n" for stamp, pack_id
                                                                in sorted(stamps.items())).encode("ascii"))

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

    def key(self, source: ArticleSource, seen: dict[str, str] | None = None, cwd: str | None = None,
            signatures: dict[str, str | None] | None = None) -> tuple[str, dict[str, str]] | None:
        """The article's key and the SHA-256 of each file it is made from (by ``folder/name``);
        None when a file cannot be read as the build reads it (the stage then reports why).

        A file whose stat signature (size, modification and change times in ns, inode, device;
        the link itself, not its target) is the one recorded when an earlier build hashed it is
        not read again. Files hashed here are added to ``seen``, the signature taken before and after
        reading (a file that changed meanwhile is not recorded), unless modified less than
        :data:`RACY_SECONDS` before it was hashed (a write just after the hashing, within the
        clock's granularity, could keep the signature): such a file is hashed again next time.
        ``signatures``: the files' signatures taken by the caller (path -> signature, None for no regular file).
        """
        parts = [self.base]
        files: dict[str, str] = {}
        prefix = _prefix(cwd or os.getcwd())  # noqa: PTH109
        for kind, location in (("article", source.location), ("annotation", source.annotation),
                               ("metadata", source.metadata)):
            if location is None:
                parts.append(f"{kind} -")
                continue
            # (not normalised: the same folder named another way only misses the record below)
            path = _absolute(location, prefix)
            value = self._known_digest(path, signatures[path] if signatures is not None else _stat_signature(path))
            if value is None:
                racy_after = time.time_ns() - RACY_SECONDS * 10**9
                before = _stat(path)
                try:
                    data = read_raw_file(location, _MAX_HASHED_BYTES)
                except OSError:
                    return None
                if isinstance(data, int):
                    return None
                value = hashlib.sha256(data).hexdigest()
                if seen is not None and before is not None and before.st_mtime_ns < racy_after:
                    signature = _signature(before)
                    after = _stat(path)
                    if after is not None and _signature(after) == signature:
                        seen[path] = f"{signature}\t{value}"
            elif seen is not None:
                seen[path] = self.hashed[path]
            folder, _, base = location.rpartition(os.sep)
            name = f"{folder.rpartition(os.sep)[2]}/{base}"
            files[name] = value
            parts.append(f"{kind} {name} {value}")
        return hashlib.sha256("\n".join(parts).encode()).hexdigest(), files

    def holds(self, source: ArticleSource) -> bool:
        """Whether the cache holds this article as its files are now (hashing them if need be): a rebuild's
        first article tells where the build starts (``jsec_data.build.dataset``), never what it outputs."""
        found = self.key(source)
        return found is not None and found[0] in self.index

    def _known_digest(self, path: str, signature: str | None) -> str | None:
        known = self.hashed.get(path)
        # known = signature + TAB + 64 hex digits
        if known is None or signature is None or known[:-65] != signature or known[-65] != "\t":
            return None
        return known[-64:]
    # ------------------------------------------------------------------ a batch

    def run_batch(self, batch: Sequence[ArticleSource],
                  compute: Callable[[Sequence[ArticleSource]], BatchResult]) -> tuple[BatchResult, CacheStats]:
        """``compute(batch)``, with every article whose key is in the cache read from it instead."""
        stats = CacheStats(self.folder)
        cwd = os.getcwd()  # noqa: PTH109
        stamp, signatures = self._stamp(batch, cwd)
        whole = self._stamped(stamp, signatures, len(batch), stats)
        if whole is not None:
            return whole, stats
        keys = [self.key(source, stats.hashed, cwd, signatures) for source in batch]
        cacheable = all(found is not None for found in keys)
        pack_id = _pack_id([found[0] for found in keys if found is not None]) if cacheable and batch else None
        if pack_id is not None:
            pack, ignored = self._load(pack_id)
            stats.ignored += ignored
            if pack is not None and [a.key for a in pack.articles] == [found[0] for found in keys if found]:
                self._record_stamp(stamp, signatures, pack_id, stats)
                return self._whole(pack, stats), stats
        # Each article from any pack that holds its key, else processed.
        loaded: dict[str, Pack | None] = {}
        pieces: list[tuple[Pack, int] | None] = []
        for found in keys:
            piece = None
            held_in = self.index.get(found[0]) if found else None
            if found and held_in is not None:
                if held_in not in loaded:
                    loaded[held_in], ignored = self._load(held_in)
                    stats.ignored += ignored
                pack = loaded[held_in]
                position = pack.position(found[0]) if pack is not None else None
                piece = (pack, position) if pack is not None and position is not None else None
                if piece is not None:
                    stats.used.add(held_in)
            pieces.append(piece)
        missing = [source for source, piece in zip(batch, pieces, strict=True) if piece is None]
        fresh = compute(missing) if missing else None
        fresh_pack = None
        if fresh is not None:
            found_keys = [found for found, piece in zip(keys, pieces, strict=True) if piece is None]
            fresh_pack = Pack("", articles_of(fresh, found_keys), {},
                              tables={name: resolved(table) for name, table in fresh.tables.items()})
        parts: list[tuple[Pack, int]] = []
        made = 0
        for piece in pieces:
            if piece is None:
                assert fresh_pack is not None
                parts.append((fresh_pack, made))
                made += 1
            else:
                parts.append(piece)
        stats.reused, stats.processed = len(batch) - len(missing), len(missing)
        result = join(parts, defer=self.defer)
        if pack_id is not None and all(a.key for a in _articles(parts)):
            result.digests = self._store(pack_id, result, _articles(parts))
            if result.digests is not None:
                stats.used.add(pack_id)
                self._record_stamp(stamp, signatures, pack_id, stats)
        return result, stats

    def _stamp(self, batch: Sequence[ArticleSource], cwd: str) -> tuple[str, dict[str, str | None]]:
        """The batch's stamp and its files' stat signatures (path -> signature, None where no regular file)."""
        prefix = _prefix(cwd)
        signatures: dict[str, str | None] = {}
        parts = [self.base]
        for source in batch:
            for location in (source.location, source.annotation, source.metadata):
                if location is None:
                    parts.append("-")
                    continue
                path = _absolute(location, prefix)
                signature = signatures[path] = _stat_signature(path)
                parts.append(f"{path}\t{signature}")
        return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest(), signatures

    def _stamped(self, stamp: str, signatures: dict[str, str | None], size: int, stats: CacheStats) -> BatchResult | None:
        """The whole batch from the pack its stamp names, when every file is recorded with its signature now."""
        pack_id = self.stamps.get(stamp)
        if pack_id is None or not size:
            return None
        if any(self._known_digest(path, signature) is None for path, signature in signatures.items()):
            return None
        pack, ignored = self._load(pack_id)
        stats.ignored += ignored
        if pack is None or len(pack.articles) != size or _pack_id([a.key for a in pack.articles]) != pack_id:
            return None
        stats.hashed.update((path, self.hashed[path]) for path in signatures)
        stats.stamps[stamp] = pack_id
        return self._whole(pack, stats)

    def _whole(self, pack: Pack, stats: CacheStats) -> BatchResult:
        """The batch that is the whole of ``pack`` (used, every article reused)."""
        stats.used.add(pack.pack_id)
        stats.reused = len(pack.articles)
        whole = join([(pack, position) for position in range(len(pack.articles))], defer=self.defer)
        whole.digests = pack.digests
        return whole

    @staticmethod
    def _record_stamp(stamp: str, signatures: dict[str, str | None], pack_id: str, stats: CacheStats) -> None:
        """Stamp a batch whose every file this build recorded with the signature the stamp was made from."""
        if all(signature is not None and stats.hashed.get(path, "")[:-65] == signature
               for path, signature in signatures.items()):
            stats.stamps[stamp] = pack_id

    # ------------------------------------------------------------------ packs on disk

    def _path(self, pack_id: str) -> str:
        return os.path.join(self.folder, _PACKS, pack_id)  # noqa: PTH118

    def _load(self, pack_id: str) -> tuple[Pack | None, bool]:
        """(the pack, False) if present and sound; (None, False) if absent; (None, True) if present
        but not trusted (then removed). Its rows are read (and checked) when used: see :class:`DamagedPack`."""
        path = self._path(pack_id)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            return None, False
        pack = decode_pack(data, pack_id)
        if pack is None:
            discard_pack(self.folder, pack_id)
            return None, True
        for name in (path, path + _KEYS_SUFFIX):
            with contextlib.suppress(OSError):
                os.utime(name)  # used by this build: kept by the sweep
        return pack, False

    def _store(self, pack_id: str, result: BatchResult, articles: list[PackArticle]) -> dict[str, str] | None:
        """Write a pack and its key list (each atomically: a temporary file renamed); its tables' digests,
        or None when it could not be written (a failure only costs the pack)."""
        path = self._path(pack_id)
        suffix = f".tmp-{os.getpid()}-{time.monotonic_ns()}"
        done: list[str] = []
        encoded, digests = encode_pack(pack_id, result, articles)
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


def discard_pack(folder: Path | str, pack_id: str) -> bool:
    """Remove pack ``pack_id`` of the cache in ``folder`` (and its key list); whether it is gone."""
    path = os.path.join(folder, _PACKS, pack_id)  # noqa: PTH118
    for name in (path, path + _KEYS_SUFFIX):
        with contextlib.suppress(OSError):
            os.remove(name)  # noqa: PTH107
    return not os.path.lexists(path)


def _prefix(cwd: str) -> str:
    """What a relative path is appended to: ``prefix + path`` is ``os.path.join(cwd, path)``, in a fraction of its time."""
    return cwd if cwd.endswith(os.sep) else cwd + os.sep


def _stat(path: str) -> os.stat_result | None:
    """The status of a regular file (not following a link), else None."""
    try:
        status = os.stat(path, follow_symlinks=False)  # noqa: PTH116
    except OSError:
        return None
    return status if stat.S_ISREG(status.st_mode) else None


def _absolute(location: str, prefix: str) -> str:
    """The path of a file the listing gives, absolute (``prefix``: see :func:`_prefix`)."""
    return location if location.startswith(os.sep) else prefix + location


def _stat_signature(path: str) -> str | None:
    """The stat signature of a regular file (not following a link), else None."""
    status = _stat(path)
    return None if status is None else _signature(status)


def _signature(status: os.stat_result) -> str:
    """Size, modification and change times (ns), inode and device, as recorded."""
    return f"{status.st_size} {status.st_mtime_ns} {status.st_ctime_ns} {status.st_ino} {status.st_dev}"


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


def _read_hashed(path: str) -> dict[str, str]:
    """The record written by :meth:`BuildCache.save_hashed`, if whole (its checksum holds); else empty."""
    body = _read_checksummed(path)
    if body is None:
        return {}
    lines = (line.partition("\t") for line in body.decode("utf-8", "surrogateescape").split("\n"))
    return {path: entry for path, tab, entry in lines if tab and len(entry) > 65}


def _read_stamps(path: str) -> dict[str, str]:
    """The batch stamps recorded by :meth:`BuildCache.save_hashed`, if whole (its checksum holds); else empty."""
    body = _read_checksummed(path)
    if body is None:
        return {}
    lines = (line.partition("\t") for line in body.decode("ascii", "replace").split("\n"))
    return {stamp: pack_id for stamp, tab, pack_id in lines if tab}


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


def _articles(parts: Sequence[tuple[Pack, int]]) -> list[PackArticle]:
    return [pack.articles[position] for pack, position in parts]
