"""Reading YAML and JSON files safely, with the position of every value.

Every reader returns data plus a list of :class:`~jsec_data.core.issues.Issue`; nothing
here raises for a user mistake. YAML is read with the safe loader and further
restricted (no aliases or anchors, no custom tags, bounded nesting and size) so that
a file can neither explode in memory nor construct objects. Each value's position
is kept so that a model error can say which line and column it comes from.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from jsec_data.core.issues import Issue
from jsec_data.core.text import byte_line_col, line_col, printable_lines, undecodable_hint
from jsec_data.raw.blockyaml import read_block_yaml
from jsec_data.raw.files import _issue, read_error_issue, read_raw_file, too_large_issue, unsafe_character_issues

MAX_YAML_BYTES = 2_000_000
MAX_YAML_DEPTH = 12

_ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)

_MAP_TAG, _SEQ_TAG, _STR_TAG = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:str"

Path_ = tuple[str | int, ...]
Locator = Mapping[Path_, tuple[int, int]]  # a value's path -> (line, column)
M = TypeVar("M", bound=BaseModel)


class _YamlRefused(Exception):
    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.mark = mark


class _StrictComposer:
    """Composer hook that refuses aliases, anchors and deep nesting (mixed into both loaders)."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, yaml.AliasEvent):
            raise _YamlRefused("YAML aliases (*name) are not allowed in jsec files", event.start_mark)
        if getattr(event, "anchor", None):
            raise _YamlRefused("YAML anchors (&name) are not allowed in jsec files", event.start_mark)
        self._depth += 1
        if self._depth > MAX_YAML_DEPTH:
            raise _YamlRefused(f"nesting deeper than {MAX_YAML_DEPTH} levels", event.start_mark)
        try:
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1


class _StrictLoader(_StrictComposer, yaml.SafeLoader):
    """Safe loader that also refuses aliases, anchors and deep nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0


class _BadNumber(Exception):
    """A value YAML types as a number or date that cannot be one (2023-02-30, 5001 digits, a key 017), located."""

    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.mark = mark


def _located(construct: Any, what: str) -> Any:
    """``construct`` (a SafeConstructor method) raising :class:`_BadNumber` at the node instead of a bare ValueError."""

    def run(loader: Any, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, OverflowError) as exc:
            reason = str(exc).split("; use sys.set_int_max_str_digits", 1)[0]
            shown = node.value if len(node.value) <= 40 else f"{node.value[:20]}...({len(node.value)} characters)"
            raise _BadNumber(f"{shown!r} is not {what}: {reason}", node.start_mark) from None

    return run


# Only the pure loader needs them: every other path falls back to it on any error.
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _located(yaml.SafeLoader.construct_yaml_timestamp, "a date"))
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _located(yaml.SafeLoader.construct_yaml_int, "a number Python can read"))
_StrictLoader.add_constructor("tag:yaml.org,2002:float", _located(yaml.SafeLoader.construct_yaml_float, "a number"))


#: First characters some implicit resolver (int, float, bool, null, timestamp, merge...) looks at.
_IMPLICIT_FIRST = frozenset(key for key in yaml.resolver.Resolver.yaml_implicit_resolvers if key)
#: The shortcut below is exact only while no path resolver and no wildcard resolver is registered.
_QUICK_RESOLVE_EXACT = (not yaml.resolver.Resolver.yaml_path_resolvers
                        and None not in yaml.resolver.Resolver.yaml_implicit_resolvers)


#: Plain scalar -> the tag ``Resolver.resolve`` gave it (keys like ``note`` or ``topic_ids``
#: recur in every file). Without path or wildcard resolvers the tag depends on the value only.
_RESOLVED: dict[str, str] = {}
_RESOLVED_MAX_ENTRIES, _RESOLVED_MAX_LENGTH = 4096, 40


class _QuickResolve:
    """``Resolver.resolve`` with shortcuts for what libyaml asks about most.

    A quoted scalar, or a plain one whose first character no implicit resolver looks
    at (every Arabic word, most ids), is a string: ``Resolver.resolve`` would try no
    pattern and return the same tag. Other short plain scalars are resolved once and
    remembered; mappings and sequences get the default tags (no path resolvers).
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if not _QUICK_RESOLVE_EXACT:
            return super().resolve(kind, value, implicit)  # type: ignore[misc]
        if kind is yaml.ScalarNode:
            if not implicit[0] or (value and value[0] not in _IMPLICIT_FIRST):
                return _STR_TAG
            tag = _RESOLVED.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)  # type: ignore[misc]
                if len(value) <= _RESOLVED_MAX_LENGTH and len(_RESOLVED) < _RESOLVED_MAX_ENTRIES:
                    _RESOLVED[value] = tag
            return tag
        return _MAP_TAG if kind is yaml.MappingNode else _SEQ_TAG


