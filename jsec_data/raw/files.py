"""Reading raw/: finding its article, annotation and metadata files, and reading their bytes.

Every reader returns data plus a list of :class:`~jsec_data.core.issues.Issue`; nothing
here raises for a user mistake. YAML and JSON files are parsed by :mod:`jsec_data.raw.yamlfiles`.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
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

    ``listings`` receives the folder listings made, for :func:`orphan_files` to reuse. Only
    files inside ``raw_dir`` are listed: a symbolic link out of it, or to something that is
    not a regular file (a device, a fifo), is an issue and is never read (:func:`raw_listing`).
    """
    issues: list[Issue] = []
    found: dict[str, ArticleSource] = {}
    listings = {} if listings is None else listings
    root = os.path.realpath(raw_dir)
    for folder in RAW_FOLDERS:
        listings[folder] = raw_listing(raw_dir, folder, issues, root)
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


#: The folders of raw/ that hold one file per article.
RAW_FOLDERS = ("articles", "annotations", "metadata")


def raw_listing(raw_dir: Path, folder: str, issues: list[Issue], root: str | None = None) -> list[tuple[str, str]]:
    """:func:`folder_listing` of ``raw_dir/folder``, keeping only what lies inside ``raw_dir``.

    A symbolic link (the folder itself, or an entry) is resolved and must stay inside
    ``raw_dir`` (``root``: its resolved path, when the caller has it); an entry that is
    neither a regular file nor a folder (a device, a fifo, a socket, or a link to one) and
    a broken link are refused too. Each refusal adds an issue naming the path and is left
    out of the listing. Plain entries cost nothing extra: the entry types come with the listing.
    """
    root = os.path.realpath(raw_dir) if root is None else root
    path = raw_dir / folder
    display = f"{folder}/"
    if path.is_symlink():
        target = os.path.realpath(path)
        if not _inside(target, root):
            issues.append(outside_raw_issue(display, target))
            return []
    files: list[tuple[str, str]] = []
    try:
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_symlink():
                    problem = _link_problem(entry.path, f"{folder}/{entry.name}", root)
                    if problem is _READ:
                        files.append((entry.name, entry.path))
                    elif isinstance(problem, Issue):
                        issues.append(problem)
                elif entry.is_file():
                    files.append((entry.name, entry.path))
                elif not entry.is_dir():
                    issues.append(not_regular_issue(f"{folder}/{entry.name}", _kind(entry.path)))
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(files)


_READ = "read"


def _link_problem(path: str, display: str, root: str) -> Issue | str | None:
    """For a symbolic link under raw/: ``_READ`` to read it, None to skip it (a folder), else the issue."""
    target = os.path.realpath(path)
    if not _inside(target, root):
        return outside_raw_issue(display, target)
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return _issue(display, None, None, "unreadable", f"broken symbolic link (to {target})",
                      hint="point the link at an existing file inside raw/, or remove it")
    if stat.S_ISREG(mode):
        return _READ
    if stat.S_ISDIR(mode):
        return None
    return not_regular_issue(display, _kind(path))


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
    """``folder/stem`` with whichever accepted suffix (.yaml, .yml, .json) exists, if any.

    Anything there but a folder counts (a link, a fifo), so that reading it reports what it
    is (:func:`read_raw_file`) instead of the file seeming absent.
    """
    for suffix in ANNOTATION_SUFFIXES:
        candidate = folder / f"{stem}{suffix}"
        try:
            if not stat.S_ISDIR(candidate.stat().st_mode):
                return candidate
        except OSError:
            if candidate.is_symlink():  # a broken link: reading it says so
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
# without a flag (PEP 446: os.open makes every descriptor so). Non-blocking, so that opening
# a fifo returns at once (and is then refused as not a regular file) instead of waiting.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
#: Opening a path whose last part is a symbolic link fails with this flag: links take the slow, checked path.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_LINK_ERRNOS = (errno.ELOOP, errno.EMLINK)  # what O_NOFOLLOW gives for a link (Linux and macOS; FreeBSD)


class RawPathError(OSError):
    """A path under raw/ that is never read; ``code`` is its issue code (see :func:`read_error_issue`)."""

    code = "unreadable"


