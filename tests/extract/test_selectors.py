"""Selectors: a record's exact text with the shortest prefix/suffix that makes it unique in the article."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from jsec_data.core.anchor import Anchor, resolve
from jsec_data.extract.selectors import unique_selector


def _reference_selector(text: str, start: int, end: int) -> dict[str, Any]:
    """The selector rule by resolve() itself, for every candidate context in turn."""
    exact = text[start:end]
    selector: dict[str, Any] = {"exact": exact}
    if isinstance(resolve(text, exact), Anchor):
        return selector
    for size in (8, 16, 32, 64, 128, 256, 10_000):
        suffix = text[end:end + size]
        prefix = text[max(0, start - size):start]
        for candidate in ({"suffix": suffix}, {"prefix": prefix}, {"prefix": prefix, "suffix": suffix}):
            if any(not v for v in candidate.values()):
                continue
            found = resolve(text, exact, candidate.get("prefix"), candidate.get("suffix"))
            if isinstance(found, Anchor) and found.start == start:
                selector.update(candidate)
                return selector
    selector["start"] = start
    return selector


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_selector_matches_resolving_every_candidate(data: st.DataObject) -> None:
    # A small alphabet and repeated chunks: exact texts recur, with shared contexts.
    chunk = data.draw(st.text("ab ", min_size=1, max_size=12))
    text = data.draw(st.lists(st.sampled_from([chunk, chunk + "a", "b", " ", chunk * 3]), min_size=1, max_size=40).map("".join))
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    assert unique_selector(text, start, end) == _reference_selector(text, start, end)
