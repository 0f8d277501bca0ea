"""Statement records: reported speech, direct and indirect, with its speaker, cue, mode and content span.

For each reporting cue the content is looked for after its speaker (``data/statements.yaml``):
a complementiser (قال إن ...: the clause after it, to the end of the sentence or the next
statement's cue), a colon or a quotation (وقال: «...»: direct), a preposition the verb
governs (أعرب عن قلقه ...: a noun phrase, to a comma or a clause word), or a noun object
(أعلن اهتمام بلاده). Attributions (بحسب، وفقا لـ، نقلا عن) make the clause before them (or
after them, when they open the sentence) a statement of the source; a headline label
(ويكيليكس: اليابان آخر ضحايا ...) one of the label. Mode: ``direct`` when the content is a
quotation, ``mixed`` when it holds one, else ``indirect``. Every quotation then belongs to
the statement whose span holds it; one with none gets a direct statement of its own
(consecutive quotations joined only by punctuation share one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from jsec_data.core.text import normalize_for_matching
from jsec_data.extract.cues import Cue
from jsec_data.extract.lexicon import prepositions as preposition_words
from jsec_data.extract.lexicon import said_nouns
from jsec_data.extract.matching import WORD_RE, Normalized, matching_short, text_offset, window_norm
from jsec_data.extract.model import Quotation, Statement
from jsec_data.extract.people import TIMES_OF_DAY, family_name, name_like
from jsec_data.extract.quotes import QuoteSpan, Sentence, trim_span
from jsec_data.extract.selectors import SelectorCache
from jsec_data.extract.speakers import Speakers
from jsec_data.extract.statement_words import ATTRIBUTION_KEYS, attribution_starts, statement_words

__all__ = ["Statements"]


#: Prepositions whose complement may be a clause (أمله في أن، قلقه من أن، حرصه على أن), matching form.
_BEFORE_A_CLAUSE = frozenset(normalize_for_matching("في من على إلى عن").split())
#: Words of a speaker's name the parse left before the verb's preposition and a clause (see _name_then_clause).
_NAME_WORDS_BEFORE_A_CLAUSE = 3
#: Verbs whose object is followed by what is said of it (ووصفت الاتفاق بأنه ...): ids of the cue lists.
_OBJECT_THEN_PREDICATE = frozenset({"wasafa"})
#: Adverbs of manner right after the speaker, before the object (نفى الأردن على الدوام صلته ...), matching form.
_LEADING_ADVERB_RE = re.compile(r"\s*(?:" + "|".join(normalize_for_matching(
    "على الدوام|بشكل قاطع|بشكل كامل|دائما|مجددا|أيضا|بشدة|قطعيا|مطلقا|تماما").split("|")) + r")(?![\w\-])")
#: What may follow a day right after the speaker (أعلنت الجمعة الماضية أن ...), matching form.
_TIME_QUALIFIERS = frozenset(normalize_for_matching("الماضي الماضية المقبل المقبلة").split())


_NONE: frozenset[str] = frozenset()

#: Words that join a cue to the clause before it as a new statement (لكنه أضاف، ثم قال).
_JOINERS = frozenset({"لكن", "لكنه", "لكنها", "لكنهم", "ولكنه", "ولكنها", "ثم"})
_NP_END_RE = re.compile(r"[،,؛;:.!?؟\n]")
_NEXT_WORD_RE = re.compile(r"\s+([\w\-]+)")  # the word after a position (group 1)
_WRITTEN_WORD_RE = re.compile(r"[\w\-]+")
# بحسب ما أفادت ...: «ما» and its verb, before the source (and an adverb of time: حسب ما أعلنت سابقا المتحدثة ...)
_MA_AND_VERB_RE = re.compile(r"(?:ل?ما)\s+\S+\s*(?:(?:سابقا|سابقًا|لاحقا|لاحقًا|مؤخرا|مؤخرًا|أمس|امس|اليوم|أيضا|أيضًا)\s+)?")
_LABEL_RE = re.compile(r"^[*•\-–\s]*([^:\-–«»\"“”0-9]{2,40}?)\s*:\s*(\S.*)$", re.DOTALL)


class _Found(NamedTuple):
    start: int  # paragraph offsets
    end: int
    kind: str  # clause, quote, np


class Statements:
    """The statement records of one article, with their spans (article offsets)."""

    def __init__(self, text: str, speakers: Speakers, selectors: SelectorCache | None = None) -> None:
        self.text = text  # the article's
        self.speakers = speakers
        self.selectors = selectors or SelectorCache(text)
        speakers.governs_b = statement_words().attached
        self.spans: list[tuple[int, int]] = []
        self.records: list[Statement] = []
        self._seen: set[tuple[int, int]] = set()
        self._attributed: set[int] = set()  # id() of the records an attribution made (بحسب فلان، طبقا للتقرير)
        self._words = statement_words()

    @property
    def addressee_verbs(self) -> frozenset[str]:
        """Verbs whose first words may be their addressee (data/statements.yaml)."""
        return self._words.addressee_first

    def is_cue(self, text: str, cue: Cue) -> bool:
        """Whether a cue reports speech: not after تم/يتم or عدم (a verbal noun: لم يتم ذكر ذلك، عدم كشف هويته), مما
        (مما يؤكد) or على حد."""
        before = matching_short(text[max(0, cue.start - 10):cue.start]).rstrip()
        if not before.endswith(self._words.not_a_cue_endings):  # (most cues: a cheap test of the last letter)
            return True
        words = WORD_RE.findall(before)
        return not words or (words[-1] not in self._words.not_a_cue and " ".join(words[-2:]) not in self._words.not_a_cue)

    def opens_statement(self, text: str, cue: Cue, sentence_start: int) -> bool:
        """Whether a later cue of a sentence opens a statement of its own, which ends the content before it.

        It does when joined to what goes before by و/ف or a comma, or by لكن/ثم (، مضيفا أن ...؛ وأكد ...؛
        لكنه أضاف ...), or as a participle; not a present tense inside the content (إن الذكرى تؤكد ...). A
        participle whose content ends at a colon (معلنا عن الشراكة: «...») leaves the quotation after the
        colon to the verb before it.
        """
        before = text[max(sentence_start, cue.start - 8):cue.start]
        words = WORD_RE.findall(matching_short(before))
        joined = cue.text[:1] in "وف" or before.rstrip().endswith(("،", ",")) or bool(words and words[-1] in _JOINERS)
        if cue.tense == "participle":
            rest = text[cue.end:]
            colon, stop = rest.find(":"), min((i for i in (rest.find("."), rest.find("\n")) if i >= 0), default=len(rest))
            return not (0 <= colon < stop)
        return joined

    def has_cue(self, text: str) -> bool:
        """Whether a short text holds a reporting verb (وأضاف: «...» is no headline label)."""
        verbs = self.speakers._lists.verbs
        return not verbs.isdisjoint(normalize_for_matching(text).split())

    @property
    def noun_first_verbs(self) -> frozenset[str]:
        """Verbs of saying whose subject may be the noun of a complementiser before them (data/statements.yaml)."""
        return self._words.noun_first

    @property
    def strict_verbs(self) -> frozenset[str]:
        """Verbs that are a cue only with a named speaker after them (data/statements.yaml)."""
        return self._words.strict

    @staticmethod
    def has_attribution(norm: str) -> bool:
        """Whether a paragraph's matching form holds an attribution (بحسب، وفقا لـ ...)."""
        return bool(attribution_starts(norm))

    def in_clause(self, normalized: Normalized, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` (paragraph offsets) holds a complementiser: what follows is reported content."""
        words = self._words
        previous = ""
        for word in WORD_RE.findall(window_norm(normalized, start, end)):
            if word in words.complementisers and previous not in words.not_complementiser:
                return True
            previous = word
        return False

    # ------------------------------------------------------------------ records

    def _add(self, start: int, end: int, speakers: Sequence[str], cue: str | None, mode: str, *, whole: bool = False) -> bool:
        """Record a statement at article offsets ``start:end`` (one per span; whether it was); ``whole``: keep the
        span's closing punctuation (a quotation's own statement must hold the quotation)."""
        start, end = trim_span(self.text, start, end)
        while not whole and end > start and self.text[end - 1] in ".،,؛;:":
            end -= 1
            start, end = trim_span(self.text, start, end)
        if end - start < 2 or (start, end) in self._seen or not speakers:
            return False
        self._seen.add((start, end))
        self.spans.append((start, end))
        record: Statement = {"id": "", **self.selectors(start, end), "speaker_ids": list(speakers),
                             "cue": cue, "mode": mode, "topic_ids": []}
        self.records.append(record)
        return True

    @staticmethod
    def _mode(start: int, end: int, quotes: Sequence[tuple[int, int]]) -> str:
        inside = [q for q in quotes if q[0] < end and start < q[1]]
        if not inside:
            return "indirect"
        return "direct" if inside[0][0] <= start + 1 and inside[-1][1] >= end - 1 and all(
            q[0] >= start - 1 and q[1] <= end + 1 for q in inside) else "mixed"

    # ------------------------------------------------------------------ cues

    def add_cue(self, para_start: int, text: str, cue: Cue, speakers: Sequence[str], sentence: Sentence,
                next_cue: int | None, quotes: Sequence[QuoteSpan], kept: Sequence[tuple[int, int]],
                normalized: Normalized, subject_end: int | None) -> None:
        """A statement for ``cue`` of the paragraph ``text`` (at ``para_start``), if its content is found.

        ``kept`` are the paragraph's quotations (paragraph offsets), ``quotes`` every quote
        span found, ``next_cue`` the start of the sentence's next cue outside quotes.
        """
        words = self._words
        if not speakers or (cue.verb in words.strict and subject_end is None):
            return
        if cue.tense == "present":
            before = WORD_RE.findall(matching_short(text[max(sentence.start, cue.start - 12):cue.start]))
            word = before[-1].strip("-") if before else ""
            if word in words.not_reported or (word[:1] in ("و", "ف") and word[1:] in words.not_reported):
                return  # قد يقول المرء: hypothetical
        found = self._content(text, cue, sentence, next_cue, quotes, normalized,
                              subject_end if subject_end is not None else cue.end)
        if found is None or (cue.relative and found.kind in ("object", "clause")):
            return  # a relative clause (الذي طلب عدم الكشف ...) describes its subject, unless it quotes or reports it
        start, end = found.start, found.end
        if found.kind == "clause":
            # A quotation that starts in the clause belongs to it whole.
            for quote in quotes:
                if start <= (quote.open_mark if quote.open_mark is not None else quote.start) < end < quote.end:
                    end = quote.end
        mode = self._mode(start, end, kept)
        self._add(para_start + start, para_start + end, speakers, cue.text, mode)

    def _content(self, text: str, cue: Cue, sentence: Sentence, next_cue: int | None, quotes: Sequence[QuoteSpan],
                 normalized: Normalized, position: int) -> _Found | None:
        """Where the content of ``cue`` is in its sentence, looking from ``position`` (after the speaker)."""
        words = self._words
        limit = sentence.end if next_cue is None else min(sentence.end, next_cue)
        if position >= limit:
            return None
        # The usual case first: right after the speaker, a colon, a quotation or a complementiser.
        head = position
        while head < limit and text[head] == " ":
            head += 1
        if head < limit:
            char = text[head]
            if char == ":":
                return self._after_colon(text, head + 1, limit, quotes, normalized)
            for quote in quotes:
                if quote.open_mark == head:
                    return _Found(quote.start, self._quotes_end(text, quote, quotes, limit), "quote")
        norm = window_norm(normalized, position, limit)

        def at(index: int) -> int:  # the text offset of a window index
            return text_offset(normalized, position, index)

        prepositions = words.prepositions.get(cue.verb, _NONE)
        attached = cue.verb in words.attached
        noun_object = cue.verb in words.objects
        clause_only = cue.verb in words.clause_only  # (those are done before the loop)
        stops, all_prepositions = self.speakers._lists.stops, preposition_words()  # (not مجددا: see prepositions_seen)
        # Where the window's first quotation opens, its first colon and its first full stop (matching-form
        # indices; len(norm) when none): found once, then compared with each word's start.
        size = len(norm)
        opening = self._opening_quote(position, limit, quotes)
        offsets = normalized[1]
        quote_at = size if opening is None or opening.open_mark is None \
            else offsets.position(opening.open_mark) - offsets.position(position)
        colon = norm.find(":")
        colon = size if colon < 0 else colon
        stop_at = norm.find(".")
        question = norm.find("؟")
        if stop_at < 0 or 0 <= question < stop_at:
            stop_at = size if question < 0 else question
        if clause_only:
            # Only a complementiser, a colon or a quotation can start its content: searched for in C.
            first = min(colon, quote_at, stop_at)
            found = self._complementiser(norm, first)
            if found is not None:
                return None if norm.count(" ", 0, found[0]) > words.max_gap + 1 else \
                    self._clause(text, at(found[1]), limit, quotes, normalized)
            if first >= size or first == stop_at or norm.count(" ", 0, first) > words.max_gap + 1:
                return None
            if first == colon:
                return self._after_colon(text, at(colon + 1), limit, quotes, normalized)
            assert opening is not None  # (first == quote_at < size)
            return _Found(opening.start, self._quotes_end(text, opening, quotes, limit), "quote")
        previous = ""
        # Days, times and adverbs of manner right after the speaker (أعلنت الوزارة الجمعة أن، نفى الأردن على الدوام
        # صلته): the object comes after them.
        adverb = _LEADING_ADVERB_RE.match(norm)
        lead = skip = len(adverb.group().split()) if adverb is not None else 0
        apposition: int | None = None
        prepositions_seen = False  # (an attached ب after another preposition is that one's: في عدة مناسبات بسحب ...)
        ended = False  # (the gap or a full stop ended the search)
        for gap, token in enumerate(WORD_RE.finditer(norm)):
            token_start = token.start()
            if gap > words.max_gap or stop_at < token_start:
                ended = True
                break
            if quote_at < token_start and opening is not None:
                return _Found(opening.start, self._quotes_end(text, opening, quotes, limit), "quote")
            word = token.group()
            if gap < skip:
                continue
            if colon < token_start:
                start = at(token.end() if word in words.complementisers else token_start)
                return self._clause(text, start, limit, quotes, normalized)
            if word in words.complementisers and previous not in words.not_complementiser:
                start = at(token.end())
                return self._clause(text, start, limit, quotes, normalized)
            previous = word
            if gap == lead and (word in TIMES_OF_DAY or (lead and word in _TIME_QUALIFIERS)):
                lead += 1
                continue
            prepositions_seen = prepositions_seen or (gap > 0 and word != "في" and word in all_prepositions)
            if word in prepositions or (attached and word == "ب"):
                # أشار إلى أن ...: a clause after the preposition's complementiser (the content starts after it).
                following = _NEXT_WORD_RE.match(norm, token.end())
                if following is not None and following.group(1) in words.complementisers:
                    start = at(following.end(1))
                    return self._clause(text, start, limit, quotes, normalized)
                return self._noun_phrase(text, at(token.end()), limit, quotes, "np", normalized)
            if attached and not prepositions_seen and word[0] == "ب" and len(word) > 3 and not word.startswith("بين"):
                return self._noun_phrase(text, at(token_start), limit, quotes, "np", normalized)
            # (a stop word starts no object, but for a verbal noun that opens what was said: وأكد الطبيب ضرورة ...)
            if gap == lead and noun_object and (word not in stops or word in said_nouns()) and word[0] != "ل" \
                    and "،" not in norm[:token_start] \
                    and "," not in norm[:token_start]:
                if word not in self.speakers._lists.titles:
                    clause = self._name_then_clause(norm, token_start, min(colon, quote_at, stop_at), prepositions,
                                                    definite_subject=cue.verb not in _OBJECT_THEN_PREDICATE)
                    if clause is not None:
                        return self._clause(text, at(clause), limit, quotes, normalized)
                    return self._noun_phrase(text, at(token_start), limit, quotes, "object", normalized)
                # وأكد إبراهيم الدعيلج مدير العلاقات العامة ... أن (على ...): a title in apposition to the speaker;
                # what he stressed follows it: a clause, else after a preposition, else the title is the object.
                apposition = token_start
                found = self._complementiser(norm, min(colon, quote_at, stop_at))
                if found is not None and norm.count(" ", 0, found[0]) <= words.max_gap + 1:
                    start = at(found[1])
                    return self._clause(text, start, limit, quotes, normalized)
        if apposition is not None:
            return self._noun_phrase(text, at(apposition), limit, quotes, "object", normalized)
        # A quotation right after the last word read (وصرح آبي مخاطبا الحشد «...»).
        if not ended and opening is not None and quote_at < min(stop_at, size):
            return _Found(opening.start, self._quotes_end(text, opening, quotes, limit), "quote")
        return None

    def _name_then_clause(self, norm: str, start: int, end: int, prepositions: frozenset[str], *,
                          definite_subject: bool) -> int | None:
        """Where the clause starts when a name is read at ``start`` before the verb's own preposition and a
        complementiser (وشدد ألكسيس تسيبراس على أن ...، وأكد المديفر على أن ...), or a definite word right before a
        complementiser (وأكدت الشركة أن ...): the rest of the speaker phrase, not the verb's object. None when a word
        there cannot be part of a name (أهمية العمل على أن ...: the object). ``definite_subject``: whether the verb's
        object comes before a predicate with أن (ووصفت الاتفاق بأنه ...: it does, so no definite word is the subject)."""
        lists = self.speakers._lists
        words = list(WORD_RE.finditer(norm, start, end))
        complementisers = self._words.complementisers
        for index, token in enumerate(words[:_NAME_WORDS_BEFORE_A_CLAUSE + 1]):
            if definite_subject and index and token.group() in complementisers and words[index - 1].group().startswith("ال"):
                return token.end()  # وأكدت الشركة أن ...: a definite subject the speaker phrase did not read, not an object
            if token.group() in prepositions and index and index + 1 < len(words) \
                    and words[index + 1].group() in complementisers:
                return words[index + 1].end()
            word = token.group()
            if not ((name_like(word, lists.titles, lists.stops) and not word.endswith("ه"))
                    or family_name(word, None, lists)):
                return None
        return None

    def _complementiser(self, norm: str, end: int) -> tuple[int, int] | None:
        """(start, end) in ``norm`` of the first complementiser before ``end`` that is not a conjunction (بعد أن)."""
        words = self._words
        position = 0
        while True:
            found = words.complementiser_re.search(norm, position, end)
            if found is None:
                return None
            before = norm[max(0, found.start() - 12):found.start()].split()
            if not before or before[-1] not in words.not_complementiser:
                return found.start(1), found.end(1)
            position = found.end()

    def _after_colon(self, text: str, start: int, limit: int, quotes: Sequence[QuoteSpan],
                     normalized: Normalized) -> _Found | None:
        """The content after a colon: the quotation that opens there, else the clause (after إن، أن)."""
        while start < limit and text[start] == " ":
            start += 1
        for quote in quotes:
            if quote.open_mark == start:
                return _Found(quote.start, self._quotes_end(text, quote, quotes, limit), "quote")
        word = WORD_RE.match(window_norm(normalized, start, limit))
        if word is not None and word.group() in self._words.complementisers:
            start = text_offset(normalized, start, word.end())
        if start >= limit:
            return None
        return self._clause(text, start, limit, quotes, normalized)

    @staticmethod
    def _opening_quote(start: int, end: int, quotes: Sequence[QuoteSpan]) -> QuoteSpan | None:
        """A quote whose opening mark lies in ``text[start:end]``."""
        for quote in quotes:
            if quote.open_mark is not None and start <= quote.open_mark < end:
                return quote
        return None

    @staticmethod
    def _quotes_end(text: str, first: QuoteSpan, quotes: Sequence[QuoteSpan], limit: int) -> int:
        """The end of ``first`` and of the quotes right after it, joined only by punctuation (one statement)."""
        end = first.end
        index = quotes.index(first)
        for quote in quotes[index + 1:]:
            gap_start = first.close_mark + 1 if first.close_mark is not None else first.end
            between = text[gap_start:quote.open_mark if quote.open_mark is not None else quote.start]
            if quote.open_mark is None or between.strip(" .،,؛;:\n") or not between.strip(" "):
                break
            end, first = quote.end, quote
        return end

    def _clause(self, text: str, start: int, limit: int, quotes: Sequence[QuoteSpan], normalized: Normalized) -> _Found:
        """The content that is the clause from ``start`` (see :meth:`_clause_end`)."""
        return _Found(start, self._clause_end(text, start, limit, quotes, normalized), "clause")

    def _clause_end(self, text: str, start: int, limit: int, quotes: Sequence[QuoteSpan], normalized: Normalized) -> int:
        """A clause runs to ``limit`` (the sentence's end or the next cue); before the next cue, to its comma;
        before an attribution (، بحسب ...) or a clause of the reporter's (، وقد ...)."""
        end = limit
        # Before the next statement's cue: drop the comma and و that join it (، مضيفا أن ...، وأكد).
        stripped = text[start:end].rstrip()
        if stripped.endswith(("،", ",")):
            end = start + len(stripped) - 1
        elif stripped.endswith(" و"):
            end = start + len(stripped) - 2
        words = self._words
        norm = window_norm(normalized, start, end)
        cuts: list[int] = []  # matching-form indices where the clause may end
        if any(map(norm.__contains__, ATTRIBUTION_KEYS)):
            found = words.attribution_re.search(norm)
            if found is not None:
                cuts.append(found.start())
        for comma in ("،", ","):  # a clause break follows a comma: tried at each comma only
            index = norm.find(comma)
            while index >= 0:
                if words.clause_break_re.match(norm, index):
                    cuts.append(index)
                    break
                index = norm.find(comma, index + 1)
        for cut_index in sorted(cuts):
            cut_at = text_offset(normalized, start, cut_index)
            if not self._in_quote(cut_at, quotes):
                cut = text[start:cut_at].rstrip(" ،,")
                if cut:
                    return start + len(cut)
        return end

    @staticmethod
    def _in_quote(offset: int, quotes: Sequence[QuoteSpan]) -> bool:
        for quote in quotes:  # noqa: SIM110 (a loop: cheaper than any() over a generator)
            if quote.start <= offset < quote.end:
                return True
        return False

    def _noun_phrase(self, text: str, start: int, limit: int, quotes: Sequence[QuoteSpan], kind: str,
                     normalized: Normalized) -> _Found | None:
        """A noun phrase from ``start``: to a comma (outside quotes, unless the phrase goes on), a clause word or ``limit``."""
        while start < limit and text[start].isspace():
            start += 1
        end = limit
        for found in _NP_END_RE.finditer(text, start, limit):
            if self._in_quote(found.start(), quotes):
                continue
            if found.group() in "،," and self._words.goes_on_re.match(window_norm(normalized, found.start(), limit)):
                continue
            end = found.start()
            break
        norm = window_norm(normalized, start, end)
        for stop in self._words.np_stop_re.finditer(norm):
            if norm.startswith(" ان", stop.start()) and (
                    (before := norm[:stop.start()].rsplit(" ", 1)[-1]) in _BEFORE_A_CLAUSE or before in said_nouns()):
                continue  # أمله في أن ...، ضرورة أن ...: the clause is the preposition's or the noun's, inside the phrase
            at = text_offset(normalized, start, stop.start())
            if not self._in_quote(at, quotes):
                end = start + len(text[start:at].rstrip())
                break
        for quote in quotes:  # a quotation that starts in the phrase belongs to it whole
            if start <= (quote.open_mark if quote.open_mark is not None else quote.start) < end < quote.end:
                end = quote.end
        if end - start < 2:
            return None
        return _Found(start, end, kind)

    # ------------------------------------------------------------------ attributions and labels

    def add_attributions(self, para_start: int, text: str, sentences: Sequence[Sentence], kept: Sequence[tuple[int, int]],
                         normalized: Normalized, at: int | None) -> None:
        """Statements of the sources named after بحسب، وفقا لـ، نقلا عن in one paragraph."""
        norm, mapping = normalized
        for match in self._words.attribution_re.finditer(norm):
            cue_start, cue_end = mapping[match.start()], mapping[match.end()]
            sentence = next((s for s in sentences if s.start <= cue_start < s.end), None)
            if sentence is None:
                continue
            source = cue_end
            while source < sentence.end and text[source].isspace():
                source += 1
            if text.startswith("ل", source) and not text.startswith(("لما", "لل"), source):
                source += 1  # وفقا لأشخاص، لـ
                while source < sentence.end and text[source] in "ـ ":
                    source += 1
            written = _WRITTEN_WORD_RE.match(text, source, sentence.end)
            if written is not None and self._words.names_no_source(written.group()):
                continue  # وفقا للمعايير، حسب رغبته: in accordance with a norm; بحسب قوله: a tag on what was reported
            after = _MA_AND_VERB_RE.match(text, source, sentence.end)
            if after is not None:
                # بحسب ما ذكرت (تناقلت، أعلنته) وكالة رويترز: the source follows «ما» and its verb; «ما» is none.
                source = after.end()
            speakers, phrase_end = self.speakers.resolve(text, normalized, source, sentence.end, at=at)
            if not speakers and after is not None:
                speakers = [self.speakers.proposals.unknown_speaker()]  # (بحسب ما أفادت مصادر ...: attributed)
            if not speakers:
                continue
            opening = text[sentence.start:cue_start].strip(" و*-–•")
            if not opening:
                # وبحسب فلان، ...: the clause after the source's comma.
                comma = text.find("،", phrase_end, sentence.end)
                if comma < 0:
                    continue
                start, end = comma + 1, sentence.end
            else:
                start, end = sentence.start, cue_start
                clause = normalize_for_matching(text[start:end])
                where = max((m.end() for m in re.finditer(r"(?<!\w)حيث(?!\w)", clause)), default=0)
                start += where
            cue = text[cue_start:text.find(" ", cue_start, cue_end + 1) if " " in text[cue_start:cue_end] else cue_end]
            if self._add(para_start + start, para_start + end, speakers, cue, self._mode(start, end, kept)):
                self._attributed.add(id(self.records[-1]))

    def add_label(self, para_start: int, text: str, normalized: Normalized, kept: Sequence[tuple[int, int]]) -> None:
        """A headline label (ويكيليكس: اليابان آخر ضحايا ...): a statement of the label, cue null."""
        match = _LABEL_RE.match(text)
        if match is None or len(match.group(1).split()) > 3 or len(match.group(2).split()) < 3:
            return
        label_start, label_end = match.span(1)
        head = normalize_for_matching(match.group(1)).split()
        speakers: list[str] = []
        if len(head) == 1:
            bare = head[0][2:] if head[0].startswith("ال") else head[0]
            taken = self.speakers._anaphor(bare, None)
            if taken:
                speakers = [taken]
        if not speakers:
            speakers, end = self.speakers.resolve(text, normalized, label_start, label_end)
            if not speakers or end < label_end - 1:
                return
            proposed = self.speakers.proposals.entities
            if head[-1].startswith("ال") and any(i in proposed and proposed[i].kind == "person" and normalize_for_matching(
                    proposed[i].names_ar[0]).endswith(head[-1]) for i in speakers):
                return  # رحالة الصيف: a column's name, not a new person with a family name (that needs a verb)
        start, end = match.span(2)
        self._add(para_start + start, para_start + end, speakers, None, self._mode(start, end, kept))

    # ------------------------------------------------------------------ quotations

    def link(self, quotations: Sequence[Quotation], spans: Sequence[tuple[int, int]],
             marks: Sequence[tuple[int | None, int | None]]) -> None:
        """Give every quotation its statement (the smallest one holding it); one with none gets its own.

        ``spans`` and ``marks`` (opening, closing mark) are the quotations' article offsets:
        a quotation with no cue of its own that follows another with only punctuation
        between their marks (وقال: "...". "...") joins that one's direct statement.
        """
        own: dict[int, int] = {}  # quotation index -> the direct statement made for it
        for index, (record, span) in enumerate(zip(quotations, spans, strict=True)):
            holder = self._holder(span)
            if holder is None and index - 1 in own and record["cue"] is None:
                close, opening = marks[index - 1][1], marks[index][0]
                previous = own[index - 1]
                if close is not None and opening is not None and close < opening \
                        and not self.text[close + 1:opening].strip(" .،,؛;:") and "\n" not in self.text[close:opening] \
                        and self.records[previous]["speaker_ids"] == record["speaker_ids"]:
                    self._replace(previous, self.spans[previous][0], span[1])
                    holder = own[index] = previous
            if holder is None and self._add(span[0], span[1], record["speaker_ids"], record["cue"], "direct", whole=True):
                own[index] = len(self.spans) - 1
        # Ids in text order; each quotation names the smallest statement that holds it.
        order = sorted(range(len(self.records)), key=lambda i: self.spans[i])
        self.records = [self.records[i] for i in order]
        self.spans = [self.spans[i] for i in order]
        for number, statement in enumerate(self.records, 1):
            statement["id"] = f"s{number}"
        for quotation, span in zip(quotations, spans, strict=True):
            holder = self._holder(span, quotation["cue"])
            quotation["statement_id"] = self.records[holder]["id"] if holder is not None else None
            if holder is not None and quotation["cue"] is None and id(self.records[holder]) in self._attributed \
                    and not self.text[span[1]:self.spans[holder][1]].strip(" .،,\"”»"):
                # «...»، طبقًا للتقرير: with no verb of its own, right before the source cited, that source's words.
                quotation["speaker_ids"] = list(self.records[holder]["speaker_ids"])

    def _holder(self, span: tuple[int, int], cue: str | None = None) -> int | None:
        """The smallest statement holding ``span``, the first of equal ones: one of exactly that span when there is
        one (``_seen`` holds only spans of ``spans``; no other span holding it is as short), else found by a scan.
        With ``cue`` (a quotation's), the smallest of those with that cue, if one has it: the quoted words are what
        their own verb reports (اعتبر فلان أن بلاتيني الذي أعلن ترشحه «...»: not أعلن's)."""
        if span in self._seen and (cue is None or self.records[self.spans.index(span)]["cue"] == cue):
            return self.spans.index(span)
        best: int | None = None
        for same_cue in ((True, False) if cue is not None else (False,)):
            for index, (start, end) in enumerate(self.spans):
                if start <= span[0] and span[1] <= end and (not same_cue or self.records[index]["cue"] == cue) and (
                    best is None or end - start < self.spans[best][1] - self.spans[best][0]
                ):
                    best = index
            if best is not None:
                return best
        return best

    def _replace(self, index: int, start: int, end: int) -> None:
        record = self.records[index]
        self._seen.discard(self.spans[index])
        start, end = trim_span(self.text, start, end)
        self.spans[index] = (start, end)
        self._seen.add((start, end))
        selector = self.selectors(start, end)
        for key in ("exact", "prefix", "suffix", "start"):
            record.pop(key, None)  # type: ignore[misc]
        updated: Statement = {"id": record["id"], **selector, "speaker_ids": record["speaker_ids"], "cue": record["cue"],
                              "mode": record["mode"], "topic_ids": record["topic_ids"]}
        self.records[index] = updated

