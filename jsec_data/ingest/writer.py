"""Writing ingested articles into raw/: ids, file names, metadata, atomically.

Every file is written to a temporary file in its own folder (``.<name>.<pid>.ingest-tmp``: a
dot file, which validate and the build never read), flushed to disk and renamed over its
final name, so a reader sees the old file or the new one, never part of one. The metadata
file is written first and the article text last: the text file's presence means the
article exists. A kill in between leaves a metadata file without its article; the next run
removes it (and any temporary file), as it removes nothing else.

An existing article is never overwritten. The only change ever made to an existing file
is adding an entry to a metadata file's ``near_copies`` list, and only when the result
reads back through the project's own reader as exactly the old metadata plus that entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from jsec_data.core.issues import Issue
from jsec_data.core.models import MetadataFile, NearCopy
from jsec_data.core.text import BIDI_CONTROLS, INVISIBLE_MARKS
from jsec_data.ingest.codes import ingest_issue

__all__ = [
    "ARTICLE_NAME_RE",
    "TEMP_SUFFIX",
    "ExistingArticle",
    "RawFolder",
    "article_file_name",
    "article_id_for",
    "atomic_write",
    "metadata_yaml",
]

#: An article file name with its number: ``NNN_<16 hex>.txt``.
ARTICLE_NAME_RE = re.compile(r"^(\d+)_([0-9a-f]{16})\.txt$")
_ANY_ARTICLE_RE = re.compile(r"^(?:.*_)?([0-9a-f]{16})\.txt$")  # what the build accepts (rawio's rule)
TEMP_SUFFIX = ".ingest-tmp"
_METADATA_SUFFIXES = (".yaml", ".yml", ".json")


def article_id_for(url: str | None, outlet: str | None, text: str) -> str:
    """16 hex digits: of the SHA-256 of the URL (stripped), else of ``"no-url\\n" + outlet + "\\n" + text``.

    >>> article_id_for(" http://www.alyaum.com/article/4081176 ", None, "...")
    'c53db3ed44b214c5'
    """
    key = url.strip() if url and url.strip() else f"no-url\n{outlet or ''}\n{text}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def article_file_name(number: int, article_id: str) -> str:
    """``NNN_<id>.txt``, the number zero-padded to three digits (more when it needs them).

    >>> article_file_name(5, "0123456789abcdef"), article_file_name(1234, "0123456789abcdef")
    ('005_0123456789abcdef.txt', '1234_0123456789abcdef.txt')
    """
    return f"{number:03d}_{article_id}.txt"


# libyaml's emitter when PyYAML has it (ten times faster); it writes the same bytes as the
# pure-Python one (compared on 11,425 metadata files made from SaudiNewsNet records).
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc]
    """Plain block YAML, as in the hand-written raw/metadata files.

    A string holding a hidden character (a bidi control, a zero-width mark: a headline may)
    is double-quoted, and :func:`_escape_hidden` writes the character as an escape, so that
    the metadata file shows it and ``jsec validate`` does not refuse the file for it.
    """


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if _HIDDEN.search(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)
_HIDDEN = re.compile("[" + "".join(BIDI_CONTROLS) + "".join(INVISIBLE_MARKS) + "]")
_DUMPER = _Dumper


def _escape_hidden(text: str) -> str:
    # Only double-quoted scalars hold these characters (see _represent_str), where \uXXXX is an escape.
    return _HIDDEN.sub(lambda match: f"\\u{ord(match.group()):04X}", text)


def metadata_yaml(metadata: MetadataFile) -> str:
    """The YAML text of a metadata file: every field, in the model's order, plain block style.

    Dates and times are written as YAML timestamps (``2015-07-31 18:18:44``), strings
    quoted only where YAML needs it, every character as it is (``allow_unicode``).
    """
    data = metadata.model_dump(mode="python")
    return _escape_hidden(yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10**9,
                                    default_flow_style=False))


def near_copy_item_yaml(entry: NearCopy) -> str:
    """One ``near_copies`` list item, as :func:`metadata_yaml` writes it (``- source_url: ...``)."""
    return _escape_hidden(yaml.dump([entry.model_dump(mode="python")], Dumper=_DUMPER, allow_unicode=True,
                                    sort_keys=False, width=10**9, default_flow_style=False))


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``: temporary file in the same folder, fsync, ``os.replace``.

    The folder itself is synced once at the end of a run (:meth:`RawFolder.close`), not after
    every file: a process that is killed loses nothing either way, and one sync per folder
    instead of one per file halves the run's fsyncs.
    """
    temp = path.with_name(f".{path.name}.{os.getpid()}{TEMP_SUFFIX}")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); Windows cannot open a folder, and needs no such step."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@dataclass
