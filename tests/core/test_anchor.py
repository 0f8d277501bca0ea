"""TextQuoteSelector anchoring: exact spans or a clear failure, never a wrong span."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from jsec_data.core.anchor import Anchor, AnchorFailure, find_all, resolve

TEXT = "قال روته إن الصين تدعم روسيا. وقال روته إن الناتو قلق."


def test_unique_exact_resolves() -> None:
    assert resolve(TEXT, "الناتو قلق") == Anchor(43, 53)
    assert TEXT[43:53] == "الناتو قلق"


def test_repeated_exact_is_ambiguous_until_prefix_or_suffix_disambiguates() -> None:
    failure = resolve(TEXT, "روته")
    assert isinstance(failure, AnchorFailure) and failure.code == "anchor-ambiguous"
    assert "add a prefix or suffix" in (failure.hint or "")
    by_prefix = resolve(TEXT, "روته", prefix="وقال ")
    by_suffix = resolve(TEXT, "روته", suffix=" إن الصين")
    assert isinstance(by_prefix, Anchor) and TEXT[by_prefix.start : by_prefix.end] == "روته"
    assert by_prefix.start == TEXT.rindex("روته")
    assert by_suffix == Anchor(4, 8)


def test_absent_text_hints_at_spelling_variant() -> None:
    failure = resolve("اتفاقية الوصول المتبادل", "اتفاقيه الوصول")
    assert isinstance(failure, AnchorFailure) and failure.code == "anchor-not-found"
    assert "spelling variant" in (failure.hint or "") and "offset 0" in (failure.hint or "")


@pytest.mark.parametrize(("exact", "found"), [
    ("وقال  روته", "وقال روته"),  # a double space
    ('إن "الصين', "إن «الصين"),  # straight quote for a guillemet
    ("روته\nإن", "روته إن"),  # a line break typed for a space
    ("وقال رووته  ان", None),  # a different word: no white-space hint
])
def test_absent_text_hints_at_white_space_and_quote_mark_variants(exact: str, found: str | None) -> None:
    text = "بروكسل – وقال روته إن «الصين تدعم روسيا»."
    failure = resolve(text, exact)
    assert isinstance(failure, AnchorFailure)
    hint = failure.hint or ""
    if found is None:
        assert "white space" not in hint
    else:
        assert "white space or quote marks" in hint and f"offset {text.index(found)}: {found!r}" in hint, hint


def test_absent_text_hints_at_where_it_stops_matching() -> None:
    failure = resolve(TEXT, "الصين تدعم أوكرانيا")
    assert isinstance(failure, AnchorFailure)
    assert "first 11 characters match" in (failure.hint or "")


def test_position_hint_must_agree() -> None:
    failure = resolve(TEXT, "الناتو قلق", start_hint=3)
    assert isinstance(failure, AnchorFailure) and failure.code == "anchor-position-mismatch"
    assert resolve(TEXT, "الناتو قلق", start_hint=43) == Anchor(43, 53)


def test_wrong_prefix_is_not_found_with_offsets_listed() -> None:
    failure = resolve(TEXT, "روته", prefix="قالت ")
    assert isinstance(failure, AnchorFailure) and failure.code == "anchor-not-found"
    assert "4" in (failure.hint or "")


letters = st.text(alphabet="ابتثجحخ دذرز.«»", min_size=1, max_size=120)


@given(letters, st.data())
def test_selector_with_full_context_always_round_trips(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    exact = text[start:end]
    # The whole text before and after makes any span unique.
    found = resolve(text, exact, prefix=text[:start] or None, suffix=text[end:] or None)
    assert found == Anchor(start, end)
    assert text[found.start : found.end] == exact


@given(letters, st.data())
def test_resolution_is_never_wrong(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    exact = text[start:end]
    found = resolve(text, exact)
    occurrences = find_all(text, exact)
    if len(occurrences) == 1:
        assert found == Anchor(start, end)
    else:
        assume(len(occurrences) > 1)
        assert isinstance(found, AnchorFailure) and found.code == "anchor-ambiguous"
