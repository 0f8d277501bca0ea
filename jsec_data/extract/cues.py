"""Reporting cues (قال، أضاف، أكد ...) and the words after them that name or describe a speaker."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from jsec_data.core.text import normalize_for_matching, normalize_with_map
from jsec_data.extract.matching import _alternation

# Normalised forms (alef/hamza folded, ta marbuta -> ha, alef maksura -> ya) of the
# reporting verbs in their usual conjugations: past (3rd person), present, the
# circumstantial participle. و/ف may be attached in front.
_CUE_FORMS: dict[str, tuple[str, ...]] = {
    "qala": ("قال", "قالت", "قالوا", "قالا", "قالتا", "يقول", "تقول", "يقولون", "قايلا", "قايله", "قايلين"),
    "adafa": ("اضاف", "اضافت", "اضافوا", "اضافا", "يضيف", "تضيف", "مضيفا", "مضيفه"),
    "akkada": ("اكد", "اكدت", "اكدوا", "اكدا", "يوكد", "توكد", "موكدا", "موكده"),
    "hadhdhara": ("حذر", "حذرت", "حذروا", "حذرا", "يحذر", "تحذر", "محذرا", "محذره"),
    "aaraba": ("اعرب", "اعربت", "اعربوا", "اعربا", "يعرب", "تعرب", "معربا"),
    "ashara": ("اشار", "اشارت", "اشاروا", "يشير", "تشير", "مشيرا", "مشيره"),
    "awdaha": ("اوضح", "اوضحت", "اوضحوا", "يوضح", "توضح", "موضحا"),
    "shaddada": ("شدد", "شددت", "شددوا", "يشدد", "تشدد", "مشددا"),
    "aalana": ("اعلن", "اعلنت", "اعلنوا", "اعلنا", "يعلن", "تعلن", "معلنا"),
    "wasafa": ("وصف", "وصفت", "وصفوا", "يصف", "تصف", "واصفا"),
    "dhakara": ("ذكر", "ذكرت", "ذكروا", "يذكر", "تذكر"),
    "sarraha": ("صرح", "صرحت", "صرحوا", "يصرح", "تصرح"),
    "ashada": ("اشاد", "اشادت", "اشادوا", "يشيد", "تشيد", "مشيدا"),
    "akhbara": ("اخبر", "اخبرت", "اخبروا"),
    "kataba": ("كتب", "كتبت", "غرد", "غردت"),
    "tabaa": ("تابع", "تابعت"),
    "jaa": ("جاء",),  # وجاء في البيان: "…"
}
_CUE_INDEX = frozenset(f for forms in _CUE_FORMS.values() for f in forms)
# A whole word that is a form, or و/ف and a form; the attached letters go into the
# trie too (one branch point per position instead of trying with and without them).
# The cue words, with و/ف attached or not, in a pattern: a cue is one of them as a whole
# word, ``(?<!\w)[وف]?`` + _CUE_WORDS + ``(?!\w)``. But ``re`` tries a pattern that opens
# with a lookbehind at every position, so the words are searched after the character
# before them: a space (most of them: a literal first character is found by a tight C
# loop; there the trie holds the attached و/ف too, so no branch is tried twice), or any
# other non-word character (a class without Arabic letters, tested in C, then the
# lookbehind to drop the few word characters it lets through; few places, so the
# smaller pattern with [وف]? will do).
_CUE_WORDS = _alternation(_CUE_INDEX)
_CUE_AFTER_SPACE_RE = re.compile(" (" + _alternation(_CUE_INDEX | {f"{p}{form}" for form in _CUE_INDEX for p in "وف"}) + r")(?!\w)")
_CUE_AFTER_OTHER_RE = re.compile(r"[^\u0621-\u064aa-zA-Z0-9 ](?<=\W)([وف]?" + _CUE_WORDS + r")(?!\w)")
# Words after a cue that end the speaker's name: complementisers, prepositions, time words.
def _word_set(words: str) -> frozenset[str]:
    """Space-separated words in their matching form."""
    return frozenset(normalize_for_matching(word) for word in words.split())


_STOP_WORDS = _word_set(
    "ان انه انها انهم انهما انهن ان، في من على الى عن مع خلال يوم امس اليوم عقب بعد قبل امام لدي لدى عبر حول "
    "بشان حيث الذي التي الذين اللذين كما ايضا مجددا اكثر وهو وهي وهم لكن بينما اثناء منذ عندما حين"
)
# Words that describe a speaker without naming them (roles, bodies).
_ROLE_WORDS = _word_set(
    "وزير وزيره رييس الرييس نايب مستشار متحدث متحدثه الناطق ناطق باسم منسق منسقه الامين العام امين سفير سفيره قايد "
    "مدير مديره مسوول مسوولو مسوولون مسوولي مسووله مصدر مصادر خبير خبراء محلل محللون دبلوماسي دبلوماسيون وزاره "
    "رياسه مكتب حكومه الحكومه الجنرال الادميرال الاميرال جنرال اميرال السيد السيده الدكتور دكتور البروفيسور "
    "المستشار الوزير الوزيره السفير المتحدث المسوول الخبير القايد المدير المنسق نظيره نظيرته بيان البيان "
    "رييسه ملك الملك امير الامير ولي العهد"
)


_MAX_SPEAKER_WORDS = 10
_MAX_NAME_WORDS = 4


# Participles (مضيفا، قائلا) never name a subject after them.
_PARTICIPLES = frozenset(f for f in _CUE_INDEX if f[0] == "م" or f.startswith("قايل") or f == "واصفا")


class Cue(NamedTuple):
    """A reporting verb found in a paragraph (offsets index the paragraph); a named tuple, as QuoteSpan."""

    start: int
    end: int
    text: str  # as written, with attached و/ف
    takes_subject: bool = True  # past-tense verbs name their subject right after them


def _cue_spans(norm: str) -> list[tuple[int, int]]:
    """Spans of the cues in ``norm`` (matching form), in order: whole words, see _CUE_WORDS.

    Cues are whole words, so none starts right where another ends: the character taken
    before each is never part of a match. A newline stands before the text for a cue
    at position 0. (Looking for stems of the cue words with str.find instead counts
    fewer instructions under callgrind, but runs slower.)
    """
    spans = [match.span(1) for match in _CUE_AFTER_SPACE_RE.finditer(norm)]
    others = [(match.start(1) - 1, match.end(1) - 1) for match in _CUE_AFTER_OTHER_RE.finditer("\n" + norm)]
    if others:
        spans += others
        spans.sort()
    return spans


def find_cues(text: str, normalized: tuple[str, Sequence[int]] | None = None,
              spans: Iterable[tuple[int, int]] | None = None) -> list[Cue]:
    """Every reporting cue in ``text`` (matched on the matching form).

    ``normalized`` is ``normalize_with_map(text)`` when the caller already has it, and
    ``spans`` the matches of the cue pattern in its matching form.
    """
    norm, mapping = normalized if normalized is not None else normalize_with_map(text)
    cues: list[Cue] = []
    for norm_start, norm_end in _cue_spans(norm) if spans is None else spans:
        start, end = mapping[norm_start], mapping[norm_end]
        word = norm[norm_start:norm_end]
        joined = word[0] in "وف" and word[1:] in _CUE_INDEX
        bare = word[1:] if joined else word
        # A bare present tense (المسؤول يؤكد ...) has its subject before it; participles have none.
        takes_subject = bare not in _PARTICIPLES and (joined or bare[0] not in "يت" or bare.startswith("تابع"))
        cues.append(Cue(start, end, text[start:end], takes_subject=takes_subject))
    return cues


_NAME_LIKE_RE = re.compile(r"[\u0621-\u064a\-]+")


def _name_like(word: str) -> bool:
    return (
        word not in _ROLE_WORDS
        and not word.startswith(("ال", "بال", "وال", "كال", "فال"))
        and len(word) > 1
        and _NAME_LIKE_RE.fullmatch(word) is not None
    )


def _leading_title(words: Sequence[str]) -> int:
    """How many words at the start are a title or role (وزير الدفاع الياباني الجنرال)."""
    count = 0
    for word in words:
        if word in _ROLE_WORDS or word.startswith(("ال", "بال", "لل", "وال")):
            count += 1
        else:
            break
    return count