class ExistingArticle:
    """An article already in raw/ and what its metadata says about its source."""

    article_id: str
    path: Path
    metadata_path: Path | None = None
    source_url: str | None = None
    source_record_sha256: str | None = None
    #: (source_url, source_record_sha256) of each near-copy recorded against it.
    near_copies: list[tuple[str | None, str]] = field(default_factory=list)


class RawFolder:
    """A raw/ folder as the ingest sees it: its articles, the next file number, and the writes.

    With ``dry_run`` nothing is created, written or removed; every method behaves as if
    it had been (file names are still given out, in order).
    """

    def __init__(self, raw_dir: Path, *, dry_run: bool = False) -> None:
        self.raw_dir = Path(raw_dir)
        self.articles_dir = self.raw_dir / "articles"
        self.metadata_dir = self.raw_dir / "metadata"
        self.dry_run = dry_run
        self.articles: dict[str, ExistingArticle] = {}
        self.issues: list[Issue] = []
        self._next_number = 0

    # ------------------------------------------------------------------ reading

    def open(self) -> None:
        """Create the folders, remove leftovers of an interrupted run, and read what is there."""
        if not self.dry_run:
            self.articles_dir.mkdir(parents=True, exist_ok=True)
            self.metadata_dir.mkdir(parents=True, exist_ok=True)
        highest = -1
        for path in _listing(self.articles_dir):
            name = path.name
            if name.endswith(TEMP_SUFFIX):
                self._remove_leftover(path, "a temporary file of an interrupted ingest")
                continue
            numbered = ARTICLE_NAME_RE.match(name)
            if numbered:
                highest = max(highest, int(numbered.group(1)))
            match = _ANY_ARTICLE_RE.match(name)
            if match and not name.startswith("."):
                self.articles.setdefault(match.group(1), ExistingArticle(match.group(1), path))
        self._next_number = highest + 1
        for path in _listing(self.metadata_dir):
            if path.name.endswith(TEMP_SUFFIX):
                self._remove_leftover(path, "a temporary file of an interrupted ingest")
                continue
            stem, suffix = path.stem, path.suffix
            if suffix not in _METADATA_SUFFIXES or path.name.startswith("."):
                continue
            article = self.articles.get(stem)
            if article is None:
                self._check_orphan(stem, path)
            elif article.metadata_path is None or _METADATA_SUFFIXES.index(suffix) < _METADATA_SUFFIXES.index(
                    article.metadata_path.suffix):
                article.metadata_path = path  # the file the build reads (.yaml before .yml before .json)
        for article in self.articles.values():
            if article.metadata_path is not None:
                self._read_provenance(article)

    def _read_provenance(self, article: ExistingArticle) -> None:
        assert article.metadata_path is not None
        data = _load_data(article.metadata_path)
        if not isinstance(data, dict):
            self.issues.append(ingest_issue(self._display(article.metadata_path), "ingest-unreadable-metadata",
                                            "not a readable metadata file: its source URL is unknown to the ingest"))
            return
        article.source_url = _str_or_none(data.get("source_url"))
        article.source_record_sha256 = _str_or_none(data.get("source_record_sha256"))
        for entry in data.get("near_copies") or []:
            if isinstance(entry, dict) and isinstance(entry.get("source_record_sha256"), str):
                article.near_copies.append((_str_or_none(entry.get("source_url")), entry["source_record_sha256"]))

    def _check_orphan(self, article_id: str, path: Path) -> None:
        """Remove the metadata of an article whose text was never written (an interrupted ingest).

        Only a file the ingest wrote (it has a source record digest) and that nothing else
        refers to (no annotation file) is removed; any other orphan is left for validate to report.
        """
        data = _load_data(path)
        if not (isinstance(data, dict) and data.get("source_record_sha256")):
            return
        if any((self.raw_dir / "annotations" / f"{article_id}{suffix}").exists() for suffix in _METADATA_SUFFIXES):
            return
        self._remove_leftover(path, "the metadata of an article whose text was never written (an interrupted ingest)")

    def _remove_leftover(self, path: Path, what: str) -> None:
        if self.dry_run:
            return
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        self.issues.append(ingest_issue(self._display(path), "ingest-removed-leftover", f"removed {what}"))

    def _display(self, path: Path) -> str:
        return str(path)

    def text_of(self, article_id: str) -> str | None:
        """The stored text of an existing article (None if unreadable)."""
        try:
            return self.articles[article_id].path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError, KeyError):
            return None

    def close(self) -> None:
        """Make the run's renames durable (one fsync per folder)."""
        if not self.dry_run:
            for folder in (self.metadata_dir, self.articles_dir):
                _fsync_folder(folder)

    # ------------------------------------------------------------------ writing

    def next_file_name(self, article_id: str) -> str:
        """The file name the next new article gets (and count it as given)."""
        name = article_file_name(self._next_number, article_id)
        self._next_number += 1
        return name

    def write_article(self, metadata: MetadataFile, text: str, file_name: str) -> Path:
        """Write a new article: its metadata file, then its text (never over an existing article)."""
        article_id = metadata.article_id
        if article_id in self.articles:
            raise FileExistsError(f"article {article_id} exists already: it is never overwritten")
        path = self.articles_dir / file_name
        data = text.encode("utf-8")  # before anything is written: a lone surrogate raises here
        meta_path = self.metadata_dir / f"{article_id}.yaml"
        if not self.dry_run:
            atomic_write(meta_path, metadata_yaml(metadata).encode("utf-8"))
            atomic_write(path, data)
        self.articles[article_id] = ExistingArticle(article_id, path, meta_path, metadata.source_url,
                                                    metadata.source_record_sha256)
        return path

    def append_near_copy(self, article_id: str, entry: NearCopy) -> Issue | None:
        """Add ``entry`` to the article's ``near_copies`` (a new metadata file if it has none).

        Returns a warning instead when the file cannot be changed safely (see the module docstring).
        """
        article = self.articles[article_id]
        meta_path = article.metadata_path
        if meta_path is None:
            meta_path = self.metadata_dir / f"{article_id}.yaml"
            if not self.dry_run:
                atomic_write(meta_path, metadata_yaml(MetadataFile(article_id=article_id, near_copies=[entry])).encode())
            article.metadata_path = meta_path
        elif not self.dry_run:
            problem = _append_to_metadata(meta_path, entry)
            if problem is not None:
                return ingest_issue(str(meta_path), "ingest-near-copy-not-recorded", problem,
                                    hint="add this entry to the file's near_copies list by hand:\n"
                                         + near_copy_item_yaml(entry))
        article.near_copies.append((entry.source_url, entry.source_record_sha256))
        return None


