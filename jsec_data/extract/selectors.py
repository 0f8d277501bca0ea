"""Text-quote selectors for the draft's records: the exact text plus the shortest context that makes it unique."""

from __future__ import annotations

from jsec_data.extract.model import Selector

__all__ = ["SelectorCache", "unique_selector"]


def unique_selector(text: str, start: int, end: int) -> Selector:
    """``text[start:end]`` with the shortest prefix/suffix that makes it unique (unique as :func:`resolve` counts)."""
    exact = text[start:end]
    selector: Selector = {"exact": exact}
    # The other occurrences, found once (resolve would search the article again for
    # every prefix/suffix tried); the one at ``start`` fits its own context. A longer
    # suffix (prefix) extends the shorter one, so only the occurrences that shared the
    # shorter context need testing against the longer.
    others: list[int] = []  # anchor.find_all, inlined: most texts occur once (two finds, no list kept)
    index = text.find(exact)
    while index >= 0:
        if index != start:
            others.append(index)
        index = text.find(exact, index + 1)
    if not others:
        return selector
    same_after, same_before = others, others
    for size in (8, 16, 32, 64, 128, 256, 10_000):
        suffix = text[end:end + size]
        prefix = text[max(0, start - size):start]
        if suffix:
            same_after = [offset for offset in same_after if text.startswith(suffix, offset + len(exact))]
            if not same_after:
                selector["suffix"] = suffix
                return selector
        if prefix:
            same_before = [offset for offset in same_before if text.endswith(prefix, 0, offset)]
            if not same_before:
                selector["prefix"] = prefix
                return selector
        if suffix and prefix and not set(same_after) & set(same_before):
            selector["prefix"], selector["suffix"] = prefix, suffix
            return selector
    selector["start"] = start  # pragma: no cover - prefix+suffix of the whole text is always unique
    return selector


class SelectorCache:
    """The selectors of one article's spans, each worked out once (a direct statement's span is its quotation's)."""

    __slots__ = ("found", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[tuple[int, int], Selector] = {}

    def __call__(self, start: int, end: int) -> Selector:
        """``unique_selector(text, start, end)``, shared: the caller copies its fields (``**``), never changes it."""
        selector = self.found.get((start, end))
        if selector is None:
            selector = self.found[(start, end)] = unique_selector(self.text, start, end)
        return selector
