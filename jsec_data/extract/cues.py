"""Reporting cues (قال، أضاف، أكد ...): the verbs after which the extractor looks for a speaker.

The verbs are package data (``data/cues.yaml``, by tense), read on first use; see
:mod:`jsec_data.extract.speakers` for the words after a cue that name the speaker.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from jsec_data.core.text import normalize_for_matching, normalize_with_map
from jsec_data.extract.lexicon import DataError, load_data, matching_words
from jsec_data.extract.matching import OffsetMap, alternation, matching_short

__all__ = ["IN_IT_RE", "Cue", "CueWords", "cue_spans", "cue_words", "find_cues", "is_dual", "is_plural", "is_singular",
           "reporting_cues", "verb_forms"]

_TENSES = ("past", "present", "participle")


class CueWords(NamedTuple):
    """The reporting verbs of ``data/cues.yaml`` (matching form) and the patterns that find them."""

    forms: frozenset[str]  # every verb form, without an attached و/ف
    presents: frozenset[str]  # bare, their subject comes before them
    participles: frozenset[str]  # never name a subject after them
    verbs: dict[str, str]  # form -> the verb it is a form of (the keys of data/cues.yaml)
    # The forms, with و/ف attached or not, in a pattern: a cue is one of them as a whole
    # word, ``(?<!\w)[وف]?`` + ``words`` + ``(?!\w)``. But ``re`` tries a pattern that opens
    # with a lookbehind at every position, so the words are searched after the character
    # before them: a space (most of them: a literal first character is found by a tight C
    # loop; there the trie holds the attached و/ف too, so no branch is tried twice), or any
    # other non-word character (a class without Arabic letters, tested in C, then the
    # lookbehind to drop the few word characters it lets through; few places, so the
    # smaller pattern with [وف]? will do).
    words: str  # the forms as a trie (see matching.alternation)
    after_space: re.Pattern[str]
    after_other: re.Pattern[str]


@functools.cache
def cue_words() -> CueWords:
    """The reporting verbs, read from ``data/cues.yaml`` once."""
    verbs = load_data("cues").get("verbs")
    if not isinstance(verbs, dict) or not all(
        isinstance(verb, dict) and set(verb) <= set(_TENSES) and all(isinstance(forms, str) for forms in verb.values())
        for verb in verbs.values()
    ):
        raise DataError(f"data/cues.yaml: verbs must map each verb to its forms by tense ({', '.join(_TENSES)})")
    past, presents, participles = (matching_words(form for verb in verbs.values() for form in verb.get(tense, "").split())
                                   for tense in _TENSES)
    forms = past | presents | participles
    verb_of = {normalize_for_matching(form): name for name, verb in verbs.items() for forms_ in verb.values()
               for form in forms_.split()}
    words = alternation(forms)
    attached = forms | {f"{prefix}{form}" for form in forms for prefix in "وف"}
    return CueWords(
        forms=forms,
        presents=presents,
        participles=participles,
        verbs=verb_of,
        words=words,
        after_space=re.compile(" (" + alternation(attached) + r")(?!\w)"),
        after_other=re.compile(r"[^\u0621-\u064aa-zA-Z0-9 ](?<=\W)([وف]?" + words + r")(?!\w)"),
    )


class Cue(NamedTuple):
    """A reporting verb found in a paragraph (offsets index the paragraph); a named tuple, as QuoteSpan."""

    start: int
    end: int
    text: str  # as written, with attached و/ف
    takes_subject: bool = True  # whether the words right after it may name its subject
    verb: str = ""  # the verb it is a form of (a key of data/cues.yaml)
    tense: str = "past"  # past, present or participle
    relative: bool = False  # right after a relative pronoun (يوشيوكا الذي صرح): its subject is the word before


def cue_spans(norm: str) -> list[tuple[int, int]]:
    """Spans of the cues in ``norm`` (matching form), in order: whole words, see :class:`CueWords`.

    Cues are whole words, so none starts right where another ends: the character taken
    before each is never part of a match. A newline stands before the text for a cue
    at position 0. (Looking for stems of the cue words with str.find instead counts
    fewer instructions under callgrind, but runs slower.)
    """
    words = cue_words()
    spans = [match.span(1) for match in words.after_space.finditer(norm)]
    others = [(match.start(1) - 1, match.end(1) - 1) for match in words.after_other.finditer("\n" + norm)]
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
    words = cue_words()
    norm, mapping = normalized if normalized is not None else normalize_with_map(text)
    cues: list[Cue] = []
    identity = type(mapping) is OffsetMap and not mapping.drops  # (most paragraphs: offsets are indices)
    for norm_start, norm_end in cue_spans(norm) if spans is None else spans:
        start, end = (norm_start, norm_end) if identity else (mapping[norm_start], mapping[norm_end])
        word = norm[norm_start:norm_end]
        joined = word[0] in "وف" and word[1:] in words.forms
        bare = word[1:] if joined else word
        # Past tenses name their subject after them; a bare present tense (المسؤول يؤكد ...)
        # has it before, but not with و/ف attached (ويؤكد الوزير); participles have none.
        takes_subject = bare not in words.participles and (joined or bare not in words.presents)
        tense = "participle" if bare in words.participles else "present" if bare in words.presents else "past"
        cues.append(Cue(start, end, text[start:end], takes_subject, words.verbs.get(bare, ""), tense))
    return cues


#: Relative pronouns: a cue right after one is in a relative clause about someone (الذي طلب عدم
#: الكشف عن هويته), not a report of what its subject said.
_RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذين", "اللذان", "اللتين", "اللتان", "اللواتي", "اللاتي"})
_PREVIOUS_WORD_RE = re.compile(r"([\w\-]+)[^\w]*$")
_IMPERSONAL_AFTER = re.compile(r"\s+[أإا]ن(?!\w)")
#: "in it" right after a cue (the same in the text and its matching form): a relative pronoun before the cue is a
#: time, place or text, not its subject; the subject, if named, comes after it.
IN_IT_RE = re.compile(r"\s*فيه(?:ا)?(?!\w)")


def reporting_cues(text: str, cues: Sequence[Cue]) -> list[Cue]:
    """The cues that report speech, marked ``relative`` after a relative pronoun; جاء only as وجاء في (في in its text)."""
    kept: list[Cue] = []
    for cue in cues:
        # (Every relative pronoun starts with ال: most cues fail that cheap test.)
        before = _PREVIOUS_WORD_RE.search(text, max(0, cue.start - 12), cue.start) \
            if text.find("ال", max(0, cue.start - 10), cue.start) >= 0 else None
        if before is not None and matching_short(before.group(1)) in _RELATIVES \
                and IN_IT_RE.match(text, cue.end) is None:  # (الوقت الذي أعلن فيه فلان أن: "in which" X said)
            cue = cue._replace(relative=True, takes_subject=False)
        if cue.verb == "dhakara" and cue.tense == "present" and _IMPERSONAL_AFTER.match(text, cue.end) \
                and text[max(0, cue.start - 3):cue.start].rstrip()[-1:] in ("", ".", "!", "?", "؟", "\n", ":"):
            continue  # يذكر أن ... opening a sentence: "it is mentioned that", the reporter's background
        if cue.verb == "jaa":
            after = re.match(r"\s+في(?!\w)", text[cue.end:cue.end + 6])
            if after is None:
                continue  # جاء ذلك خلال ...: the reporter's frame, not a report
            cue = cue._replace(end=cue.end + after.end(), text=text[cue.start:cue.end + after.end()])
        kept.append(cue)
    return kept


@functools.cache
def verb_forms() -> frozenset[str]:
    """Every reporting verb form, bare or with و/ف attached (matching form)."""
    forms = cue_words().forms
    return frozenset(forms | {prefix + form for form in forms for prefix in "وف"})


def is_singular(cue: Cue) -> bool:
    """Whether a cue is the verb of one speaker (قال، يقول، مضيفا، مؤكدة), not of two or more (قالا، قالوا، مضيفين)."""
    word = matching_short(cue.text)
    if cue.tense == "participle":
        return word.endswith(("ا", "ه"))
    return not is_dual(cue) and not word.endswith(("وا", "ون", "ان"))


def is_plural(cue: Cue) -> bool:
    """Whether a cue is the verb of three or more (قالوا، يقولون، مضيفين)."""
    word = matching_short(cue.text)
    return word.endswith("ين") if cue.tense == "participle" else word.endswith(("وا", "ون"))


def is_dual(cue: Cue) -> bool:
    """Whether a cue is a dual verb (قالا، اتفقا، يعلنان): its subject is two people."""
    word = matching_short(cue.text)
    forms = verb_forms()  # (with و/ف attached too)
    if cue.tense == "present":
        return word.endswith("ان") and word[:-2] in forms
    return cue.tense == "past" and word.endswith("ا") and word[:-1] in forms and not word.endswith("وا")
