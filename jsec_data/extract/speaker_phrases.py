"""Who a speaker phrase names: the phrase after or before a reporting cue, read against the registry.

* a registry name that starts the phrase (people first; several joined by و are co-speakers), or one
  right after an office (وزير الخارجية الياباني فوميو كيشيدا);
* else a name-like run after an office or a description: a new person, named as written, with the
  office as role and its country as affiliation;
* else the office alone, resolved with its country to the registry person who holds it (preferring one
  the article names: وأضاف رئيس الوزراء); a body resolved by its country (وزارة الخارجية الصينية is never
  the US State Department); a definite description that takes up an entity the article named before
  (المصدر، الوثائق); failing those, a new entity described as written (السفير الصيني: `unknown`,
  affiliated to China).

Registry names that name many bodies (وزارة الخارجية، الحكومة) or several entities are never used.
Which phrase a cue names, and carrying a speaker over, is :mod:`jsec_data.extract.speakers`'s.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from jsec_data.extract.article_names import (
    apposition,
    counterparts,
    field_country,
    full_name_of,
    issuer,
    name_ending_in,
    office_label,
    office_names,
    speaker_break,
    speaker_words,
    state_named,
    trailing_name,
    written_after_a_verb,
)
from jsec_data.extract.lexicon import not_family_names
from jsec_data.extract.matching import WORD_RE, Normalized, matching_short, text_offset, window_norm
from jsec_data.extract.names import Gazetteers
from jsec_data.extract.people import (
    HONORIFICS_OF_A_NAME,
    HOUSE_OF,
    Country,
    Office,
    PeopleWords,
    Phrase,
    family_name,
    name_like,
    parse_phrase,
    people_words,
)
from jsec_data.extract.proposals import NEVER_ALONE, Proposals
from jsec_data.extract.registry_people import PARSE_CACHE, PARSE_KEY, Parsed, RegistryPeople, registry_people

if TYPE_CHECKING:  # pragma: no cover
    from jsec_data.article.stage import Registry

__all__ = ["SpeakerPhrases"]

#: A kind of body (checked against the organisations list), then its name in quote marks (up to six words).
_QUOTED_BODY = re.compile(r"\s*(\S+)\s*«\s*((?:[\w\-]+\s+){0,5}[\w\-]+)\s*»")
#: Quantities before a group's description (matching form), left out of the group's name.
_QUANTIFIERS = (("عدد", "كبير", "من"), ("عدد", "من"), ("العديد", "من"), ("عديد", "من"), ("بعض",), ("كثير", "من"), ("عدد", "قليل", "من"))
#: A body's name in quote marks after a construct-state head (names.yaml ``heads``), then a comma.
_QUOTED_HEAD_NAME = re.compile(r"\s*«[^«»\n]{1,60}»\s*(?=[،,])")
_ALA = "علي"  # على and علي in the matching form
#: A comma, then the complementiser that opens what was said (as written).
_THEN_WHAT_WAS_SAID_RE = re.compile(r"\s*[،,]\s*[وب]?[أإا]ن")
_TANWIN_FATH = "\u064b"  # (ً): an indefinite accusative
#: A last word with a possessive pronoun attached, as written (ها، هم، هما، هن; ته after three letters: not روته).
_POSSESSED_RE = re.compile(r"(?:ها|هم|هما|هن|\w{3}ته)$")  # (the name's last word: موها صالح، بأبها عبدالله ...)
#: A last word that reads as a verbal noun with "his" (تحفظه، تأكيده، استعداده; not names in ه: عبده، رومينيجه).
_VERBAL_NOUN_HIS_RE = re.compile(r"(?<!\S)(?:ت|است)\w{2,}ه$")
#: قد after a word (and a comma): what precedes it is a subject (وكان فلان قد ...).
_BEFORE_QAD_RE = re.compile(r"\s*[،,]?\s*قد\s")
#: "Side" (matching form, no ال): its dual (الطرفان) is the two who spoke together.
_SIDE = frozenset({"طرف"})
#: Definite descriptions that stand for a source left unnamed (matching form): never the person named after one.
_UNNAMED = frozenset({"المصدر", "المسوول", "المسووله", "الخبير", "المحلل", "الدبلوماسي", "الشاهد"})
#: A definite official (matching form): with a country and nothing more, one named before (المسؤول التركي).
_OFFICIAL = frozenset({"المسوول", "المسووله"})


class SpeakerPhrases:
    """Who a speaker phrase names (the rules below the cue level), and the state the cue rules share: the
    speakers last named, the sentences read since, where each speaker phrase ended."""

    def __init__(self, gazetteers: Gazetteers, proposals: Proposals, registry: Registry | None = None,
                 article_norm: str = "", article: tuple[str, Normalized] | None = None) -> None:
        self.people, self.persons, self.parties = gazetteers.people, gazetteers.persons, gazetteers.parties
        self.proposals = proposals
        self.index = registry_people(registry, gazetteers) if registry is not None \
            else RegistryPeople({}, {}, (), (), {}, {}, {}, {}, {})
        self.article_norm = article_norm
        self.article = article  # (text, matching form): names an office is given elsewhere in the article
        self._office_names: dict[tuple[str, str | None], str | None] = {}
        self._issued: dict[str, str] = {}  # a document's word (ال aside) -> the body whose it was (البيان: وأضاف البيان)
        self._named_at: list[tuple[int, list[str]]] = []  # (offset, ids) of every speaker phrase resolved, in order
        self._of_country: list[tuple[int, str, str, str]] = []  # (offset, id, country, role) of those named with a country
        self._last: list[str] = []
        self.last_one: str | None = None  # the speaker last named alone (see ``last``)
        # Sentences read since the last speaker named (matching form, start, end); opening subjects read when carried.
        self.pending: list[tuple[Normalized, int, int]] = []
        self.subject_end: dict[int, int] = {}  # cue start -> where the speaker phrase after it ends (paragraph offset)
        # Cues (paragraph offsets) whose speaker is named inside another's content (أن إردوغان قال): that
        # speaker is not the one a later «وأضاف» carries over.
        self.nested: set[int] = set()
        self._lists: PeopleWords = people_words()
        # Where every «علي» of a speaker window is written with ي, it is the given name Ali, not the preposition
        # على (3,772 of 135,784 in SaudiNewsNet, nearly all before a name: علي الأحمدي، علي عبدالله صالح).
        self._lists_ali: PeopleWords = self._lists._replace(stops=self._lists.stops - {_ALA})
        self._mentions: tuple[list[int], list[str]] | None = None
        self._said_by: dict[str, bool] = {}  # definite word -> whether the article writes it right after a verb of saying
        self.governs_b: frozenset[str] = frozenset()  # verbs that govern an attached ب (set by the drafter)

    @property
    def last(self) -> list[str]:
        """The speakers last named: "he said" refers to them."""
        return self._last

    @last.setter
    def last(self, ids: list[str]) -> None:
        self._last = ids
        if len(ids) == 1:
            self.last_one = ids[0]

    # ------------------------------------------------------------------ the article's names

    def _named(self) -> tuple[list[int], list[str]]:
        """(matching-form offsets, entity ids) of the registry names in the article, in order (found once, when needed)."""
        if self._mentions is None:
            tokens = list(WORD_RE.finditer(self.article_norm))
            found = self.people.match([t.group() for t in tokens])
            self._mentions = ([tokens[first].start() for first, _, _ in found], [entity_id for _, _, entity_id in found])
        return self._mentions

    def named_near(self, candidates: Sequence[str], before: int | None) -> list[str]:
        """``candidates`` the article names: those named before ``before`` (an article matching-form offset), latest
        first, else those named after it, earliest first."""
        offsets, ids = self._named()
        limit = len(offsets) if before is None else bisect.bisect_left(offsets, before)
        wanted = set(candidates)
        order: list[str] = []
        for entity_id in reversed(ids[:limit]):
            if entity_id in wanted and entity_id not in order:
                order.append(entity_id)
        if not order:
            for entity_id in ids[limit:]:
                if entity_id in wanted and entity_id not in order:
                    order.append(entity_id)
        return order

    # ------------------------------------------------------------------ phrases

    def parse_at(self, text: str, normalized: Normalized, start: int, norm: str) -> tuple[str, Parsed]:
        """:meth:`_parse` of the window ``norm`` that starts at ``text[start]``, told whether its «علي» are names."""
        key, ali = self._key(norm), False
        if _ALA in key and _ALA in text[start:start + len(key) + 8]:  # (a written «علي»: the tokens are read only then)
            written = {text[text_offset(normalized, start, a):text_offset(normalized, start, b - 1) + 1]
                       for a, b, word in speaker_words(key, self._lists) if word in (_ALA, "و" + _ALA)}
            ali = bool(written) and all(word.endswith("ي") for word in written)
        return self._parse(norm, ali=ali, window=key)

    @staticmethod
    def _key(norm: str) -> str:
        # What the parse can read: up to the first break, or past a comma for a name in apposition (also after
        # a body's name in quote marks: مديرة «التحالف ...»، ميليسا سبربر،).
        cut = speaker_break(norm, PARSE_KEY)
        if cut is not None and norm[cut] == "«" and (named := _QUOTED_HEAD_NAME.match(norm, cut)):
            return norm[:min(named.end() + 60, PARSE_KEY)]
        return norm[:PARSE_KEY] if cut is None else norm[:cut + 1] if norm[cut] not in "،," \
            else norm[:min(cut + 60, PARSE_KEY)]

    def _parse(self, norm: str, *, ali: bool = False, window: str | None = None) -> tuple[str, Parsed]:
        """The words of a speaker window and the phrase they make: a pure function of the window's
        first characters and the registry, so kept (the same speakers are named again and again).
        ``ali``: the window's «علي» are the given name (:meth:`parse_at`); ``window``: ``_key(norm)``, if known."""
        window = self._key(norm) if window is None else window
        key = window + "\x00" if ali else window  # (no window holds a NUL)
        cache = self.index.parsed
        found = cache.get(key)
        if found is not None:
            return key, found
        tokens = speaker_words(window, self._lists)
        words = [t[2] for t in tokens]
        lists = self._lists_ali if ali else self._lists
        phrase = parse_phrase(words, self.parties, self.index.states, lists=lists) if tokens else None
        if phrase is not None and phrase.kind in ("office", "singular") and not phrase.names and phrase.end == len(tokens):
            # مديرة «التحالف لإنهاء العبودية»، ميليسا سبربر: a head's body named in quote marks, then the person's name.
            quoted = _QUOTED_HEAD_NAME.match(window, tokens[-1][1]) if words[-1] in self._lists.heads else None
            # رئيس الوزراء الياباني، شينزو آبي، ...: the name in apposition, between commas.
            apposed = apposition(window, quoted.end() if quoted else tokens[-1][1], self._lists) \
                if quoted or phrase.kind == "office" or (phrase.kind == "singular" and phrase.definite) else []
            if apposed:
                names = [(len(tokens), len(tokens) + len(apposed))]
                tokens += apposed
                words = [t[2] for t in tokens]
                phrase = dataclasses.replace(phrase, names=names) if quoted \
                    else parse_phrase(words, self.parties, self.index.states, lists=lists)
        parsed = Parsed(tuple(tokens), tuple(words), phrase, tuple(self.people.match(words)) if tokens else ())
        if len(cache) >= PARSE_CACHE:
            cache.clear()
            self.index.chosen.clear()
        cache[key] = parsed
        return key, parsed

    def resolve(self, text: str, normalized: Normalized, start: int, end: int, *, at: int | None = None,
                new_names: bool = True, parsed: tuple[str, Parsed] | None = None) -> tuple[list[str], int]:
        """The speakers a phrase at ``text[start:end]`` names, and where (a ``text`` offset) the phrase ends.

        ``normalized`` is ``matching_form(text)``; ``at`` the phrase's matching-form offset in the article (for
        "named before"); ``new_names``: whether a run of unknown names may be a new person (``parsed``: the
        window's parse, when the caller has it). An empty list: it names no one.
        """
        named_body = self._quoted_body(text, normalized, start, end)
        if named_body is not None:
            return named_body
        if parsed is None:
            norm = window_norm(normalized, start, end)
            key, found = self.parse_at(text, normalized, start, norm)
        else:
            key, found = parsed
            # (a body's country may be named further on in the window: see _field_country)
            norm = window_norm(normalized, start, end) if found.phrase is not None and found.phrase.kind == "body" else ""
        if found.phrase is None:
            return [], start
        tokens, words, phrase = found.tokens, list(found.words), found.phrase
        chosen = self.index.chosen.get((key, new_names))
        if chosen is not None:
            ids, stop = list(chosen[0]), chosen[1]  # registry names: the same words, the same speakers
        else:
            if not new_names and phrase.kind is None and phrase.names:
                phrase = dataclasses.replace(phrase, names=[run for run in phrase.names if self._known_at(words, run[0])])
            registry = self._registry_speakers(words, phrase, found.found)
            if registry is not None:
                ids, stop = registry
                self.index.chosen[(key, new_names)] = (tuple(ids), stop)
            else:
                ids, stop = self._phrase_ids(words, phrase, text, normalized, start, end, tokens, at, norm)
        if not ids:
            return [], start
        if at is not None:
            self._named_at.append((at, ids))
            proposed = self.proposals.entities
            if phrase.names and phrase.country is not None:
                self._of_country.extend((at, i, phrase.country.entity_id, proposed[i].role or "") for i in ids
                                        if i in proposed and proposed[i].kind == "person")
        return ids, text_offset(normalized, start, tokens[stop - 1][1])

    def _quoted_body(self, text: str, normalized: Normalized, start: int, end: int) -> tuple[list[str], int] | None:
        """A body named in quote marks after its kind (وكتبت صحيفة «تشاينا ديلي» ...، قالت وكالة «رويترز»): the
        registry entity of that name, else a new organisation named as quoted; None for any other phrase."""
        found = _QUOTED_BODY.match(window_norm(normalized, start, min(end, start + 80)))
        if found is None or found.group(1) not in self._lists.organisations:
            return None
        words = found.group(2).split()
        known = self.people.match_start(words)
        if known is not None and known[0] == len(words):
            entity_id = known[1]
        else:
            entity_id = self.proposals.entity(text[text_offset(normalized, start, found.start(2)):
                                                  text_offset(normalized, start, found.end(2))].strip(), "organization")
        return [entity_id], text_offset(normalized, start, found.end())

    def _known_at(self, words: Sequence[str], position: int) -> bool:
        """Whether a registry name starts at ``words[position]``."""
        return any(first == 0 for first, _, _ in self.people.match(words[position:position + 6]))

    def _registry_speakers(self, words: list[str], phrase: Phrase,
                           found: Sequence[tuple[int, int, str]]) -> tuple[list[str], int] | None:
        """(speaker ids, past-last word) when registry names are the speakers; None when not (a pure function
        of the words and the registry, so its answers are kept)."""
        first = phrase.start
        # A registry name that starts the phrase, or covers its first name's start, is the speaker.
        anchor = phrase.names[0][0] if phrase.names else phrase.end
        starts_phrase = [m for m in found if m[0] == first]
        if starts_phrase and self.index.kinds.get(starts_phrase[0][2]) != "person" and phrase.kind is not None:
            # A state or body starting a longer office phrase (اليابان ...) is the speaker only when nothing follows.
            starts_phrase = starts_phrase if starts_phrase[0][1] >= phrase.end else []
        after_title = [m for m in found if m[0] <= anchor < m[1] and self.index.kinds.get(m[2]) == "person"
                       and m[0] >= phrase.end - 1] if phrase.kind is not None or first < anchor else []
        chosen = starts_phrase or after_title
        if chosen:
            ids = [chosen[0][2]]
            stop = chosen[0][1]
            position = list(found).index(chosen[0])
            for previous, current in zip(found[position:], found[position + 1:], strict=False):
                # Names joined by و (قال فلان وفلان) are co-speakers; anything else ends the list.
                if current[0] != previous[1] or not words[current[0]].startswith("و"):
                    break
                if current[2] not in ids:
                    ids.append(current[2])
                stop = current[1]
            return ids, stop
        return None

    def _phrase_ids(self, words: list[str], phrase: Phrase, text: str, normalized: Normalized, start: int, end: int,
                    tokens: Sequence[tuple[int, int, str]], at: int | None, norm: str) -> tuple[list[str], int]:
        """(speaker ids, past-last word) of a parsed phrase with no registry speaker; ([], 0) if it names no one."""
        first = phrase.start
        if phrase.kind == "organisation" and phrase.names:
            name = self._written(text, normalized, start, end, tokens, first, phrase.names[0][1], 0)
            return [self.proposals.entity(name, "organization")], phrase.names[0][1]
        state_at = state_named(words, first, self._lists) if phrase.kind is None else None
        if state_at and (words[first][:2] == "ال" or (len(phrase.names) == 1 and phrase.names[0][1] - first > state_at[1])):
            # وينفي الأردن ...، وتنفي مصر أي صلة: a state speaks, its name ends the phrase (وقالت أنقرة وواشنطن: below)
            written = self._written(text, normalized, start, end, tokens, first, first + state_at[1], 0)
            return [self.proposals.state(state_at[0].entity_id, state_at[0].en, written)], first + state_at[1]
        if phrase.names:
            role, affiliation = self._role(phrase)
            ids = []
            names = list(phrase.names)
            names[-1] = (names[-1][0], self._name_end(text, normalized, start, tokens, words, *names[-1]))
            if len(names) == 1 and names[0][1] - names[0][0] > 1 and words[names[0][0]] not in NEVER_ALONE and (
                    phrase.kind is None or not words[names[0][0] + 1].startswith("ال")) and (
                    self.proposals.person_by_surname(words[names[0][0]]) or self._named_by_surname(words[names[0][0]])):
                # وأخبر روته ناكاتاني: a surname named before, then its object (not after an office: الباحث محمد السامرائي)
                names = [(names[0][0], names[0][0] + 1)]
            if len(names) == 2 and names[0][1] - names[0][0] == 1 and names[1][1] - names[1][0] == 1 \
                    and words[names[1][0]][1:] not in self._lists.state_names \
                    and not (self.proposals.person_named(words[names[0][0]]) or self._named_by_surname(words[names[0][0]])):
                names = [(names[0][0], names[1][1])]  # جوزيف ويستفول: a given name no one was named by, then a name in و
            for index, (name_start, name_end) in enumerate(names):
                skip = 1 if index and words[name_start].startswith("و") else 0  # the و that joined it to the one before
                if not skip and self._in_a_place(words[name_start], name_end - name_start):
                    name_start += 1  # مدير جمعية الثقافة والفنون بجدة عمر الجاسر: "in Jeddah", then the name
                    if name_start == name_end or words[name_start].startswith("ال"):
                        continue
                known = self._named_by_surname(words[name_start][skip:]) if name_end == name_start + 1 else None
                if known is not None:
                    ids.append(known)
                    continue
                name = self._written(text, normalized, start, end, tokens, name_start, name_end, skip)
                if len(name.split()) >= 3 and (_POSSESSED_RE.search(name) or _VERBAL_NOUN_HIS_RE.search(name)):
                    # عبدالرحمن بن مساعد استقالته، سلفا كير ميارديت تحفظه: the name, then the verb's object
                    name = name.rsplit(" ", 1)[0]
                if _TANWIN_FATH in name or _POSSESSED_RE.search(name):
                    # أدواراً، مصدرًا: an indefinite accusative; حكايتها، خفاياهم، مقدمته: a noun with a possessive
                    # pronoun; the verb's object either way, no name
                    continue
                state = self._lists.state_names.get(" ".join(words[name_start:name_end])[skip:]) \
                    if phrase.kind is None else None
                if state is not None:  # وقالت أنقرة وواشنطن: a state (or its capital) speaks, not a person
                    ids.append(self.proposals.state(state.entity_id, state.en, name))
                    continue
                ids.append(self.proposals.entity(name, "person", role=role, affiliation_id=affiliation))
            return ids, names[-1][1]
        if phrase.kind is None:
            word = words[first] if first < len(words) else ""
            if self._is_dual_description(word):
                # الطرفان: the two sides that spoke together last; المسؤولان، الوزيران: the last two people named
                pair = (self._sides(at) if word[2:-2] in _SIDE else []) or self.pair(at)
                if pair:
                    return pair, first + 1
            if word.startswith("ال"):
                taken = self._anaphor(word[2:], at)
                if taken:
                    return [taken], first + 1
                if len(words) == first + 1 or (words[first + 1] in self._lists.stops and self._said_alone(word)):
                    # وأكد الجبير إن ...، وأشار الجبير إلى: a family name with ال, alone before what was said (or before
                    # a preposition, when the article writes it alone after a verb of saying), of a person the article
                    # named; else it was read as the verb's object.
                    known = self.person_by_family_name(word)
                    if known is None and word.endswith("ي") and word not in not_family_names() \
                            and family_name(word, None, self._lists) and self._said_alone(word):
                        # وقال المالكي إن ...: a family name in ي (a nisba, no country's; not ى: المستشفى), that the
                        # article writes alone after a verb of saying and never in full: a person known by it
                        written = self._written(text, normalized, start, end, tokens, first, first + 1, 0)
                        known = self.proposals.entity(written, "person") if written.endswith("ي") else None
                    if known:
                        return [known], first + 1
            return [], 0
        named_from = first
        if phrase.kind == "plural":
            # عدد من القادة الميدانيين لطالبان، بعض المسؤولين الأمريكيين: the group is named without how many of it spoke.
            quantity = next((len(q) for q in _QUANTIFIERS if tuple(words[first:first + len(q)]) == q), 0)
            if quantity and first + quantity < phrase.end:
                named_from = first + quantity
        trailing = trailing_name(words, phrase, self._lists) if phrase.kind in ("office", "singular") else None
        if trailing is not None:
            # وزيرة الخارجية الأميركية السابقة المرشحة لانتخابات الحزب الديمقراطي ... هيلاري كلينتون: a long title, then
            # the name that ends the phrase.
            written = self._written(text, normalized, start, end, tokens, *trailing, 0).strip("-")
            if _TANWIN_FATH not in written:  # (مقالاً لزعيم: an indefinite accusative, no name)
                role, affiliation = self._role(phrase)
                return [self.proposals.entity(written, "person", role=role, affiliation_id=affiliation)], trailing[1]
        described = self._written(text, normalized, start, end, tokens, named_from, phrase.end, 0)
        country = phrase.country
        affiliation = country.entity_id if country is not None else (phrase.party_ids[0] if phrase.party_ids else None)
        if phrase.kind == "office" and phrase.office is not None:
            following = words[phrase.end] if phrase.end < len(words) else ""
            if following.startswith("ال") and (known := self.proposals.person_named(following)
                                                or self._named_by_surname(following)):
                return [known], phrase.end + 1  # وأوضح الوزير الجبير: the office, then the family name of one named
            holder = self._holder(phrase.office, country, at) or self._named_in_office(phrase.office, affiliation)
            if not holder and country is not None and phrase.definite:
                holder = self._last_of(country, phrase.office, at)  # الوزير السعودي: the Saudi minister named before
            if holder:
                return [holder], phrase.end
            label = office_label(phrase.office, country)
            return [self.proposals.entity(described, "unknown", name_en=label, role=label, affiliation_id=affiliation)], \
                phrase.end
        if phrase.kind == "body" and phrase.office is not None:
            if country is None and not phrase.party_ids:
                # وقالت وزارة الخارجية ... عقب اجتماع بين وزير الخارجية الأمريكي ...: the country of the
                # sentence's office of the same field.
                country = field_country(phrase.office, norm, tokens[phrase.end - 1][1], self._lists, self.index.states)
                affiliation = country.entity_id if country is not None else None
            if country is None and not phrase.party_ids:
                taken = self._anaphor(words[first][2:] if words[first].startswith("ال") else words[first], at)
                if taken and self.index.kinds.get(taken) != "person":
                    return [taken], phrase.end
                return [self.proposals.entity(described, "organization")], phrase.end
            body = self._body(phrase.office, words[first:phrase.end], country)
            if body:
                return [body], phrase.end
            return [self.proposals.entity(described, "organization", name_en=office_label(phrase.office, country),
                                          affiliation_id=affiliation)], phrase.end
        if phrase.kind == "document" and phrase.party_ids:
            return [phrase.party_ids[0]], phrase.end  # بيان للاتحاد الأوروبي: the body that issued it
        if phrase.kind == "document" and (found := issuer(words, first + 1, self._lists))[1] > found[0]:
            # افتتاحية صحيفة غارديان، تقرير مؤسسة النقد، بيان صادر عن السفارة الأميركية: the body whose document it is
            body = self._written(text, normalized, start, end, tokens, *found, 0)
            issuer_id = self._issued[words[first].removeprefix("ال")] = self.proposals.entity(body, "organization")
            return [issuer_id], found[1]
        if phrase.kind == "singular" and words[first] in _OFFICIAL and country is not None and phrase.end == first + 2:
            taken = self._last_of(country, None, at)  # وقال المسؤول التركي: the Turkish official named before
            if taken:
                return [taken], phrase.end
        # A definite description of one may take up an entity named before (المصدر، الوثائق);
        # a plural one (المسؤولون) names a group of its own (guidelines §4: groups are not merged).
        if phrase.kind in ("singular", "document") and words[first].startswith("ال") and phrase.end == first + 1:
            taken = self._issued.get(words[first][2:]) or self._anaphor(words[first][2:], at)
            if not taken and words[first] not in _UNNAMED and self.article is not None:
                # وقال الناشط after الناشط الإيراني تقي رحماني: the one person the article names after it
                if (words[first], None) not in self._office_names:
                    named = office_names(words[first], None, self.article, self._lists, self.parties, self.index.states,
                                         self._name_end)
                    written = next(iter(named.values()))[0] if len(named) == 1 else _TANWIN_FATH
                    # (a name of two words or more, with no preposition attached: القرار القاضي بإنشاء هيئة is no judge)
                    self._office_names[(words[first], None)] = self.proposals.entity(written, "person") \
                        if _TANWIN_FATH not in written and " " in written and written[0] not in "وبل" \
                        and not _POSSESSED_RE.search(written) else None
                taken = self._office_names[(words[first], None)]
            if not taken and words[first] == "المصدر" and at is not None:
                taken = self._unnamed_before(at)  # وقال أحد العاملين في الميناء ... وأضاف المصدر
            if taken:
                return [taken], phrase.end
        if phrase.kind == "plural" and words[first].startswith("ال") and phrase.end == first + 1:
            # قال علماء ... وقال العلماء: the group this article described before.
            taken = self._proposed(words[first][2:])
            if taken:
                return [taken], phrase.end
        kind = {"plural": "group", "document": "document", "organisation": "organization"}.get(phrase.kind, "unknown")
        return [self.proposals.entity(described, kind, affiliation_id=affiliation)], phrase.end

    def _named_by_surname(self, word: str) -> str | None:
        """The one registry person the article names whose name ends in ``word`` (وإيوايا after تاكيشي إيوايا)."""
        candidates = self.index.surnames.get(word)
        if not candidates:
            return None
        named = {entity_id for entity_id, full in candidates if full in self.article_norm}
        return next(iter(named)) if len(named) == 1 else None

    def person_by_family_name(self, word: str) -> str | None:
        """The person the article names with this family name (matching form): one drafted already, the registry
        person named in full, or the one full name the article writes with it (:func:`.article_names.full_name_of`)."""
        known = self.proposals.person_named(word) or self._named_by_surname(word)
        if known:
            return known
        full = full_name_of(word, self.article, self._lists) if self.article is not None else None
        return self.proposals.entity(full, "person") if full is not None else None

    def _named_in_office(self, office: Office, affiliation: str | None) -> str | None:
        """A new person the article names, somewhere, in ``office`` (of ``affiliation``, when given):
        وأضاف الأمين العام ... after ... مع الأمين العام لحلف الناتو مارك روته. Only when one person is
        (:func:`.article_names.office_names`), or else one counterpart (:func:`.article_names.counterparts`)."""
        if self.article is None:
            return None
        key = (office.en, affiliation)
        if key not in self._office_names:
            self._office_names[key] = None
            found = office_names(office, affiliation, self.article, self._lists, self.parties, self.index.states,
                                 self._name_end)
            if not found and affiliation is not None:
                found = counterparts(office, affiliation, self.article, self._lists)
            if len(found) == 1:
                written, role, of = next(iter(found.values()))
                self._office_names[key] = self.proposals.entity(written, "person", role=role, affiliation_id=of)
        return self._office_names[key]

    def _name_end(self, text: str, normalized: Normalized, start: int, tokens: Sequence[tuple[int, int, str]],
                  words: Sequence[str], first: int, end: int) -> int:
        """Where a new person's name ends: past a last word the matching form took for a common noun.

        The matching form writes ة as ه, so a name run stops at a word in ه (a ta marbuta noun after a name). A word
        written with ه itself (روته), right before the phrase ends, a stop word or an attached ل (وقال مارك روته إن
        ...، للصحفيين), is the name's last word.
        """
        lists = self._lists
        if end >= len(words) or end - first >= lists.max_name_words:
            return end
        word = words[end]
        following = words[end + 1] if end + 1 < len(words) else None
        if HOUSE_OF not in words[first:end] and (  # (after آل خليفة, البحريني is his nationality)
                family_name(word, following, lists, introduced=first > 0 and words[first - 1] in HONORIFICS_OF_A_NAME)
                or (family_name(word, None, lists, introduced=True) and self._said_alone(word))
                or (following is None and end + 1 == len(words) and end - first > 1 and word.startswith("ال")
                    and word.endswith("ين") and not word.endswith("يين") and word not in lists.stops
                    and _THEN_WHAT_WAS_SAID_RE.match(text, text_offset(normalized, start, tokens[end][1])))):
            # (محمد بن سليمان الحسين، أن ...: a name of two words or more, then a word in ين right before a comma and
            # what was said: the family name, not the plural object the ending may be)
            # (وزير الخارجية عادل الجبير خلال ...: a family name before a stop word, since the article writes وقال الجبير)
            return end + 1
        if word == "علي" and text[text_offset(normalized, start, tokens[end][1]) - 1] == "ي" and (
                following is None or (name_like(following, lists.titles, lists.stops) and following not in lists.verbs)):
            # محمد علي جعفري، وقال محمد علي إن: علي written with ي (the name), where the matching form reads على (on)
            return end + 1 if following is None else self._name_end(text, normalized, start, tokens, words, first, end + 2)
        if not word.endswith("ه") or not name_like(word, lists.titles, lists.stops) or word in lists.verbs \
                or (following is not None and following not in lists.stops and not following.startswith("ل")):
            return end
        written_end = text_offset(normalized, start, tokens[end][1])
        written = text[text_offset(normalized, start, tokens[end][0]):written_end]
        # (a word in ة before قد is a name's last word too: وكان وزير النقل بدر باسلمة، قد أبلغ: a subject, then قد)
        return end + 1 if written.endswith("ه") or _BEFORE_QAD_RE.match(text, written_end) else end

    def _said_alone(self, word: str) -> bool:
        """Whether the article writes a definite ``word`` right after a verb of saying (وقال الجبير، وأضاف الحاج), and it
        is no description, office, body or a description's dual: a family name used alone, as a speaker is named again."""
        found = self._said_by.get(word)
        if found is None:
            lists = self._lists
            found = not self._is_dual_description(word) and not any(
                word in table or word[2:] in table for table in (
                    lists.singular, lists.plural, lists.documents, lists.organisations, lists.offices, lists.bodies)) \
                and written_after_a_verb(word, self.article_norm, lists.verbs)
            self._said_by[word] = found
        return found

    def _in_a_place(self, word: str, words: int) -> bool:
        """Whether a name's first word (of ``words``) is ب, or ل before two words, and a word the article writes alone too
        (بجدة، لفلوريدا جيب بوش: جدة، فلوريدا), a place rather than a name in ب or ل (بختيار، ليونيد)."""
        return (word[:1] == "ب" or (word[:1] == "ل" and words > 2)) and len(word) > 3 and f" {word[1:]} " in f" {self.article_norm} "

    @staticmethod
    def _written(text: str, normalized: Normalized, start: int, end: int, tokens: Sequence[tuple[int, int, str]],
                 first: int, last: int, skip: int) -> str:
        """The text as written of words ``first`` to ``last`` of the window (``skip`` letters dropped at its start)."""
        return text[text_offset(normalized, start, tokens[first][0] + skip):text_offset(normalized, start, tokens[last - 1][1])
                    ].strip()

    def _role(self, phrase: Phrase) -> tuple[str | None, str | None]:
        """A new person's role and affiliation from the office and country before the name."""
        country = phrase.country
        affiliation = country.entity_id if country is not None else (phrase.party_ids[0] if phrase.party_ids else None)
        if phrase.kind == "office" and phrase.office is not None:
            return office_label(phrase.office, country), affiliation
        return None, affiliation

    def _is_dual_description(self, word: str) -> bool:
        """A definite dual of a description or an office (المسؤولان، الوزيران)."""
        lists = self._lists
        return word.startswith("ال") and word.endswith("ان") and (word[:-2] in lists.singular or word[:-2] in lists.offices)

    def _sides(self, at: int | None) -> list[str]:
        """The two speakers named together last before ``at`` (أعلن كل من «...» و«...»), or []."""
        together = [(offset, ids) for offset, ids in self._named_at if len(ids) == 2 and (at is None or offset < at)]
        return list(max(together, key=lambda item: item[0])[1]) if together else []

    def pair(self, at: int | None) -> list[str]:
        """The two people named last before ``at`` (an article matching-form offset), in the order named:
        registry people named anywhere, and new people named as speakers."""
        offsets, ids = self._named()
        limit = len(offsets) if at is None else bisect.bisect_left(offsets, at)
        named = [(offset, entity_id) for offset, entity_id in zip(offsets[:limit], ids[:limit], strict=True)
                 if self.index.kinds.get(entity_id) == "person"]
        proposed = self.proposals.entities
        named += [(offset, entity_id) for offset, spoken in self._named_at if at is None or offset < at
                  for entity_id in spoken if entity_id in proposed and proposed[entity_id].kind == "person"]
        found: list[str] = []
        for _, entity_id in sorted(named, reverse=True):
            if entity_id not in found:
                found.append(entity_id)
                if len(found) == 2:
                    return found[::-1]
        return []

    def _holder(self, office: Office, country: Country | None, at: int | None) -> str | None:
        """The registry person who holds ``office`` (of ``country``), if one can be told."""
        if office.role is None:
            return None
        wanted = country.entity_id if country is not None else None
        candidates = [entity_id for entity_id, role, of in self.index.holders
                      if office.role.search(role) and (wanted is None or of == wanted)]
        if not candidates:
            return None
        self.catch_up()
        last = [c for c in self.last if c in candidates]
        if len(last) == 1:
            return last[0]
        named = self.named_near(candidates, at)
        if named:
            return named[0]  # the holder the article named last
        return None

    def full_name_ending(self, quoted: str) -> str | None:
        """The one full name, as written, that the article writes ending in ``quoted`` (two to four words, matching
        form: ولد الشيخ أحمد in إسماعيل ولد الشيخ أحمد), or None."""
        words = quoted.split()
        if self.article is None or not 2 <= len(words) <= 4 or quoted not in self.article_norm:
            return None
        return name_ending_in(words, self.article, self._lists)

    def _unnamed_before(self, at: int) -> str | None:
        """The speaker named last before ``at``, when it is one described, not named (أحد العاملين في الميناء)."""
        before = max(((offset, ids) for offset, ids in self._named_at if offset < at), default=None, key=lambda o: o[0])
        if before is None or len(before[1]) != 1:
            return None
        entity = self.proposals.entities.get(before[1][0])
        return entity.entity_id if entity is not None and entity.kind == "unknown" and entity.role is None else None

    def _last_of(self, country: Country, office: Office | None, at: int | None) -> str | None:
        """The person of ``country`` the article named last before ``at`` (a registry holder of an office, or a new
        person named as a speaker with the country), in an office of ``office``'s kind when given."""
        if at is None:
            return None
        pattern = office.role if office is not None else None
        if office is not None and pattern is None:
            return None
        best: tuple[int, str] | None = None
        holders = {entity_id for entity_id, role, of in self.index.holders
                   if of == country.entity_id and (pattern is None or pattern.search(role))}
        if holders:
            offsets, ids = self._named()
            for offset, entity_id in zip(offsets[:bisect.bisect_left(offsets, at)], ids, strict=False):
                if entity_id in holders:
                    best = (offset, entity_id)
        for offset, entity_id, of, role in self._of_country:
            if offset < at and of == country.entity_id and (pattern is None or pattern.search(role)) \
                    and (best is None or offset > best[0]):
                best = (offset, entity_id)
        return best[1] if best is not None else None

    def _body(self, office: Office, written: Sequence[str], country: Country | None) -> str | None:
        """The registry body of ``country`` whose name starts as the body phrase (or its full form)."""
        forms = {" ".join(written), " ".join(office.head)}
        wanted = country.entity_id if country is not None else None
        for entity_id, names, of in self.index.bodies:
            if of != wanted or entity_id == wanted:
                continue
            if any(name.startswith(form) for name in names for form in forms if len(form.split()) > 1 or name == form):
                return entity_id
        return None

    def _anaphor(self, head: str, at: int | None) -> str | None:
        """An entity named before whose name starts with ``head`` (المصدر -> مصدر مقرب من التحقيقات)."""
        candidates = list(self.index.heads.get(head, ()))
        if candidates:
            named = self.named_near(candidates, at)
            if named:
                return named[0]
        return self._proposed(head)

    def _proposed(self, head: str) -> str | None:
        """The entity (not a person) this draft proposed last whose name starts with ``head`` (ال aside)."""
        for entity_id, entity in reversed(self.proposals.entities.items()):
            first = matching_short(entity.names_ar[0]).split()[0]
            if (first[2:] if first.startswith("ال") else first) == head and entity.kind != "person":
                return entity_id
        return None

    # ------------------------------------------------------------------ carried over

    def catch_up(self) -> None:
        """Take the subjects of the sentences read since the last named speaker (see ``pending``)."""
        for normalized, start, end in self.pending:
            # (The first words are all it reads.)
            subject = self.subject_of_sentence(window_norm(normalized, start, min(end, start + 80)))
            if subject:
                self.last = subject
        self.pending.clear()

    def subject_of_sentence(self, norm: str) -> list[str]:
        """A registry person who opens a sentence (كيشي قام ...، وسئل كيري ...): the sentence's subject."""
        words = norm.split(maxsplit=4)[:4]
        starts = self.persons.starts
        if not words or not (starts(words[0]) or (len(words) > 1 and starts(words[1]))):
            return []  # (most sentences: neither of the first two words starts a name)
        found = self.persons.match(words)
        if found and (found[0][0] == 0 or (found[0][0] == 1 and words[0][:1] in ("و", "ف"))) \
                and not self._spoken_to(words[found[0][0]:found[0][1]]):
            return [found[0][2]]
        return []

    def _spoken_to(self, words: Sequence[str]) -> bool:
        """Whether a registry person's name is written with ل attached (قال لشي، أكد لكيري): the one spoken to."""
        return bool(words) and words[0][:1] == "ل" and self.persons.match_start([words[0][1:], *words[1:]]) is not None
