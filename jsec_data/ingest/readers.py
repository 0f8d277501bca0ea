"""Reading source corpora record by record: JSON arrays, JSON Lines and Parquet, plain or gzipped.

The format is recognised by the content (gzip magic ``1f 8b``, Parquet magic ``PAR1``, then
the first non-space character: ``[`` a JSON array, ``{`` JSON Lines), never by the name.
Reading streams: memory holds one chunk of the input and the record being read, however
large the file (a JSON array is split into records by ``json.JSONDecoder.raw_decode`` over
a growing buffer; Parquet is read in batches).

:func:`iter_records` yields a :class:`SourceRecord` per record, or a :class:`ReadProblem`
that says where and why a record (or the rest of a file) could not be read; a problem in
one record never stops the others.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import gzip
import hashlib
import json
import os
import re
import shutil
import tempfile
import unicodedata
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any, Literal, Protocol

from jsec_data.core.issues import Issue
from jsec_data.ingest.codes import ingest_issue
from jsec_data.ingest.mapping import CANONICAL_FIELDS, SAUDINEWSNET, FieldMapping, IngestUsageError, load_mapping

__all__ = [
    "CANONICAL_FIELDS",
    "MAX_FIELD_BYTES",
    "MAX_RECORD_CHARS",
    "SAUDINEWSNET",
    "FieldMapping",
    "IngestUsageError",
    "ReadProblem",
    "SourceRecord",
    "canonical_sha256",
    "detect_format",
    "iter_records",
    "load_mapping",
]

#: A mapped string field larger than this (UTF-8 bytes) rejects its record: news texts are a few kB.
MAX_FIELD_BYTES = 2_000_000
#: A record larger than this (characters of JSON) is skipped unread, so that memory stays bounded.
MAX_RECORD_CHARS = 8_000_000
#: Bytes read from the input at a time.
CHUNK_BYTES = 1 << 20
#: Parquet rows decoded at a time.
PARQUET_BATCH_ROWS = 512

_DATE_FIELDS = frozenset({"retrieved", "published"})

Format = Literal["json-array", "jsonl", "parquet"]


class _ByteStream(Protocol):
    """What the readers need of an open (possibly gzip) binary file."""

    def read(self, size: int = ..., /) -> bytes: ...

    def readline(self, size: int = ..., /) -> bytes: ...


# ------------------------------------------------------------------------------ records


@dataclass(frozen=True)
class SourceRecord:
    """One record of a source file, with its mapped fields (strings; None when absent or null).

    ``record`` is the 1-based record number in the file; ``line`` the line it starts on
    (JSON array, JSON Lines; None in Parquet). ``data`` is the whole record as read.
    """

    file: str
    record: int
    line: int | None
    text: str | None
    url: str | None
    title: str | None
    outlet: str | None
    byline: str | None
    retrieved: str | None
    published: str | None
    data: Mapping[str, Any] = field(repr=False, compare=False)

    @cached_property
    def source_record_sha256(self) -> str:
        """SHA-256 of the record's canonical JSON (computed when first asked: most records are skipped)."""
        return canonical_sha256(self.data)

    def where(self) -> str:
        """``record N``, for messages (the issue's location gives the line)."""
        return f"record {self.record}"


@dataclass(frozen=True)
class ReadProblem:
    """A record (``record`` set) or the rest of a file (``record`` None) that could not be read."""

    issue: Issue
    record: int | None


def canonical_sha256(record: Mapping[str, Any]) -> str:
    """SHA-256 of ``json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))`` in UTF-8.

    Values JSON has no type for (Parquet timestamps, dates) are written as ISO 8601 strings.

    >>> canonical_sha256({"b": 1, "a": "ج"}) == hashlib.sha256('{"a":"ج","b":1}'.encode()).hexdigest()
    True
    """
    text = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_json_default)
    # surrogatepass: a JSON string may hold a lone surrogate escape (\\udc80); such a record is
    # refused before it is written, but its digest must not fail.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


