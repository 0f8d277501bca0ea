"""A reader for the plain block subset of YAML that jsec files are written in.

Annotation and metadata files are block mappings and sequences of one-line scalars
(plain, single- or double-quoted) and one-line flow lists of ids, or JSON objects.
This reader parses exactly that, line by line (JSON with ``json``, its numbers typed
as YAML types them), without building YAML nodes, and returns ``None`` for
anything else: a comment after a value, a scalar over several lines, an anchor, a tag,
a repeated key, a tab, a flow mapping... The caller then reads the file with PyYAML,
which gives the same value or the located error. So the subset only has to be
*correct* where it answers, never complete; every plain scalar is typed by PyYAML's
own resolver and constructor (YAML 1.1: ``yes``, ``0123``, ``~``, dates), so typing
cannot drift from the full loader. tests/test_blockyaml.py checks the answers
against PyYAML on real, generated and random files.

>>> read_block_yaml("a: [x, y]\\nb: 'z'\\nc:\\n- d: 1\\n")
{'a': ['x', 'y'], 'b': 'z', 'c': [{'d': 1}]}
>>> read_block_yaml("a: b # comment") is None
True
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from jsec_data.core.text import printable_lines

__all__ = ["read_block_yaml"]

#: Deepest nesting answered here (the full loader's own limit is higher; deeper files go to it).
MAX_DEPTH = 10

_STR_TAG, _INT_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int"
_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp"))

#: Characters this reader leaves to PyYAML: YAML's non-printable characters, tabs, carriage
#: returns, and the characters YAML 1.1 also reads as line breaks. (A set of characters to
#: find, not a negated one: ``re`` finds these ten times faster in Arabic text.)
_NOT_ANSWERED = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
#: A key: a word or a number (every jsec key is one).
_KEY = re.compile(r"[A-Za-z0-9_]+")
#: First characters of a plain scalar that YAML reads as something else (or might).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
#: A plain scalar in a flow list may hold none of these.
_FLOW_STOP = re.compile(r"[\[\]{},#'\":]")
_DOUBLE_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "/": "/"}

_resolver = Resolver()
_constructor = SafeConstructor()
_tags: dict[str, str] = {}
_keys: dict[str, Any] = {}  # text before a colon -> the key it is, or _NONE
_values: dict[str, Any] = {}  # plain scalar (not a str) -> its value
_heads: dict[str, tuple[int, bool, int, Any]] = {}  # "  - id" -> (indent, dash, column, key)
_IMPLICIT_FIRST = frozenset(key for key in Resolver.yaml_implicit_resolvers if key)
# Tags depend on the value alone only while no path or wildcard resolver is registered.
# (Snapshots taken at import, as yamlio's loaders take theirs: resolvers added later to
# PyYAML's base Resolver by other code are not seen.)
_EXACT = not Resolver.yaml_path_resolvers and None not in Resolver.yaml_implicit_resolvers
_CACHE_MAX, _CACHED_LENGTH_MAX = 4096, 40


class _Unanswered(Exception):
    """Outside the subset: the caller's full YAML loader reads the file."""


_NONE = object()  # no key (waiting, or on a line)


class _Frame:
    """An open mapping or sequence: its column, and the key waiting for a value (``key:`` alone)."""

    __slots__ = ("column", "data", "pending")

    def __init__(self, column: int, data: Any) -> None:
        self.column = column
        self.data: Any = data  # a dict or a list
        self.pending: Any = _NONE