class OutsideRawError(RawPathError):
    """A symbolic link (the file, or a folder on its path) that leads out of the raw folder."""

    code = "raw-link-outside"


class NotRegularFileError(RawPathError):
    """A device, fifo or socket where a file was expected."""

    code = "not-a-regular-file"


def read_raw_file(path: str | os.PathLike[str], limit: int) -> bytes | int:
    """A raw/ file's bytes, or its size (unread) when it is larger than ``limit`` bytes.

    File descriptor calls only: one ``open``, one ``fstat`` and reads to the end of the
    file (a file object adds three system calls and an object: 16 us against 21 us a
    file here; ``Path.read_bytes`` plus a ``stat`` cost twice as much, three times per
    article). Raises OSError as ``open`` does (a folder: IsADirectoryError, from the read).

    Under a raw folder nothing outside it is read: the file's folder is resolved once per
    process, and a file that is a symbolic link is resolved when opened (the open refuses
    links, so other files pay nothing); one that leads out of the raw folder raises
    :class:`OutsideRawError`. Anything but a regular file (a device, a fifo) raises
    :class:`NotRegularFileError`, wherever it is.
    """
    # Strings and os.path, not a Path per file (this runs for every file the build reads).
    name = os.fspath(path)
    folder = os.path.dirname(name)  # noqa: PTH120
    # A verdict per folder and working directory (a relative folder means another one after a chdir).
    key = (folder if os.path.isabs(folder) else (os.getcwd(), folder))  # noqa: PTH109, PTH117
    escape = _FOLDER_VERDICTS.get(key)
    if escape is None:
        escape = _FOLDER_VERDICTS[key] = _folder_escape(os.path.abspath(folder))  # noqa: PTH100
    if escape:
        raise OutsideRawError(errno.EACCES, escape, name)
    try:
        fd = os.open(name, _READ_FLAGS | _NOFOLLOW)
    except OSError as exc:
        if not _NOFOLLOW or exc.errno not in _LINK_ERRNOS or not Path(name).is_symlink():
            raise
        _check_link(name, str(Path(folder).absolute()))
        fd = os.open(name, _READ_FLAGS)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            if stat.S_ISDIR(status.st_mode):
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
            raise NotRegularFileError(errno.EINVAL, f"not a regular file but {_mode_kind(status.st_mode)}", name)
        size = status.st_size
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


#: Folder (absolute, or (working directory, relative)) -> why files in it are not read ("" when they
#: may be), decided once per process.
_FOLDER_VERDICTS: dict[str | tuple[str, str], str] = {}


def _raw_root_of(folder: str) -> str | None:
    """The raw folder that ``folder`` is (a registry's folder) or is a folder of (articles/...), if any."""
    parent, name = os.path.split(folder)
    root = parent if name in RAW_FOLDERS else folder
    return root if is_raw_dir(Path(root)) else None


def _folder_escape(folder: str) -> str:
    """Why files directly in ``folder`` may not be read: a link on its path leads out of its raw folder ("" if not)."""
    root = _raw_root_of(folder)
    if root is None:
        return ""  # not in a raw folder (a draft given to jsec validate): only the file itself is checked
    target = os.path.realpath(folder)
    real_root = os.path.realpath(root)
    return "" if _inside(target, real_root) else _outside_message(target)


def _check_link(path: str, folder: str) -> None:
    """Raise :class:`OutsideRawError` when the link ``path`` (in a raw folder) resolves outside it."""
    root = _raw_root_of(folder)
    if root is None:
        return
    target = os.path.realpath(path)
    if not _inside(target, os.path.realpath(root)):
        raise OutsideRawError(errno.EACCES, _outside_message(target), path)


def _inside(path: str, root: str) -> bool:
    """Whether the resolved ``path`` is ``root`` or lies under it (both resolved)."""
    try:
        relative = os.path.relpath(path, root)
    except ValueError:  # another drive (Windows)
        return False
    return relative != os.pardir and not relative.startswith(os.pardir + os.sep)


def _outside_message(target: str) -> str:
    return f"a symbolic link to {target}, outside the raw folder: it is not read"


