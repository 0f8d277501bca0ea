"""Names the speaker rules read in the text itself rather than in a speaker phrase: the words of a speaker window, a
name in apposition between commas, the full name a family name stands for, and a counterpart (نظيره المصري، سامح شكري).

Pure functions of the text and the word lists (:func:`jsec_data.extract.people.people_words`), used by
:mod:`jsec_data.extract.speaker_phrases`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from jsec_data.extract.matching import WORD_RE, Normalized, text_offset
from jsec_data.extract.names import Gazetteer
from jsec_data.extract.people import (
    Country,
    Office,
    PeopleWords,
    Phrase,
    country_at,
    family_name,
    name_like,
    office_starts,
    parse_phrase,
)
from jsec_data.extract.quotes import is_abbreviation_stop

__all__ = ["SPEAKER_BREAK_RE", "NameEnd", "apposition", "counterparts", "described_person", "field_country",
           "full_name_of", "is_body_name", "issuer", "name_ending_in", "office_label", "office_names",
           "speaker_words", "state_named", "trailing_name", "written_after_a_verb"]

_MAX_SPEAKER_WORDS = 14  # words read after a cue
#: What ends a speaker window: punctuation, quote marks, a parenthesis, a line (one character class, which ``re``
#: scans for in C; a full stop that ends no window is skipped by :func:`speaker_break`).
SPEAKER_BREAK_RE = re.compile(r"[:،,؛;\"“”«»(.\n]")


def speaker_break(norm: str, end: int | None = None) -> int | None:
    """Where a speaker window ends in ``norm`` (before ``end``): the first break of SPEAKER_BREAK_RE that is not the
    full stop of a one-letter abbreviation (وزير الإعلام الأردني د.محمد المومني: د. for الدكتور), or None."""
    limit = len(norm) if end is None else end
    cut = SPEAKER_BREAK_RE.search(norm, 0, limit)
    while cut is not None and (is_abbreviation_stop(norm, cut.start()) or _quoted_body_of(norm, cut.start())):
        after = cut.start() + 1 if norm[cut.start()] != "«" else norm.index("»", cut.start()) + 1
        cut = SPEAKER_BREAK_RE.search(norm, after, limit)
    return cut.start() if cut is not None else None


#: A definite body in quote marks with ل attached, then a word (المستشار القانوني لـ«الجيش السوري الحر» أسامة أبو زيد):
#: the body an office is of, read on to its holder's name (matching form, from the «).
_QUOTED_BODY_OF_RE = re.compile(r"«ال[\w\-]+(?: ال[\w\-]+){0,4}» [\w\-]")


def _quoted_body_of(norm: str, at: int) -> bool:
    """Whether the « at ``norm[at]`` opens a definite body after an attached ل (:data:`_QUOTED_BODY_OF_RE`)."""
    return norm[at] == "«" and at >= 2 and norm[at - 1] == "ل" and norm[at - 2] == " " \
        and _QUOTED_BODY_OF_RE.match(norm, at) is not None


#: Particles before a verb (قد، لقد، لم، لن، سوف), matching form: the word after one is no given name.
_VERB_PARTICLES = frozenset({"قد", "وقد", "فقد", "لقد", "لم", "ولم", "لن", "ولن", "سوف", "وسوف"})
# (closed by a comma, a colon, the attached لـ of the one spoken to or a complementiser: نائب مدير المستشفى، الدكتور
# يوسف تكروري لـ"الوطن":)
_APPOSITION_RE = re.compile(r"\s*[،,]\s*((?:[\w\-]+\s+){0,4}[\w\-]+)(?:\s*[،,:]|(?=\s+ل\s?[\"“«])|(?=\s+[وب]?ان(?:ه|ها)?(?![\w\-])))")
#: نظيره، نظيرها، بنظيره ... then a definite adjective of nationality before a comma (matching form).
_COUNTERPART_RE = re.compile(r"(?<!\w)[وبل]?نظير(?:ه|ها|يه|ته|تها)\s+(ال[\w\-]+)(?=\s*[،,])")


def speaker_words(norm: str, lists: PeopleWords) -> list[tuple[int, int, str]]:
    """The words of a speaker window (matching form), up to punctuation, a complementiser or the word limit."""
    cut = speaker_break(norm)
    tokens: list[tuple[int, int, str]] = []
    stops = lists.stops
    for match in WORD_RE.finditer(norm, 0, cut if cut is not None else len(norm)):
        word = match.group()
        if len(tokens) >= _MAX_SPEAKER_WORDS or (word in stops and word.startswith(("ان", "بان"))):
            break  # (a complementiser ends the speaker)
        tokens.append((match.start(), match.end(), word))
    return tokens


def apposition(norm: str, end: int, lists: PeopleWords) -> list[tuple[int, int, str]]:
    """The words of a name set between commas right after ``norm[:end]``, if they read as a name."""
    found = _APPOSITION_RE.match(norm, end)
    if found is None:
        return []
    words = [(w.start(), w.end(), w.group()) for w in WORD_RE.finditer(norm, found.start(1), found.end(1))]
    titled = 0
    while titled < len(words) - 2 and words[titled][2] in lists.titles:
        titled += 1  # (، الدكتور يوسف تكروري: a title, then the name)
    if len(words) - titled > 4 or (len(words) - titled < 2 and found.group().rstrip()[-1:] not in "،,"):
        return []  # (a word alone before أن is no name: ...، بيد أن)
    if not all(name_like(w[2], lists.titles, lists.stops) and w[2] not in lists.verbs for w in words[titled:-1]):
        return []
    last = words[-1][2] if words else ""
    if not ((name_like(last, lists.titles, lists.stops) and last not in lists.verbs)
            or (len(words) > 1 and family_name(last, None, lists))):  # ، عادل الجبير،: a family name with ال
        return []
    return words


def office_label(office: Office, country: Country | None) -> str:
    """The English label of an office of a country (a new entity's role and English name): Foreign Minister of Egypt."""
    return f"{office.en} of {country.en}" if country is not None else office.en


def full_name_of(surname: str, article: tuple[str, Normalized], lists: PeopleWords) -> str | None:
    """The one full name, a given name then ``surname`` (a nisba in -ي, matching form), that the article (text,
    matching form) writes, as written (عبدالله الحربي for الحربي); None when it writes none or several."""
    text, normalized = article
    norm = normalized[0]
    if not surname.endswith("ي") or surname not in norm or not family_name(surname, None, lists):
        return None  # (a nisba only: other definite words after a verb are its subject or object, not a surname)
    found: dict[str, str] = {}
    for match in re.finditer(r"(\S+) " + re.escape(surname) + r"(?![\w\-])", norm):
        given = match.group(1)
        before = norm[max(0, match.start() - 6):match.start()].split()
        if before and before[-1] in _VERB_PARTICLES:
            continue  # وقد رافق الشمري: after قد, a verb, not a given name
        if not name_like(given, lists.titles, lists.stops) or given in lists.verbs or given in lists.offices \
                or given in lists.singular or given in lists.plural or (given.endswith("ه") and not given.endswith("الله")) \
                or given[0] in "وف" or (given[0] in "بل" and len(given) > 4) or (given[0] == "م" and given.endswith("ا")):
            # (not a word with و، ف، ب or ل attached, nor a participle: وتوقع، بحضور، لإبلاغ، متوقعا)
            continue
        found.setdefault(f"{given} {surname}", text[text_offset(normalized, 0, match.start(1)):
                                                    text_offset(normalized, 0, match.end())].strip())
    return next(iter(found.values())) if len(found) == 1 else None


def counterparts(office: Office, affiliation: str, article: tuple[str, Normalized] | None,
                 lists: PeopleWords) -> dict[str, tuple[str, str | None, str | None]]:
    """The people the article names, between commas, as the counterpart of ``affiliation`` of one in ``office`` (or of a
    minister, for a ministry: وأوضح الوزير الجبير، خلال مؤتمر عقد مع نظيره المصري، سامح شكري،); in the news, the one
    who holds the same office on the other side. Matching name -> (written, role, affiliation)."""
    if article is None:
        return {}
    text, normalized = article
    norm = normalized[0]
    found: dict[str, tuple[str, str | None, str | None]] = {}
    for match in _COUNTERPART_RE.finditer(norm):
        country = country_at([match.group(1)], 0, lists)[1]
        apposed = apposition(norm, match.end(), lists) if country is not None and country.entity_id == affiliation \
            else []
        if len(apposed) < 2 or not _office_before(norm, match.start(), office, lists):
            continue  # (a given name and a family name; the one whose counterpart it is, in the office)
        written = text[text_offset(normalized, 0, apposed[0][0]):text_offset(normalized, 0, apposed[-1][1])]
        found.setdefault(" ".join(w[2] for w in apposed), (written, office_label(office, country), affiliation))
    return found


def _office_before(norm: str, at: int, office: Office, lists: PeopleWords) -> bool:
    """Whether the sentence before ``norm[at]`` names one in ``office`` (or a minister, when it is a ministry)."""
    start = max(norm.rfind(".", 0, at), norm.rfind("\n", 0, at), at - 200) + 1
    labels = {office.en, "Minister"} if office.en.endswith("Minister") else {office.en}
    starts = frozenset().union(*(office_starts(label) for label in labels))
    for word in WORD_RE.finditer(norm, start, at):
        if word.group() in starts:
            phrase = parse_phrase([t[2] for t in speaker_words(norm[word.start():at], lists)], lists=lists)
            if phrase.kind == "office" and phrase.office is not None and phrase.office.en in labels:
                return True
    return False


def trailing_name(words: Sequence[str], phrase: Phrase, lists: PeopleWords) -> tuple[int, int] | None:
    """(first, past-last) of a name of two to four words that ends a definite title phrase the parse read only in
    part (after a definite word, past complements, adjectives and titles joined by و or في; no other stop word, verb
    or participle between), or None."""
    last = len(words) - 1 if words and words[-1] == "ل" else len(words)  # (مهدي خوشناو لـ«الشرق الأوسط»)
    while last > phrase.end and words[last - 1] in lists.state_names:
        last -= 1  # (واتهم وزير الأوقاف يوسف ادعيس إسرائيل بأنها: the state is the verb's object)
    first = last
    if last - 2 > phrase.end and family_name(words[last - 1], None, lists) and name_like(words[last - 2], lists.titles):
        first -= 1  # (... الشيخ عبدالواحد الدعام: a family name with ال ends the name)
    while first > phrase.end and name_like(words[first - 1], lists.titles, lists.stops) and not (
            words[first - 1] in lists.verbs or words[first - 1] in lists.offices or words[first - 1] in lists.singular
            or words[first - 1] in lists.plural or (words[first - 1][0] in "وبل" and len(words[first - 1]) > 3)):
        first -= 1  # (not a word with و، ب or ل attached: لجامعة تبوك، بمحافظة أبين are places, not the name)
    if not (2 <= last - first <= 4) or not words[first - 1].startswith("ال") or not phrase.definite:
        return None
    for word in words[phrase.end:first]:
        if (word in lists.stops and word != "في") or word in lists.verbs or (word[0] == "م" and word.endswith("ا")):
            return None  # (خلال استقباله السفير البريطاني جون جنكنز، مستقبلا ...: another, not the speaker)
    return first, last


def name_ending_in(words: Sequence[str], article: tuple[str, Normalized], lists: PeopleWords) -> str | None:
    """The one full name the article (text, matching form) writes as a given name then ``words`` (matching form), as
    written: إسماعيل ولد الشيخ أحمد for ولد الشيخ أحمد; None when it writes none or several. Every word must read as a
    name's (no title, stop word, verb, office or description)."""
    if not all(name_like(w, lists.titles, lists.stops) or w in _NAME_WORDS for w in words):
        return None
    text, normalized = article
    norm = normalized[0]
    found: dict[str, str] = {}
    for match in re.finditer(r"(?<![\w\-])([\w\-]+) " + re.escape(" ".join(words)) + r"(?![\w\-])", norm):
        given = match.group(1)
        if not name_like(given, lists.titles, lists.stops) or given in lists.verbs or given in lists.offices \
                or given in lists.singular or given in lists.plural or given[0] in "وفبل":
            continue
        found.setdefault(given, text[text_offset(normalized, 0, match.start(1)):text_offset(normalized, 0, match.end())])
    return next(iter(found.values())) if len(found) == 1 else None


#: Words inside names that read as common words (ولد الشيخ أحمد: "son of", "the sheikh"; عبد الله، بن).
_NAME_WORDS = frozenset({"ولد", "بن", "ابن", "بنت", "ابو", "عبد", "الشيخ", "الله", "الدين"})


#: Where a new person's name ends in a window: (text, matching form, window start, tokens, words, first, end) -> end.
NameEnd = Callable[[str, Normalized, int, Sequence[tuple[int, int, str]], Sequence[str], int, int], int]


def office_names(office: Office | str, affiliation: str | None, article: tuple[str, Normalized], lists: PeopleWords,
                 parties: Gazetteer | None, states: Mapping[str, Country],
                 name_end: NameEnd) -> dict[str, tuple[str, str | None, str | None]]:
    """The people the article names in ``office`` (of ``affiliation``, when given), or after a definite description
    (``office`` a matching-form word: الناشط تقي رحماني for الناشط): matching name -> (written, role, affiliation). A
    name read once with the verb's object after it (ديفيد كاميرون رؤية حكومته) and once alone is one."""
    text, normalized = article
    norm = normalized[0]
    found: dict[str, tuple[str, str | None, str | None]] = {}
    starts = office_starts(office.en) if isinstance(office, Office) else frozenset({office})
    for match in WORD_RE.finditer(norm):
        if match.group() not in starts:
            continue
        at = match.start()
        tokens = [(at + a, at + b, w) for a, b, w in speaker_words(norm[at:], lists)]
        words = [t[2] for t in tokens]
        phrase = parse_phrase(words, parties, states, lists=lists)
        if not phrase.names or (phrase.kind != "singular" if isinstance(office, str) else (
                phrase.kind != "office" or phrase.office is None or phrase.office.en != office.en)):
            continue
        country = phrase.country
        of = country.entity_id if country is not None else (phrase.party_ids[0] if phrase.party_ids else None)
        if affiliation is not None and of != affiliation:
            continue
        first, last = phrase.names[0][0], name_end(text, normalized, 0, tokens, words, *phrase.names[0])
        written = text[text_offset(normalized, 0, tokens[first][0]):text_offset(normalized, 0, tokens[last - 1][1])].strip()
        role = office_label(phrase.office, country) if phrase.office is not None else None
        found.setdefault(" ".join(words[first:last]), (written, role, of))
    shortest = min(found, key=len, default="")
    if found and all(name == shortest or name.startswith(shortest + " ") for name in found):
        found = {shortest: found[shortest]}
    return found


def is_body_name(quoted_norm: str, lists: PeopleWords) -> bool:
    """Whether a quoted text (matching form) is a body named by its kind: two to six words, no punctuation, a kind of body
    first and, second, a definite word or one that is no indefinite adjective in ة («هيئة التنسيق الوطنية السورية»،
    «حزب الله»; not «منظمة إرهابية» or «مجموعة مسلحة هاجمت موقعا»: words someone said)."""
    words = quoted_norm.split()
    head = words[0][2:] if words and words[0].startswith("ال") else (words[0] if words else "")
    return 2 <= len(words) <= 6 and head in lists.organisations and not any(map(quoted_norm.__contains__, ".؟!:،,")) \
        and (words[1].startswith("ال") or not words[1].endswith("ه"))


#: "Issued by" after a document's word (بيان صادر عن ...), matching form.
_ISSUED_BY = frozenset({"صادر", "الصادر", "صادره", "الصادره"})


def issuer(words: Sequence[str], at: int, lists: PeopleWords) -> tuple[int, int]:
    """(first, past-last) of the body whose document a document's word at ``words[at - 1]`` is: a body named by its
    kind (:func:`issuer_end`), or one named after صادر عن (بيان صادر عن السفارة الأميركية في القاهرة: the embassy,
    its kind and definite adjectives); first == past-last when none."""
    if at + 2 < len(words) and words[at] in _ISSUED_BY and words[at + 1] == "عن":
        if (end := issuer_end(words, at + 2, lists)) > at + 3:
            return at + 2, end  # (بيان صادر عن مكتب كاميرون)
        if not words[at + 2].startswith("ال") or (words[at + 2][2:] not in lists.organisations
                                                  and words[at + 2] not in lists.bodies):
            return at, at
        end = _definite_run(words, at + 3, at + 8, lists)  # (صادر عن السفارة الأميركية: a definite kind, its adjectives)
        return (at + 2, end) if end > at + 3 else (at, at)
    end = issuer_end(words, at, lists)
    return at, end if end > at + 1 else at


def issuer_end(words: Sequence[str], at: int, lists: PeopleWords) -> int:
    """Past the last word of a body named by its kind at ``words[at]``, after a document's word (افتتاحية صحيفة غارديان،
    تقرير إدارة شئون الجمارك، بيانات الإدارة المركزية للإحصاء): the kind, up to two words of a name (not in ة), then
    its definite genitives and adjectives; ``at`` when no kind of body is there."""
    if at >= len(words) or words[at] not in lists.organisations:
        return at
    end = at + 1
    while end < min(len(words), at + 3) and name_like(words[end], lists.titles, lists.stops) and not words[end].endswith("ه"):
        end += 1
    return _definite_run(words, end, at + 6, lists)


def _definite_run(words: Sequence[str], end: int, limit: int, lists: PeopleWords) -> int:
    """Past the definite genitives and adjectives from ``words[end]`` (up to ``limit``)."""
    while end < min(len(words), limit) and words[end].startswith(("ال", "لل")) and words[end] not in lists.stops:
        end += 1
    return end


#: What a description and the name it introduces never have between them (matching form).
_DESCRIBED_BREAK_RE = re.compile(r"[.:،,؛;\"“”«»()\n!?؟]")
_RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان"})
_COMPLEMENT_WORDS = 5  # words of a description's complement before the name (إلى جنوب السودان، للشؤون العربية والافريقية)


def described_person(described: str, people: Mapping[str, Sequence[tuple[str, ...]]], norm: str, lists: PeopleWords,
                     blocked: frozenset[str]) -> str | None:
    """The one person of ``people`` (id -> names as word tuples, matching form) the article names with the description
    ``described`` (matching form): the description, up to five words of its complement, then the name (المبعوث
    الأميركي إلى جنوب السودان دونالد بوث), or the name, a comma, then the description (دونالد بوث، المبعوث الأميركي).
    ``blocked``: words that end a complement (complementisers); a reporting verb or a relative pronoun does too."""
    words = described.split()
    if not people or not (any(word.startswith("ال") for word in words) or _of_a_place(words)):
        return None  # (an indefinite description, مسؤول أمريكي، نائب فرنسي معارض, is never named: a name after it is another's)
    found: set[str] = set()
    for match_start, match_end in _occurrences(described, norm):
        after = norm[match_end:match_end + 160]
        cut = _DESCRIBED_BREAK_RE.search(after)
        following = WORD_RE.findall(after, 0, cut.start() if cut is not None else len(after))
        before = norm[max(0, match_start - 80):match_start].rstrip()
        # (the words of the name before the comma, back to the punctuation before them; or, with no comma, before the
        # description written without its ال: بيتر ساذرلاند مبعوث الأمين العام, an apposition, never an object)
        bare = described.startswith("ال") and not norm.startswith("ال", match_start)
        preceding = WORD_RE.findall(_DESCRIBED_BREAK_RE.split(before[:-1] if before[-1:] in "،," else before)[-1]) \
            if before[-1:] in "،," or (bare and before) else []
        limit = _complement_end(following, lists, blocked)
        named = {tuple(following[i:i + n]) for i in range(limit + 1) for n in range(1, _NAME_WORDS_MAX + 1)}
        named.update(tuple(preceding[-n:]) for n in range(1, min(len(preceding), _NAME_WORDS_MAX) + 1))
        found.update(person for person, names in people.items() if any(name in named for name in names))
    return next(iter(found)) if len(found) == 1 else None


_NAME_WORDS_MAX = 6


def _of_a_place(words: Sequence[str]) -> bool:
    """Whether a description of two words is an office and the place it is of, made definite by that proper noun
    (محافظ عدن، رئيس بلدية هيروشيما's first two words), not a description and its adjective (مسؤول أمريكي)."""
    return len(words) == 2 and words[0] not in _UNNAMED_HEADS and not words[1].startswith(("ال", "و", "ب", "ل")) \
        and not words[1].endswith(("ي", "يه", "يون", "يين", "ون", "ين", "ان", "ه")) and words[1] not in _ADJECTIVES


#: Descriptions of a source left unnamed (مصدر مقرب، مسؤول كبير) and adjectives after an office (مدير عام), matching form.
_UNNAMED_HEADS = frozenset({"مصدر", "مصادر", "مسوول", "مسوولون", "دبلوماسي", "خبير", "محلل", "مراقب", "شاهد"})
_ADJECTIVES = frozenset({"عام", "سابق", "اسبق", "جديد", "خاص", "اول", "ثان", "اخر", "كبير", "رفيع", "بارز"})


def _occurrences(described: str, norm: str) -> list[tuple[int, int]]:
    """Where a description's words stand in a row in ``norm``, as whole words (its first with or without ال)."""
    forms = [described, described[2:]] if described.startswith("ال") and len(described.split(" ", 1)[0]) > 3 else [described]
    found = []
    for form in forms:
        index = norm.find(form)
        while index >= 0:
            end = index + len(form)
            if (index == 0 or not (norm[index - 1].isalnum() or norm[index - 1] in "-_")) and (
                    end == len(norm) or not (norm[end].isalnum() or norm[end] in "-_")):
                found.append((index, end))
            index = norm.find(form, index + 1)
    return found


def _complement_end(following: Sequence[str], lists: PeopleWords, blocked: frozenset[str]) -> int:
    """Where a name may start at the latest in ``following`` (the words after a description): up to five words of its
    complement, and not past a complementiser, a reporting verb, a relative pronoun or a title of its own."""
    for index, word in enumerate(following[:_COMPLEMENT_WORDS]):
        bare = word[2:] if word.startswith("لل") else word[1:] if word[:1] in "وبل" else word
        if word in blocked or word in lists.verbs or word in _RELATIVES or word == "باسم" or (
                (word != bare or word.startswith("ال")) and any(
                    form in lists.offices or form in lists.singular or form in lists.plural
                    for form in (word, bare, bare[2:] if bare.startswith("ال") else bare))):
            # (المتحدث باسم بوينغ، قائد موال للرئيس عبد ربه منصور هادي: the name is another's; not أمير in حسين أمير
            # عبد اللهيان, a name's word)
            return index
    return min(_COMPLEMENT_WORDS, len(following))


def state_named(words: Sequence[str], at: int, lists: PeopleWords) -> tuple[Country, int] | None:
    """The state (or capital) the one or two words at ``words[at]`` name (matching form), and how many words."""
    if at >= len(words):
        return None
    if at + 1 < len(words) and words[at] in lists.state_openings:
        found = lists.state_names.get(f"{words[at]} {words[at + 1]}")
        if found is not None:
            return found, 2
    found = lists.state_names.get(words[at])
    return (found, 1) if found is not None else None


def field_country(body: Office, norm: str, start: int, lists: PeopleWords, states: Mapping[str, Country]) -> Country | None:
    """The country of the first office of the same field as ``body`` after ``start`` in ``norm`` (matching form; وزارة
    الخارجية ... وزير الخارجية الأمريكي -> the United States), as the registry's state when it holds it."""
    field = body.head[-1] if len(body.head) > 1 else None
    if field is None:
        return None
    words = norm[start:].split()
    for index, word in enumerate(words[:-1]):
        if word == field:
            _, country = country_at(words, index + 1, lists)
            if country is not None:
                return states.get(country.entity_id, country)
    return None


def written_after_a_verb(word: str, norm: str, verbs: frozenset[str]) -> bool:
    """Whether ``norm`` (an article's matching form) writes ``word`` (whole) right after a verb of saying."""
    at = norm.find(" " + word)
    while at > 0:
        end = at + 1 + len(word)
        before = norm[max(0, at - 24):at].split()
        if (end >= len(norm) or not (norm[end].isalnum() or norm[end] in "_-")) and before and before[-1] in verbs:
            return True
        at = norm.find(" " + word, at + 1)
    return False
