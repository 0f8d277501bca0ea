"""The matching form and its offsets: computed once per article, cut per paragraph and window, mapped back exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jsec_data.article.segment import split_paragraphs
from jsec_data.core import text as text_module
from jsec_data.core.text import DROPPED_CHARACTERS, MATCHING_TABLE, fold_for_matching, normalize_with_map
from jsec_data.extract import matching, quotes
from jsec_data.extract.scan import ArticleScan, paragraph_inputs

from .texts import TEXT

# Arabic letters and marks (folded, dropped and plain), Latin, digits, quote marks, space.
_ALPHABET = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهوي") + list("أإآٱةىیؤئکگڤپچ") + list("٠١٩،؛؟")
    + ["\u064b", "\u0651", "\u0640", "\u0670", "\u06d6", "\u200f", "\u200c", "\u202b"]
    + list("ABCZabcz0 -.\n\"“”«»")
)


def _reference_normalize_with_map(text: str) -> tuple[str, list[int]]:
    """The matching form defined one character at a time."""
    out: list[str] = []
    mapping: list[int] = []
    for offset, char in enumerate(text):
        if char in text_module.DROPPED_CHARACTERS:
            continue
        folded = text_module.MATCHING_TABLE.get(ord(char)) or char
        out.append(folded)
        mapping.append(offset)
    mapping.append(len(text))
    return "".join(out), mapping


@settings(max_examples=400, deadline=None)
@given(st.text(_ALPHABET, max_size=300))
def test_normalize_with_map_matches_the_per_character_reference(value: str) -> None:
    assert normalize_with_map(value) == _reference_normalize_with_map(value)
    assert fold_for_matching(value) == _reference_normalize_with_map(value)[0]


def _reference_matching(text: str) -> tuple[str, list[int]]:
    """The matching form by str.translate, and the offset of each kept character."""
    kept = [offset for offset, char in enumerate(text) if MATCHING_TABLE.get(ord(char), char) is not None]
    return text.translate(MATCHING_TABLE), [*kept, len(text)]


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_matching_is_the_translation(text: str) -> None:
    norm, offsets = matching.matching_form(text)
    assert (norm, list(offsets)) == _reference_matching(text) == normalize_with_map(text)
    assert matching.matching_name(text) == norm


@settings(max_examples=300, deadline=None)
@given(TEXT, st.sampled_from([tuple(quotes.QUOTE_CLASS), tuple(quotes.SENTENCE_STOPS), DROPPED_CHARACTERS, ("ا", "ال")]))
def test_positions_are_every_occurrence(text: str, chars: tuple[str, ...]) -> None:
    assert matching.positions(text, chars) == sorted(
        offset for char in chars for offset in range(len(text)) if text.startswith(char, offset)
    )


_RAW = st.text(st.sampled_from([*"قال اتفاقية «»\".،ABz", "\u064b", "\u0651", "\u0640", "\u200f", "\u200c", "أ", "ة", "ى"]),
               max_size=60)


@settings(max_examples=500, deadline=None)
@given(_RAW, st.integers(0, 70), st.integers(0, 70))
def test_windows_of_the_matching_form_match_normalize_with_map(text: str, start: int, end: int) -> None:
    whole = matching.matching_form(text)
    assert (whole[0], list(whole[1])) == normalize_with_map(text)
    norm, offsets = matching.window(whole, start, end)
    expected_norm, expected_map = normalize_with_map(text[start:max(start, end)])
    assert (norm, list(offsets), len(offsets)) == (expected_norm, expected_map, len(expected_map))
    assert matching.window_norm(whole, start, end) == expected_norm
    for offset in range(len(text) + 2):
        low = offset if offset <= len(text) else len(text)
        assert whole[1].position(low) == sum(1 for kept in whole[1] if kept < low)
    assert whole[1][-1] == len(text) and whole[1][1:3] == list(whole[1])[1:3]


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=6).map("\n".join))
def test_paragraph_inputs_cut_from_the_article_are_the_paragraphs_own(text: str) -> None:
    paragraphs = split_paragraphs(text)
    scan = ArticleScan(text)
    for para in paragraphs:
        (norm, offsets), cues, keys, marks, stops = paragraph_inputs(para.text)
        cut = scan.paragraph(para)
        if cut is None:
            assert not cues and not keys and not marks
            continue
        (cut_norm, cut_offsets), cut_cues, cut_keys, cut_marks, cut_stops = cut
        assert (cut_norm, list(cut_offsets), cut_cues, cut_keys, cut_marks, cut_stops) == (
            norm, list(offsets), cues, keys, marks, stops
        )