if yaml.__with_libyaml__:
    from yaml._yaml import CParser
    from yaml.composer import Composer
    from yaml.constructor import SafeConstructor
    from yaml.resolver import Resolver

    class _FastStrictLoader(_StrictComposer, Composer, CParser, SafeConstructor, _QuickResolve, Resolver):
        """:class:`_StrictLoader` on libyaml's scanner and parser (C, ~6x faster).

        Composing stays in Python (Composer comes before CParser in the MRO), so the
        strict checks see every event exactly as with the pure-Python loader. Its
        error messages differ, so a file it cannot load is re-read by the pure loader.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            Composer.__init__(self)
            self._depth = 0
    class _CComposeLoader(CParser, SafeConstructor, _QuickResolve, Resolver):
        """libyaml's scanner, parser *and composer* (all C; the composer is ~6x faster than Python's).

        libyaml's composer neither refuses aliases, anchors nor deep nesting, and it
        recurses on the C stack (tens of thousands of nesting levels crash the
        process), so it is only used on text where :func:`_c_composable` proves that
        none of these can occur; the depth limit is then checked by :func:`_walk`.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
else:  # pragma: no cover - PyYAML built without libyaml
    _FastStrictLoader = None  # type: ignore[assignment,misc]
    _CComposeLoader = None  # type: ignore[assignment,misc]

#: Most indicator characters ([ { - : ?) a text may hold for libyaml's C composer.
#: Every collection needs at least one of them, so this also bounds the nesting
#: depth the composer can reach (it crashed somewhere between 10,000 and 30,000
#: levels on an 8 MiB stack); the generated annotation files hold about 50 (max 120).
_C_COMPOSE_MAX_INDICATORS = 1000


def _c_composable(text: str) -> bool:
    """True when ``text`` can hold no anchor (``&``), no alias (``*``) and no deep nesting."""
    if "&" in text or "*" in text:
        return False
    total = 0
    for indicator in "[{-:?":
        total += text.count(indicator)
        if total > _C_COMPOSE_MAX_INDICATORS:
            return False
    return True


class _TooDeep(Exception):
    """Nesting beyond MAX_YAML_DEPTH found after composing (the strict loaders refuse it with a message)."""


def _walk(node: yaml.Node, path: Path_, locator: dict[Path_, tuple[int, int]], problems: list[Issue], display: str, depth: int = 1) -> None:
    """Record every value's position; collect refused tags and duplicate keys as issues.

    Raises :class:`_TooDeep` past MAX_YAML_DEPTH (only reachable on a C-composed tree:
    the strict composers refuse deep nesting before).
    """
    if depth > MAX_YAML_DEPTH:
        raise _TooDeep
    locator[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.tag not in _ALLOWED_TAGS:
        problems.append(_issue(display, node.start_mark.line + 1, node.start_mark.column + 1, "yaml-tag",
                               f"tag {node.tag!r} is not allowed (plain data only)",
                               hint="remove the tag (the word starting with !): files hold plain text, numbers, lists and mappings"))
    if isinstance(node, yaml.MappingNode):
        seen: dict[str | int, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                # A list or mapping used as a key: no jsec format has one, and Python cannot hash it.
                problems.append(_issue(display, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                       "yaml-key", "a mapping key must be a plain word or number, not a list or mapping",
                                       field=field_path(path) or None, hint="write the key as a plain word (exact:, cue:, ...)"))
                continue
            key, where = _mapping_key(key_node, path, seen, problems, display)
            sub: Path_ = (*path, key)
            _walk(value_node, sub, locator, problems, display, depth + 1)
            # Values are reported at their key: that is where a reader looks.
            locator[sub] = where
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), locator, problems, display, depth + 1)


