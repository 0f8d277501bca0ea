"""The matching form of article text for the extractor, with its offsets.

An article's matching form (:mod:`jsec_data.core.text`) is computed once; each paragraph's
is then a slice of it, and an :class:`OffsetMap` turns matching-form indices back
into offsets of the stored text. Also the small search helpers the rules share.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any, TypeAlias, overload

from jsec_data.core.text import DROPPED_CHARACTERS, MATCHING_TABLE, fold_present, normalize_for_matching

__all__ = ["WORD_RE", "Normalized", "OffsetMap", "alternation", "matching_form", "matching_name", "matching_short",
           "positions", "text_offset", "window", "window_norm"]

#: A word of the matching form, as the rules count words (hyphenated names are one).
WORD_RE = re.compile(r"[\w\-]+")


@functools.lru_cache(maxsize=4096)
def matching_name(text: str) -> str:
    """The matching form alone (memoised: used on short registry names and draft names)."""
    return text.translate(MATCHING_TABLE)


@functools.lru_cache(maxsize=8192)
def matching_short(text: str) -> str:
    """``normalize_for_matching(text)``, memoised: for the few characters before a cue, or a cue as
    written, which come back again and again (a look-up costs less than the NFC check and the fold)."""
    return normalize_for_matching(text)


def alternation(words: Iterable[str]) -> str:
    """A regex group matching exactly ``words`` (literals), written as a trie.

    ``re`` tries the branches of ``a|b|...`` one after another at every position; a
    trie shares prefixes, so a position costs a few character tests instead of one
    per word. Greedy optional tails try longer words first, the order a list sorted
    longest first gives (words matching at one position are prefixes of each other).
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(trie) + ")"


class OffsetMap(Sequence[int]):
    """The offsets list of :func:`normalize_with_map`, kept as the text's dropped offsets.

    Item ``i`` is the text offset of matching-form character ``i``; one more item, the
    text's length, ends it. A list holds an int object per character, and building one
    per paragraph cost more than the rules that read a few of its items; a text drops
    only a few characters (diacritics, tatweel), so an item is a short scan of them.
    """

    __slots__ = ("_kept_before", "drops", "length")

    def __init__(self, drops: Sequence[int], length: int) -> None:
        self.drops = drops  # sorted offsets of the dropped characters
        self.length = length  # the text's length
        self._kept_before: list[int] | None = None  # each drop's matching-form index, when first needed

    def __len__(self) -> int:
        return self.length - len(self.drops) + 1

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if not self.drops and type(index) is int and 0 <= index <= self.length:
            return index  # nothing dropped (most paragraphs): offsets are indices
        size = self.length - len(self.drops) + 1
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(size))]
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError("offset map index out of range")
        # Index i is text offset i plus the drops before it: the drops whose matching-form index
        # (offset minus the drops before it) is at most i.
        kept_before = self._kept_before
        if kept_before is None:
            kept_before = self._kept_before = [dropped - number for number, dropped in enumerate(self.drops)]
        return index + bisect.bisect_right(kept_before, index)

    def position(self, offset: int) -> int:
        """``bisect_left(self, offset)``: the matching-form index of text offset ``offset`` (or of the next kept one)."""
        return offset - bisect.bisect_left(self.drops, offset)


#: A text's matching form and the offsets of its characters in the text.
Normalized: TypeAlias = tuple[str, OffsetMap]


def matching_form(text: str) -> Normalized:
    """``normalize_with_map(text)``, with the offsets as an :class:`OffsetMap`.

    The dropped characters present are found once (``in`` and str.find look for one
    character with memchr, where ``re`` tests a character class per character): their
    offsets make the map, and the matching form is the text's own (``fold_present``).
    """
    dropped = list(filter(text.__contains__, DROPPED_CHARACTERS))
    return fold_present(text, dropped), OffsetMap(positions(text, dropped) if dropped else [], len(text))


def positions(text: str, chars: Iterable[str]) -> list[int]:
    """Sorted offsets of every occurrence in ``text`` of each of ``chars``.

    str.find looks for one character with memchr, where ``re`` would test a character
    class with a call per character of the text.
    """
    found: list[int] = []
    for char in chars:
        index = text.find(char)
        while index >= 0:
            found.append(index)
            index = text.find(char, index + 1)
    found.sort()
    return found


def window(normalized: Normalized, start: int, end: int) -> Normalized:
    """``matching_form(text[start:end])`` cut from ``normalized = matching_form(text)`` (offsets >= 0).

    The matching rules are per character, so a slice's matching form is a slice of the
    whole's: computed once per article, it is then only cut.
    """
    norm, offsets = normalized
    drops, length = offsets.drops, offsets.length
    start = min(start, length)
    end = max(start, min(end, length))
    # The drops before start and before end (offsets.position, inlined: this runs for every paragraph and cue).
    first, last = bisect.bisect_left(drops, start), bisect.bisect_left(drops, end)
    return norm[start - first:end - last], OffsetMap([dropped - start for dropped in drops[first:last]] if last > first else [],
                                                     end - start)


def window_norm(normalized: Normalized, start: int, end: int) -> str:
    """``window(normalized, start, end)[0]``, without the offsets."""
    norm, offsets = normalized
    drops, length = offsets.drops, offsets.length
    start = min(start, length)
    end = max(start, min(end, length))
    return norm[start - bisect.bisect_left(drops, start):end - bisect.bisect_left(drops, end)]


def text_offset(normalized: Normalized, start: int, index: int) -> int:
    """``start + window(normalized, start, ...)[1][index]``: the text offset of matching-form index ``index``
    of the window that starts at text offset ``start`` (without building the window's map)."""
    offsets = normalized[1]
    if not offsets.drops:
        return start + index  # (most paragraphs: nothing dropped, offsets are indices)
    return offsets[offsets.position(start) + index]