def _append_to_metadata(path: Path, entry: NearCopy) -> str | None:
    """Add ``entry`` to the metadata file at ``path`` by editing its text; why not, or None when done.

    The new text is checked by reading it back with the project's reader: it must give the
    old metadata with the entry appended, or the file is left as it was.
    """
    from jsec_data.raw.yamlfiles import read_model_file

    if path.suffix == ".json":
        return "the metadata file is JSON; the ingest only adds near-copies to YAML files"
    before, _, issues = read_model_file(path, MetadataFile, str(path))
    if before is None:
        return "the metadata file does not read as valid metadata: " + "; ".join(i.message for i in issues[:2])
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return f"cannot read the metadata file: {exc}"
    new_text = _with_near_copy(text, near_copy_item_yaml(entry))
    if new_text is None:
        return "the metadata file's near_copies entry is not a plain block list"
    expected = before.model_copy(update={"near_copies": [*before.near_copies, entry]})
    temp = path.with_name(f".{path.name}.{os.getpid()}{TEMP_SUFFIX}")
    try:
        with open(temp, "wb") as handle:
            handle.write(new_text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        after, _, _ = read_model_file(temp, MetadataFile, str(path))
        if after != expected:
            return "the edited file would not read back as the same metadata plus the near-copy"
        temp.replace(path)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return None


_NEAR_COPIES_KEY = re.compile(r"^near_copies:[ \t]*(\[\])?[ \t]*$", re.MULTILINE)


def _with_near_copy(text: str, item: str) -> str | None:
    """``text`` with ``item`` (a block list item) added to its top-level ``near_copies`` list."""
    if text and not text.endswith("\n"):
        text += "\n"
    match = _NEAR_COPIES_KEY.search(text)
    if match is None:
        if re.search(r"^near_copies\s*:", text, re.MULTILINE):
            return None  # some other style (flow list, comment): not edited
        return text + "near_copies:\n" + item
    if match.group(1):  # near_copies: []
        return text[:match.start()] + "near_copies:\n" + item + text[match.end() + 1:]
    # A block list: its items start with "-" or are indented; it ends at the next top-level key.
    end = match.end() + 1
    last = end
    indent: str | None = None
    for line in re.finditer(r"^.*$\n?", text[end:], re.MULTILINE):
        content = line.group()
        if not content:
            break
        if content.strip() and not content.startswith(("-", " ", "\t", "#")):
            break
        if content.strip() and not content.lstrip(" ").startswith("#"):
            last = end + line.end()
            if indent is None and content.lstrip(" ").startswith("-"):
                indent = content[:len(content) - len(content.lstrip(" "))]  # items indented like the first one
    if indent:
        item = "".join(indent + part for part in item.splitlines(keepends=True))
    return text[:last] + item + text[last:]


def _listing(folder: Path) -> list[Path]:
    try:
        with os.scandir(folder) as entries:
            return sorted((Path(entry.path) for entry in entries if entry.is_file()), key=lambda p: p.name)
    except (FileNotFoundError, NotADirectoryError):
        return []


def _load_data(path: Path) -> Any:
    """A metadata file's data as plain values (C loader when there is one), or None if unreadable."""
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(path.read_bytes().decode("utf-8"), Loader=loader)  # a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None
