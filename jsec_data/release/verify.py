"""Checking a build folder against its own records before anything uses it.

A build writes ``manifest.json`` (each table's path, size and sha256, and the sha256 of
``inputs.sha256``) and then ``SHA256SUMS`` (every other file with its sha256).
:func:`verify_build` checks that the two agree with each other and with every file, so a
flipped bit, a truncated file or a Parquet file put in place of a table is found by name.
``jsec verify`` prints the result; ``jsec info``, ``jsec cite``, ``jsec publish`` and the
``load_*`` functions refuse a folder that fails it. :func:`raw_changes` compares the inputs a
build recorded with a raw folder now (``jsec publish`` refuses a build whose raw/ has changed).

>>> verify_build("dataset").ok  # doctest: +SKIP
True
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Collection
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from jsec_data.core.errors import JsecError

__all__ = ["CHECKSUMS_NAME", "MANIFEST_NAME", "FileState", "Mismatch", "Verification", "VerificationError",
           "raw_changes", "require_verified", "verify_build"]

MANIFEST_NAME = "manifest.json"
CHECKSUMS_NAME = "SHA256SUMS"
#: Most problems a one-line message names (``jsec verify`` lists them all).
_NAMED = 5
_UNREADABLE = "unreadable"  # (what _hash gives a file it cannot open: reported once)


class Mismatch(NamedTuple):
    """One problem: the file (relative to the build folder) and what is wrong with it."""

    path: str
    problem: str  # missing, changed, unlisted, disagrees, invalid, unreadable
    detail: str

    def format(self) -> str:
        return f"{self.path}: {self.problem}: {self.detail}"


#: (size, st_mtime_ns) of a file when it was hashed: the loaders' cache key.
FileState = tuple[int, int]


class Verification:
    """The result of :func:`verify_build`.

    (A plain class, not a dataclass: the loaders import this module on first use, and a
    dataclass costs milliseconds to create.)
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.mismatches: list[Mismatch] = []
        #: Every file checked (relative path -> its size and modification time when hashed).
        self.files: dict[str, FileState] = {}

    def __repr__(self) -> str:
        return f"Verification({str(self.folder)!r}, mismatches={self.mismatches!r})"

    @property
    def ok(self) -> bool:
        return not self.mismatches

    def summary(self) -> str:
        """One line naming the first problems."""
        shown = "; ".join(m.format() for m in self.mismatches[:_NAMED])
        more = f" (and {len(self.mismatches) - _NAMED} more)" if len(self.mismatches) > _NAMED else ""
        return f"{shown}{more}"


class VerificationError(JsecError):
    """A build folder whose files do not match its ``manifest.json`` and ``SHA256SUMS``."""

    exit_code = 1

    def __init__(self, message: str, verification: Verification) -> None:
        super().__init__(message)
        self.verification = verification


def require_verified(folder: Path | str, *, extras: bool = True, only: Collection[str] | None = None) -> Verification:
    """:func:`verify_build`, raising :class:`VerificationError` (naming the files) when it fails."""
    result = verify_build(folder, extras=extras, only=only)
    if not result.ok:
        raise VerificationError(
            f"the build in {result.folder} does not match its {MANIFEST_NAME} and {CHECKSUMS_NAME}: {result.summary()}. "
            f"It was changed or damaged after the build: build it again (or reinstall jsec-data for the installed "
            f"tables); `jsec verify {result.folder}` lists every problem", result)
    return result


