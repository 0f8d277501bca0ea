"""The extractor's fast paths give the same answers as the simple reference code."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from jsec_data.core import text as text_module
from jsec_data.core.text import normalize_with_map
from jsec_data.extract.draft import _fold
from jsec_data.extract.names import _Gazetteer

# Arabic letters and marks (folded, dropped and plain), Latin, digits, quote marks, space.
_ALPHABET = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهوي") + list("أإآٱةىیؤئکگڤپچ") + list("٠١٩،؛؟")
    + ["\u064b", "\u0651", "\u0640", "\u0670", "\u06d6", "\u200f", "\u200c", "\u202b"]
    + list("ABCZabcz0 -.\n\"“”«»")
)


def _reference_normalize_with_map(text: str) -> tuple[str, list[int]]:
    """The original one-character-at-a-time definition of the matching form."""
    out: list[str] = []
    mapping: list[int] = []
    for offset, char in enumerate(text):
        if char in text_module._DROP:
            continue
        folded = text_module._FOLD.get(char, char)
        if "A" <= folded <= "Z":
            folded = folded.lower()
        out.append(folded)
        mapping.append(offset)
    mapping.append(len(text))
    return "".join(out), mapping


def _reference_gazetteer_match(names: Sequence[tuple[list[str], str]], tokens: Sequence[str]) -> list[tuple[int, int, str]]:
    """The original quadratic matcher (names already longest first)."""
    found: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for name, entity_id in names:
        size = len(name)
        for index in range(len(tokens) - size + 1):
            if taken & set(range(index, index + size)):
                continue
            window = list(tokens[index:index + size])
            if window[1:] != name[1:]:
                continue
            first, want = window[0], name[0]
            if first == want or (len(first) > 1 and first[0] in "وبلف" and first[1:] == want) or (
                first.startswith("لل") and "ال" + first[2:] == want
            ):
                found.append((index, index + size, entity_id))
                taken.update(range(index, index + size))
    return sorted(found)


@settings(max_examples=400, deadline=None)
@given(st.text(_ALPHABET, max_size=300))
def test_normalize_with_map_matches_the_per_character_reference(value: str) -> None:
    assert normalize_with_map(value) == _reference_normalize_with_map(value)
    assert _fold(value) == _reference_normalize_with_map(value)[0]


_WORDS = ["اليابان", "الفلبين", "كيشيدا", "فوميو", "وزير", "الدفاع", "الحلف", "للحلف", "واليابان", "باليابان", "مع"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3), st.sampled_from(["A", "B", "C"])),
             max_size=8),
    st.lists(st.sampled_from(_WORDS), max_size=20),
)
def test_gazetteer_matches_reference(entries: list[tuple[list[str], str]], tokens: list[str]) -> None:
    gazetteer = _Gazetteer()
    for words, entity_id in entries:
        gazetteer.add(" ".join(words), entity_id)
    expected = _reference_gazetteer_match(sorted(gazetteer.names, key=lambda item: -len(item[0])), tokens)
    assert gazetteer.match(tokens) == expected
