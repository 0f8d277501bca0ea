"""Reading raw/: finding its article, annotation and metadata files, and reading their bytes.

Every reader returns data plus a list of :class:`~jsec_data.core.issues.Issue`; nothing
here raises for a user mistake. YAML and JSON files are parsed by :mod:`jsec_data.raw.yamlfiles`.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import NamedTuple

from jsec_data.core.issues import Issue, Severity, issue
from jsec_data.core.text import TextDecodeError, scan_unsafe

ARTICLE_FILE_RE = re.compile(r"^(?:.*_)?([0-9a-f]{16})\.txt$")

ANNOTATION_SUFFIXES = (".yaml", ".yml", ".json")


class ArticleSource(NamedTuple):
    """An article file found under raw/articles/.

    A named tuple (one per article is made and sent to the workers); the location is
    kept as a string: a ``Path`` made each about 0.7 kB (70 MiB at 100k articles).
    """

    article_id: str
    location: str
    #: The article's annotation and metadata files, when :func:`discover_articles` found
    #: them (one folder listing for the whole corpus instead of up to six ``stat`` calls
    #: per article). None: the article has none.
    annotation: str | None = None
    metadata: str | None = None

    @property
    def path(self) -> Path:
        return Path(self.location)


def folder_listing(folder: Path) -> list[tuple[str, str]]:
    """(name, path) of the regular files in ``folder`` not starting with a dot, sorted by name; [] if none.

    One ``scandir``: the entry types come with the listing, so no ``stat`` per file
    (``DirEntry.is_file`` follows symbolic links, as ``Path.is_file``).
    """
    try:
        with os.scandir(folder) as entries:
            files = [(entry.name, entry.path) for entry in entries if not entry.name.startswith(".") and entry.is_file()]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(files)


def stem_and_suffix(name: str) -> tuple[str, str]:
    """``(PurePath(name).stem, PurePath(name).suffix)`` of a file name, without making a path (one per file)."""
    dot = name.rfind(".")  # PurePath.suffix's own rule: a dot inside the name, not last
    return (name[:dot], name[dot:]) if 0 < dot < len(name) - 1 else (name, "")


Listings = dict[str, list[tuple[str, str]]]  # folder under raw/ -> its (name, path) listing


def discover_articles(raw_dir: Path, listings: Listings | None = None) -> tuple[list[ArticleSource], list[Issue]]:
    """Every ``raw/articles/*.txt``, sorted by article id, with its annotation and metadata files.

    ``listings`` receives the folder listings made, for :func:`orphan_files` to reuse.
    """
    issues: list[Issue] = []
    found: dict[str, ArticleSource] = {}
    listings = {} if listings is None else listings
    for folder in ("articles", "annotations", "metadata"):
        listings[folder] = folder_listing(raw_dir / folder)
    annotations, metadata = _data_files(listings["annotations"]), _data_files(listings["metadata"])
    for name, path in listings["articles"]:
        if stem_and_suffix(name)[1] != ".txt":
            continue
        match = ARTICLE_FILE_RE.match(name)
        display = f"articles/{name}"
        if not match:
            issues.append(_issue(display, None, None, "article-file-name",
                                 "article file name must end in 16 lowercase hex digits and .txt",
                                 hint="name it like 005_0123456789abcdef.txt; the digits are the stable article id"))
            continue
        article_id = match.group(1)
        if article_id in found:
            issues.append(_issue(display, None, None, "duplicate-article-id",
                                 f"article id {article_id} is also used by articles/{found[article_id].path.name}",
                                 hint=RENAME_HINT))
            continue
        found[article_id] = ArticleSource(article_id, path, annotations.get(article_id), metadata.get(article_id))
    return sorted(found.values(), key=lambda a: a.article_id), issues


def _data_files(listing: list[tuple[str, str]]) -> dict[str, str]:
    """stem -> path of the file :func:`data_file` picks for it, for every stem in a folder's listing."""
    chosen: dict[str, tuple[int, str]] = {}
    for name, path in listing:
        stem, suffix = stem_and_suffix(name)
        if suffix in ANNOTATION_SUFFIXES:
            rank = ANNOTATION_SUFFIXES.index(suffix)
            if stem not in chosen or rank < chosen[stem][0]:
                chosen[stem] = (rank, path)
    return {stem: path for stem, (_, path) in chosen.items()}


def orphan_files(raw_dir: Path, article_ids: set[str], listings: Listings | None = None) -> list[Issue]:
    """Annotation or metadata files that belong to no article, or that the build would not read.

    ``listings``: what :func:`discover_articles` listed (else the folders are listed again).
    """
    issues: list[Issue] = []
    for folder in ("annotations", "metadata"):
        listing = listings[folder] if listings is not None and folder in listings else folder_listing(raw_dir / folder)
        for name, _ in listing:
            display = f"{folder}/{name}"
            stem, suffix = stem_and_suffix(name)
            if suffix not in ANNOTATION_SUFFIXES:
                issues.append(ignored_file_issue(display, folder))
            elif stem not in article_ids:
                issues.append(_issue(display, None, None, "unknown-article",
                                     f"no article {stem!r} in articles/: this file would be ignored",
                                     hint="name the file after the 16 hex digits of its article file"))
    return issues


#: For two article files with one id.
RENAME_HINT = "every article needs its own 16 hex digits: rename one of the files (and its annotation and metadata files)"


def ignored_file_issue(display: str, folder: str) -> Issue:
    """The warning for a file in annotations/ or metadata/ that the build does not read (not YAML or JSON)."""
    return _issue(display, None, None, "ignored-file", f"not read: {folder}/ holds .yaml or .json files",
                  severity="warning", hint="rename it to <article_id>.yaml, or move it out of raw/")


def data_file(folder: Path, stem: str) -> Path | None:
    """``folder/stem`` with whichever accepted suffix (.yaml, .yml, .json) exists, if any."""
    for suffix in ANNOTATION_SUFFIXES:
        candidate = folder / f"{stem}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def annotation_path(raw_dir: Path, article_id: str) -> Path | None:
    """The article's annotation file, if any."""
    return data_file(raw_dir / "annotations", article_id)


def metadata_path(raw_dir: Path, article_id: str) -> Path | None:
    """The article's metadata file, if any."""
    return data_file(raw_dir / "metadata", article_id)


def is_raw_dir(folder: Path) -> bool:
    """Whether ``folder`` looks like a raw folder: an ``articles/`` folder beside a registry or annotations."""
    return (folder / "articles").is_dir() and (
        (folder / "entities.yaml").is_file() or (folder / "annotations").is_dir()
    )


def find_raw_dir(path: Path | str) -> Path | None:
    """The raw folder that holds ``path`` (it or a folder above it), else ``./raw``, else None.

    So that ``jsec validate`` and ``jsec extract`` work from any directory without
    ``--raw``. The folder is given relative to the working directory when it can be,
    so that issues name files as the contributor would type them.
    """
    start = Path(path).absolute()
    for folder in (start, *start.parents):
        if is_raw_dir(folder):
            try:
                return Path(os.path.relpath(folder))
            except ValueError:  # another drive (Windows): no relative path
                return folder
    return Path("raw") if Path("raw").is_dir() else None


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# Binary on Windows (its C runtime would translate newlines); non-inheritable everywhere
# without a flag (PEP 446: os.open makes every descriptor so).
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def read_raw_file(path: str | os.PathLike[str], limit: int) -> bytes | int:
    """A raw/ file's bytes, or its size (unread) when it is larger than ``limit`` bytes.

    File descriptor calls only: one ``open``, one ``fstat`` and reads to the end of the
    file (a file object adds three system calls and an object: 16 us against 21 us a
    file here; ``Path.read_bytes`` plus a ``stat`` cost twice as much, three times per
    article). Raises OSError as ``open`` does (a folder: IsADirectoryError, from the read).
    """
    fd = os.open(path, _READ_FLAGS)
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            return size
        # One read gives a regular file whole; reading on to an empty read also takes a file
        # that grew or a short read (a network file system), as a file object's readall does.
        chunks = []
        while chunk := os.read(fd, max(size + 1, 1 << 16)):
            chunks.append(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def too_large_issue(display: str, size: int, limit: int) -> Issue:
    """The issue for a file of ``size`` bytes over the ``limit``."""
    return _issue(display, None, None, "file-too-large", f"file is {size:,} bytes; the limit is {limit:,}", hint=_TOO_LARGE_HINT)


# Real files are a few kB: one this large is a different file (a page dump, an archive) put here by mistake.
_TOO_LARGE_HINT = "check that this is the right file: an article or annotation file is a few kB of text"


def unsafe_character_issues(text: str, display: str, *, printable: bool | None = None,
                            hint: str = "remove it; stored text must not hide or reorder characters") -> list[Issue]:
    """An issue for each hidden or control character in ``text`` (see scan_unsafe; ``printable`` as there)."""
    return [_issue(display, bad.line, bad.column, "unsafe-character", f"hidden character U+{ord(bad.char):04X} {bad.name}",
                   hint=hint, severity=bad.severity)
            for bad in scan_unsafe(text, printable)]


def decode_issue(exc: TextDecodeError, display: str) -> Issue:
    """The issue for an article whose bytes cannot be decoded."""
    if exc.byte_offset is None:  # (decode_article refuses an oversized file before decoding it)
        return _issue(display, None, None, "file-too-large", str(exc), hint=_TOO_LARGE_HINT)
    return _issue(display, exc.line, exc.column, "invalid-utf8", str(exc), hint=exc.hint)


def _issue(file: str, line: int | None, column: int | None, code: str, message: str,
           field: str | None = None, hint: str | None = None, severity: Severity | None = None) -> Issue:
    # Positional form for the readers, whose positions come as (line, column) pairs.
    return issue(file, code, message, line=line, column=column, field=field, hint=hint, severity=severity)