def verify_build(folder: Path | str, *, extras: bool = True, only: Collection[str] | None = None) -> Verification:
    """Check every file of a build folder against ``manifest.json`` and ``SHA256SUMS``, and those against each other.

    * every file ``SHA256SUMS`` lists exists and has that sha256;
    * each table the manifest lists has its recorded size and sha256, and ``SHA256SUMS`` gives
      it the same sha256; ``inputs.sha256`` has the sha256 the manifest records;
    * with ``extras``, every file in the folder is listed (``SHA256SUMS`` itself aside).

    ``only``: the files (relative paths) about to be read, e.g. one table: only they are read
    and hashed, besides ``manifest.json`` and ``SHA256SUMS`` (which are always checked, and
    against each other); each must be listed. Paths that lead out of the folder are refused
    unread. Each file is read once.
    """
    folder = Path(folder)
    result = Verification(folder)
    hashes: dict[str, str | None] = {}
    wanted = None if only is None else {*only, MANIFEST_NAME, CHECKSUMS_NAME}

    def digest(rel: str) -> str | None:
        if rel not in hashes:
            hashes[rel] = _hash(folder, rel, result)
        return hashes[rel]

    manifest = _read_manifest(folder, result)
    listed = _read_checksums(folder, result)
    digest(MANIFEST_NAME)
    digest(CHECKSUMS_NAME)
    for rel, expected in listed.items():
        if wanted is not None and rel not in wanted:
            continue
        actual = digest(rel)
        if actual == _UNREADABLE:
            continue
        if actual is None:
            result.mismatches.append(Mismatch(rel, "missing", f"listed in {CHECKSUMS_NAME} but not in the folder"))
        elif actual != expected:
            result.mismatches.append(Mismatch(rel, "changed", f"sha256 is {actual}, {CHECKSUMS_NAME} says {expected}"))
    recorded = set(listed)
    if manifest is not None:
        for rel, expected, size in _manifest_files(manifest, result):
            recorded.add(rel)
            if rel in listed and listed[rel] != expected:
                result.mismatches.append(Mismatch(rel, "disagrees", f"{MANIFEST_NAME} gives sha256 {expected}, "
                                                                    f"{CHECKSUMS_NAME} {listed[rel]}"))
                continue
            if wanted is not None and rel not in wanted:
                continue
            actual = digest(rel)
            if actual == _UNREADABLE:
                continue
            if actual is None:
                if rel not in listed:
                    result.mismatches.append(Mismatch(rel, "missing", f"listed in {MANIFEST_NAME} but not in the folder"))
            elif actual != expected and rel not in listed:  # (a listed file was compared above)
                result.mismatches.append(Mismatch(rel, "changed", f"sha256 is {actual}, {MANIFEST_NAME} says {expected}"))
            elif size is not None and rel in result.files and result.files[rel][0] != size and actual == expected:
                result.mismatches.append(Mismatch(rel, "disagrees", f"{MANIFEST_NAME} gives {size} bytes, "
                                                                    f"the file has {result.files[rel][0]}"))
    if wanted is not None:
        result.mismatches.extend(Mismatch(rel, "unlisted", f"in neither {MANIFEST_NAME} nor {CHECKSUMS_NAME}")
                                 for rel in sorted(wanted - recorded - {CHECKSUMS_NAME}) if manifest is not None)
    elif extras:
        for rel in _all_files(folder):
            if rel not in listed and rel != CHECKSUMS_NAME:
                result.mismatches.append(Mismatch(rel, "unlisted", f"in the folder but not in {CHECKSUMS_NAME}"))
    result.mismatches.sort(key=lambda m: (m.path, m.problem))
    return result


def _read_manifest(folder: Path, result: Verification) -> dict[str, Any] | None:
    try:
        manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        result.mismatches.append(Mismatch(MANIFEST_NAME, "missing", "not a jsec build: no manifest.json"))
        return None
    except (OSError, ValueError) as exc:
        result.mismatches.append(Mismatch(MANIFEST_NAME, "invalid", f"not readable JSON: {exc}"))
        return None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("tables"), dict):
        result.mismatches.append(Mismatch(MANIFEST_NAME, "invalid", "not a jsec build's manifest (no tables)"))
        return None
    return manifest


def _read_checksums(folder: Path, result: Verification) -> dict[str, str]:
    try:
        text = (folder / CHECKSUMS_NAME).read_text(encoding="utf-8")
    except FileNotFoundError:
        result.mismatches.append(Mismatch(CHECKSUMS_NAME, "missing", "no checksums: built by an older jsec? build it again"))
        return {}
    except (OSError, ValueError) as exc:
        result.mismatches.append(Mismatch(CHECKSUMS_NAME, "invalid", f"not readable: {exc}"))
        return {}
    listed: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        digest, sep, rel = line.partition("  ")
        if not sep or not _is_sha256(digest):
            result.mismatches.append(Mismatch(CHECKSUMS_NAME, "invalid",
                                              f"line {number} is not '<sha256>  <path>': {line[:100]!r}"))
            continue
        if not _safe(rel):
            result.mismatches.append(Mismatch(CHECKSUMS_NAME, "invalid",
                                              f"line {number} names {rel[:200]!r}, not a path inside the folder (not read)"))
            continue
        listed[rel] = digest
    return listed


