"""Quotations: quote marks of every style paired per paragraph, sentences, and terms that are not speech."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jsec_data.extract import extract_text, find_quotes, quotes
from jsec_data.extract.matching import positions

from .texts import NEWS, REFERENCE_SENTENCE_SPLIT_RE, TEXT, spans


def _quoted(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ('وقال: "نحن هنا" ثم غادر', ["نحن هنا"]),
    ("وقال: “نحن هنا” ثم غادر", ["نحن هنا"]),
    ("وقال: ”نحن هنا“ ثم غادر", ["نحن هنا"]),  # reversed curly marks
    ("وقال: «نحن هنا» ثم غادر", ["نحن هنا"]),
    ("وقال: «نحن هنا وهناك.", ["نحن هنا وهناك."]),  # unclosed: runs to the end of the paragraph
    ('قال «إن "الردع" مهم» للصحفيين', ['إن "الردع" مهم']),  # nested marks stay inside
    ("لعقود طويلة كانت المنطقة هادئة ”.", ["لعقود طويلة كانت المنطقة هادئة "]),  # lost opening mark
])
def test_quote_styles(text: str, expected: list[str]) -> None:
    assert _quoted(text) == expected


def test_unclosed_quote_stops_before_the_next_reported_sentence() -> None:
    text = '"الأمن مشترك. وقال الوزير: "نحن مستعدون".'
    cut = [text.index("وقال")]
    assert [text[q.start:q.end] for q in find_quotes(text, cut)] == ["الأمن مشترك.", "نحن مستعدون"]


def test_terms_in_quote_marks_are_not_quotations() -> None:
    text = "عنوان\nصعد الوزير على متن الفرقاطة \"موغامي\" قبل محادثات \"2+2\" في طوكيو.\n"
    assert extract_text(text, "0" * 16)["quotations"] == []


def test_boilerplate_is_skipped() -> None:
    text = "عنوان\nاقرأ أيضاً: وقال الوزير \"هذا ليس خبراً\"\nتابعونا على فيسبوك \"الآن\" وقال\n"
    assert extract_text(text, "0" * 16)["quotations"] == []


# ----------------------------------------------------------- marks and stops found once

@settings(max_examples=500, deadline=None)
@given(TEXT, st.lists(st.integers(0, 80), max_size=3))
def test_quotes_from_marks_are_the_regex_quotes(text: str, cut_before: list[int]) -> None:
    marks = positions(text, quotes.QUOTE_CLASS)
    assert marks == [m.start() for m in quotes._QUOTE_RE.finditer(text)]
    assert find_quotes(text, cut_before, marks) == find_quotes(text, cut_before)


def _reference_sentences(text: str) -> list[tuple[int, int]]:
    """split_sentences as one regex pass over the paragraph (a one-letter word's full stop, د. for الدكتور, splits
    nothing)."""
    sentences = []
    start = 0
    for match in REFERENCE_SENTENCE_SPLIT_RE.finditer(text):
        stop = match.start()
        if text[stop] == "." and stop and text[stop - 1].isalpha() and (stop < 2 or not quotes.is_word_char(text[stop - 2])):
            continue
        trailing = match.group().rstrip()
        keep = len(trailing)
        while keep > 0 and trailing[keep - 1] in quotes.QUOTE_CLASS and quotes._role(text, stop + keep - 1) == "open":
            keep -= 1
        end = stop + len(trailing[:keep].rstrip()) if keep else stop + 1
        if end > start:
            sentences.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        sentences.append((start, len(text)))
    return sentences


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_sentences_from_stops_are_the_regex_splits(text: str) -> None:
    expected = _reference_sentences(text)
    assert [(s.start, s.end) for s in quotes.split_sentences(text)] == expected
    assert [(s.start, s.end) for s in quotes.split_sentences(text, positions(text, quotes.SENTENCE_STOPS))] == expected


@settings(max_examples=500, deadline=None)
@given(NEWS)
def test_sentence_split_pattern_is_the_plain_one(text: str) -> None:
    assert spans(quotes._SENTENCE_SPLIT_RE, text) == spans(REFERENCE_SENTENCE_SPLIT_RE, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789٠١.، قال«»\n", max_size=40))
def test_a_full_stop_between_digits_never_ends_a_sentence(text: str) -> None:
    ends = {s.end for s in quotes.split_sentences(text)}
    for at in range(1, len(text) - 1):
        if text[at] == "." and text[at - 1].isdigit() and text[at + 1].isdigit():
            assert at + 1 not in ends and at not in ends, text


# ------------------------------------------------------------------- terms, fragments

def _reference_is_term(norm: str, cues_in_sentence: bool) -> bool:
    words = norm.split()  # every word, where is_term stops splitting at four
    if not quotes._ARABIC_LETTER_RE.search(norm):
        return len(words) < 4
    if len(words) == 1:
        return not quotes._VERB_LIKE.search(norm)
    if len(words) == 2:
        return not (quotes._VERB_LIKE.search(norm) or cues_in_sentence)
    return False


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"ab c\n", "قال", "يقولون"]), max_size=20).map("".join), st.booleans())
def test_is_term_counts_words_like_a_full_split(norm: str, cues_in_sentence: bool) -> None:
    assert quotes.is_term(norm, cues_in_sentence) == _reference_is_term(norm, cues_in_sentence)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab \n\t\u00a0")), max_size=40), st.integers(0, 8))
def test_bounded_word_counts(text: str, bound: int) -> None:
    # The fragment and term rules count words only up to the bound that matters.
    assert (len(text.split(maxsplit=bound)) <= bound) == (len(text.split()) <= bound)
    assert (len(text.split(maxsplit=bound)) > bound) == (len(text.split()) > bound)