def _mapping_key(key_node: yaml.ScalarNode, path: Path_, seen: dict[str | int, int], problems: list[Issue],
                 display: str) -> tuple[str | int, tuple[int, int]]:
    """A scalar key's value and position; a repeated key is an issue."""
    key: str | int = key_node.value
    if key_node.tag == "tag:yaml.org,2002:int":
        try:
            key = int(str(key), 0)
        except ValueError as exc:  # 017 (octal to YAML 1.1, refused by int(text, 0)), or too many digits
            raise _BadNumber(_bad_key_message(str(key), exc), key_node.start_mark) from None
    where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
    if key in seen:
        # YAML silently keeps the last value: that would lose data without a word.
        problems.append(_issue(display, *where, "duplicate-key",
                               f"key {key!r} appears twice in one mapping (also line {seen[key]})",
                               field=field_path((*path, key)),
                               hint="YAML keeps only the last one: merge or remove the duplicate"))
    seen.setdefault(key, where[0])
    return key, where


def _bad_key_message(key: str, exc: ValueError) -> str:
    digits = key.lstrip("+-").replace("_", "")
    if len(digits) > 1 and digits.startswith("0") and digits.isdigit():
        return (f"key {key} starts with 0, which YAML reads as an octal number: write {int(digits)} "
                f"(or quote it, '{key}', if it is a name)")
    reason = str(exc).split("; use sys.set_int_max_str_digits", 1)[0]
    shown = key if len(key) <= 40 else f"{key[:20]}...({len(key)} characters)"
    return f"key {shown} is not a number Python can read: {reason}"


_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp"))


class _NotPlain(Exception):
    """A node :func:`_construct` does not build itself: the loaders' own path takes the file."""


def _construct(node: yaml.Node, path: Path_, problems: list[Issue], display: str, constructor: Any,
               depth: int = 1) -> Any:
    """``construct_document`` for a C-composed tree, finding duplicate keys on the way.

    Positions are not recorded here: :class:`_LazyPositions` finds them in the same
    tree only if an issue needs one. Only plain data is built (mappings and sequences
    of the core scalar tags, scalar keys); anything else, a refused tag included,
    raises :class:`_NotPlain` (or the constructor's own error), and the caller falls
    back to the pure loader, which gives the original result and messages.
    """
    if depth > MAX_YAML_DEPTH:
        raise _TooDeep
    kind, tag = type(node), node.tag
    if kind is yaml.ScalarNode:
        if tag == _STR_TAG:
            return node.value  # SafeConstructor.construct_yaml_str
        if tag not in _SCALAR_TAGS:
            raise _NotPlain
        return constructor.yaml_constructors[tag](constructor, node)
    # String scalars one level down are taken here, without a call per value (most of a
    # file); the depth limit still applies to them through the call below.
    inline = depth < MAX_YAML_DEPTH
    if kind is yaml.MappingNode and tag == _MAP_TAG:
        seen: dict[str | int, int] = {}
        data: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or key_node.tag not in _SCALAR_TAGS:
                raise _NotPlain  # the pure path reports it
            if key_node.tag == _STR_TAG and key_node.value not in seen:  # a new string key: nothing to report
                key = constructed = key_node.value
                seen[key] = key_node.start_mark.line + 1
            else:
                key, _ = _mapping_key(key_node, path, seen, problems, display)
                constructed = _scalar(key_node, constructor)
            if inline and type(value_node) is yaml.ScalarNode and value_node.tag == _STR_TAG:
                data[constructed] = value_node.value
            else:
                data[constructed] = _construct(value_node, (*path, key), problems, display, constructor, depth + 1)
        return data
    if kind is yaml.SequenceNode and tag == _SEQ_TAG:
        return [item.value if inline and type(item) is yaml.ScalarNode and item.tag == _STR_TAG
                else _construct(item, (*path, index), problems, display, constructor, depth + 1)
                for index, item in enumerate(node.value)]
    raise _NotPlain