def _mode_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISFIFO, "a fifo (named pipe)"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "a special file"


def _kind(path: str) -> str:
    try:
        return _mode_kind(Path(path).stat().st_mode)
    except OSError:
        return "a special file"


_LINK_HINT = "raw/ holds the files themselves: copy the file into raw/ (or point the link inside raw/), or remove the link"


def outside_raw_issue(display: str, target: str) -> Issue:
    """The error for a path under raw/ that leads out of it."""
    return _issue(display, None, None, "raw-link-outside", _outside_message(target), hint=_LINK_HINT)


def not_regular_issue(display: str, kind: str) -> Issue:
    """The error for an entry of raw/ that is not a regular file (a device, a fifo, a socket)."""
    return _issue(display, None, None, "not-a-regular-file", f"not a regular file but {kind}: it is not read",
                  hint="raw/ holds regular files only: replace it by the file it stands for, or remove it")


def read_error_issue(display: str, exc: OSError) -> Issue:
    """The issue for a raw file that could not be read (:func:`read_raw_file`'s OSError)."""
    if isinstance(exc, OutsideRawError):
        return _issue(display, None, None, exc.code, exc.strerror or str(exc), hint=_LINK_HINT)
    if isinstance(exc, RawPathError):
        return _issue(display, None, None, exc.code, exc.strerror or str(exc),
                      hint="raw/ holds regular files only: replace it by the file it stands for, or remove it")
    return _issue(display, None, None, "unreadable", f"cannot read file: {exc.strerror}")


#: UTF-8 bytes classed for :func:`language_issues`: ``a`` starts an Arabic-block character
#: (U+0600-U+06FF: lead bytes D8-DB), ``x`` a letter of another script (ASCII letters; lead bytes
#: C3-D7: Latin-1 letters to Hebrew; E3-ED: CJK, Hangul), ``.`` anything else (digits,
#: punctuation, spaces, continuation bytes, other Arabic blocks).
_SCRIPT_CLASSES = bytes(
    ord("a") if 0xD8 <= b <= 0xDB else
    ord("x") if (65 <= b <= 90 or 97 <= b <= 122 or 0xC3 <= b <= 0xD7 or 0xE3 <= b <= 0xED) else ord(".")
    for b in range(256))
#: Below this share of Arabic letters an article said to be Arabic is reported.
MIN_ARABIC_SHARE = 0.5


def language_issues(text: str, language: str | None, display: str, data: bytes | None = None) -> list[Issue]:
    """A warning when an article said to be Arabic (``language: ar``) is not: plain ASCII, or mostly other letters.

    Catches a file that is not the article at all (a log, a password file, an English
    page) before it becomes a row. ``data``: the file's bytes, when the caller has them
    (spares encoding ``text`` again). C passes over the bytes only, no loop per character:
    one for most articles (Arabic letters take two bytes each, so when they are a third of
    the bytes no other script can have as many letters), three otherwise.
    """
    if language is None or language.split("-")[0].lower() != "ar":
        return []
    if text.isascii():
        return [_issue(display, None, None, "article-not-arabic",
                       "the article is said to be Arabic (language: ar) but its text is plain ASCII, without one Arabic letter",
                       severity="warning", hint=_LANGUAGE_HINT)]
    encoded = text.encode("utf-8") if data is None else data
    if 3 * (len(encoded) - len(encoded.translate(None, _ARABIC_LEADS))) >= len(encoded):
        return []
    classes = encoded.translate(_SCRIPT_CLASSES)
    arabic, other = classes.count(b"a"), classes.count(b"x")
    if arabic >= MIN_ARABIC_SHARE * (arabic + other) and arabic:
        return []
    share = arabic / (arabic + other) if arabic + other else 0.0
    return [_issue(display, None, None, "article-not-arabic",
                   f"the article is said to be Arabic (language: ar) but only {share:.0%} of its letters are Arabic",
                   severity="warning", hint=_LANGUAGE_HINT)]


_ARABIC_LEADS = bytes(range(0xD8, 0xDC))
_LANGUAGE_HINT = ("check that this is the right file; if the article is in another language, "
                  "set `language:` in its metadata file")


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