# ------------------------------------------------------------------------------ formats


def detect_format(head: bytes) -> Format | None:
    """The format of decompressed content starting with ``head``, or None.

    >>> detect_format(b"\\xef\\xbb\\xbf  [{"), detect_format(b'{"a": 1}'), detect_format(b"PAR1..."), detect_format(b"<html>")
    ('json-array', 'jsonl', 'parquet', None)
    """
    if head.startswith(b"PAR1"):
        return "parquet"
    first = head.removeprefix(codecs.BOM_UTF8).lstrip(b" \t\r\n")[:1]
    return "json-array" if first == b"[" else "jsonl" if first == b"{" else None


_SNIFF_BYTES = 1 << 16
_GZIP_MAGIC = b"\x1f\x8b"


def iter_records(path: str | os.PathLike[str], mapping: FieldMapping = SAUDINEWSNET, *,
                 display: str | None = None) -> Iterator[SourceRecord | ReadProblem]:
    """Every record of ``path`` (any supported format), mapped, in file order, or a located problem.

    ``display``: how files are named in problems (default: the path as given).
    """
    name = str(path) if display is None else display
    try:
        with open(path, "rb") as handle:
            compressed = handle.read(2) == _GZIP_MAGIC
        head = _read_head(path, compressed)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield ReadProblem(_open_issue(name, exc), None)
        return
    kind = detect_format(head)
    if kind is None:
        what = "gzip-compressed data" if compressed else "data"
        yield ReadProblem(ingest_issue(name, "ingest-unknown-format" if head.strip() else "ingest-empty-file",
                                       f"{what} that is not a JSON array, JSON Lines or Parquet (starts with {head[:16]!r})"
                                       if head.strip() else "the file is empty"), None)
        return
    if kind == "parquet":
        yield from _iter_parquet(path, compressed, name, mapping)
        return
    try:
        with (gzip.open(path, "rb") if compressed else open(path, "rb")) as raw:
            if kind == "json-array":
                yield from _iter_json_array(raw, name, mapping)
            else:
                yield from _iter_json_lines(raw, name, mapping)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield ReadProblem(_open_issue(name, exc, partial=True), None)


def _read_head(path: str | os.PathLike[str], compressed: bool) -> bytes:
    """The first bytes of the (decompressed) content, enough to see past leading white space."""
    with (gzip.open(path, "rb") if compressed else open(path, "rb")) as handle:
        head = handle.read(_SNIFF_BYTES)
        while head and not head.lstrip(b" \t\r\n").removeprefix(codecs.BOM_UTF8).lstrip(b" \t\r\n"):
            more = handle.read(_SNIFF_BYTES)  # a file of white space: read on, a chunk at a time
            if not more:
                break
            head = more
    return head


def _open_issue(name: str, exc: BaseException, *, partial: bool = False) -> Issue:
    rest = "; records before the damage were read" if partial else ""
    if isinstance(exc, EOFError):
        return ingest_issue(name, "ingest-truncated-gzip", f"the gzip data ends before its end-of-stream marker{rest}")
    if isinstance(exc, (gzip.BadGzipFile, zlib.error)):
        return ingest_issue(name, "ingest-bad-gzip", f"corrupt gzip data: {exc}{rest}")
    return ingest_issue(name, "ingest-unreadable-file", f"cannot read the file: {getattr(exc, 'strerror', None) or exc}{rest}")


# ------------------------------------------------------------------------------ decoding


