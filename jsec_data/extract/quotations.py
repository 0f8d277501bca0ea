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
from collections.abc import Callable, Sequence

from jsec_data.article.segment import Paragraph
from jsec_data.extract.article_names import is_body_name
from jsec_data.extract.cues import Cue
from jsec_data.extract.lexicon import manner_words
from jsec_data.extract.matching import WORD_RE, Normalized, window_norm
from jsec_data.extract.model import Quotation
from jsec_data.extract.people import people_words
from jsec_data.extract.quotes import QuoteSpan, Sentence, is_term, is_word_char, trim_span
from jsec_data.extract.selectors import SelectorCache
from jsec_data.extract.speakers import CueSpeakers, Speakers
from jsec_data.extract.statement_words import statement_words

__all__ = ["Quotations", "is_dateline_label", "is_quoted_name"]

_UNCLOSED_TAIL = ".،,؛;:"

# From the paragraph's start to the opening mark: an optional bullet, up to four words (a place), a dash.
_DATELINE_BEFORE = re.compile(r"[\s*•·]*(?:[^\W\d_]+\s+){0,4}[-–—]\s*")
_LABEL_AFTER = re.compile(r"\s*:")
# After a quoted name: the complementiser or colon that opens what it says (أن، إن، أنه، بأن ...).
# (Not the conditional إن: «...» إن لم، إن كان.)
# A day word may come between (وأعلنت السوق المالية «تداول» أمس أنه ...).
# (Not وأن، بأن: «غير مقبول» وأن ...، «على ثقة تامة» بأن ... go on with what is said.)
_OPENS_REPORT = re.compile(r"(?:\s*(?:أمس|امس|اليوم|الليلة))?\s*[،,]?\s*(?:[أإا]ن(?:ه|ها|هم|هما|نا|ني)(?!\w)"
                           r"|[أإا]ن(?!\w)(?!\s+(?:لم|كان|كانت|كانوا|شاء)(?!\w))|:)")
# A complementiser right before the opening mark: the quote is inside what is said (أنه «على ثقة تامة»).
_INSIDE_REPORT = re.compile(r"(?<!\w)[وب]?[أإا]ن(?:ه|ها|هم|هما|نا|ني)?\s*$")
# A preposition right before an opening mark that makes the quote the object of a reporting verb.
_OBJECT_BEFORE = re.compile(r"(?:(?<!\w)[إا]لى\s*|(?<!\w)[وف]?بـ?\s?)$")
# لـ or ل attached right before an opening mark: the quoted name is the one spoken to (قال لـ«رويترز»).
_ADDRESSEE_BEFORE = re.compile(r"(?<!\w)[وف]?لـ?\s?$")
# Words that report how someone calls a thing, right before the opening mark: what follows is that
# person's word, a fragment (يصفه بأنه «...»، قدماه على أنه «...»، يرى القمر باعتباره «...»).
_DESCRIBED_AS = re.compile(r"(?:(?:(?<!\w)(?:ب|على\s)[أإا]ن|(?<!\w)باعتبار|(?<!\w)بوصف)(?:ه|ها|هم|هما)"
                           r"|(?<!\w)[وف]?(?:وصف|يصف|تصف|وصفت)(?:ه|ها|هم|هما)\s*بـ?)\s*$")  # (ووصفته ب «...»)
# One-word answers (matching form): quoted, they are what someone said, never a name.
_ANSWERS = frozenset({"نعم", "لا", "كلا", "ابدا", "طبعا", "بالتاكيد", "قطعا", "ربما"})
# What joins the items of a list of quoted names, right before an opening mark: ، و، أو (after a closing mark).
_LIST_JOINER = re.compile(r"(?<=[\"”»“])\s*[،,]?\s*(?:و|أو|او)?\s*$")


