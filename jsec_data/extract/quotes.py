"""Quote marks and sentences in one paragraph (the extractor's quotation rules).

Quotations are found by pairing quote marks in every common style (``"…"``, ``“…”``,
reversed ``”…“``, ``«…»``); a mark's role (opening or closing) is read from the
characters around it. Sentences end at a stop (with the closing quote marks after it).
The marks and stops are punctuation the rules are written around, not a word list, so
they stay here rather than in ``data/``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from jsec_data.article.segment import Paragraph

__all__ = ["QUOTE_CLASS", "SENTENCE_STOPS", "QuoteSpan", "Sentence", "find_quotes", "is_abbreviation_stop", "is_term", "is_word_char",
           "quote_balance_issues", "split_sentences", "trim_span"]

#: Mark -> class. Marks of one class pair with each other; their role (open/close)
#: comes from context, which handles straight, curly and reversed curly styles alike.
QUOTE_CLASS: dict[str, str] = {
    '"': "straight", "＂": "straight",
    "“": "curly", "”": "curly", "„": "curly", "‟": "curly", "″": "curly", "〝": "curly", "〞": "curly",
    "«": "guillemet", "»": "guillemet",
}
_QUOTE_RE = re.compile("[" + "".join(re.escape(mark) for mark in QUOTE_CLASS) + "]")
_ALWAYS_OPEN = frozenset("«")
_ALWAYS_CLOSE = frozenset("»")
_SENTENCE_END = ".!?؟…"
_BEFORE_CLOSE = _SENTENCE_END + ",،؛;)"  # what a closing mark may follow
_AFTER_CLOSE = _SENTENCE_END + ",،؛; "  # and be followed by


class QuoteSpan(NamedTuple):
    """Quoted text inside one paragraph; offsets index the paragraph's text.

    A named tuple, as Paragraph is: a frozen dataclass sets each field with a call.
    """

    start: int  # first quoted character (after the opening mark)
    end: int  # just past the last quoted character (before the closing mark)
    open_mark: int | None  # offset of the opening mark; None when the quote began with the paragraph
    close_mark: int | None  # offset of the closing mark; None when the quote was left unclosed

    @property
    def balanced(self) -> bool:
        return self.open_mark is not None and self.close_mark is not None


def is_word_char(char: str) -> bool:
    """A letter, digit or combining mark: what may touch a quote mark from inside a word."""
    return char.isalnum() or unicodedata.category(char).startswith("M")


def is_abbreviation_stop(text: str, at: int) -> bool:
    """Whether ``text[at]`` is the full stop of a one-letter abbreviation (د. for الدكتور), not a sentence's end."""
    return text[at] == "." and at > 0 and text[at - 1].isalpha() and (at < 2 or not is_word_char(text[at - 2]))


def _role(text: str, index: int) -> str:
    """'open', 'close' or 'either' for the quote mark at ``index``, from its neighbours."""
    char = text[index]
    if char in _ALWAYS_OPEN:
        return "open"
    if char in _ALWAYS_CLOSE:
        return "close"
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    word_after, word_before = is_word_char(after), is_word_char(before)
    opens = (word_after or after in QUOTE_CLASS) and not word_before
    closes = not word_after and (word_before or before in _BEFORE_CLOSE or after in _AFTER_CLOSE)
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def find_quotes(text: str, cut_before: Sequence[int] = (), marks: Iterable[int] | None = None) -> list[QuoteSpan]:
    """Every outermost quotation in one paragraph of text.

    ``cut_before`` lists offsets where a new reported sentence begins: a quote left
    unclosed stops at the first of them after its start instead of running to the
    end of the paragraph. ``marks`` are the offsets of the quote marks in ``text``, in
    order, when the caller has them.

    >>> [(q.start, q.end) for q in find_quotes('قال: «نعم» و"لا')]
    [(6, 9), (13, 15)]
    """
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    open_class = ""
    nested: list[str] = []  # classes opened inside the current quote

    def unclosed_end(start: int) -> int:
        stop = next((c for c in sorted(cut_before) if c > start), len(text))
        return len(text[:stop].rstrip())

    for index in (found.start() for found in _QUOTE_RE.finditer(text)) if marks is None else marks:
        mark_class = QUOTE_CLASS[text[index]]
        role = _role(text, index)
        if open_at is None:
            if role == "close":
                # A closing mark with nothing open: the quote began with the paragraph
                # (its opening mark was lost, or it continues a previous paragraph).
                if not spans and len(text[:index].split()) >= 3:
                    spans.append(QuoteSpan(0, index, None, index))
                continue
            open_at, open_class, nested = index, mark_class, []
            continue
        if mark_class != open_class:
            if nested and nested[-1] == mark_class and role != "open":
                nested.pop()
            elif role != "close":
                nested.append(mark_class)
            continue
        if role == "open" and not nested:
            # Same class opening again: the previous quote was left unclosed.
            spans.append(QuoteSpan(open_at + 1, min(unclosed_end(open_at), index), open_at, None))
            open_at, nested = index, []
            continue
        spans.append(QuoteSpan(open_at + 1, index, open_at, index))
        open_at = None
    if open_at is not None:
        spans.append(QuoteSpan(open_at + 1, unclosed_end(open_at), open_at, None))
    return [s for s in spans if s.end > s.start]