def read_block_yaml(text: str, printable: bool | None = None) -> Any:
    """The value PyYAML's safe loader gives ``text``, or None when ``text`` is outside the subset.

    ``printable``: :func:`~jsec_data.core.text.printable_lines` of ``text``, when the caller has it.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n")  # one line break either way; in no one-line scalar
        printable = False  # (a carriage return is not printable)
    # isprintable() is False for every character in _NOT_ANSWERED (and for some YAML allows, such
    # as a no-break space): it decides most texts in one fast pass, the set the rest.
    if printable is None:
        printable = printable_lines(text)
    if not _EXACT or (not printable and _NOT_ANSWERED.search(text)):
        return None
    try:
        if text.lstrip(" \n").startswith("{"):
            return _parse_json(text)
        return _parse(text)
    except (_Unanswered, yaml.YAMLError, ValueError, OverflowError, RecursionError):
        return None


def _parse_json(text: str) -> Any:
    """A JSON object read as YAML 1.1 reads it (JSON is YAML's flow style), or _Unanswered.

    ``json`` reads it in C; the hooks keep only what both read alike: numbers are typed
    by PyYAML's resolver and constructor (YAML 1.1 reads ``1e5`` as a string, ``1.5e+5``
    as a float), a repeated key or NaN is left to the full loader, and so is any ``\\u``
    escape (PyYAML does not join surrogate pairs as ``json`` does).
    """
    if "\\u" in text:
        raise _Unanswered
    value = json.loads(text, object_pairs_hook=_json_object, parse_float=_json_number, parse_int=_json_number,
                       parse_constant=_json_constant)
    if type(value) is not dict or _depth(value) > MAX_DEPTH:
        raise _Unanswered
    return value


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise _Unanswered  # the full loader reports the repeated key, with both lines
    return data


def _json_number(literal: str) -> Any:
    value = _plain(literal)
    if type(value) not in (int, float):
        raise _Unanswered  # YAML 1.1 reads it as something else (a string)
    return value


def _json_constant(literal: str) -> Any:
    raise _Unanswered  # NaN, Infinity: not JSON, and plain strings to YAML


def _depth(value: Any) -> int:
    if type(value) is dict:
        return 1 + max(map(_depth, value.values()), default=0)
    if type(value) is list:
        return 1 + max(map(_depth, value), default=0)
    return 1


def _parse(text: str) -> Any:
    stack: list[_Frame] = []
    top: _Frame | None = None
    limit = -1  # after a scalar, the deepest column the next line may start at (-1: any)
    for line in text.split("\n"):
        # Most lines are ``<indent>[- ]key: value`` with a head seen before: one lookup.
        cut = line.find(":")
        shape = _heads.get(line[:cut]) if cut > 0 else None
        if shape is not None and (len(line) == cut + 1 or line[cut + 1] == " "):
            indent, dash, column, key = shape
            value = line[cut + 1:].strip(" ")
        else:
            parsed = _read_line(line)
            if parsed is None:
                continue  # a blank line, or only a comment
            indent, dash, column, key, value = parsed
        if 0 <= limit < indent:
            raise _Unanswered  # a scalar going on on this line, or a stray indentation
        # Most lines continue the block the previous line was in: the rest is _open_frame's.
        if top is None or top.column != indent or top.pending is not _NONE or dash is not (type(top.data) is list):
            top = _open_frame(stack, indent, dash)
        data: Any = top.data  # (typed Any: a list or a dict, as the checks below make sure)
        if dash:
            if type(data) is not list:
                raise _Unanswered  # a list entry beside the keys of a mapping
            if key is _NONE:
                data.append(_scalar(value, len(stack)))
                limit = indent
                continue
            mapping: dict[Any, Any] = {}  # ``- key: ...`` opens a mapping at the key's column
            data.append(mapping)
            data = mapping
            top = _Frame(column, mapping)
            stack.append(top)
            if len(stack) > MAX_DEPTH:
                raise _Unanswered
        elif type(data) is not dict or key is _NONE:
            raise _Unanswered  # a key where list entries are, or a bare scalar where a key was expected
        elif key in data:
            raise _Unanswered  # the full loader reports the repeated key, with both lines
        if not value:
            data[key] = None  # until a block under it says otherwise
            top.pending = key
            limit = -1
            continue
        first = value[0]
        if first in _INDICATORS or ": " in value or " #" in value or value[-1] == ":":
            data[key] = _scalar(value, len(stack))  # quoted, a list, or unanswered
        else:
            data[key] = _plain(value) if first in _IMPLICIT_FIRST else value
        limit = top.column
    if not stack:
        return None  # nothing but comments: the full loader reports the empty file
    return stack[0].data


def _read_line(line: str) -> tuple[int, bool, int, Any, str] | None:
    """``(indent, dash, column of the content after the dash, key or _NONE, value)``; None: nothing on it.

    A ``key:`` line's head (indentation, dash and key) is remembered in ``_heads``.
    """
    content = line.lstrip(" ")
    if not content or content[0] == "#":
        return None
    indent = len(line) - len(content)
    content = content.rstrip(" ")
    dash = content[0] == "-" and (len(content) == 1 or content[1] == " ")
    body = content
    if dash:
        body = content[1:].lstrip(" ")
        if not body or (body[0] == "-" and (len(body) == 1 or body[1] == " ")):
            raise _Unanswered  # the entry on the next lines, or a list in a list
    column = indent + len(content) - len(body)
    colon = body.find(":")
    if colon > 0 and (colon + 1 == len(body) or body[colon + 1] == " "):
        head = body[:colon]
        key = _keys.get(head)
        if key is None:
            key = _read_key(head)
        if key is not _NONE:
            if len(_heads) < _CACHE_MAX:
                _heads[line[:column + colon]] = (indent, dash, column, key)
            return indent, dash, column, key, body[colon + 1:].lstrip(" ")
    return indent, dash, column, _NONE, body


def _open_frame(stack: list[_Frame], indent: int, dash: bool) -> _Frame:
    """The frame a line at ``indent`` belongs to, opening a block under a waiting key or closing deeper ones."""
    if not stack:
        frame = _Frame(indent, [] if dash else {})
        stack.append(frame)
        return frame
    top = stack[-1]
    if top.pending is not _NONE and (indent > top.column or (indent == top.column and dash)):
        # The block under ``key:``: deeper, or a list at the key's own column (YAML allows that).
        frame = _Frame(indent, [] if dash else {})
        top.data[top.pending] = frame.data
        top.pending = _NONE
        stack.append(frame)
        if len(stack) > MAX_DEPTH:
            raise _Unanswered
        return frame
    top.pending = _NONE
    while top.column > indent or (top.column == indent and not dash and type(top.data) is list
                                  and len(stack) > 1 and stack[-2].column == indent):
        # Closing deeper blocks; a list at its key's column ends at the next key.
        stack.pop()
        if not stack:
            raise _Unanswered  # less indented than the document
        top = stack[-1]
        top.pending = _NONE
    if top.column != indent:
        raise _Unanswered  # an indentation no open block has
    return top


def _read_key(head: str) -> Any:
    """The key ``head`` is (a str or an int), or _NONE when it is not one this reader takes; remembered."""
    key: Any = _NONE
    if _KEY.fullmatch(head):
        try:
            key = _plain(head, keys=True) if head[0] in _IMPLICIT_FIRST else head
            if type(key) is int and int(head, 0) != key:
                key = _NONE  # the full loader's own reading of number keys (int(text, 0)) disagrees
        except (_Unanswered, ValueError):  # (int(text, 0) refuses YAML 1.1's 010: the full loader reports it)
            key = _NONE
    if len(_keys) < _CACHE_MAX:
        _keys[head] = key
    return key


def _scalar(text: str, depth: int) -> Any:
    """A one-line scalar or flow list in block context (``text`` has no leading or trailing spaces)."""
    first = text[0]
    if first not in _INDICATORS:
        if ": " in text or " #" in text or text[-1] == ":":
            raise _Unanswered
        return _plain(text) if first in _IMPLICIT_FIRST else text
    if first == "'":
        return _single_quoted(text)
    if first == '"':
        return _double_quoted(text)
    if first == "[":
        return _flow_list(text, depth)
    if text == "{}":
        return {}
    raise _Unanswered


def _single_quoted(text: str) -> str:
    if len(text) < 2 or text[-1] != "'":
        raise _Unanswered
    inner = text[1:-1]
    if "'" in inner.replace("''", ""):
        raise _Unanswered  # a quote closed before the end of the line
    return inner.replace("''", "'")


def _double_quoted(text: str) -> str:
    inner = text[1:-1]
    if len(text) >= 2 and text[-1] == '"' and "\\" not in inner:  # most: no escape (re is slow on Arabic)
        if '"' in inner:
            raise _Unanswered  # a quote closed before the end of the line
        return inner
    match = _DOUBLE_QUOTED.fullmatch(text)  # the closing quote ends the line
    if match is None:
        raise _Unanswered
    return _ESCAPE.sub(_unescape, match.group(1))


def _unescape(match: re.Match[str]) -> str:
    try:
        return _ESCAPES[match.group(1)]
    except KeyError:
        raise _Unanswered from None


def _flow_list(text: str, depth: int) -> list[Any]:
    if text[-1] != "]":
        raise _Unanswered
    inner = text[1:-1].strip(" ")
    if not inner:
        return []
    items = []
    for part in inner.split(","):
        item = part.strip(" ")
        if not item or item[0] in _INDICATORS or _FLOW_STOP.search(item) or " #" in item:
            raise _Unanswered  # quoted items, nesting, an empty entry or a trailing comma
        items.append(_plain(item) if item[0] in _IMPLICIT_FIRST else item)
    if depth + 1 > MAX_DEPTH:
        raise _Unanswered
    return items


def _plain(text: str, keys: bool = False) -> Any:
    """A plain scalar typed as PyYAML types it."""
    tag = _tags.get(text)
    if tag is None:
        tag = _resolver.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
        if len(_tags) < _CACHE_MAX and len(text) <= _CACHED_LENGTH_MAX:
            _tags[text] = tag
    if tag == _STR_TAG:
        return text
    if tag not in _SCALAR_TAGS or (keys and tag != _INT_TAG):
        raise _Unanswered
    value = _values.get(text, _NONE)
    if value is _NONE:
        value = _constructor.yaml_constructors[tag](_constructor, yaml.ScalarNode(tag, text))
        # Every value of these tags is immutable (bool, int, float, None, date, datetime), so a
        # repeated scalar (true, a date, an offset) can share one; a naive datetime only, as
        # PyYAML gives an aware one a new tzinfo object each time.
        if len(_values) < _CACHE_MAX and len(text) <= _CACHED_LENGTH_MAX and getattr(value, "tzinfo", None) is None:
            _values[text] = value
    return value