class _Decoder:
    """UTF-8 decoding of a byte stream in chunks, remembering where undecodable bytes were.

    Valid input is decoded strictly (one C call per chunk); a chunk with bad bytes is
    decoded again with ``surrogateescape``, and the position of each bad byte is kept
    (as a character index into the decoded stream and a byte offset into the file), so
    that the record holding it is rejected and the others are not.
    """

    def __init__(self, raw: _ByteStream) -> None:
        self._raw = raw
        self._pending = b""
        self.bytes_done = 0  # bytes of the stream decoded so far (not counting _pending)
        self.chars_done = 0
        self.eof = False
        #: (character index in the stream, byte offset in the stream) of each undecodable byte, in order.
        self.bad: list[tuple[int, int]] = []

    def read(self, size: int) -> str:
        data = self._raw.read(size)
        final = not data
        if final:
            self.eof = True
        data = self._pending + data
        try:
            text, used = codecs.utf_8_decode(data, "strict", final)
        except UnicodeDecodeError:
            text, used = codecs.utf_8_decode(data, "surrogateescape", final)
            self._mark_bad(text)
        self._pending = data[used:]
        self.bytes_done += used
        self.chars_done += len(text)
        return text

    def _mark_bad(self, text: str) -> None:
        byte_offset, previous = self.bytes_done, 0
        for match in _ESCAPED.finditer(text):
            byte_offset += len(text[previous:match.start()].encode("utf-8", "surrogateescape"))
            self.bad.append((self.chars_done + match.start(), byte_offset))
            byte_offset += 1
            previous = match.end()

    def first_bad(self, start: int, end: int) -> int | None:
        """Byte offset of the first undecodable byte among stream characters [start, end), if any."""
        while self.bad and self.bad[0][0] < start:
            del self.bad[0]  # before this record: its record was rejected already
        if self.bad and self.bad[0][0] < end:
            return self.bad[0][1]
        return None


_ESCAPED = re.compile("[\udc80-\udcff]")


# ------------------------------------------------------------------------------ JSON array

_WS = re.compile(r"[ \t\n\r]*")
_decode = json.JSONDecoder().raw_decode


def _iter_json_array(raw: _ByteStream, name: str, mapping: FieldMapping) -> Iterator[SourceRecord | ReadProblem]:
    """The elements of a JSON array, split off one at a time by ``raw_decode`` over a growing buffer."""
    decoder = _Decoder(raw)
    buf = decoder.read(CHUNK_BYTES).removeprefix("\ufeff")
    line = 1
    while not buf.lstrip(" \t\n\r"):  # (megabytes of white space before the "[")
        line += buf.count("\n")
        buf = decoder.read(CHUNK_BYTES)
    base = decoder.chars_done - len(buf)  # stream index of buf[0]
    pos = _WS.match(buf).end()  # type: ignore[union-attr]
    line += buf.count("\n", 0, pos)
    pos += 1  # the "[" detect_format saw
    number = 0
    expect_value = True  # after "[" or ",": a value (or "]" right after "["); after a value: "," or "]"

    def more(at_least: int = CHUNK_BYTES) -> bool:
        """Read on (dropping what was consumed); False at the end of the input."""
        nonlocal buf, base, pos
        text = decoder.read(max(at_least, CHUNK_BYTES))
        if pos:
            base += pos
            buf = buf[pos:]
            pos = 0
        buf += text
        return bool(text) or not decoder.eof

    while True:
        stop = _WS.match(buf, pos).end()  # type: ignore[union-attr]
        line += buf.count("\n", pos, stop)
        pos = stop
        if pos >= len(buf):
            if decoder.eof or not more():
                yield ReadProblem(ingest_issue(name, "ingest-invalid-json", f"the file ends inside the JSON array, after "
                                               f"record {number} (a truncated file)", line=line), None)
                return
            continue
        char = buf[pos]
        if char == "]" and (not expect_value or number == 0):
            pos += 1
            yield from _trailing(decoder, buf[pos:], name, line)
            return
        if not expect_value:
            if char != ",":
                yield ReadProblem(_syntax_issue(name, f"expected ',' or ']' after record {number}", buf, pos, line), None)
                return
            pos += 1
            expect_value = True
            continue
        try:
            value, end = _decode(buf, pos)
            if end == len(buf) and not decoder.eof:
                raise ValueError("a number or literal may go on in the next chunk")
        except ValueError as exc:  # JSONDecodeError is a ValueError
            if _incomplete(exc, len(buf)) and not decoder.eof:
                if len(buf) - pos <= MAX_RECORD_CHARS:
                    more(len(buf) - pos)  # at least double what is buffered: a long record is re-parsed O(log n) times
                    continue
                number += 1
                start_line = line
                skipped = _skip_value(buf, pos, decoder)
                if skipped is None:
                    yield ReadProblem(ingest_issue(name, "ingest-invalid-json", f"the file ends inside record {number}",
                                                   line=start_line), None)
                    return
                buf, pos, newlines = skipped
                base = decoder.chars_done - len(buf)
                line += newlines
                yield ReadProblem(ingest_issue(name, "ingest-record-too-large",
                                               f"record {number} is over {MAX_RECORD_CHARS:,} characters: skipped unread "
                                               f"(no field may be over {MAX_FIELD_BYTES:,} bytes)", line=start_line), number)
                expect_value = False
                continue
            message = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            where = exc.pos if isinstance(exc, json.JSONDecodeError) else pos
            if decoder.eof and _incomplete(exc, len(buf)):
                message = f"the file ends inside the record ({message}): a truncated file"
            yield ReadProblem(_syntax_issue(name, f"record {number + 1}: {message}; the rest of the file is not read",
                                            buf, where, line, start=pos), None)
            return
        number += 1
        bad = decoder.first_bad(base + pos, base + end)
        if bad is not None:
            yield ReadProblem(ingest_issue(name, "ingest-invalid-utf8", f"record {number}: invalid UTF-8 at byte {bad:,} "
                                           "of the (decompressed) file", line=line), number)
        else:
            yield _mapped(value, mapping, name, number, line)
        line += buf.count("\n", pos, end)
        pos = end
        expect_value = False