class _LazyPositions(Mapping[Path_, tuple[int, int]]):
    """Line and column of every value of a document, found on first use.

    Most files have no issue, and no issue means no position is ever asked for, so
    the walk that records them (:func:`_walk`) runs only for files that need it. Given
    the text instead of its tree (a file :func:`read_block_yaml` read), it is composed
    first, by the same loader :func:`load_yaml` would have used.
    """

    def __init__(self, source: yaml.Node | str) -> None:
        self._source: yaml.Node | str | None = source
        self._positions: dict[Path_, tuple[int, int]] = {}

    def _all(self) -> dict[Path_, tuple[int, int]]:
        if self._source is not None:
            node = _compose_node(self._source) if isinstance(self._source, str) else self._source
            if node is not None:
                _walk(node, (), self._positions, [], "")
            self._source = None  # the tree can go
        return self._positions

    def __getitem__(self, path: Path_) -> tuple[int, int]:
        return self._all()[path]

    def __contains__(self, path: object) -> bool:
        return path in self._all()

    def __iter__(self) -> Iterator[Path_]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def _compose_node(text: str) -> yaml.Node | None:
    """The document's tree, for positions only (None if it does not compose: no positions then)."""
    if _FastStrictLoader is None:
        loader: Any = _StrictLoader(text)
    else:
        loader = _CComposeLoader(text) if _c_composable(text) else _FastStrictLoader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    except (_YamlRefused, yaml.YAMLError, ValueError, RecursionError):
        return None
    finally:
        loader.dispose()


def _scalar(node: yaml.Node, constructor: Any) -> Any:
    if node.tag == _STR_TAG:
        return node.value  # SafeConstructor.construct_yaml_str
    return constructor.yaml_constructors[node.tag](constructor, node)


# Arabic news text often holds ": " (قال: «...») or starts with a quote mark, both of which end
# a plain YAML value; most syntax errors in annotation files come from there.
_SYNTAX_HINT = ("check the indentation and quoting near there: put a value in single quotes when it holds ': ' "
                "or ' #', or starts with a quote mark, -, [, {, &, * or ! (exact: 'قال: نعم'; a ' inside is written '')")


