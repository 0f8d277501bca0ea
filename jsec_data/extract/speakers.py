"""Speaker attribution: who a reporting cue names, and who said a quotation or a statement.

The speaker of a cue is read in the words right after it (a past tense: قال فلان), or
before it (a bare present tense: فلان يقول), up to a complementiser or punctuation; inside
reported content, the noun of أن before a verb of saying (أن إردوغان أبلغ شي أن). What such a
phrase names is :class:`~jsec_data.extract.speaker_phrases.SpeakerPhrases`'s: a registry name,
an office resolved with its country, a body by its country, a new person or description.

A cue that names no one (وأضاف، وتابع، مضيفا) carries over the speaker last named: by a
cue, or as the subject that opens a sentence (وسئل كيري ... . وصرح: «...»). A name written
with ل attached after the verb (قال لشي) is the one spoken to, never the speaker.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, TypeAlias

from jsec_data.core.text import fold_for_matching
from jsec_data.extract.article_names import is_body_name
from jsec_data.extract.cues import IN_IT_RE, Cue, is_dual, is_plural, is_singular
from jsec_data.extract.lexicon import complementisers
from jsec_data.extract.matching import WORD_RE, Normalized, matching_short, text_offset, window_norm
from jsec_data.extract.people import TIMES_OF_DAY, name_like, related_by_word
from jsec_data.extract.speaker_phrases import SpeakerPhrases

#: What follows the one spoken to when the speaker is not named there (بشرط عدم ذكر اسمه، شريطة عدم ...).
_CONDITION_RE = re.compile(r"\s*(?:ب|و)?(?:شرط|شريطه|شريطة|مفضلا|مشترطا)")
#: After a cue, the one spoken to named in quote marks: لـ«عكاظ»، لـ "الاقتصادية"، لصحيفة «الحياة» (group 1: the word
#: with ل attached before the quote, if any), and the comma after it.
_TOLD_A_NAME_RE = re.compile(r"\s*(?:لـ*|(ل\w{2,}))\s*[«\"“][^«»\"“”\n]{1,60}[»\"”]\s*[،,]?")

if TYPE_CHECKING:  # pragma: no cover
    from jsec_data.extract.quotes import Sentence
    from jsec_data.extract.statements import Statements

__all__ = ["CueSpeakers", "Speakers"]

#: Cue start -> (speaker ids named after the cue, whether the cue named its subject).
CueSpeakers: TypeAlias = Mapping[int, tuple[list[str], bool]]

#: The first words after a cue (up to four, up to punctuation), each a group.
_HEAD_WORDS_RE = re.compile(r"\s*([\w\-]+)(?:\s+([\w\-]+))?(?:\s+([\w\-]+))?(?:\s+([\w\-]+))?")
# The reporter's own background openers (matching form), and كان before a subject (وكان إردوغان اتهم).
_BACKGROUND_OPENER = re.compile(r"\s*(?:و?يذكر|و?الجدير بالذكر|و?يشار الي|و?تجدر الاشاره الي)\s+ان\s+")
_KANA = frozenset({"كان", "كانت", "كانوا"})
#: A complementiser, then one to four words up to the end (the cue): their matching form.
_COMPLEMENT_SUBJECT = re.compile(r"(?:^|\s)[بل]?ان\s+((?:[\w\-]+\s+){0,3}[\w\-]+)\s*$")
#: Honorific pronouns (his highness, his excellency ...), matching form.
_HONORIFIC_PRONOUNS = frozenset({"سموه", "سموها", "معاليه", "معاليها", "فضيلته", "سماحته", "سعادته", "جلالته"})
_KANA_QAD = re.compile(r".*,\s*[وف]?كان(?:ت|وا)?\s+(?=\S[^,]{0,80}\sقد\s*$)", re.DOTALL)

#: A short name in quote marks, then a complementiser (see Speakers.after_cue), in the matching form.
_QUOTED_SUBJECT_RE = re.compile(r"\s*[«\"“]\s*((?:[\w\-]+\s+){0,3}[\w\-]+)\s*[»\"”]\s*([\w]+)")
#: Negations (matching form): a sentence that opens with one names no subject there.
_NEGATIONS = frozenset({"لم", "ولم", "فلم", "لا", "ولا", "فلا", "لن", "ولن"})
#: Personal pronouns (matching form): alone before a cue (صدر عنه هو قوله) they name no one.
_PRONOUNS = frozenset({"هو", "هي", "هم", "هما", "هن", "انا", "نحن", "انت", "انتم"})
#: A verb that issues what a cue then reports "in" (matching form: أصدر بيانا قال فيه، ألقى كلمة أكد فيها،
#: أطلق تغريدة قال فيها، أدلى بتصريح قال فيه), with و/ف and an object pronoun (كلمة ألقاها), then its subject.
_ISSUED_RE = re.compile(r"(?:^|\s)[وف]?(?:اصدر|اطلق|القي|القا|نشر|وجه|بث|كتب|عقد|ادلي|ادلا|وزع)(?:ت)?(?:ه|ها)?\s+")
#: «كل من» (each of, both) before the speakers' names, matching form.
_BOTH_OF = "كل من "
#: One or two bodies' names in quote marks, joined by و (matching form): «هيئة التنسيق ...» و«الائتلاف ...».
_QUOTED_BODIES_RE = re.compile(r"\s*[«\"“]\s*((?:[\w\-]+\s+){1,5}[\w\-]+)\s*[»\"”]"
                               r"(?:\s*و\s*[«\"“]\s*((?:[\w\-]+\s+){1,5}[\w\-]+)\s*[»\"”])?")


def _words_of(text: str) -> list[str]:
    """The words of ``text`` in the matching form, without the punctuation around them."""
    return WORD_RE.findall(fold_for_matching(text))


#: A sentence's opening كان (it was: the subject follows, then قد and a past verb), and the قد after the subject.
_KANA_RE = re.compile(r"\s*[وف]?كان(?:ت)?\s+")
_QAD_RE = re.compile(r"\s*[،,]?\s*(?:قد|لقد)\s")
#: The next word, with only spaces before it (punctuation ends the complement).
_NEXT_WORD_RE = re.compile(r" +([\w\-]+)")
#: A phrase in quote marks (one level).
_QUOTED_RE = re.compile(r"«[^«»]*»")

#: «عن» as a word: a source cited by the sentence's verb (نقلت الوكالة عن ...).
_CITED_RE = re.compile(r"(?<!\w)عن(?:ه|ها|هم|هما)?(?!\w)")


class Speakers(SpeakerPhrases):
    """The speaker rules for one article, with the speakers last named (carried from paragraph to paragraph)."""

    @contextlib.contextmanager
    def aside(self) -> Iterator[None]:
        """A block read apart (the title, after the body): it starts with no speaker named before it, and leaves who
        "he said" refers to, and who was named where, as they were (a headline names whom the story quotes)."""
        saved = (list(self._named_at), list(self._of_country), self._last, self.last_one, list(self.pending))
        self._named_at[:], self._of_country[:], self.pending[:] = [], [], []
        self._last, self.last_one = [], None
        self.proposals.renames = False  # (its words glued to a name, لقاء بوتين, rename no one the body named)
        try:
            yield
        finally:
            self._named_at[:], self._of_country[:], self.pending[:] = saved[0], saved[1], saved[4]
            self._last, self.last_one = saved[2], saved[3]
            self.proposals.renames = True

    def after_cue(self, para: str, cue: Cue, limit: int, cues: Sequence[Cue], normalized: Normalized,
                  at: int | None = None, *, new_names: bool = True) -> tuple[list[str], bool]:
        """Speaker ids named just after a cue (up to ``limit``); bool: the cue named its subject.

        ``para`` is the paragraph's text, ``normalized`` its ``matching_form``, ``at`` the
        article matching-form offset of the cue. A word with ب attached right after a verb
        that governs ب (رحب برحلة), or a plural in -ين (the case of an object: طلب المحامين),
        is not its subject.
        """
        if not cue.takes_subject or (cue.tense == "past" and is_dual(cue)):
            return [], False  # (وأكدا فيه حرصهما: a dual verb's subject is the two named before, never after it)
        for other in cues:  # (in text order) the next cue ends the window
            if other.start > cue.start:
                limit = min(limit, other.start)
                break
        begin = cue.end
        # قال لـ«الاقتصادية» فلان، وأوضح لصحيفة «عكاظ»، فلان: the paper spoken to, then the subject.
        told = _TOLD_A_NAME_RE.match(para, begin, limit)
        if told is not None and (not told.group(1) or self._addressee(matching_short(told.group(1)))) \
                and not _CONDITION_RE.match(para, told.end(), limit):
            begin = told.end()
        norm = window_norm(normalized, begin, limit)
        if (resumptive := IN_IT_RE.match(norm)) is not None:
            # في وقت قال فيه مسؤول أمني إن، بيانا أكد فيه أن: "in it" (the statement, the time) before the subject.
            begin = text_offset(normalized, begin, resumptive.end())
            norm = window_norm(normalized, begin, limit)

        lead = len(norm) - len(norm.lstrip())
        if norm.startswith(_BOTH_OF, lead):  # وقال كل من فلان وفلان: the speakers are named after «كل من» (both)
            begin = text_offset(normalized, begin, lead + len(_BOTH_OF))
            norm = window_norm(normalized, begin, limit)
        bodies = _QUOTED_BODIES_RE.match(norm)
        if bodies is not None and is_body_name(bodies.group(1), self._lists) and (
                bodies.group(2) is None or is_body_name(bodies.group(2), self._lists)):
            # أعلن كل من «هيئة التنسيق الوطنية السورية» و«الائتلاف الوطني ...»: bodies named in quote marks
            ids = [self.proposals.entity(para[text_offset(normalized, begin, bodies.start(g)):
                                              text_offset(normalized, begin, bodies.end(g))].strip(), "organization")
                   for g in (1, 2) if bodies.group(g) is not None]
            self.subject_end[cue.start] = text_offset(normalized, begin, bodies.end())
            if at is not None:
                self._named_at.append((at, ids))
            return ids, True
        quoted = _QUOTED_SUBJECT_RE.match(norm)
        full = self.full_name_ending(quoted.group(1)) if quoted is not None \
            and quoted.group(2) not in complementisers() else None
        if quoted is not None and full is not None:
            # وقال «ولد الشيخ أحمد» في مؤتمر صحافي: the end of a full name the article wrote, in quote marks
            self.subject_end[cue.start] = text_offset(normalized, begin, quoted.end(1))
            return [self.proposals.entity(full, "person")], True
        if quoted is not None and quoted.group(2) in complementisers():
            # وقالت «موبايلي» إنها ...، وقال "فلان" إن ...: the subject named in quote marks (see quotations.py).
            words = quoted.group(1).split()
            known = self.people.match_start(words)
            if known is not None and known[0] == len(words):
                entity_id = known[1]
            else:
                # A surname of a person the article named (قال "القصبي" إن ...), else a new entity of a kind the
                # contributor decides (a company, a paper, a person: وقالت «موبايلي»، وأكدت "أم عبدالله").
                entity_id = (self.person_by_family_name(words[0]) if len(words) == 1 else None) \
                    or self.proposals.entity(para[text_offset(normalized, begin, quoted.start(1)):
                                                  text_offset(normalized, begin, quoted.end(1))].strip(), "unknown")
            self.subject_end[cue.start] = text_offset(normalized, begin, quoted.end(1))
            return [entity_id], True
        # The usual case, without the phrase rules: a registry person named right after the cue.
        head = _HEAD_WORDS_RE.match(norm)
        if head is not None and self.persons.starts(head.group(1)):
            first = [word for word in head.groups() if word]
            if self._spoken_to(first):
                return [], False  # قال لشي: a name with ل attached is the one spoken to
            found = self.persons.match_start(first)
            if found is not None and (found[0] == len(first) or first[found[0]][0] != "و") \
                    and (found[0] > 1 or len(first) == 1 or first[1] not in self._lists.verbs):
                end = text_offset(normalized, begin, head.end(found[0]))
                self.subject_end[cue.start] = end
                return [found[1]], True
        parsed = self.parse_at(para, normalized, begin, norm)
        words = parsed[1].words
        if words:
            word = words[0]
            if word in _HONORIFIC_PRONOUNS and (pronoun := WORD_RE.search(norm)) is not None:
                # وأكد سموه أن ...: "he", the person named before (carried over); what he said follows the pronoun.
                self.subject_end[cue.start] = text_offset(normalized, begin, pronoun.end())
                return [], False
            if (word[0] == "ب" and (cue.verb in self.governs_b or resumptive is not None)) \
                    or (word.endswith("ين") and word in self._lists.plural) \
                    or self._addressee(word):
                return [], False
        phrase = parsed[1].phrase
        if phrase is not None and phrase.kind is not None and phrase.names and cue.verb in self.governs_b \
                and words[phrase.names[0][0]][0] == "ب":
            # طالبت وزيرة الثقافة بسحب الفيلم: after the subject, a word with ب is the verb's object, not a name
            # (its own key: the registry speakers kept for a window depend on its phrase)
            parsed = (parsed[0] + "\x01", parsed[1]._replace(phrase=dataclasses.replace(phrase, names=[])))
        ids, end = self.resolve(para, normalized, begin, limit, at=at, new_names=new_names, parsed=parsed)
        if ids:
            self.subject_end[cue.start] = self._past_relation(normalized, end, limit)
            return ids, True
        return [], False

    def _past_relation(self, normalized: Normalized, end: int, limit: int) -> int:
        """Past what a body named up to ``end`` is affiliated to (المقربة من حزب العمال الكردستاني، الموالية لحكومة
        هادي): a participle of :func:`~jsec_data.extract.people.related_by_word` and its complement, up to a stop word or
        punctuation. What the body said comes after it."""
        norm, stops = window_norm(normalized, end, limit), self._lists.stops
        first = _NEXT_WORD_RE.match(norm)
        if first is None or (second := _NEXT_WORD_RE.match(norm, first.end())) is None \
                or not related_by_word(first.group(1), second.group(1), stops):
            return end
        after = second.end()
        while (word := _NEXT_WORD_RE.match(norm, after)) is not None:  # (match, not search: punctuation ends it)
            if (word.group(1) in stops and not self._given_name_ali(norm, word)) or word.group(1) in complementisers() \
                    or word.group(1) in TIMES_OF_DAY:
                break
            after = word.end()
        return text_offset(normalized, end, after)

    def _given_name_ali(self, norm: str, word: re.Match[str]) -> bool:
        """Whether علي (على in the matching form) is the given name: a name follows it (علي عبدالله صالح)."""
        following = _NEXT_WORD_RE.match(norm, word.end()) if word.group(1) == "علي" else None
        return following is not None and name_like(following.group(1), self._lists.titles, self._lists.stops)

    def _addressee(self, word: str) -> bool:
        """A word with ل attached right after the cue, the one spoken to: قال لي (me), قال لصحيفة ...، لوكالة ...،
        للمسؤولين (a kind of body, an office or a description after the ل), never its subject."""
        if word == "لي":
            return True
        rest, lists = word[1:], self._lists
        return word[:1] == "ل" and len(rest) > 2 and (
            rest in lists.organisations or rest in lists.offices or rest in lists.singular or rest in lists.plural
            or rest in lists.bodies or rest in lists.documents)

    def before_cue(self, para: str, cue: Cue, sentence_start: int, normalized: Normalized,
                   at: int | None = None, *, new_names: bool = True) -> list[str]:
        """The subject before a cue: وزير الدفاع الياباني يؤكد ...؛ فلان، رئيس ...، يقول؛ لكن المصدر ... قال.

        The phrase that opens the sentence (after a connective such as لكن، كما, or the subject of a «، وكان ... قد»
        clause) names it; ``new_names``: a run of unknown names may be a new person (else only a registry name,
        an office, a body or a description counts). Failing that, the registry person named nearest before the cue.
        """
        if cue.start <= sentence_start:
            return []
        head = para[sentence_start:cue.start]
        lead = len(head) - len(head.lstrip(" *-–•"))
        head_norm = window_norm(normalized, sentence_start + lead, cue.start)
        # «، وكان مسؤولون ... قد» صرحوا; يذكر أن زعيم طالبان ... أعلن: the clause names the subject.
        if (opener := _KANA_QAD.match(head_norm) or _BACKGROUND_OPENER.match(head_norm)) is not None:
            lead = text_offset(normalized, sentence_start + lead, opener.end()) - sentence_start
            head_norm, new_names = head_norm[opener.end():], True
        first = WORD_RE.search(head_norm)
        if first is not None and first.group() in _NEGATIONS:
            return []  # لا فرق بين ... يقول، ولم أسمع ...: a verb or a noun negated, no subject before the cue
        if first is not None and first.group() in self._lists.stops and first.group() not in ("ان", "انه"):
            lead = text_offset(normalized, sentence_start + lead, first.end()) - sentence_start
            new_names = new_names or first.group().lstrip("وف") in _KANA  # وكان إردوغان اتهم: a new person may be read
        ids, _ = self.resolve(para, normalized, sentence_start + lead, cue.start, at=at, new_names=new_names)
        if ids:
            return ids
        # Else the registry person named nearest before the cue in the sentence.
        found = self.persons.match(_words_of(head))
        return [found[-1][2]] if found else []

    def named_subject_before(self, para: str, cue: Cue, sentence_start: int, normalized: Normalized,
                             at: int | None = None) -> list[str]:
        """The subject that opens the sentence and runs up to the cue, an office or a description with its holder's
        name (ولكن المتحدث باسم جيش جنوب السودان فيليب اغير نفى تعطيل المراكب): the sentence is subject first, so
        what follows the cue is its object, not a name; [] if the words before the cue are not such a phrase."""
        head = para[sentence_start:cue.start]
        start = sentence_start + len(head) - len(head.lstrip(" *-–•"))
        first = WORD_RE.search(window_norm(normalized, start, cue.start))
        if first is not None and (first.group() in self._lists.stops or first.group()[1:] in self._lists.stops):
            start = text_offset(normalized, start, first.end())  # (ولكن، كما: a connective first)
        parsed = self.parse_at(para, normalized, start, window_norm(normalized, start, cue.start))
        phrase, tokens = parsed[1].phrase, parsed[1].tokens
        if phrase is None or phrase.kind not in ("office", "singular", "body") or not phrase.names \
                or phrase.stop != len(tokens) or para[text_offset(normalized, start, tokens[-1][1]):cue.start].strip():
            return []
        ids, _ = self.resolve(para, normalized, start, cue.start, at=at, parsed=parsed)
        return ids

    def issuer(self, para: str, cue: Cue, sentence_start: int, normalized: Normalized, at: int | None = None) -> list[str]:
        """The subject of the verb of issuing nearest before ``cue`` in its sentence (أصدر فلان بيانا قال فيه،
        كلمة ألقاها فلان أكد فيها); [] if there is none (another verb's subject may be meant)."""
        head_norm = window_norm(normalized, sentence_start, cue.start)
        found = next(reversed(list(_ISSUED_RE.finditer(head_norm))), None)  # (the nearest before the cue)
        if found is None:
            return []
        issued = next((word for word in WORD_RE.finditer(head_norm, found.end()) if word.group() in self._lists.issued), None)
        if issued is None:
            return []
        begin = text_offset(normalized, sentence_start, found.end())
        ids, _ = self.resolve(para, normalized, begin, text_offset(normalized, sentence_start, issued.start()), at=at)
        return ids

    def sentence_pair(self, para: str, sentence_start: int, end: int) -> list[str]:
        """The two people named before a dual cue (``end``) in its sentence, in order: registry people, and people this
        draft proposed, by their family name too (بوريل التقى ... بوزير الدفاع الياباني جين ناكاتاني ... حيث اتفقا).
        The clause the verb is in first (after the last أن/إن: قال إيرنست إن أوباما وإردوغان اتفقا), then the wider
        ones, up to the whole sentence; [] unless one of them names exactly two."""
        words = _words_of(para[sentence_start:end])
        people = self._people_in(words)
        opens = [index + 1 for index, word in people if word in ("ان", "بان")]  # (word indices)
        for first in (*reversed(opens), 0):
            named = list(dict.fromkeys(entity_id for index, entity_id in people if index >= first and entity_id
                                       not in ("ان", "بان")))
            if len(named) == 2:
                return named
        return []

    def _people_in(self, words: Sequence[str]) -> list[tuple[int, str]]:
        """The people ``words`` name (word index, id), in order, with the complementisers («ان», «بان») among them."""
        matched = self.persons.match(words)
        found = [(first, entity_id) for first, _, entity_id in matched]
        taken = {index for first, last, _ in matched for index in range(first, last)}
        surnames: dict[str, str] = {}
        for proposed_id, entity in self.proposals.entities.items():
            if entity.kind == "person":
                for name in entity.names_ar:
                    surnames.setdefault(matching_short(name).rpartition(" ")[2], proposed_id)
        for index, word in enumerate(words):
            if word in ("ان", "بان"):
                found.append((index, word))
                continue
            if index in taken:
                continue
            bare = word[1:] if word[:1] in "وبل" and len(word) > 3 else None  # (ومع لافروف، بلافروف)
            person = surnames.get(word) or self._named_by_surname(word) \
                or (surnames.get(bare) or self._named_by_surname(bare) if bare else None)
            if person is not None:
                found.append((index, person))
        return sorted(found)

    def clause_subject(self, cue: Cue, sentence_start: int, normalized: Normalized) -> list[str]:
        """The entity named between a complementiser and the cue: ``أن إردوغان قال لشي بأن``.

        After أن/إن the noun comes before the verb (it is the complementiser's noun, the verb's subject a
        pronoun standing for it), so a name there, and nothing else, is who speaks; the words after the
        verb are then its object. Only a registry person's or state's name, all of those words, or a person
        this draft named before counts (an unknown word there may be anything).
        """
        found = _COMPLEMENT_SUBJECT.search(window_norm(normalized, sentence_start, cue.start))
        if found is None:
            return []
        words = found.group(1).split()
        for gazetteer in (self.persons, self.parties):
            matched = gazetteer.match_start(words)
            if matched is None or matched[0] != len(words):
                continue
            if words[0][0] in "وبلف" and gazetteer.match_start([words[0][1:], *words[1:]]) is not None:
                continue  # (a proclitic attached: not the noun of أن)
            return [matched[1]]
        named = " ".join(words)
        for entity_id, entity in reversed(self.proposals.entities.items()):  # a new person this draft named before
            if entity.kind == "person" and any(named in (short, short.rpartition(" ")[2])
                                               for short in map(matching_short, entity.names_ar)):
                return [entity_id]
        return []

    def subjects(self, text: str, cues: Sequence[Cue], sentence_of: Mapping[int, Sentence], normalized: Normalized,
                 at: Sequence[int], statements: Statements) -> dict[int, tuple[list[str], bool]]:
        """The speakers each cue of paragraph ``text`` names (cue start -> (ids, named)).

        ``sentence_of`` maps each cue to its sentence, ``at`` gives each cue's article matching-form offset;
        ``statements`` tells a reporting clause from reported content.
        """
        found: dict[int, tuple[list[str], bool]] = {}
        self.subject_end.clear()  # (paragraph offsets, as the cues')
        self.nested.clear()
        if not cues:
            return found
        strict = statements.strict_verbs
        for index, (cue, offset) in enumerate(zip(cues, at, strict=True)):
            sentence = sentence_of[cue.start]
            earlier = index > 0 and cues[index - 1].start >= sentence.start  # (cues are in text order)
            if cue.relative or cue.verb == "qawl":
                # يوشيوكا الذي صرح: the relative pronoun's antecedent; عن إردوغان قوله، عن المتحدث باسم ... قوله.
                ids = self.antecedent(text, cue, sentence.start, pronoun=0 if cue.verb == "qawl" else 1)
                if (source := text.rfind(" عن ", sentence.start, cue.start) if cue.verb == "qawl" and not ids else -1) >= 0:
                    ids, _ = self.resolve(text, normalized, source + 4, cue.start, at=offset)
                found[cue.start] = (ids, bool(ids))
                continue
            if cue.tense == "present" and not cue.takes_subject:
                # A bare present has its subject before it (وزير الدفاع يؤكد ...), or names a description or a
                # known name after it (يقول المسؤولون اليابانيون إن ...); inside reported content (قال إن الذكرى
                # تؤكد ...), after another cue or a complementiser, it reports nothing.
                if earlier or statements.in_clause(normalized, sentence.start, cue.start):
                    found[cue.start] = ([], False)
                    continue
                ids, named = self.after_cue(text, cue._replace(takes_subject=True), sentence.end, cues, normalized, offset,
                                            new_names=False)
                if not named:
                    ids = self.before_cue(text, cue, sentence.start, normalized, offset)
                if not ids and all(word in self._lists.stops for word in _words_of(text[sentence.start:cue.start])):
                    # (من جانبها،) تقول تامي إريكسون: nothing before the verb names a subject, so the name after it does.
                    ids, _ = self.after_cue(text, cue._replace(takes_subject=True), sentence.end, cues, normalized,
                                            offset)
                found[cue.start] = (ids, bool(ids))
                continue
            if not cue.takes_subject:
                continue
            ids = self.clause_subject(cue, sentence.start, normalized) \
                if cue.verb in statements.noun_first_verbs else []
            if ids:  # أن إردوغان أبلغ شي أن: the noun of أن, before the verb, is its subject
                found[cue.start] = (ids, True)
                self.nested.add(cue.start)
                continue
            if not earlier and (ids := self.named_subject_before(text, cue, sentence.start, normalized, offset)):
                found[cue.start] = (ids, True)  # المتحدث باسم الجيش فيليب اغير نفى تعطيل ...: what follows is the object
                continue
            ids, named = self.after_cue(text, cue, sentence.end, cues, normalized, offset,
                                        new_names=cue.verb not in strict)
            if named and earlier and cue.text[:1] in "وف" and cue.verb in statements.addressee_verbs \
                    and not self.all_people(ids):
                # ...، ودعا أعضاء المنظمة إلى ...: a verb joined to an earlier one shares its subject;
                # what follows it is its addressee, unless it names a person.
                ids, named = [], False
                self.subject_end.pop(cue.start, None)
            if not named and IN_IT_RE.match(window_norm(normalized, cue.end, sentence.end)):
                # أصدر المتحدث باسم الجيش بيانا أكد فيه أن: who issued what the cue reports "in".
                ids = self.issuer(text, cue, sentence.start, normalized, offset)
                named = bool(ids)
            dual = is_dual(cue)
            if not named and not earlier:
                # لكن المصدر، الذي ...، قال إنه: a subject that opens the sentence, before the verb.
                ids = self.before_cue(text, cue, sentence.start, normalized, offset, new_names=False)
                named = bool(ids) and not (dual and len(ids) == 1)  # (التقى كيري مع لافروف واتفقا: one of the two)
            if not named and dual:
                ids = self.sentence_pair(text, sentence.start, cue.start)  # التقى كيري مع لافروف، واتفقا على
                named = bool(ids)
            if not named and dual:
                self.catch_up()
            if not named and dual and len(self.last) != 2:
                ids = self.pair(offset)  # اتفقا على ...: the two people named last
                named = bool(ids)
            found[cue.start] = (ids, named)
        return found

    def antecedent(self, para: str, cue: Cue, sentence_start: int, pronoun: int = 1) -> list[str]:
        """The entity named right before the relative pronoun before ``cue`` (يوشيوكا الذي صرح; المصدر، الذي طلب);
        with ``pronoun=0``, right before the cue (نقلت الوكالة عن إردوغان قوله)."""
        before = para[sentence_start:cue.start]
        words = _words_of(before)
        words = words[:len(words) - pronoun]
        found = self.people.match(words)
        if found and found[-1][1] == len(words):
            return [found[-1][2]]
        if words and words[-1].startswith("ال"):
            taken = self._anaphor(words[-1][2:], None)
            if taken:
                return [taken]
        # A name the registry lacks (يوشيوكا الذي صرح): the person proposed under it, or a new one, as written
        # when the last written word is the word checked (not a comma standing alone: «تي» ، الذي قال).
        written = [word.strip("،,:؛\"“”«»()") for word in before.split()[-1 - pronoun:][:1]]
        lists = self._lists
        if words and written and _words_of(written[0]) == words[-1:] and words[-1] not in _PRONOUNS \
                and name_like(words[-1], lists.titles, lists.stops) \
                and not any(words[-1] in table for table in (lists.verbs, lists.singular, lists.plural, lists.offices, lists.bodies)):
            return [self.proposals.entity(written[0], "person")]
        return []

    def all_people(self, ids: Sequence[str]) -> bool:
        """Whether every one of ``ids`` is a person (of the registry, or proposed)."""
        return all(self.index.kinds.get(entity_id) == "person" or (
            entity_id in self.proposals.entities and self.proposals.entities[entity_id].kind == "person") for entity_id in ids)

    def of_cue(self, text: str, cue: Cue | None, cue_speakers: CueSpeakers, sentence_start: int,
               *, fallback: bool = True, normalized: Normalized | None = None) -> list[str]:
        """The speakers of what ``cue`` (None: no cue) reports in paragraph ``text``: named, else carried over."""
        speakers: list[str] = []
        if cue is not None:
            ids, named = cue_speakers.get(cue.start, ([], False))
            if named and ids and cue.start in self.nested:
                return list(ids)
            if named and ids:
                speakers = ids
                self.last = ids
                self.pending.clear()
            else:
                self.catch_up()
                # "ورحب فلان بـ...، وقال إن": a known name earlier in the same sentence is the subject (of a
                # verb of one speaker: اتفقا needs two).
                # (not a name inside quote marks: تحدثت صحيفة ... عن «ظاهرة أوباما»، كما دعت)
                dual = is_dual(cue)
                before = text[sentence_start:cue.start]
                earlier = self.persons.match(_words_of(_QUOTED_RE.sub(" ", before) if "«" in before else before)) \
                    if not dual else []
                kana, verb = self._kana_subject(text, normalized, sentence_start, cue.start) \
                    if normalized is not None and not dual else ([], 0)
                if kana and any(verb < other < cue.start and named for other, (_, named) in cue_speakers.items()):
                    kana = []  # (وكانت روسيا قد أكدت ... حيث أكد بوتين أن ...، مشيرا: the one named since speaks)
                if kana:
                    speakers = kana
                    self.last = list(speakers)
                elif earlier:
                    speakers = [earlier[-1][2]]
                    self.last = list(speakers)
                elif ((cue.tense == "participle" and cue.verb != "qawl") or cue.text.startswith("ف")) \
                        and normalized is not None and not any(sentence_start <= other < cue.start for other in cue_speakers):
                    # (فقال، فأشار: "and so he said", after the verb that opens the sentence, is its subject's too)
                    # شككت قيادات يمنية في ...، مؤكدة أن: the subject of the verb that opens the sentence (no cue before).
                    speakers = self._opening_subject(text, normalized, sentence_start, cue.start)
                    if speakers:
                        self.last = list(speakers)
        if not speakers:
            self.catch_up()
            speakers = list(self.last)
            if len(speakers) > 1 and cue is not None and self.last_one in speakers and is_singular(cue):
                # وأوضح كارتر أنه والملك سلمان أكدا ...، مشددا على: one speaker's verb after two spoke: the one
                # named alone last, of the two.
                speakers = [self.last_one]
            elif len(speakers) == 1 and cue is not None and is_plural(cue) and self.all_people(speakers):
                speakers = []  # واعتبروا، وطالبوا، وأوضحوا: a plural verb is never one person's, whoever spoke last
        if not speakers and fallback:
            speakers = [self.proposals.unknown_speaker()]
        return speakers

    def _kana_subject(self, text: str, normalized: Normalized, sentence_start: int, end: int) -> tuple[list[str], int]:
        """The subject of a sentence that opens with كان, its subject and قد (وكان وزير النقل اليمني بدر باسلمة، قد أبلغ
        ...، مضيفا أنه): the one who did what the sentence tells, so the one its participles report; and where its verb
        starts (after قد). ([], 0) if none."""
        first = _KANA_RE.match(text, sentence_start, end)
        if first is None:
            return [], 0
        ids, stop = self.resolve(text, normalized, first.end(), end, parsed=self.parse_at(
            text, normalized, first.end(), window_norm(normalized, first.end(), end)))
        qad = _QAD_RE.match(text, stop, end) if ids else None
        return (ids, qad.end()) if qad is not None else ([], 0)

    def _opening_subject(self, text: str, normalized: Normalized, sentence_start: int, end: int) -> list[str]:
        """The body or description right after a sentence's first word (its verb), resolved without new names; [] if
        there is none, if the verb cites a source (عن), or if a definite description would take up someone named before."""
        first = WORD_RE.search(text, sentence_start, end)
        if first is None or first.start() - sentence_start > 2 or fold_for_matching(first.group()) in self._lists.stops \
                or _CITED_RE.search(text, first.end(), end):
            return []  # (نقلت الصحيفة عن فلان ...، مؤكدا: the one cited speaks, not the paper)
        norm = window_norm(normalized, first.end(), end)
        parsed = self.parse_at(text, normalized, first.end(), norm)
        phrase = parsed[1].phrase
        # (an office, then a name of two words or more: واختتم الوزير حديثه، ورفع رئيس الهيئة عظيم شكره are objects)
        named_office = phrase is not None and phrase.kind == "office" and bool(phrase.names) \
            and phrase.names[0][1] - phrase.names[0][0] > 1
        if phrase is None or (phrase.kind in (None, "office") and not named_office) or (
                phrase.kind == "singular" and parsed[1].words[phrase.start].startswith("ال") and self.last):
            # (a body, a description or an office with its holder's name only: a name alone there may be the verb's
            # object, an office alone another's; a definite description (المستشار الإعلامي) takes up the person named
            # before, whom the carried-over speaker is)
            return []
        ids, _ = self.resolve(text, normalized, first.end(), end, new_names=False, parsed=parsed)
        return ids

    def of_quotation(self, text: str, cue: Cue | None, cue_speakers: CueSpeakers, sentence_start: int,
                     open_at: int | None = None) -> list[str]:
        """The speakers of a quotation attributed to ``cue`` (None: no cue) in paragraph ``text``.

        With no cue, a registry person named before the quote in its sentence (فإن تعليق
        وزير الخارجية جون كيري «...») said it; else the speaker carried over.
        """
        if cue is None and open_at is not None and open_at > sentence_start:
            named = self.persons.match(_words_of(text[sentence_start:open_at]))
            if named:
                self.last = [named[-1][2]]
                self.pending.clear()
                return list(self.last)
        return self.of_cue(text, cue, cue_speakers, sentence_start)