def is_quoted_name(normalized: Normalized, open_mark: int, quoted_norm: str) -> bool:
    """Whether a quote at ``open_mark`` (paragraph offset) is a name: short, no stop, after a name-giving word."""
    lists = people_words()
    words = quoted_norm.split(maxsplit=lists.max_name_words)
    if not words or len(words) > lists.max_name_words or any(map(quoted_norm.__contains__, ".؟!:")):
        return False
    if words[0] == "غير":
        return False  # هذه المبادرة "غير المثمرة": a negated adjective in quote marks, no name
    if words[0] == "ذي" and len(words) > 1:
        return True  # اختارت «ذي ستار» عنوان ...: an English title's "The" (or ذي الحجة): a name, no quotation
    before = WORD_RE.findall(window_norm(normalized, max(0, open_mark - 40), open_mark))
    if not before:
        return False
    word = before[-1]
    bare = word[1:] if word[:1] in "وبلف" else word
    return any(form in lists.introducers or form in lists.heads for form in (word, bare))


def _is_media(quoted_norm: str) -> bool:
    """Whether a quoted text is the name of a news medium or platform (لـ«الشرق الأوسط»، على «تويتر»), or of a body named
    by its kind (أعلن كل من «هيئة التنسيق الوطنية السورية» و«الائتلاف الوطني ...»، متمردو «حركة الشباب»)."""
    lists = people_words()
    return quoted_norm in lists.media or is_body_name(quoted_norm, lists)


def _subject_of_the_cue(text: str, normalized: Normalized, quote: QuoteSpan, before: Sequence[Cue],
                        named: Callable[[str], bool]) -> bool:
    """A short quote right after a cue and right before a complementiser is its subject's name (وقالت «موبايلي» إنها ...,
    وقال "بوينج" إن ...), not a quotation (the speaker rules read it as the speaker); so is one the article writes as the
    end of a person's full name (``named``: وقال «ولد الشيخ أحمد» في مؤتمر صحافي, after إسماعيل ولد الشيخ أحمد)."""
    if not before or not before[-1].takes_subject or quote.open_mark is None or quote.close_mark is None \
            or text[before[-1].end:quote.open_mark].strip():
        return False  # (after a participle, متهما «...» بأن: what it quotes is its object's words)
    following = _FIRST_WORD_RE.match(window_norm(normalized, quote.close_mark + 1, min(len(text), quote.close_mark + 30)))
    return (following is not None and following.group(1) in statement_words().complementisers) \
        or named(window_norm(normalized, quote.open_mark + 1, quote.close_mark).strip())


_FIRST_WORD_RE = re.compile(r"\s*([\w\-]+)")


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


def _names_a_party(text: str, quote: QuoteSpan, cued: bool) -> bool:
    """Whether a short quote names who speaks or is spoken to, not what is said: followed by the
    complementiser or colon that opens the words reported (وأوضح «بافيت» أن ...، تقول «مورغان
    ستانلي» إنها ...), or, in a sentence with a reporting verb, right after an attached لـ (قال
    لـ«الشرق الأوسط»)."""
    if quote.open_mark is None or quote.close_mark is None:
        return False
    before = text[max(0, quote.open_mark - 8):quote.open_mark]
    if _OPENS_REPORT.match(text, quote.close_mark + 1) and not _OBJECT_BEFORE.search(before) and not _INSIDE_REPORT.search(before):
        return True  # (not after إلى or an attached بـ: مشيرة إلى «فرضيات قوية»، بأن ... quotes what is said)
    return cued and _ADDRESSEE_BEFORE.search(text, max(0, quote.open_mark - 3), quote.open_mark) is not None


