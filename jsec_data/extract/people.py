"""Who a phrase names: offices, bodies, descriptions and names, with their country.

The words are package data, read on first use into :class:`PeopleWords`
(:mod:`jsec_data.extract.people_words`, re-exported here). :func:`parse_phrase`
reads the words that name a speaker (after a cue, after بحسب, or before a present-tense
verb) in the matching form: an office (وزير الخارجية، السفير), a body (وزارة الخارجية), a
description (مصدر، المسؤولون), its country (an adjective: الصيني; or a state's name: وزير
خارجية اليابان), its complements (لدى اليابان، باسم الوزارة، من القنبلة), and the name
after them (a registry name, else a run of name-like words). What the phrase refers to is
decided by :mod:`jsec_data.extract.speakers` with the registry.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jsec_data.core.text import normalize_for_matching
from jsec_data.extract.lexicon import related_by, said_nouns
from jsec_data.extract.names import Gazetteer
from jsec_data.extract.people_words import Country, Office, PeopleWords, people_words

__all__ = ["HONORIFICS_OF_A_NAME", "HOUSE_OF", "TIMES_OF_DAY", "Country", "Office", "PeopleWords", "Phrase", "country_at", "family_name",
           "name_like", "office_starts", "parse_phrase", "people_words", "related_by_word"]


_NAME_LIKE_RE = re.compile(r"[\u0621-\u064a\-]+")
#: Pronouns of an addressee that may stand between a cue and its speaker (وقال له فلان).
_ADDRESSEE = frozenset({"له", "لها", "لهم", "لهما", "لنا", "لي"})
#: Honorifics that may stand before an office (معالي الوزير، سمو نائب أمير المنطقة), matching form.
#: Honorifics that introduce a name (matching form).
HONORIFICS_OF_A_NAME = frozenset({"السيد", "السيده", "الدكتور", "دكتور", "الشيخ", "الملا", "البروفيسور", "الاستاذ",
                                  "الامير", "المهندس", "د",  # (د. for الدكتور)
                                  # Arabic military and police ranks (اللواء منصور التركي، العميد أحمد عسيري)
                                  "اللواء", "العميد", "العقيد", "المقدم", "الرايد", "النقيب", "الملازم", "المشير"})
_BEFORE_AN_OFFICE = frozenset({"معالي", "سمو", "صاحب", "السمو", "الملكي", "فضيله", "سماحه", "سعاده"})
#: "Called" (يدعى، تسمى ...) after a description: the name follows (matching form).
_NAMED_VERBS = frozenset({"يدعي", "تدعي", "يسمي", "تسمي"})
#: Words of an office's complement read past when an honorific or a rank then introduces its holder.
_MAX_SKIPPED_COMPLEMENT = 6
#: Bodies of a town or region that an office belongs to with ب attached (المتحدث بشرطة ...، مدير التعليم بمحافظة ...).
_BODIES_OF_A_PLACE = frozenset({"شرطه", "محافظه", "منطقه", "مديريه", "بلديه", "وزاره", "سفاره", "قنصليه", "اماره",
                                "امانه", "غرفه", "كليه", "مستشفي", "جامعه", "هييه", "لجنه", "ولايه", "مقاطعه", "اقليم", "مصرف", "بنك"})
#: "In its (their) name" (matching form): a spokesperson's complement that points back (المتحدث باسمها جون كيربي).
_IN_ITS_NAME = frozenset({"باسمه", "باسمها", "باسمهم", "باسمهما"})
#: "For the affairs of" (matching form): an office's field, then its definite genitive (لشؤون البيئة).
_AFFAIRS = frozenset({"لشوون", "للشوون"})
#: Prepositions that attach a complement to an office or a description (السفير الصيني لدى اليابان،
#: المتحدث باسم الوزارة، الناجية من القنبلة, أستاذ في جامعة).
_COMPLEMENT_PREPOSITIONS = frozenset({"لدي", "في", "باسم", "من", "عن"})
#: Days and times of day (matching form): they end a description (قال دبلوماسيون غربيون الجمعة إن ...,
#: مسؤول إيراني الليلة الماضية) and are no verb's object (أعلنت الوزارة الجمعة أن ...). Not stop words in general:
#: الجمعة and الخميس are also family names.
TIMES_OF_DAY = frozenset(normalize_for_matching(
    "السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة الليلة صباح مساء ظهر فجر غدا").split())
#: Time words that may follow a person's name before what was said (وقال محمد العتيبي أمس إن ...), matching form.
_TIME_AFTER_A_NAME = TIMES_OF_DAY | frozenset(normalize_for_matching("أمس اليوم يوم").split())
_MAX_NAME_WORDS = 4
#: Particles of European names (دي ميستورا، دا سيلفا، فون دير لاين), أبو of a kunya (أبو هريرة), عبد and بن: the word
#: after one is part of the name, whatever it looks like (ميستورا is no participle, هريرة no common noun, تركي in بن
#: تركي no adjective).
_NAME_PARTICLES = frozenset({"دي", "دا", "دو", "ديل", "فون", "ابو", "وابو", "عبد", "وعبد", "بن", "ابن", "بنت"})
#: آل, a family's «house», in the matching form (سلمان آل خليفة): inside a name, a particle before the family's name.
HOUSE_OF = "ال"
#: First halves of two-word names whose second word has ال (عبد الله; ولد of Mauritanian names, ولد الشيخ أحمد; أبو
#: بكر is not one: بكر has none).
_COMPOUND_HEADS = frozenset({"عبد", "ابو", "وعبد", "وابو", "ولد"})
#: The second word of a compound given name (نور الدين، أمين الدين، ولي الله، فضل الله), matching form; not after a
#: description (رجل الدين: a cleric). With الله, only after the words that make such names (not نحمد الله، رحمه الله).
_COMPOUND_TAILS = frozenset({"الدين", "الله"})
_GOD_NAME_HEADS = frozenset(normalize_for_matching(
    "ولي فضل نصر ضيف عطا عطاء هبة ذبيح جار خير حسب سعد فتح عوض رزق جاد دخيل حمد سيف نور").split())
#: An active participle used as an adverb (مخاطبا، مضيفا، مؤكدا), or a verbal noun (اهتمام، استعداد).
_PARTICIPLE_RE = re.compile(r"^(?:م\w{3,}ا|ا\wت\wا\w|است\w\wا\w)$")
#: A verbal noun of the افتعال or استفعال pattern with a pronoun attached (استنكاره، استعداده، اهتمامها): what
#: someone expressed, the verb's object, never the first word of a name (انتصار alone is a given name).
_POSSESSED_VERBAL_NOUN_RE = re.compile(r"^(?:ا\wت\wا\w|است\w\wا\w)(?:ه|ها|هم|هما|نا)$")


def family_name(word: str, following: str | None, lists: PeopleWords, *, introduced: bool = False) -> bool:
    """Whether a word with ال after a new person's name is its family name (سلمان العودة: ...، طلال الفهد رئيس ...):
    the phrase's last word (``following``, the next word, is None: the phrase ends at punctuation or a
    complementiser; or a title, a description or an office, in apposition: خالد القدومي ممثل حركة حماس; or a verbal
    noun that opens what was said: وأكد محمد العلي أهمية ...),
    and no country's adjective (الأمريكي; unless an honorific or a rank ``introduced`` the name: اللواء منصور التركي),
    other adjective (-ية، -ون، السابق), day or time (الجمعة), title, office or verb; a nisba in -ي is a family name
    there (محمد السلمي، عادل الكلباني), and so is one in -ان at the phrase's end (الشيخ علي الحرقان أن ...). Not before a
    stop word or ل: there it is the verb's object (أدان نتنياهو الاتفاق مع ...), unless an honorific ``introduced`` the
    name, or a time word follows, and the word is a nisba in -ي (الدكتور فهد العنزي بالتصدي، الشيخ حسين العلي في ...،
    وقال محمد العتيبي اليوم إن ...)."""
    return (word.startswith("ال") and len(word) > 4 and word not in lists.stops and word not in lists.titles
            and word not in TIMES_OF_DAY and word not in lists.verbs and word not in lists.offices
            and not word.endswith(("يه", "يون", "يين", "ين", "ون", "ات"))
            and not (word.endswith("ان") and following is not None)
            and not (word.endswith("ي") and (_is_adjective_word(word) or (
                not introduced and country_at([word], 0, lists)[1] is not None)))
            and (following is None or following in lists.titles or following in said_nouns() or following in lists.singular
                 or following in lists.offices
                 or ((introduced or following in _TIME_AFTER_A_NAME) and word.endswith("ي"))
                 or (introduced and following == "في")))  # (العميد عادل الحشاش في تصريح له)


def name_like(word: str, titles: frozenset[str], stops: frozenset[str] = frozenset()) -> bool:
    """Whether a word (matching form) may be part of a name: Arabic letters, no ال, not a title or stop word."""
    return (
        len(word) > 1
        and word not in titles
        and word not in stops
        and not (word[0] in "وف" and (word[1:] in stops or word[1:] in titles))  # (وفي، ونظراؤه)
        and not word.startswith(("ال", "بال", "وال", "كال", "فال", "لل"))
        and _NAME_LIKE_RE.fullmatch(word) is not None
    )


@dataclass(slots=True)
class Phrase:
    """What a speaker phrase holds: word positions are indices into the words parsed.

    ``head`` is the office, body or description phrase (``kind``: office, body, singular,
    plural; None when the phrase starts with a name), ``country`` the state it names,
    ``end`` where the head and its complements end, and ``names`` the name runs after
    them (several when joined by و), as (first, past-last) word positions.
    """

    kind: str | None
    office: Office | None
    start: int  # first word of the phrase (after an addressee pronoun)
    end: int
    country: Country | None
    names: list[tuple[int, int]]
    party_ids: list[str]  # registry parties named inside the head's complements (لحلف الناتو، لدى اليابان)
    definite: bool = False  # made definite by ال or a definite genitive (وزير الخارجية، وزير خارجية مصر): one known one

    @property
    def stop(self) -> int:
        """Where the whole phrase (name included) ends."""
        return self.names[-1][1] if self.names else self.end


def _longest(table: Mapping[str, Sequence[tuple[tuple[str, ...], Any]]], words: Sequence[str], at: int) -> tuple[int, Any]:
    """(end, value) of the longest phrase of ``table`` starting at ``words[at]``; (at, None) if none."""
    if at < len(words):
        for phrase, value in table.get(words[at], ()):
            if tuple(words[at:at + len(phrase)]) == phrase:
                return at + len(phrase), value
    return at, None


def country_at(words: Sequence[str], at: int, lists: PeopleWords | None = None) -> tuple[int, Country | None]:
    """(end, country) of a nisba adjective at ``words[at]`` (الصيني، الكوري الجنوبي); (at, None) if none."""
    return _longest((lists or people_words()).adjectives, words, at)


@functools.cache
def office_starts(label: str) -> frozenset[str]:
    """The first words of every form of the office labelled ``label`` (where an occurrence of it can start)."""
    return frozenset(first for first, entries in people_words().offices.items()
                     if any(office.en == label for _, office in entries))


def _party_at(words: Sequence[str], at: int, parties: Gazetteer | None) -> tuple[int, str | None]:
    """(end, id) of a registry party (state, organisation) named from ``words[at]`` (with ل/ب/و attached); else (at, None)."""
    if parties is None or at >= len(words):
        return at, None
    found = parties.match(words[at:at + 6])
    if found and found[0][0] == 0:
        return at + found[0][1], found[0][2]
    return at, None


def parse_phrase(words: Sequence[str], parties: Gazetteer | None = None, states: Mapping[str, Country] | None = None,
                 *, lists: PeopleWords | None = None) -> Phrase:
    """Read the speaker phrase at the start of ``words`` (matching form, the words after a cue).

    ``parties`` finds registry states and organisations inside complements (وزير خارجية
    اليابان، الأمين العام لحلف الناتو); ``states`` maps registry state ids to countries.
    Reading stops at the first word that is none of the phrase's parts; the caller reads
    only words before a stop word, a complementiser or punctuation.
    """
    lists = lists or people_words()
    titles, stops = lists.titles, lists.stops
    count = len(words)
    country: Country | None = None
    group = False  # a group named by a nisba plural: only adjectives follow it (رفض الجمهوريون الاتفاق)
    start = 1 if count > 1 and words[0] in _ADDRESSEE else 0
    honorific = start
    while honorific < count - 1 and words[honorific] in _BEFORE_AN_OFFICE:
        honorific += 1
    if honorific > start and _longest(lists.offices, words, honorific)[1] is not None:
        start = honorific  # معالي الوزير، سمو نائب أمير المنطقة: the office is the phrase
    at = start
    kind: str | None = None
    end, office = _longest(lists.offices, words, at)
    if office is not None and end == at + 1 and words[end:end + 1] == ["الدين"]:
        end, office = at, None  # أمين الدين حامدي: a compound given name, not the office أمين
    if office is not None:
        kind = "office"
    else:
        end, office = _longest(lists.bodies, words, at)
        if office is not None:
            kind = "body"
        elif at < count and words[at] in lists.organisations and at + 1 < count and (
                name_like(words[at + 1], titles, stops) or (
                    words[at + 1].startswith("ال") and not words[at].startswith("ال") and words[at + 1] not in stops
                    and words[at + 1] not in TIMES_OF_DAY)):
            # موقع ويكيليكس، وكالة كيودو، منظمة العمل الدولية: a body named after its kind (الوكالة الأميركية is
            # left to the descriptions: it may take up an agency named before)
            kind, end = "organisation", at + 1
        elif at + 2 < count and words[at].startswith("ال") and _is_body_head(words[at][2:], lists) \
                and words[at + 1].startswith("ال") and words[at + 1] not in stops and _for_what(words[at + 2]):
            # اللجنة العامة للانتخابات البلدية، المرصد السوري لحقوق الإنسان: a body named by its kind, an adjective and
            # what it is for (not الوكالة الأميركية alone: that may take up an agency named before).
            kind, end = "organisation", at + 1
        elif at < count and words[at] in lists.documents:
            kind, end = "document", at + 1
        elif at < count and _in_accusative(words[at], lists.plural):
            kind, end = "plural", at + 1
        elif at + 1 < count and words[at + 1].endswith(("يون", "يين")) and not words[at + 1].startswith("ال") \
                and name_like(words[at], titles, stops) and country_at(words, at + 1, lists)[1] is not None:
            # سياسيون يمنيون، ناشطون سوريون: an indefinite plural noun, then its people's adjective (not a name, then
            # a definite plural: its object, عباس الإسرائيليين)
            kind, end = "plural", at + 1
        elif at < count and _is_group_of_people(words[at]):
            kind, end, group = "plural", at + 1, True
            country = country_at(words, at, lists)[1]  # اليابانيون، الأمريكيون: people of a country
        elif at < count and _in_accusative(words[at], lists.singular):
            kind, end = "singular", at + 1  # (مصدر؛ لكن مصدرًا مقربا ...: the accusative after لكن، إن)
    party_ids: list[str] = []
    # A description made definite by a definite genitive (زعيم المعارضة، مدير الشركة، مساعد الناطق) may have a name after
    # it, as an office does; an indefinite one (مصدر مقرب، مسؤول أمريكي كبير) never has.
    # (one of them, أحدهم: made definite by its pronoun, so a name may follow it)
    definite = start < count and (words[start].startswith("ال") or words[start] in _ONE_OF_THEM)
    if kind == "office":
        definite = definite or any(word.startswith("ال") for word in words[start:end])  # وزير الخارجية: its own genitive
    if kind is None:
        # Honorifics and ranks alone (السيد، الجنرال) lead to a name; so does nothing at all.
        while end < count and words[end] in titles and words[end] not in stops and words[end + 1:end + 2] != ["الدين"]:
            end += 1  # (not أمين of أمين الدين حامدي: a compound given name)
    else:
        # an office in the construct state takes a genitive (not one with a pronoun, أحدهم)
        construct = not words[end - 1].startswith("ال") and words[end - 1] not in _ONE_OF_THEM
        named_place = False  # the last word read was a genitive place name (مكة ...)
        of_a_body = False  # a genitive read was a definite kind of body (رئيس الاتحاد ...)
        while end < count:
            word = words[end]
            if word in TIMES_OF_DAY:
                break
            after, adjective = country_at(words, end, lists)
            if adjective is not None:
                country = country or adjective
                end, construct = after, False
                continue
            after, party = _party_at(words, end, parties)
            if party is not None and (construct or word[0] == "ل" or word.startswith("بال")):
                # وزير خارجية اليابان (a genitive), الأمين العام لحلف الناتو (attached ل), منسق السياسة
                # الخارجية بالاتحاد الأوروبي (attached ب: "in").
                party_ids.append(party)
                if states is not None and party in states and country is None:
                    country = states[party]
                definite = definite or construct
                end, construct = after, False
                continue
            if kind == "singular" and word in _NAMED_VERBS and end + 1 < count:
                end, definite = end + 1, True  # رجل يدعى ماركوس ناسيمنتو: "a man called", then his name
                break
            pair = " ".join(words[end:end + 2]) if end + 1 < count else ""
            if construct and country is None and kind in ("office", "body") and (
                    pair in lists.state_names or word in lists.state_names):
                # وزير خارجية مصر، رئيس جنوب السودان: a state the registry lacks, named in the genitive
                size = 2 if pair in lists.state_names else 1
                country, definite, end, construct = lists.state_names[pair if size == 2 else word], True, end + size, False
                continue
            if construct and (word.startswith("ال") or name_like(word, titles, stops)) and word not in lists.offices \
                    and not word.endswith(("ها", "هم", "هما")) and word not in stops:  # (وثيقة إلى أن: no genitive)
                # (a place's name after a kind of body makes the chain definite: نائب رئيس شرطة كابول)
                definite = definite or (word.startswith("ال") and word not in HONORIFICS_OF_A_NAME) or (
                    not word.startswith("ال") and end > start + 1 and words[end - 1] in _BODIES_OF_A_PLACE)
                # رئيس بلدية هيروشيما: one genitive, a place or a definite noun; after a kind of body or place, its own
                # (رئيس جهاز الأمن القومي، بشرطة منطقة مكة)
                end, construct = end + 1, not word.startswith("ال") and (
                    word in lists.organisations or word in _BODIES_OF_A_PLACE or word in lists.bodies)
                named_place = not word.startswith("ال") and not construct
                of_a_body = of_a_body or (word.startswith("ال") and _is_body_head(word[2:], lists))
                continue
            if named_place and word.startswith("ال") and word.endswith("ه") and word not in stops:
                # منطقة مكة المكرمة، المدينة المنورة: the place's own adjective; مسؤول عمليات الإغاثة: the genitive's own
                # genitive. Either way the phrase is definite (a name may follow), unless a preposition was attached to
                # the word before (قيادي بصحة المنطقة حق ...: no genitive).
                end, named_place, definite = end + 1, False, definite or not (
                    words[end - 1][0] in "بل" or (words[end - 1][0] == "و" and len(words[end - 1]) > 3))
                continue
            named_place = False
            if kind in ("office", "singular") and word[:1] == "ب" and len(word) > 4 and (
                    word[1:] in lists.organisations or word[1:] in _BODIES_OF_A_PLACE):
                end, construct = end + 1, True  # الناطق الإعلامي بشرطة منطقة مكة: "of the police of", then its genitive
                continue
            if word in _IN_ITS_NAME and kind in ("office", "singular") and end + 1 < count:
                end, construct, definite = end + 1, False, True  # المتحدث باسمهم جيمس قاديت: "for them", then the name
                continue
            if word in _AFFAIRS and kind in ("office", "singular") and end + 1 < count and words[end + 1].startswith("ال"):
                end += 2  # الوكيل المساعد لشؤون البيئة، مستشار الرئيس للشؤون الأمنية: the office's field
                while end < count and words[end].startswith("ال") and words[end] not in stops:
                    end += 1
                continue
            if word in _COMPLEMENT_PREPOSITIONS and end + 1 < count:
                after, party = _party_at(words, end + 1, parties)
                if party is not None:
                    party_ids.append(party)
                    end = after
                    continue
                if words[end + 1].startswith("ال") or (word == "من" and words[end + 1] in lists.plural):
                    end += 2  # الناجية من القنبلة، المتحدث باسم الوزارة، عدد من خبراء العقار
                    while end < count and words[end].startswith("ال") and words[end] not in stops:
                        end += 1
                    continue
                if word == "باسم" and end + 1 < count:
                    inner, body = _longest(lists.bodies, words, end + 1)
                    if body is not None:
                        end = inner
                        continue
                break
            if word in titles and word not in stops and kind != "document" and not group:
                # الجنرال، السيد after the office; a definite one closes a construct (مساعد الناطق: no more genitive)
                # (a name after an honorific genitive is the genitive's: محامي السيدة لي is Mrs Li's lawyer; after the
                # genitive, an honorific in apposition introduces the holder's: زعيم طالبان الملا محمد عمر)
                definite = definite or (construct and word.startswith("ال") and word not in HONORIFICS_OF_A_NAME) or (
                    not construct and word in HONORIFICS_OF_A_NAME)
                end, construct = end + 1, construct and not word.startswith("ال")
                continue
            if kind == "organisation" and _for_what(word):
                end, construct = end + 1, False  # (اللجنة العامة) للانتخابات (البلدية): what the body is for
                continue
            if of_a_body and (_for_what(word) or (len(word) == 4 and word[0] == "ل" and word not in stops)):
                # رئيس الاتحاد الآسيوي لكرة القدم سلمان آل خليفة: what the office's body is for, with its genitive;
                # مدير المنطقة الشمالية لشركة تويوتا رضا الغزاوي: the company it is of, with the company's name
                end, construct = end + 1, False
                if word[1:] in lists.organisations and end < count and name_like(words[end], titles, stops):
                    end += 1
                while end < count and words[end].startswith("ال") and words[end] not in stops:
                    end += 1
                continue
            if kind == "document" and (word.startswith("لل") or (word in ("صادر", "الصادر") and end + 1 < count)):
                end, construct = end + 1, False  # استطلاعات للرأي، بيان صادر عن ...
                continue
            if word.startswith("وال") and len(word) > 5 and end > start + 1 and words[end - 1].startswith(("ال", "لل")) \
                    and kind in ("office", "singular", "body", "organisation") and _coordinated_genitive(word[1:], lists) \
                    and words[end - 1] not in lists.offices and _is_adjective(word[1:]) == _is_adjective(words[end - 1]):
                # (an adjective joins an adjective, a noun a noun: نائب الرئيس التنفيذي والمشرف العام is two offices)
                end += 1  # وزير الخارجية والتعاون الدولي، للسياحة والتراث الوطني: a genitive joined to the one before
                continue
            if kind == "organisation" and related_by_word(word, words[end + 1] if end + 1 < count else "", stops):
                break  # حركة الشباب المنضوية في إطار تنظيم القاعدة: what the body is affiliated to, not its name
            if word.startswith("ال") and word not in stops and kind in ("office", "singular", "plural", "organisation") and (
                _is_adjective(word) or (kind != "office" and not group)
            ):
                end += 1  # المصور المستقل، المسؤولون اليابانيون
                continue
            if kind in ("singular", "plural") and not definite and name_like(word, titles, stops) and end == start + 1:
                end += 1  # مصدر مقرب: an indefinite description takes adjectives, not a name
                continue
            if kind == "document" and word not in stops:
                end += 1  # وثائق نشرها موقع ويكيليكس: a document is described up to a stop word
                continue
            break
    if kind in ("office", "singular") and end < count and words[end] not in HONORIFICS_OF_A_NAME:
        # مدير مستشفى الملك فهد الدكتور سامي العلي: complements the loop could not read, then an honorific or a rank
        # that introduces the holder's name: the office runs up to it.
        for ahead in range(end, min(count - 1, end + _MAX_SKIPPED_COMPLEMENT)):
            if (words[ahead] in stops and not (words[ahead] == "في" and _is_body_word(words[ahead + 1], lists))) \
                    or words[ahead] in TIMES_OF_DAY:
                break  # (في and a body is read past: مدير الإعلام الأمني في وزارة الداخلية الكويتية العميد عادل الحشاش)
            if words[ahead] in HONORIFICS_OF_A_NAME:
                after = ahead + 1
                while after < count - 1 and words[after] in titles and words[after] not in stops:
                    after += 1  # العميد ركن طيار أحمد عسيري: the rank's own words, then the name
                if name_like(words[after], titles, stops):
                    end, definite = after, True
                    break
    if kind in ("office", "singular") and definite and end + 1 < count:
        end = _past_the_body_of(words, end, lists)
    # A time after an office is not its holder's name (المتحدث باسم البنتاغون مساء الأربعاء); after a
    # title it may be (الشيخ صباح الأحمد).
    timed = kind is not None and end < count and words[end] in TIMES_OF_DAY and words[end - 1] not in titles
    names = _name_runs(words, end, titles, stops, lists) if kind in (None, "office", "singular", "organisation") \
        and not timed else []
    if kind in ("singular", "plural") and names and names[0][0] == end and (
            not definite or (not words[start].startswith("ال") and _not_a_name_start(words[names[0][0]]))):
        # An indefinite description (مصدر، مسؤولون) is followed by no name: what follows is not one. After one in the
        # construct state (مدير المرصد رامي عبد الرحمن) a name may follow, not a word with a preposition or و attached.
        names = []
    return Phrase(kind, office, start, end, country, names, party_ids, definite)


def _past_the_body_of(words: Sequence[str], end: int, lists: PeopleWords) -> int:
    """Where the holder's name starts after a definite office or description and the body or place it is of, when a
    name follows at once; else ``end`` (what follows is no name: وقال المسؤول للجزيرة إن ... keeps its phrase).

    The body with ل and its adjectives, and a body of its own (المستشار القانوني للجيش السوري الحر أسامة أبو زيد،
    لـ«الجيش السوري الحر» too; الرئيس السابق للائتلاف السوري لقوى المعارضة; لحلف الأطلسي: ل and a kind of body in the
    construct state, :func:`_of_a_body_in_construct`), or a place after في or لدى: a state or
    capital (المتحدث باسم الرئاسة في بوروندي ويلي نياميتوي), or kinds of body and the place's name (مدير إدارة الإعلام في
    أمانة منطقة حائل سعد الثويني)."""
    count, stops, titles = len(words), lists.stops, lists.titles
    word = words[end]
    ahead = end + 1
    in_construct = _of_a_body_in_construct(words, end)
    if _definite_for_what(word) or (word == "ل" and words[ahead].startswith("ال")) or in_construct:
        while ahead < count - 1 and ahead - end <= _MAX_SKIPPED_COMPLEMENT and words[ahead] not in stops and (
                words[ahead].startswith("ال") or (
                    words[ahead][0] == "ل" and len(words[ahead]) > 3 and words[ahead + 1].startswith("ال")) or (
                    words[ahead].startswith("وال") and _coordinated_genitive(words[ahead][1:], lists))):
            ahead += 1
        if ahead + 2 < count and words[ahead][:1] == "ب" and words[ahead][1:] in _BODIES_OF_A_PLACE:
            # للسياحة والتراث الوطني بمنطقة تبوك ناصر ...، بإمارة منطقة مكة المكرمة سلطان ...: where it is, then the name
            place = ahead + 1
            while place < count - 1 and words[place] in _BODIES_OF_A_PLACE:
                place += 1
            if name_like(words[place], titles, stops):
                ahead = place + 1
                while ahead < count - 1 and words[ahead].startswith("ال") and words[ahead].endswith("ه") \
                        and words[ahead] not in stops:
                    ahead += 1  # (the place's own adjective: المكرمة)
    elif word in ("في", "لدي"):
        while ahead < count - 1 and (words[ahead] in _BODIES_OF_A_PLACE or words[ahead] in lists.organisations):
            ahead += 1
        pair = " ".join(words[ahead:ahead + 2])
        if pair in lists.state_names:
            ahead += 2
        elif words[ahead] in lists.state_names or (ahead > end + 1 and name_like(words[ahead], titles, stops)):
            ahead += 1
        elif ahead > end + 1 and words[ahead].startswith("ال") and words[ahead] not in stops:
            # في مركز الأرصاد والزلازل عمر اليزيدي: a kind of body and its definite genitives (not a title: في كلية
            # الملك فيصل, the name is the body's)
            while ahead < count - 1 and words[ahead] not in stops and (words[ahead].startswith("ال") or (
                    words[ahead].startswith("وال") and _coordinated_genitive(words[ahead][1:], lists))):
                if words[ahead] in titles:
                    return end
                ahead += 1
        else:
            return end
    else:
        return end
    runs = _name_runs(words, ahead, titles, stops, lists)
    # (not a word in ب: a place, بجدة حسن دحلان, or a name, بختيار دوغان; nor a second complement, للتفتيش وتطوير
    # بيئة العمل; nor -نيكولاي ملادينوف-: a dash, as a bracket; nor, after a body in the construct state, a name that
    # في follows: the body's own, لشركة اليسرة فاشن في السعودية محمد أنور الحقي)
    if ahead < count and runs and runs[0][0] == ahead and words[ahead][0] not in "-ب" \
            and not _not_a_name_start(words[ahead]) \
            and not (in_construct and words[runs[0][1]:runs[0][1] + 1] in (["في"], ["لدي"])):
        return ahead
    return end


def _in_accusative(word: str, table: frozenset[str]) -> bool:
    """Whether a word is in ``table``, also as an indefinite accusative (مصدرا for مصدر: لكن مصدرًا مقربا ينفي)."""
    return word in table or (word.endswith("ا") and word[:-1] in table)


def _is_body_word(word: str, lists: PeopleWords) -> bool:
    """Whether a word, with ال or not, names a kind of body (وزارة، الشرطة، القوات، مركز): what في may attach an
    office to (not في حضور، في تصريح)."""
    bare = word[2:] if word.startswith("ال") else word
    return bare in lists.bodies or bare in lists.organisations or bare in _BODIES_OF_A_PLACE or word in lists.bodies


def _is_body_head(word: str, lists: PeopleWords) -> bool:
    """Whether a word (without ال) is a kind of body that names one with an adjective and a ل complement."""
    return word in lists.organisations or word in _BODIES_OF_A_PLACE or word == "مرصد"


def _for_what(word: str) -> bool:
    """A word with ل attached that says what a body is for (للانتخابات، لحقوق), not the pronoun forms (له، لها) nor
    the media or people spoken to (للصحفيين، لوسائل الإعلام، لقناة ...)."""
    return word.startswith("ل") and len(word) > 4 and not word.startswith(_SPOKEN_TO)


#: Words with ل attached that name who a body spoke to, matching form.
_SPOKEN_TO = ("لدي", "للصحف", "للصحاف", "لصحيف", "للصحيف", "لوسايل", "للاعلام", "لوكال", "للوكال", "لقناه", "للقناه",
              "للتلفزيون", "لتلفزيون", "للمراسل", "لمراسل", "للحضور", "للمشاركين")


def _of_a_body_in_construct(words: Sequence[str], at: int) -> bool:
    """ل and a noun in the construct state with a definite genitive (لحلف الأطلسي، لمنظمة الصحة العالمية): "of" a
    body; not one whose name holds a title (لمركز الملك سلمان: the name after it is the body's)."""
    word = words[at]
    if word[0] != "ل" or len(word) <= 3 or at + 1 >= len(words) or not _genitive_after_li(word, words[at + 1]):
        return False
    lists = people_words()
    return not any(w in lists.titles for w in itertools.takewhile(lambda w: w.startswith("ال"), words[at + 1:]))


def _genitive_after_li(li_word: str, word: str) -> bool:
    """Whether ``word`` is the definite genitive of ``li_word``, a noun with ل (لحلف الأطلسي، لكرة القدم): not a day
    (قال لافروف الأحد) nor a country's adjective (لافروف الروسي); a nisba in ي only after a kind of body (لحلف
    الأطلسي; after a name it is the family name: لطفي الشيخاوي)."""
    lists = people_words()
    return word.startswith("ال") and word not in TIMES_OF_DAY and country_at([word], 0, lists)[1] is None and (
        not word.endswith("ي") or li_word[1:] in lists.organisations or li_word[1:] in lists.bodies
        or li_word[1:] in _BODIES_OF_A_PLACE)


def _coordinated_genitive(word: str, lists: PeopleWords) -> bool:
    """Whether a definite word after و continues the genitive before it (والتعاون، والتراث), rather than naming
    another speaker (والمسؤولون، والوزير، والأمريكيون) or starting a clause."""
    return word not in lists.stops and not any(word in table or word[2:] in table for table in (
        lists.offices, lists.singular, lists.plural, lists.bodies)) and not _is_group_of_people(word) \
        and country_at([word], 0, lists)[1] is None and word not in TIMES_OF_DAY


def _definite_for_what(word: str) -> bool:
    """A definite complement with ل attached (للجيش): the body an office is of, not who was spoken to."""
    return word.startswith("لل") and _for_what(word)


def _not_a_name_start(word: str) -> bool:
    """Whether a word after a description in the construct state cannot start its holder's name: one with ب، ل or و
    attached (مدير الكرة بنادي ...، وكيل الوزارة لشؤون ...، أحد المسؤولين ورفض ...)."""
    return word[0] in "بلو" and len(word) > 4


def _is_group_of_people(word: str) -> bool:
    """A definite nisba plural standing as a subject: people named by their side, party or country
    (قال الجمهوريون، الفلسطينيون، الحوثيون إن ...). Only read where a phrase starts, so an office's
    adjective (المسؤولون اليابانيون) is not one.

    The nominative plural only: the -يين form after a verb is its object (دعا الصحافيين الروس إلى ...).

    >>> _is_group_of_people("الجمهوريون"), _is_group_of_people("الصحافيين"), _is_group_of_people("العيون")
    (True, False, False)
    """
    return word.startswith("ال") and word.endswith("يون") and len(word) >= 8


_ONE_OF_THEM = frozenset({"احدهم", "احدهما", "احداهن", "احداهما"})  # matching form


def related_by_word(word: str, following: str, stops: frozenset[str]) -> bool:
    """Whether ``word``, then ``following``, is a participle of relation and its preposition after a body's name
    (المنضوية في، التابعة لـ، الموالية للحكومة، المقربة من): what the body belongs or is close to, no word of its name."""
    return word in related_by() and (following in stops or (following[:1] in "لب" and len(following) > 3))


def _is_adjective(word: str) -> bool:
    """A definite word that reads as an adjective after an office (الياباني، المستقل، العام، السابق)."""
    return word.endswith(("ي", "يه", "ون", "ين")) or _is_adjective_word(word)


def _is_adjective_word(word: str) -> bool:
    return word in ("العام", "السابق", "الاسبق", "الحالي", "الجديد", "الخاص", "الدايم", "الاعلي", "المستقل", "الاول",
                    "الثاني", "الاخير", "الرسمي", "الاعلامي", "الامني", "العسكري", "السياسي", "الشخصي", "التنفيذي")


def _name_runs(words: Sequence[str], at: int, titles: frozenset[str], stops: frozenset[str],
               lists: PeopleWords) -> list[tuple[int, int]]:
    """Name-like words from ``words[at]``, split into names at و (فلان وفلان); a name that starts with و stays whole."""
    names: list[tuple[int, int]] = []
    first = at
    index = at
    after_particle = False  # the word before was a particle: this one is the name's, whatever it looks like
    particles = 0  # (not counted in a name's words: عبد الرحمن بن عبد الله الفلاني)
    while index < len(words) and index - first - particles < _MAX_NAME_WORDS:
        word = words[index]
        if word == HOUSE_OF and index > first and index + 1 < len(words) and name_like(words[index + 1], titles, stops):
            # سلمان آل خليفة: the family's name ends the name (the article is never a word alone)
            index += 2
            break
        if ((word in _COMPOUND_HEADS and index + 1 < len(words) and words[index + 1].startswith("ال")
             and words[index + 1] not in stops)
                or (index + 1 < len(words) and words[index + 1] in _COMPOUND_TAILS and name_like(word, frozenset(), stops)
                    and (words[index + 1] == "الدين" or word in _GOD_NAME_HEADS)
                    and not any(word in group for group in (lists.singular, lists.plural, lists.organisations)))) \
                and index + 1 - first - particles < _MAX_NAME_WORDS:
            # عبد الله، عبد العزيز، أبو النصر، نور الدين، ذبيح الله: two words, the second with ال (a title may be the first
            # of a compound in الدين: أمين الدين)
            index, after_particle = index + 2, False
            particles += 1
            continue
        if (not name_like(word, titles, stops) and not (index == first and word in lists.given_with_al)) or (
                not after_particle and (
                word in lists.singular or word in lists.plural or word in lists.offices or word in lists.bodies
                or word in lists.verbs)):
            break
        if after_particle:
            # (دي ميستورا: no participle; أبو هريرة: no common noun; بن تركي: no adjective; بن مساعد: no description)
            after_particle = False
        elif word in _NAME_PARTICLES and index + 1 < len(words) and index > first:
            after_particle = True  # دي ميستورا، أبو هريرة، بن عبد الله: the particle, then the word after it
            index, particles = index + 1, particles + 1
            continue
        elif word in _NAME_PARTICLES and index + 1 < len(words):
            after_particle = True  # (first in the name: counted, أبو هريرة is two words)
            index += 1
            continue
        elif word in lists.issued:
            break  # أصدر المتحدث باسم الجيش بيانا، عقد الوزير مؤتمرا صحفيا: what he issued or held, no name
        elif index == first and _POSSESSED_VERBAL_NOUN_RE.match(word):
            break  # أبدى الوزير استنكاره: what he expressed, no name
        elif index == first and word[0] == "و" and (word[1:] in lists.singular or word[1:] in lists.offices):
            break  # نائب رئيس الجمعية وعضو جمعية ...: a second office joined to the first, no name
        elif index == first and (word in lists.organisations or (
                word[0] == "ل" and (word[1:] in lists.bodies or word[1:] in lists.organisations or word[1:] in lists.media
                                    or (len(word) > 5 and word.endswith(("يين", "ين")))))):
            # رئيس مجلس إدارة الجمعية: a kind of body; الوكيل الاقتصادي لوزارة التجارة: "of the ministry"; وقالت
            # لرويترز: "to Reuters"; محافظ عدن لصحافيين: "to journalists"; no name
            break
        elif index > first and word[0] == "ل" and len(word) > 4:
            break  # a word with ل attached after a name is "to someone"
        elif index == first and word[0] == "ل" and len(word) > 3 and index + 1 < len(words) \
                and _genitive_after_li(word, words[index + 1]) and words[index + 1] not in stops:
            break  # الأمين العام لحلف الأطلسي ...: "of" a body, no name
        elif index > first and word.endswith("ه") and not word.endswith(("وه", "يه", "الله")):
            break  # a common noun (ta marbuta) after a name (not a name in الله: علي عبدالله صالح)
        elif index > first and _PARTICIPLE_RE.match(word):
            break  # a participle after a name (وصرح آبي مخاطبا الحشد)
        elif country_at(words, index, lists)[1] is not None:
            break
        elif index - first > 1 and word in lists.state_names:
            # دعا السفير السعودي في مصر أحمد عبدالعزيز قطان إيران إلى ...: a state after a full name is the verb's object
            # (after one word it may be the name's own: دولة قطر، ريال مدريد)
            break
        if index > first and word[0] == "و" and "-" not in word and len(word) >= 5:
            names.append((first, index))
            first = index
        index += 1
    if index > first:
        names.append((first, index))
    # A name never ends with its particle (عبدالله بن مساعد بن ...: cut at the word limit or before a word not a name).
    trimmed = []
    for a, b in names:
        while b - a > 1 and words[b - 1] in _NAME_PARTICLES:
            b -= 1
        trimmed.append((a, b))
    return trimmed