def _incomplete(exc: ValueError, size: int) -> bool:
    """Whether a decode error may only mean that the buffer ends too soon (the input goes on)."""
    if not isinstance(exc, json.JSONDecodeError):
        return True
    # An error at the very end (a cut escape like \\u06 reports a few characters before it), or
    # in a string whose closing quote is not read yet; anything else is a syntax error.
    return exc.pos >= size - 6 or exc.msg.startswith("Unterminated string")


def _syntax_issue(name: str, message: str, buf: str, where: int, line: int, *, start: int | None = None) -> Issue:
    """An invalid-JSON issue at ``buf[where]``, whose line is ``line`` plus the newlines since ``start`` (default ``where``)."""
    begin = where if start is None else start
    at_line = line + buf.count("\n", begin, where) if where >= begin else line
    column = where - (buf.rfind("\n", 0, where) + 1) + 1
    return ingest_issue(name, "ingest-invalid-json", message, line=at_line, column=column)


_STRING_STOP = re.compile(r'["\\]')
_VALUE_STOP = re.compile(r'["\[\]{}]')


def _skip_value(buf: str, pos: int, decoder: _Decoder) -> tuple[str, int, int] | None:
    """Read past the JSON value starting at ``buf[pos]`` without keeping it: (buffer, position after it, newlines).

    A small state machine (strings, escapes, nesting) driven by regex searches, so that a
    record too large to keep costs one pass and one chunk of memory. None: the input ended.
    """
    depth, in_string, newlines = 0, False, 0
    while True:
        match = (_STRING_STOP if in_string else _VALUE_STOP).search(buf, pos)
        if match is None or (match.group() == "\\" and match.end() >= len(buf)):  # an escape needs the next character
            keep = match.start() if match is not None else len(buf)
            newlines += buf.count("\n", pos, keep)
            text = decoder.read(CHUNK_BYTES)
            if not text and decoder.eof:
                return None
            buf, pos = buf[keep:] + text, 0
            continue
        newlines += buf.count("\n", pos, match.start())
        pos = match.end()
        char = match.group()
        if in_string:
            if char == "\\":
                pos += 1  # the escaped character, whatever it is
                continue
            in_string = False
            if depth == 0:
                return buf, pos, newlines  # the value was one (huge) string
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
        else:
            depth -= 1
            if depth <= 0:
                return buf, pos, newlines


