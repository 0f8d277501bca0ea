"""Quotation records: a quote found in a paragraph, its cue and speakers, and whether it is a fragment.

A name or term in quote marks (a ship name, "2+2") is not a quotation. The cue is the
last one before the quote in its sentence, else the first after it (up to the end of
the sentence it closes in); cues inside the quoted words are the speaker's own.
"""

from __future__ import annotations

from collections.abc import Sequence

from jsec_data.article.segment import Paragraph
from jsec_data.extract.cues import Cue
from jsec_data.extract.matching import Normalized, window_norm
from jsec_data.extract.model import Quotation
from jsec_data.extract.quotes import QuoteSpan, Sentence, is_term, is_word_char, trim_span
from jsec_data.extract.selectors import unique_selector
from jsec_data.extract.speakers import CueSpeakers, Speakers

__all__ = ["Quotations"]


class Quotations:
    """The quotation records of one article, in reading order."""

    def __init__(self, text: str, speakers: Speakers) -> None:
        self.text = text  # the article's
        self.speakers = speakers
        self.records: list[Quotation] = []

    def add(self, para: Paragraph, quote: QuoteSpan, cues: Sequence[Cue], sentences: Sequence[Sentence],
            cue_speakers: CueSpeakers, normalized: Normalized) -> None:
        """Record ``quote`` of ``para`` unless it is a term; ``cues`` are the paragraph's cues outside quotes."""
        text = para.text
        start, end = trim_span(text, quote.start, quote.end)
        if end <= start or is_term(window_norm(normalized, start, end), cues_in_sentence=bool(cues)):
            return
        open_at = quote.open_mark if quote.open_mark is not None else start
        close_at = quote.close_mark if quote.close_mark is not None else end
        sentence = next((s for s in sentences if s.start <= open_at < s.end), None)
        sentence_start = sentence.start if sentence else 0
        before = [c for c in cues if sentence_start <= c.start < open_at and not (start <= c.start < end)]
        after_limit = next((s.end for s in sentences if s.start <= close_at < s.end), len(text))
        after = [c for c in cues if close_at < c.start < after_limit + 1 and not (start <= c.start < end)]
        cue: Cue | None = before[-1] if before else (after[0] if after else None)
        speakers = self.speakers.of_quotation(text, cue, cue_speakers, sentence_start)
        # A short quote inside a sentence that goes on around it is a fragment of indirect speech.
        # (Word counts only up to the bound that matters: split(maxsplit=n) stops after n words.)
        is_fragment = len(text[start:end].split(maxsplit=6)) <= 6 and quote.balanced and len(
            (text[sentence_start:open_at] + " " + text[close_at + 1:after_limit]).strip(" .،,:\"“”«»").split(maxsplit=4)
        ) > 4 and cue is not None and (
            is_word_char(text[open_at - 1]) or text[max(0, open_at - 2):open_at].strip() not in (":", "")
        )
        record: Quotation = {"id": f"q{len(self.records) + 1}",
                             **unique_selector(self.text, para.start + start, para.start + end),
                             "speaker_ids": list(speakers),  # a fresh list (see model)
                             "cue": cue.text if cue is not None else None, "is_fragment": is_fragment}
        self.records.append(record)