def load_yaml(data: bytes, display: str) -> tuple[Any, Locator, list[Issue]]:
    """Parse YAML (or JSON) bytes safely; return data, positions and issues."""
    if len(data) > MAX_YAML_BYTES:
        return None, {}, [too_large_issue(display, len(data), MAX_YAML_BYTES)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, {}, [
            _issue(display, *byte_line_col(data, exc.start), "invalid-utf8",
                   f"invalid UTF-8 at byte {exc.start} ({data[exc.start:exc.start + 4]!r}): {exc.reason}",
                   hint=undecodable_hint(data))
        ]
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
    printable = printable_lines(text)  # one pass that spares both checks below most of their work
    hidden = unsafe_character_issues(text, display, printable=printable,
                                     hint="remove it; a record must not hide or reorder characters")
    # Most files are in the plain block subset of YAML that blockyaml reads without
    # building YAML nodes (about 2x faster); it answers exactly as the loaders below, or not at all.
    value = read_block_yaml(text, printable)
    if value is not None:
        return value, _LazyPositions(text), hidden
    if _FastStrictLoader is not None:
        try:
            loader = _CComposeLoader(text) if _c_composable(text) else _FastStrictLoader(text)
            fast = _compose(loader, display, fused=True)
        except (_YamlRefused, _TooDeep, _NotPlain, _BadNumber, yaml.YAMLError, ValueError, RecursionError):
            fast = None  # the pure loader below reports it, with its messages
        if fast is not None:
            value, locator, problems = fast
            return (None if _fatal(problems) else value), locator, hidden + problems
    try:
        slow = _compose(_StrictLoader(text), display)
    except (_YamlRefused, _BadNumber, yaml.MarkedYAMLError) as exc:
        first, lines = _located_failure(exc, display)
        keep_hidden = not isinstance(exc, _YamlRefused)
        return None, {}, [*(hidden if keep_hidden else []), first, *_later_failures(text, lines, display)]
    except yaml.reader.ReaderError as exc:  # a character YAML does not read (NUL...): at its line and column
        return None, {}, _reader_error_issues(exc, text, display, hidden)
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        return None, {}, [_issue(display, None, None, "yaml-syntax", f"YAML error: {exc}", hint=_SYNTAX_HINT)]
    value, locator, problems = slow
    return (None if _fatal(problems) else value), locator, hidden + problems


def _located_failure(exc: _YamlRefused | _BadNumber | yaml.MarkedYAMLError, display: str) -> tuple[Issue, tuple[int, int]]:
    """The issue for a loader's refusal, and the 0-based lines of the text it concerns (first, last)."""
    if isinstance(exc, _YamlRefused):
        return (_issue(display, exc.mark.line + 1, exc.mark.column + 1, "yaml-unsafe", str(exc),
                       hint="write the values out in full: anchors (&), aliases (*) and deep nesting are refused"),
                (exc.mark.line, exc.mark.line))
    if isinstance(exc, _BadNumber):
        return (_issue(display, exc.mark.line + 1, exc.mark.column + 1, "yaml-number", str(exc),
                       hint="write a real date, the number without leading zeros, or quote the value if it is text"),
                (exc.mark.line, exc.mark.line))
    mark = exc.problem_mark or exc.context_mark
    last = mark.line if mark else -1
    message = f"YAML syntax error: {exc.problem or exc}"
    if isinstance(exc, yaml.scanner.ScannerError) and exc.context_mark and "end of stream" in str(exc.problem):
        # An unclosed quote runs to the end of the file: where it opened is what to fix.
        message = f"YAML syntax error: {exc.context} that never ends (the file ends first)"
        mark = exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    problem = _issue(display, line, column, "yaml-syntax", message, hint=_SYNTAX_HINT)
    # A scanner error (an unclosed quote, a key without its colon) began where its context mark is:
    # everything from there to the problem belongs to it.
    first = exc.context_mark.line if isinstance(exc, yaml.scanner.ScannerError) and exc.context_mark else last
    return problem, (min(first, last), max(first, last))


#: At most this many further YAML problems are reported after a file's first one.
MAX_LATER_YAML_ERRORS = 50


def _later_failures(text: str, failed: tuple[int, int], display: str) -> list[Issue]:
    """The file's further YAML problems, each found in context after blanking the record that held the previous one.

    A YAML parser stops at the first problem. In a block-style file (what every jsec file
    is), the record holding it (a top-level key, or one item of a top-level list) is blanked
    out, lines kept, and the whole text parsed again, until it parses or a problem falls in
    a part already blanked (then it may be a consequence of the first, and is not reported).
    JSON and other flow-style documents are not split: their first problem is all there is.
    """
    if failed[0] < 0 or text.lstrip()[:1] in ("{", "["):
        return []
    lines = text.split("\n")
    blanked: list[tuple[int, int]] = []
    found: list[Issue] = []
    while len(found) < MAX_LATER_YAML_ERRORS:
        start, end = _record_span(lines, failed[0])
        end = max(end, _record_span(lines, failed[1])[1])
        blanked.append((start, end))
        lines[start:end] = [""] * (end - start)
        try:
            _compose(_StrictLoader("\n".join(lines)), display)
            return found
        except (_YamlRefused, _BadNumber, yaml.MarkedYAMLError) as exc:
            problem, failed = _located_failure(exc, display)
        except (yaml.YAMLError, ValueError, RecursionError):
            return found
        if failed[0] < 0 or any(a <= line < b for a, b in blanked for line in failed):
            return found
        found.append(problem)
    return found


_ITEM_RE = re.compile(r"^( *)-(?:[ \t]|$)")


def _top_level(line: str) -> bool:
    """A line that starts a top-level key (not blank, not a comment, not a list item, not indented)."""
    return bool(line) and line[0] not in " \t#" and _ITEM_RE.match(line) is None


def _record_span(lines: list[str], index: int) -> tuple[int, int]:
    """[start, end) of the record holding line ``index``: one item of a top-level list, else the top-level key."""
    index = min(max(index, 0), len(lines) - 1)
    start = next((i for i in range(index, -1, -1) if _top_level(lines[i])), 0)
    end = next((i for i in range(index + 1, len(lines)) if _top_level(lines[i])), len(lines))
    items = [(i, len(match.group(1))) for i in range(start + 1, end) if (match := _ITEM_RE.match(lines[i]))]
    if not items:
        return start, end
    indent = min(width for _, width in items)
    starts = [i for i, width in items if width == indent]
    if index < starts[0]:
        return start, end  # the key's own line: the whole key
    first = max(i for i in starts if i <= index)
    return first, next((i for i in starts if i > first), end)


def _reader_error_issues(exc: yaml.reader.ReaderError, text: str, display: str, hidden: list[Issue]) -> list[Issue]:
    """The hidden-character issues, and the reader's refusal located (unless a hidden-character error is already there)."""
    position = exc.position if isinstance(exc.position, int) and 0 <= exc.position <= len(text) else None
    if position is None:
        return [*hidden, _issue(display, None, None, "yaml-syntax", f"YAML error: {exc}", hint=_SYNTAX_HINT)]
    line, column = line_col(text, position)
    if any(i.severity == "error" and (i.line, i.column) == (line, column) for i in hidden):
        return hidden
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return [*hidden, _issue(display, line, column, "yaml-syntax",
                            f"YAML does not allow the character U+{code:04X} here ({exc.reason})",
                            hint="remove the character; files hold printable text only")]


def _fatal(problems: list[Issue]) -> bool:
    """Refused tags and empty files stop the file; duplicate keys are reported but the data loads."""
    return any(p.code in ("yaml-tag", "yaml-key", "empty-file") for p in problems)


def _compose(loader: Any, display: str, *, fused: bool = False) -> tuple[Any, Locator, list[Issue]]:
    """Value, positions and problems of the single document (``fused``: built by :func:`_construct`, positions found lazily)."""
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}, [_issue(display, 1, 1, "empty-file", "file is empty",
                                     hint="write at least its article_id, or delete the file")]
        locator: dict[Path_, tuple[int, int]] = {}
        problems: list[Issue] = []
        if fused:
            value = _construct(node, (), problems, display, loader)
            return (None if _fatal(problems) else value), _LazyPositions(node), problems
        _walk(node, (), locator, problems, display)
        if _fatal(problems):
            return None, locator, problems
        return loader.construct_document(node), locator, problems
    finally:
        loader.dispose()