def _trailing(decoder: _Decoder, rest: str, name: str, line: int) -> Iterator[ReadProblem]:
    """A warning when anything but white space follows the array (read on in chunks, not kept)."""
    while True:
        if rest.strip(" \t\r\n"):
            yield ReadProblem(ingest_issue(name, "ingest-trailing-data", "data after the end of the JSON array is ignored",
                                           line=line), None)
            return
        if decoder.eof:
            return
        rest = decoder.read(CHUNK_BYTES)


# ------------------------------------------------------------------------------ JSON Lines


def _iter_json_lines(raw: _ByteStream, name: str, mapping: FieldMapping) -> Iterator[SourceRecord | ReadProblem]:
    """One record per non-empty line; a bad line rejects that record only."""
    number = 0
    line_number = 0
    offset = 0  # byte offset of the line in the (decompressed) file
    limit = MAX_RECORD_CHARS * 4 + 1  # bytes: a UTF-8 character is at most 4
    while True:
        data = raw.readline(limit)
        if not data:
            return
        line_number += 1
        start = offset
        offset += len(data)
        if len(data) == limit and not data.endswith(b"\n"):  # too long: skip the rest of the line unread
            while (more := raw.readline(CHUNK_BYTES)) and not more.endswith(b"\n"):
                offset += len(more)
            offset += len(more)
            number += 1
            yield ReadProblem(ingest_issue(name, "ingest-record-too-large", f"record {number} is over "
                                           f"{limit - 1:,} bytes: skipped unread", line=line_number), number)
            continue
        if line_number == 1 and data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8):]
            start += len(codecs.BOM_UTF8)
        if not data.strip():
            continue
        number += 1
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            column = len(data[:exc.start].decode("utf-8", "replace")) + 1
            yield ReadProblem(ingest_issue(name, "ingest-invalid-utf8", f"record {number}: invalid UTF-8 at byte "
                                           f"{start + exc.start:,} of the (decompressed) file", line=line_number,
                                           column=column), number)
            continue
        if len(text) > MAX_RECORD_CHARS:  # the same limit as in a JSON array
            yield ReadProblem(ingest_issue(name, "ingest-record-too-large", f"record {number} is over "
                                           f"{MAX_RECORD_CHARS:,} characters: skipped", line=line_number), number)
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            yield ReadProblem(ingest_issue(name, "ingest-invalid-json", f"record {number}: {exc.msg}", line=line_number,
                                           column=exc.colno), number)
            continue
        yield _mapped(value, mapping, name, number, line_number)


# ------------------------------------------------------------------------------ Parquet


