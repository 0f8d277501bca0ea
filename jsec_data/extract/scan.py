"""What the rules read in each paragraph, found once in the whole article.

The matching form, the cue and agreement-head-key spans (in that form), and the quote
marks and sentence stops (in the text) are searched for in the article once; a
paragraph's are then cut out of those by bisection, the same as searching the
paragraph alone would find (:func:`paragraph_inputs`, tested), and most paragraphs
turn out to hold nothing any rule needs.
"""

from __future__ import annotations

import bisect
from typing import TypeAlias

from jsec_data.article.segment import Paragraph
from jsec_data.extract.agreements import key_spans
from jsec_data.extract.cues import cue_spans
from jsec_data.extract.matching import Normalized, OffsetMap, matching_form, positions
from jsec_data.extract.quotes import QUOTE_CLASS, SENTENCE_STOPS
from jsec_data.extract.statement_words import attribution_starts

__all__ = ["ArticleScan", "ParagraphInputs", "paragraph_inputs"]

#: A paragraph's matching form, cue spans and head-key spans (in that form), quote-mark
#: and sentence-stop offsets (in its text), all in order. (A plain tuple: it is made for
#: every paragraph that holds anything, and a named tuple costs a call to make.)
ParagraphInputs: TypeAlias = tuple[Normalized, list[tuple[int, int]], list[tuple[int, int]], list[int], list[int]]


def paragraph_inputs(text: str) -> ParagraphInputs:
    """What the rules read in a paragraph, from its text alone (:class:`ArticleScan` cuts it from the article's)."""
    normalized = matching_form(text)
    return (normalized, cue_spans(normalized[0]), key_spans(normalized[0]), positions(text, QUOTE_CLASS),
            positions(text, SENTENCE_STOPS))


class ArticleScan:
    """One article's scans, and the paragraph inputs cut from them."""

    def __init__(self, text: str) -> None:
        self.text = text
        # The article's matching form, once: each paragraph's is a slice of it.
        self.normalized = matching_form(text)
        # Cues and agreement-head keys, found in it once (sorted by start): whole words
        # and phrases in one line, so a paragraph's are those that start inside it.
        norm = self.normalized[0]
        self._cues = cue_spans(norm)
        self._cue_starts = [start for start, _ in self._cues]
        keys = key_spans(norm)
        self._keys, self._key_starts = keys, [start for start, _ in keys]
        # Attributions (بحسب، وفقا لـ ...): their starts, for the paragraphs that hold one and nothing else.
        self._attributions = attribution_starts(norm)
        # Quote marks and sentence stops in the text, found once (see positions).
        self._marks = positions(text, QUOTE_CLASS)
        self._stops = positions(text, SENTENCE_STOPS[:-1])  # not the newline: no paragraph holds one
        # The matching-form range of the paragraph last cut (attribution_in asks about it next).
        self._last: tuple[Paragraph | None, int, int] = (None, 0, 0)

    def paragraph(self, para: Paragraph) -> ParagraphInputs | None:
        """What the rules read in one paragraph, cut from the article's scans; None if no rule has work.

        The matching form and the cue and head-key spans are the article's, shifted to the
        paragraph's form; quote marks and sentence stops are offsets in the paragraph.
        """
        text = para.text
        start, end = para.start, para.start + len(text)
        if not self.text.startswith(text, start):  # pragma: no cover - paragraphs are slices of the article
            return paragraph_inputs(text)
        first, last = bisect.bisect_left(self._marks, start), bisect.bisect_left(self._marks, end)
        marks = [mark - start for mark in self._marks[first:last]] if last > first else []
        drops = self.normalized[1].drops
        first_drop, last_drop = bisect.bisect_left(drops, start), bisect.bisect_left(drops, end)
        low, high = start - first_drop, end - last_drop
        self._last = (para, low, high)
        first, last = bisect.bisect_left(self._cue_starts, low), bisect.bisect_left(self._cue_starts, high)
        cues = [(s - low, e - low) for s, e in self._cues[first:last]] if last > first else []
        first, last = bisect.bisect_left(self._key_starts, low), bisect.bisect_left(self._key_starts, high)
        keys = [(s - low, e - low) for s, e in self._keys[first:last]] if last > first else []
        if not cues and not keys and not marks and not self._attribution_in(low, high):
            return None  # (most paragraphs: the cut below is not needed)
        first, last = bisect.bisect_left(self._stops, start), bisect.bisect_left(self._stops, end)
        stops = [stop - start for stop in self._stops[first:last]] if last > first else []
        # window(self.normalized, start, end), from the bisects above.
        normalized = self.normalized[0][low:high], OffsetMap(
            [dropped - start for dropped in drops[first_drop:last_drop]] if last_drop > first_drop else [], end - start
        )
        return normalized, cues, keys, marks, stops

    def _attribution_in(self, low: int, high: int) -> bool:
        """Whether an attribution starts in the matching-form range ``[low, high)``."""
        index = bisect.bisect_left(self._attributions, low)
        return index < len(self._attributions) and self._attributions[index] < high

    def attribution_in(self, para: Paragraph) -> bool:
        """Whether an attribution (بحسب، وفقا لـ ...) starts in a paragraph."""
        last, low, high = self._last
        if last is para:
            return self._attribution_in(low, high)
        drops = self.normalized[1].drops
        start, end = para.start, para.start + len(para.text)
        return self._attribution_in(start - bisect.bisect_left(drops, start), end - bisect.bisect_left(drops, end))