def _is_inline(text: str, sentence_start: int, open_at: int) -> bool:
    """Whether a quote opens inside its sentence: words before it, and no colon or dash right before
    (a quote that opens its sentence, or follows «قال:», stands as speech)."""
    before = text[sentence_start:open_at].rstrip()
    return bool(before) and before[-1] not in ":-–—" and any(is_word_char(char) for char in before)


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
        # Closing marks (article offsets) of the quotes found to be names or terms: a quote joined to one
        # of them by ، و or أو is one too («جنرال موتورز»، و«فورد»)، as one joined to a quotation is speech.
        self.names_closed: set[int] = set()

    def _is_registry_name(self, quoted_norm: str) -> bool:
        """Whether a quoted text is, whole, a name of a registry entity («بوكو حرام»، «داعش»): a name, not speech."""
        tokens = quoted_norm.split()
        found = self.speakers.people.match_start(tokens) if len(tokens) <= 6 else None
        return found is not None and found[0] == len(tokens)

    @staticmethod
    def _joined_to(para: Paragraph, quote: QuoteSpan) -> int | None:
        """The article offset of the closing mark a quote follows, joined by a comma, و or أو («...» و«...»)."""
        if quote.open_mark is None:
            return None
        match = _LIST_JOINER.search(para.text, 0, quote.open_mark)
        return para.start + match.start() - 1 if match is not None else None

    def _named_in_full(self, quoted: str) -> bool:
        return self.speakers.full_name_ending(quoted) is not None

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
        quoted = window_norm(normalized, start, end)
        words = len(quoted.split(maxsplit=4))  # (counted up to the bound that matters: 5 is "more than four")
        # (A cue inside the quote is neither before nor after it: start > open_at, end <= close_at.)
        before = [c for c in cues if sentence_start <= c.start < open_at]
        after = [c for c in cues if close_at < c.start < after_limit + 1]
        # Only a reporting verb of the quote's own sentence makes a short quote speech (guidelines §5:
        # names and terms in quote marks are not quotations, fragments of reported speech are).
        # A verb after the quote counts when it follows closely («...»، قال), not in a later clause of
        # the sentence (... «جنرال موتورز» و«أودي» التي أعلنت خططا).
        cued = bool(before) or any(len(text[close_at + 1:c.start].split(maxsplit=3)) <= 2 for c in after)
        if self._is_registry_name(quoted):
            return None  # (not a list's name either: what follows it after a comma may be speech)
        joined = self._joined_to(para, quote)  # the closing mark of a quote this one follows in a list
        if (joined is not None and any(mark[1] == joined for mark in self.marks[-3:])) \
                or _DESCRIBED_AS.search(text, max(0, open_at - 12), open_at) \
                or (words == 1 and cued and (quoted in _ANSWERS or quoted in manner_words())):
            # a quote joined to a quotation before it («...» و«...»), words someone is reported to call a thing, or one
            # word that names nothing (an answer, how it was said), in a sentence that reports speech (أجاب «لا»)
            pass
        elif (is_term(quoted, cues_in_sentence=cued) or _is_media(quoted)
                # a short phrase in quote marks inside a sentence that reports no speech: a term or title
                or (not cued and quote.balanced and words <= 4 and _is_inline(text, sentence_start, open_at)
                    and not statement_words().attribution_re.search(window_norm(normalized, sentence_start, after_limit)))
                or (quote.open_mark is not None and is_quoted_name(normalized, quote.open_mark, quoted))
                or (joined in self.names_closed and words <= 4)  # «جنرال موتورز»، و«فورد»: a list of names
                or (words <= 3 and _names_a_party(text, quote, cued))
                or (words <= 4 and _subject_of_the_cue(text, normalized, quote, before, self._named_in_full))
                or is_dateline_label(text, quote)):
            if quote.close_mark is not None:
                self.names_closed.add(para.start + quote.close_mark)
            return None
        cue: Cue | None = before[-1] if before else (after[0] if after else None)
        if cue is not None and cue.tense == "participle" and len(before) > 1 and ":" in text[cue.end:open_at]:
            cue = before[-2]  # وأضاف بوريل معلنا عن الشراكة: «...»: the participle's content ends at the colon
        elif cue is not None and cue.relative and len(before) > 1 and before[-2].takes_subject:
            cue = before[-2]  # وأضاف هذا المسؤول الذي طلب عدم كشف هويته «...»: the relative clause describes the speaker
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