def _iter_parquet(path: str | os.PathLike[str], compressed: bool, name: str,
                  mapping: FieldMapping) -> Iterator[SourceRecord | ReadProblem]:
    """Rows in batches; a gzipped Parquet file is first decompressed to a temporary file (it needs seeking)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    with tempfile.TemporaryFile() as spool:
        source: Any = path
        if compressed:
            try:
                with gzip.open(path, "rb") as packed:
                    shutil.copyfileobj(packed, spool, CHUNK_BYTES)
            except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
                yield ReadProblem(_open_issue(name, exc), None)  # nothing read: the file changes nothing
                return
            spool.seek(0)
            source = spool
        number = 0
        try:
            parquet = pq.ParquetFile(source)
            for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS):
                for row in batch.to_pylist():
                    number += 1
                    yield _mapped(row, mapping, name, number, None)
        except (pa.ArrowException, OSError) as exc:
            yield ReadProblem(ingest_issue(name, "ingest-bad-parquet", f"cannot read the Parquet data"
                                           f"{f' after record {number}' if number else ''}: {exc}"), None)


# ------------------------------------------------------------------------------ mapping records

_RECORD_FIELDS = tuple(f.name for f in fields(SourceRecord) if f.name in CANONICAL_FIELDS)
_FIELD_CHECK_CHARS = MAX_FIELD_BYTES // 4  # shorter strings cannot be over the limit (4 bytes a character at most)


def _mapped(value: Any, mapping: FieldMapping, name: str, number: int, line: int | None) -> SourceRecord | ReadProblem:
    """The record's canonical fields, checked for type, size and (URL) characters.

    Called once per record of the corpus: the common case (every field a short string)
    takes one dict lookup and two type checks per field.
    """
    if value.__class__ is not dict:
        if isinstance(value, dict):
            value = dict(value)
        else:
            return ReadProblem(ingest_issue(name, "ingest-not-an-object", f"record {number} is a {_json_type(value)}, "
                                            "not an object", line=line), number)
    get = value.get
    values: dict[str, Any] = dict.fromkeys(_RECORD_FIELDS)
    for canonical, source in _pairs(mapping):
        item = get(source)
        if item.__class__ is not str and item is not None:
            if canonical in _DATE_FIELDS and isinstance(item, (dt.date, dt.datetime)):
                item = item.isoformat(sep=" ") if isinstance(item, dt.datetime) else item.isoformat()
            else:
                return ReadProblem(ingest_issue(name, "ingest-wrong-type", f"record {number}: field {source!r} "
                                                f"({canonical}) is a {_json_type(item)}, not a string", line=line,
                                                field=source), number)
        elif item is not None and len(item) > _FIELD_CHECK_CHARS:
            size = len(item.encode("utf-8", "surrogatepass"))
            if size > MAX_FIELD_BYTES:
                return ReadProblem(ingest_issue(name, "ingest-field-too-large", f"record {number}: field {source!r} is "
                                                f"{size:,} bytes; the limit is {MAX_FIELD_BYTES:,}", line=line,
                                                field=source), number)
        values[canonical] = item
    if values["text"] is None:
        return ReadProblem(ingest_issue(name, "ingest-missing-text", f"record {number} has no {mapping.text!r} field "
                                        "(the text)", line=line, field=mapping.text), number)
    url = values["url"]
    if url is not None:
        url = url.strip()
        problem = url_problem(url) if url else None
        if problem:
            return ReadProblem(ingest_issue(name, "ingest-bad-url", f"record {number}: {problem}", line=line,
                                            field=mapping.url), number)
        values["url"] = url or None
    return SourceRecord(file=name, record=number, line=line, data=value, **values)


@functools.lru_cache(maxsize=16)
def _pairs(mapping: FieldMapping) -> tuple[tuple[str, str], ...]:
    """(canonical field, source field) of the mapped fields (once per mapping, not per record)."""
    return tuple(mapping.sources().items())


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be an article's address, or None.

    >>> url_problem("http://aawsat.com/home/article/1/بريطانيا-أربعة"), url_problem("http://a.b/x\\u202ey")
    (None, 'the URL holds U+202E RIGHT-TO-LEFT OVERRIDE at character 13')
    """
    if not url.isprintable() or " " in url:  # every control, format (bidi, zero-width) and space character fails this
        for index, char in enumerate(url):
            if not char.isprintable() or char == " ":
                label = unicodedata.name(char, "a control character")
                return f"the URL holds U+{ord(char):04X} {label} at character {index + 1}"
    if not _ABSOLUTE_URL.match(url):
        return f"the URL {url[:80]!r} is not absolute (scheme://host/...)"
    return None


_ABSOLUTE_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://[^/?#]")


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, dict):
        return "object"
    if value is None:
        return "null"
    return type(value).__name__
