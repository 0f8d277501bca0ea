"""Anchoring W3C TextQuoteSelectors to code-point offsets in stored text.

A selector resolves when ``exact`` occurs in the text exactly once among the places
where the text just before ends with ``prefix`` and the text just after starts with
``suffix``. Anything else (absent, ambiguous, contradicting a position hint) is an
:class:`AnchorFailure` with a hint that helps the contributor fix the record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jsec_data.core.text import normalize_with_map

_SHOW = 40  # characters of context shown in hints


@dataclass(frozen=True)
class Anchor:
    """A resolved span: ``text[start:end] == exact``."""

    start: int
    end: int


@dataclass(frozen=True)
class AnchorFailure:
    """Why a selector did not resolve, with a hint for fixing it."""

    code: str  # anchor-not-found | anchor-ambiguous | anchor-position-mismatch
    message: str
    hint: str | None = None


def find_all(text: str, needle: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``needle``."""
    found: list[int] = []
    index = text.find(needle)
    while index != -1:
        found.append(index)
        index = text.find(needle, index + 1)
    return found


def resolve(
    text: str,
    exact: str,
    prefix: str | None = None,
    suffix: str | None = None,
    start_hint: int | None = None,
) -> Anchor | AnchorFailure:
    """Resolve a TextQuoteSelector against ``text``.

    >>> resolve("a b a c", "a", suffix=" c")
    Anchor(start=4, end=5)
    >>> resolve("a b a c", "a").code
    'anchor-ambiguous'
    """
    occurrences = find_all(text, exact)
    if not occurrences:
        return AnchorFailure("anchor-not-found", f"exact text not found in the article: {_clip(exact)!r}", _closest(text, exact))
    candidates = [
        start
        for start in occurrences
        if (not prefix or text.endswith(prefix, 0, start))
        and (not suffix or text.startswith(suffix, start + len(exact)))
    ]
    if not candidates:
        return AnchorFailure(
            "anchor-not-found",
            f"exact text occurs {len(occurrences)} time(s) but never with the given prefix/suffix",
            "check prefix/suffix against the article; occurrences at offsets "
            + ", ".join(str(o) for o in occurrences[:10]),
        )
    if len(candidates) > 1:
        return AnchorFailure(
            "anchor-ambiguous",
            f"exact text occurs {len(candidates)} times (offsets {', '.join(str(c) for c in candidates[:10])})",
            "add a prefix or suffix (a few words before or after) that occurs at only one of them",
        )
    start = candidates[0]
    if start_hint is not None and start_hint != start:
        return AnchorFailure(
            "anchor-position-mismatch",
            f"given start {start_hint} disagrees with the text: the exact text is at {start}",
            f"set start: {start} or remove it",
        )
    return Anchor(start, start + len(exact))


def _clip(value: str) -> str:
    return value if len(value) <= _SHOW else value[:_SHOW] + "…"


def _closest(text: str, exact: str) -> str:
    """A hint pointing at where the selector most likely meant to point."""
    norm_text, mapping = normalize_with_map(text)
    norm_exact = normalize_with_map(exact)[0]
    if norm_exact:
        index = norm_text.find(norm_exact)
        if index != -1:
            start, end = mapping[index], mapping[index + len(norm_exact)]
            return (
                f"a spelling variant (hamza, alef, ta marbuta, diacritics or tatweel) matches at offset "
                f"{start}: {_clip(text[start:end])!r}; copy the text exactly from the article"
            )
    # The same words with other white space or quote marks (a double space, a line break
    # typed as a space, straight quotes for curly ones), spelling variants folded too.
    loose_text, offsets = _loose(norm_text, mapping)
    loose_exact = _loose(norm_exact, range(len(norm_exact) + 1))[0].strip()
    index = loose_text.find(loose_exact) if loose_exact else -1
    if index != -1:
        start = offsets[index]
        end = start + len(text[start:offsets[index + len(loose_exact)]].rstrip())
        return (
            f"the same words with different white space or quote marks match at offset {start}: "
            f"{_clip(text[start:end])!r}; copy the text exactly from the article"
        )
    # Longest prefix of exact that does occur: shows where the record stops matching.
    low, high = 0, len(exact)
    while low < high:
        middle = (low + high + 1) // 2
        if exact[:middle] in text:
            low = middle
        else:
            high = middle - 1
    if low >= 3:
        at = text.find(exact[:low])
        context = text[at : at + low + _SHOW]
        return (
            f"closest match at offset {at}: the first {low} characters match, then the article reads "
            f"{_clip(context[low:])!r} where the record has {_clip(exact[low:])!r}"
        )
    return "no similar text found; is this the right article?"


_QUOTE_MARKS = frozenset('"＂“”„‟″〝〞«»')


def _loose(norm: str, mapping: Sequence[int]) -> tuple[str, list[int]]:
    """A matching form (with its offset map) with white space runs as one space and every quote mark as ``"``.

    Item ``i`` of the offsets returned is the text offset of character ``i``; one more item
    ends them. Only hints use it (a failed anchor), so it is plain rather than fast.
    """
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(norm):
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        elif char in _QUOTE_MARKS:
            char = '"'
        chars.append(char)
        offsets.append(mapping[index])
    offsets.append(mapping[len(norm)])
    return "".join(chars), offsets