def _manifest_files(manifest: dict[str, Any], result: Verification) -> list[tuple[str, str, int | None]]:
    """(path, sha256, size or None) of every file the manifest records: the tables and the inputs listing."""
    files = []
    for name, entry in sorted(manifest["tables"].items()):
        if not isinstance(entry, dict) or not _safe(entry.get("path")) or not _is_sha256(entry.get("sha256")):
            result.mismatches.append(Mismatch(MANIFEST_NAME, "invalid", f"table {name!r} has no valid path and sha256"))
            continue
        size = entry.get("bytes")
        files.append((str(entry["path"]), str(entry["sha256"]), size if isinstance(size, int) else None))
    inputs = manifest.get("inputs")
    if isinstance(inputs, dict) and inputs.get("listing") is not None:
        if _safe(inputs.get("listing")) and _is_sha256(inputs.get("sha256")):
            files.append((str(inputs["listing"]), str(inputs["sha256"]), None))
        else:
            result.mismatches.append(Mismatch(MANIFEST_NAME, "invalid", "the inputs listing has no valid path and sha256"))
    return files


def _safe(rel: object) -> bool:
    """A relative path that stays inside the folder (no absolute path, no ``..``)."""
    if not isinstance(rel, str) or not rel or "\\" in rel or "\0" in rel:
        return False
    path = PurePosixPath(rel)
    return not path.is_absolute() and ".." not in path.parts and path.as_posix() == rel


def _is_sha256(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and not value.strip("0123456789abcdef")


def _hash(folder: Path, rel: str, result: Verification) -> str | None:
    """sha256 of ``folder/rel`` (None: missing or not a file), recording its size and mtime as read."""
    try:
        fd = os.open(folder / rel, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        result.mismatches.append(Mismatch(rel, "unreadable", f"cannot be read: {exc.strerror}"))
        return _UNREADABLE
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            return None
        digest = hashlib.sha256()
        while chunk := os.read(fd, 1 << 20):
            digest.update(chunk)
    finally:
        os.close(fd)
    result.files[rel] = (status.st_size, status.st_mtime_ns)
    return digest.hexdigest()


def _all_files(folder: Path) -> list[str]:
    """Every file (and link) in ``folder``, as posix paths relative to it; links to folders are not entered."""
    found = []
    stack = [("", str(folder))]
    while stack:
        prefix, directory = stack.pop()
        try:
            with os.scandir(directory) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append((f"{prefix}{entry.name}/", entry.path))
                    else:
                        found.append(prefix + entry.name)
        except OSError:
            continue
    return sorted(found)


def raw_changes(folder: Path | str, raw_dir: Path | str) -> list[str]:
    """How ``raw_dir`` differs now from the inputs the build in ``folder`` recorded (``inputs.sha256``); [] if not at all.

    A file the build read that is gone or changed, and a file the build would read now that
    it did not (a new article, annotation or metadata file, a registry).
    """
    from jsec_data.raw.files import data_file, discover_articles, file_sha256

    folder, raw = Path(folder), Path(raw_dir)
    try:
        manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        listing = str(manifest["inputs"]["listing"])
        text = (folder / listing).read_text(encoding="utf-8")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [f"the build's inputs listing cannot be read ({type(exc).__name__}: {exc})"]
    recorded: dict[str, str] = {}
    for line in text.splitlines():
        digest, _, rel = line.partition("  ")
        recorded[rel] = digest
    changes = []
    for rel, digest in recorded.items():
        path = raw / rel
        if not _safe(rel) or not path.is_file():
            changes.append(f"{rel}: gone since the build")
        elif file_sha256(path) != digest:
            changes.append(f"{rel}: changed since the build")
    now: set[str] = set()
    for source in discover_articles(raw)[0]:
        now.update(f"{Path(p).parent.name}/{Path(p).name}" for p in (source.location, source.annotation, source.metadata) if p)
    now.update(p.name for name in ("entities", "agreements") if (p := data_file(raw, name)) is not None)
    changes.extend(f"{rel}: new since the build" for rel in sorted(now - set(recorded)))
    return changes