# A stop (with the spaces and quote marks after it) or a newline. Written as
# ``[.!?؟]+[\s"“”«»]*|\n`` but opening with one character class, which lets ``re`` skip
# in C to the next stop or newline instead of trying both branches at every position.
# A full stop between two digits is a decimal point or a time (1.5، 04.00), not the end of a sentence.
_SENTENCE_SPLIT_RE = re.compile(r"(?:[!?؟\n]|(?<!\d)\.|\.(?!\d))(?:(?<=\n)|(?<=[.!?؟])[.!?؟]*[\s\"“”«»]*)")
SENTENCE_STOPS = ".!?؟\n"  # what a split starts with


@dataclass(slots=True)
class Sentence:
    """A sentence of one paragraph: offsets index the paragraph's text."""

    start: int
    end: int


def split_sentences(text: str, stops: Iterable[int] | None = None) -> list[Sentence]:
    """Sentence spans of one paragraph (a quote mark after the full stop stays with the sentence).

    ``stops`` are the offsets of the characters of SENTENCE_STOPS in ``text``, in order,
    when the caller has them: every split starts at one, and each of them starts one
    unless the split before took it in, so a match is tried at those only.
    """
    sentences: list[Sentence] = []
    start = 0
    if stops is None:
        matches: Iterable[re.Match[str]] = _SENTENCE_SPLIT_RE.finditer(text)
    else:
        matches = _splits_at(text, stops)
    for match in matches:
        stop = match.start()
        if is_abbreviation_stop(text, stop):
            continue  # د. أحمد: a one-letter abbreviation's full stop (الدكتور) ends no sentence
        # A closing quote right after the stop belongs to the sentence; an opening one does not.
        trailing = match.group().rstrip()
        keep = len(trailing)
        while keep > 0 and trailing[keep - 1] in QUOTE_CLASS and _role(text, stop + keep - 1) == "open":
            keep -= 1
        end = stop + len(trailing[:keep].rstrip()) if keep else stop + 1
        if end > start:
            sentences.append(Sentence(start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        sentences.append(Sentence(start, len(text)))
    return sentences


def _splits_at(text: str, stops: Iterable[int]) -> Iterator[re.Match[str]]:
    """``_SENTENCE_SPLIT_RE.finditer(text)``, trying the pattern only at ``stops`` (see split_sentences)."""
    position = 0
    for stop in stops:
        if stop >= position:
            match = _SENTENCE_SPLIT_RE.match(text, stop)
            if match:
                yield match
                position = match.end()


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past white space and quote marks at either end."""
    while start < end and (text[start].isspace() or text[start] in QUOTE_CLASS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in QUOTE_CLASS):
        end -= 1
    return start, end


_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064a]")
_VERB_LIKE = re.compile(r"(?<!\w)[وف]?(?:س?[يتن][\w]{3,}|[\w]{2,}(?:وا|ت|نا|تم))(?!\w)")


def is_term(norm: str, cues_in_sentence: bool) -> bool:
    """A name or term in quote marks rather than quoted speech (a ship name, "2+2", «تي إن تي»); ``norm`` in matching form."""
    words = norm.split(maxsplit=3)  # only "fewer than 4" matters
    if not _ARABIC_LETTER_RE.search(norm):
        return len(words) < 4
    if len(words) < 4 and all(len(word) <= 2 or not _ARABIC_LETTER_RE.search(word) for word in words):
        return True  # a spelled-out acronym or a type (تي إن تي، إن إس يو، بي - 29)
    if len(words) == 1:
        return not _VERB_LIKE.search(norm)
    if len(words) == 2:
        # Two words: kept when they read like speech, or as an attributed fragment.
        return not (_VERB_LIKE.search(norm) or cues_in_sentence)
    return False


def quote_balance_issues(text: str, paragraphs: Iterable[Paragraph]) -> list[tuple[int, str]]:
    """(offset in ``text``, message) for each quote whose opening or closing mark is missing."""
    problems: list[tuple[int, str]] = []
    for para in paragraphs:
        for quote in find_quotes(para.text):
            if quote.open_mark is None:
                problems.append((para.start + (quote.close_mark or 0), "closing quote mark without an opening one"))
            elif quote.close_mark is None:
                problems.append((para.start + quote.open_mark, "quote mark opened but not closed in its paragraph"))
    return problems
