"""Overlapping spans become properly nested elements whose text is exactly the input text."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jsec_data.review.spans import Mark, nest

from .conftest import ArticleText, read_article

ALPHABET = "اليابانوقالت «»\"'<>&;#/ \n abc"


def _page(text: str, marks: list[Mark]) -> ArticleText:
    return read_article(f'<article id="article-text">{nest(text, marks)}</article>')


def _check(text: str, marks: list[Mark]) -> ArticleText:
    """Text content is the text; each mark covers exactly its characters; partitions stay outermost."""
    page = _page(text, marks)
    assert page.text == text
    for mark in marks:
        for index in range(len(text)):
            assert (mark.key in page.ids_at(index)) == (mark.start <= index < mark.end), (mark, index)
        pieces = page.pieces(mark.key)
        assert pieces, mark
        assert all(p.tag == mark.tag for p in pieces)
        assert [p.attrs.get("id") for p in pieces].count(f"id-{mark.key}") == (1 if mark.first_attrs else 0)
    for element, ancestors in page.elements:
        if element.tag == "div":  # layer-0 marks: never inside an annotation
            assert all(a.tag == "div" for a in ancestors)
    return page


@st.composite
def texts_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = draw(st.text(alphabet=ALPHABET, max_size=60))
    n = len(text)
    cuts = sorted(set(draw(st.lists(st.integers(0, n), max_size=6))) | {0, n})
    marks = [Mark(a, b, f"p{i}", tag="div", layer=0, attrs=(("class", "seg"),))
             for i, (a, b) in enumerate(itertools.pairwise(cuts)) if a < b]
    for i in range(draw(st.integers(0, 12))):
        start = draw(st.integers(0, n))
        end = draw(st.integers(start, n))
        rank = draw(st.integers(1, 5))
        first = (("id", f"id-m{i}"), ("data-label", f"m{i} <x>")) if draw(st.booleans()) else ()
        marks.append(Mark(start, end, f"m{i}", rank=rank, attrs=(("class", "ann"), ("title", 'a "b" & <c>')),
                          first_attrs=first))
    return text, marks


@settings(max_examples=300, deadline=None)
@given(texts_and_marks())
def test_random_spans_nest_and_cover_exactly_their_text(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    _check(text, marks)


@settings(max_examples=100, deadline=None)
@given(texts_and_marks(), st.randoms(use_true_random=False))
def test_output_does_not_depend_on_the_order_of_the_marks(case: tuple[str, list[Mark]], rnd: random.Random) -> None:
    text, marks = case
    shuffled = list(marks)
    rnd.shuffle(shuffled)
    assert nest(text, shuffled) == nest(text, marks)


def test_crossing_spans_are_split_and_nested_spans_are_not() -> None:
    text = "0123456789"
    outer, inner, crossing = Mark(0, 8, "outer"), Mark(2, 4, "inner"), Mark(6, 10, "cross")
    html = nest(text, [outer, inner, crossing])
    assert html == ('<span data-id="outer">01<span data-id="inner">23</span>45<span data-id="cross">67</span></span>'
                    '<span class="cont" data-id="cross">89</span>')
    _check(text, [outer, inner, crossing])


def test_equal_spans_nest_by_rank() -> None:
    html = nest("ab", [Mark(0, 2, "q", rank=2), Mark(0, 2, "s", rank=1)])
    assert html == '<span data-id="s"><span data-id="q">ab</span></span>'


def test_text_is_escaped_and_attributes_quoted() -> None:
    html = nest('<script>alert("x")</script> & co', [Mark(0, 8, "m", attrs=(("title", '"><script>'),))])
    assert "<script>" not in html
    assert html.startswith('<span title="&quot;&gt;&lt;script&gt;" data-id="m">&lt;script&gt;</span>alert("x")')


def test_empty_marks_and_empty_text() -> None:
    assert nest("", []) == ""
    assert nest("", [Mark(0, 0, "e")]) == '<span data-id="e"></span>'
    assert nest("ab", [Mark(1, 1, "e"), Mark(0, 2, "w")]) == '<span data-id="w">a<span data-id="e"></span>b</span>'


@pytest.mark.parametrize("marks", [[Mark(0, 3, "x")], [Mark(2, 1, "x")], [Mark(0, 1, "x"), Mark(1, 2, "x")]])
def test_bad_marks_are_refused(marks: list[Mark]) -> None:
    with pytest.raises(ValueError):
        nest("ab", marks)
