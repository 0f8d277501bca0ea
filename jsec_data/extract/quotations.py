"""Quotation records: a quote found in a paragraph, its cue and speakers, and whether it is a fragment.

A name or term in quote marks (a ship name, "2+2", a spelled-out acronym such as «تي إن
تي») is not a quotation, nor is a short quoted name right after a word that introduces a
name (وكالة «كيودو»، موقع «ويكيليكس»، طائرة «إينولا غاي»: ``data/names.yaml``), nor a short
quoted label that opens a paragraph after a dateline or a list dash and ends at a colon (a brief's
credit "أثينا - «الشرق الأوسط»: ...", a list item "- «المتاهة»: ..."). The cue
is the last one before the quote in its sentence, else the first after it (up to the end
of the sentence it closes in); cues inside the quoted words are the speaker's own. A quote
left unclosed ends before the full stop of its last sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jsec_data.article.segment import Paragraph
from jsec_data.extract.cues import Cue
from jsec_data.extract.matching import WORD_RE, Normalized, window_norm
from jsec_data.extract.model import Quotation
from jsec_data.extract.people import people_words
from jsec_data.extract.quotes import QuoteSpan, Sentence, is_term, is_word_char, trim_span
from jsec_data.extract.selectors import SelectorCache
from jsec_data.extract.speakers import CueSpeakers, Speakers

__all__ = ["Quotations", "is_dateline_label", "is_quoted_name"]

_UNCLOSED_TAIL = ".،,؛;:"

# From the paragraph's start to the opening mark: an optional bullet, up to four words (a place), a dash.
_DATELINE_BEFORE = re.compile(r"[\s*•·]*(?:[^\W\d_]+\s+){0,4}[-–—]\s*")
_LABEL_AFTER = re.compile(r"\s*:")


def is_quoted_name(normalized: Normalized, open_mark: int, quoted_norm: str) -> bool:
    """Whether a quote at ``open_mark`` (paragraph offset) is a name: short, no stop, after a name-giving word."""
    lists = people_words()
    words = quoted_norm.split(maxsplit=lists.max_name_words)
    if not words or len(words) > lists.max_name_words or any(map(quoted_norm.__contains__, ".؟!:")):
        return False
    before = WORD_RE.findall(window_norm(normalized, max(0, open_mark - 40), open_mark))
    if not before:
        return False
    word = before[-1]
    return word in lists.introducers or (word[:1] in "وبلف" and word[1:] in lists.introducers)


def is_dateline_label(text: str, quote: QuoteSpan) -> bool:
    """Whether a closed quote opening a paragraph after a dateline or list dash, and followed by a
    colon, is a short label: the credit of a news brief (أثينا - «الشرق الأوسط»:) or a list item's name."""
    if quote.open_mark is None or quote.close_mark is None or quote.open_mark > 60:
        return False
    quoted = text[quote.start:quote.end]
    if len(quoted.split()) > people_words().max_name_words or any(map(quoted.__contains__, ".؟!:")):
        return False
    return (_DATELINE_BEFORE.fullmatch(text, 0, quote.open_mark) is not None
            and _LABEL_AFTER.match(text, quote.close_mark + 1) is not None)


class Quotations:
    """The quotation records of one article, in reading order, with their spans and marks (article offsets)."""

    def __init__(self, text: str, speakers: Speakers, selectors: SelectorCache | None = None) -> None:
        self.text = text  # the article's
        self.speakers = speakers
        self.selectors = selectors or SelectorCache(text)
        self.records: list[Quotation] = []
        self.spans: list[tuple[int, int]] = []
        self.marks: list[tuple[int | None, int | None]] = []
        # Starts (paragraph offsets) of the current paragraph's cues whose quotation follows a colon (وقال: «...»).
        self.after_colon: set[int] = set()

    def add(self, para: Paragraph, quote: QuoteSpan, cues: Sequence[Cue], sentences: Sequence[Sentence],
            cue_speakers: CueSpeakers, normalized: Normalized) -> tuple[int, int] | None:
        """Record ``quote`` of ``para`` unless it is a term or a name; ``cues`` are the paragraph's cues outside quotes.

        Returns the quotation's span in the paragraph, or None when it is not one.
        """
        text = para.text
        start, end = trim_span(text, quote.start, quote.end)
        if quote.close_mark is None:
            # Unclosed: the quote ends before the full stop of its last sentence (guidelines §5).
            while end > start and text[end - 1] in _UNCLOSED_TAIL:
                end -= 1
                start, end = trim_span(text, start, end)
        if end <= start:
            return None
        quoted = window_norm(normalized, start, end)
        if is_term(quoted, cues_in_sentence=bool(cues)):
            return None
        if quote.open_mark is not None and is_quoted_name(normalized, quote.open_mark, quoted):
            return None
        if is_dateline_label(text, quote):
            return None
        open_at = quote.open_mark if quote.open_mark is not None else start
        close_at = quote.close_mark if quote.close_mark is not None else end
        sentence_start, after_limit = 0, len(text)
        for sentence in sentences:  # (a loop: cheaper than next() over a generator)
            if sentence.start <= open_at < sentence.end:
                sentence_start = sentence.start
                break
        for sentence in sentences:
            if sentence.start <= close_at < sentence.end:
                after_limit = sentence.end
                break
        if cues:
            before = [c for c in cues if sentence_start <= c.start < open_at and not (start <= c.start < end)]
            after = [c for c in cues if close_at < c.start < after_limit + 1 and not (start <= c.start < end)]
        else:
            before = after = []
        cue: Cue | None = before[-1] if before else (after[0] if after else None)
        if cue is not None and cue.tense == "participle" and len(before) > 1 and ":" in text[cue.end:open_at]:
            cue = before[-2]  # وأضاف بوريل معلنا عن الشراكة: «...»: the participle's content ends at the colon
        speakers = self.speakers.of_quotation(text, cue, cue_speakers, sentence_start, open_at)
        # A short quote inside a sentence that goes on around it is a fragment of indirect speech.
        # (Word counts only up to the bound that matters: split(maxsplit=n) stops after n words.)
        is_fragment = len(text[start:end].split(maxsplit=6)) <= 6 and quote.balanced and len(
            (text[sentence_start:open_at] + " " + text[close_at + 1:after_limit]).strip(" .،,:\"“”«»").split(maxsplit=4)
        ) > 4 and cue is not None and (
            is_word_char(text[open_at - 1]) or text[max(0, open_at - 2):open_at].strip() not in (":", "")
        )
        record: Quotation = {"id": f"q{len(self.records) + 1}",
                             **self.selectors(para.start + start, para.start + end),
                             "speaker_ids": list(speakers),  # a fresh list (see model)
                             "cue": cue.text if cue is not None else None, "is_fragment": is_fragment,
                             "statement_id": None}
        self.records.append(record)
        self.spans.append((para.start + start, para.start + end))
        self.marks.append((None if quote.open_mark is None else para.start + quote.open_mark,
                           None if quote.close_mark is None else para.start + quote.close_mark))
        if cue is not None and cue.start < open_at and text.rfind(":", cue.end, open_at) >= 0 \
                and not text[text.rfind(":", cue.end, open_at) + 1:open_at].strip():
            self.after_colon.add(cue.start)  # (right after a colon: its statement is this quotation, see Statements.link)
        return start, end