def locate(locator: Locator, loc: Iterable[str | int]) -> tuple[int | None, int | None]:
    """Line and column of the deepest known part of a model error location."""
    path = tuple(loc)
    while path:
        if path in locator:
            return locator[path]
        path = path[:-1]
    return locator.get((), (None, None))


def field_path(loc: Iterable[str | int]) -> str:
    """``('quotations', 3, 'exact')`` -> ``quotations[3].exact``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validation_issues(exc: ValidationError, display: str, locator: Locator) -> list[Issue]:
    """One located issue per pydantic error."""
    issues = []
    for error in exc.errors(include_url=False):
        loc = [part for part in error["loc"] if isinstance(part, (str, int))]
        line, column = locate(locator, loc)
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = f"unknown field {loc[-1]!r}"
            hint = "check the spelling against the JSON Schema in schema/"
        elif error["type"] == "missing":
            hint = f"add the field {loc[-1]!r}"
        elif error["type"] in ("literal_error", "enum"):
            hint = "use one of the allowed values"
        elif error["type"] == "string_pattern_mismatch" and "[a-z0-9]+(?:-[a-z0-9]+)*" in str(error.get("ctx", {})):
            hint = "ids are lowercase-with-hyphens (jens-stoltenberg) or an upper-case code (JPN, NATO)"
        else:
            hint = "see the field's description in the JSON Schema in schema/"
        issues.append(_issue(display, line, column, f"schema-{error['type']}", message, field=field_path(loc), hint=hint))
    return issues


def read_model_file(path: Path, model: type[M], display: str,
                    digests: dict[Path, str] | None = None) -> tuple[M | None, Locator, list[Issue]]:
    """Read a YAML/JSON file and validate it against ``model``.

    ``digests`` receives the sha256 of the bytes read (the build's manifest uses it
    instead of reading every input a second time).
    """
    parsed, locator, issues, _ = read_model_parts(path, model, display, digests)
    return parsed, locator, issues


@dataclass(frozen=True)
class Salvage(Generic[M]):
    """What is valid in a file that breaks its model: the records that pass, by their place in the file.

    So that one bad record does not hide the problems of the others: the checks that
    follow (anchors, references) run on ``model``, which holds the valid records only, and
    name each by ``kept[field][i]``, its index in the file.
    """

    model: M
    kept: dict[str, list[int]]  # list field -> indices in the file of the records kept (fields not listed: all kept)
    dropped: dict[str, list[Any]]  # list field -> the records left out, as read (their ids still name them)

    def index(self, field: str, position: int) -> int:
        """The index in the file of ``model.<field>[position]``."""
        kept = self.kept.get(field)
        return position if kept is None else kept[position]

    def dropped_ids(self, field: str, key: str) -> set[str]:
        """The ``key`` values (ids) of the records of ``field`` left out, where readable."""
        return {item[key] for item in self.dropped.get(field, []) if isinstance(item, dict) and isinstance(item.get(key), str)}


def read_model_parts(path: Path, model: type[M], display: str, digests: dict[Path, str] | None = None,
                     ) -> tuple[M | None, Locator, list[Issue], Salvage[M] | None]:
    """:func:`read_model_file`, and, when the file breaks its model, its valid part (:class:`Salvage`) if it has one."""
    try:
        data = read_raw_file(path, MAX_YAML_BYTES)
    except OSError as exc:  # gone, no permission, a link out of raw/, a fifo
        return None, {}, [read_error_issue(display, exc)], None
    if isinstance(data, int):
        return None, {}, [too_large_issue(display, data, MAX_YAML_BYTES)], None  # refused unread
    if digests is not None:
        digests[path] = hashlib.sha256(data).hexdigest()
    value, locator, issues = load_yaml(data, display)
    if value is None and issues:
        return None, locator, issues, None
    if not isinstance(value, dict):
        return None, locator, [*issues, _issue(display, 1, 1, "schema-type",
                                                f"expected a mapping at the top, got {type(value).__name__}",
                                                hint="the file is a mapping of keys (article_id: ..., quotations: ...); "
                                                     "see CONTRIBUTING.md and schema/")], None
    # Warnings and duplicate keys do not stop validation: every problem is reported at once.
    try:
        return model.model_validate(value), locator, issues, None
    except ValidationError as exc:
        return None, locator, [*issues, *validation_issues(exc, display, locator)], salvage(model, value, exc)


def salvage(model: type[M], value: dict[Any, Any], exc: ValidationError) -> Salvage[M] | None:
    """``value`` without the records (list items) and optional fields that ``exc`` faults, as ``model``; None if
    a required field is at fault (or what is left still fails)."""
    bad_items: dict[str, set[int]] = {}
    drop: set[Any] = set()
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        if not loc or not isinstance(loc[0], str):
            return None
        key = loc[0]
        info = model.model_fields.get(key)
        if info is None:
            drop.add(key)  # an unknown field
        elif len(loc) >= 2 and isinstance(loc[1], int) and isinstance(value.get(key), list):
            bad_items.setdefault(key, set()).add(loc[1])
        elif not info.is_required():
            drop.add(key)
        else:
            return None
    cleaned = {key: item for key, item in value.items() if key not in drop}
    kept: dict[str, list[int]] = {}
    dropped: dict[str, list[Any]] = {}
    for key, bad in bad_items.items():
        if key in drop:
            continue
        items = value[key]
        kept[key] = [i for i in range(len(items)) if i not in bad]
        cleaned[key] = [items[i] for i in kept[key]]
        dropped[key] = [items[i] for i in sorted(bad)]
    try:
        return Salvage(model.model_validate(cleaned), kept, dropped)
    except ValidationError:
        return None
