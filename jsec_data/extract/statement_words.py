"""The words of the statement rules (``data/statements.yaml``), in the matching form, and where attributions are.

Read once (:func:`statement_words`); used by :mod:`jsec_data.extract.statements`, the quotation rules and the
article scan.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from jsec_data.core.text import normalize_for_matching
from jsec_data.extract.lexicon import DataError, complementisers, load_data, matching_words
from jsec_data.extract.matching import alternation

__all__ = ["ATTRIBUTION_KEYS", "StatementWords", "attribution_starts", "statement_words"]


class StatementWords(NamedTuple):
    """``data/statements.yaml`` in the matching form."""

    complementisers: frozenset[str]
    complementiser_re: re.Pattern[str]  # one of them as a whole word (group 1)
    max_gap: int
    prepositions: dict[str, frozenset[str]]  # verb -> prepositions written as a word
    attached: frozenset[str]  # verbs that govern an attached ب
    objects: frozenset[str]
    strict: frozenset[str]
    clause_only: frozenset[str]
    noun_first: frozenset[str]
    attribution_re: re.Pattern[str]
    np_stops: frozenset[str]
    np_stop_re: re.Pattern[str]  # a space and one of np_stops, as a whole word
    not_reported: frozenset[str]
    addressee_first: frozenset[str]
    not_complementiser: frozenset[str]
    clause_break_re: re.Pattern[str]  # a comma and a word that opens the reporter's next clause
    goes_on_re: re.Pattern[str]  # a comma and words that continue a noun phrase
    not_a_cue: frozenset[str]
    not_a_cue_endings: tuple[str, ...]  # their last letters
    not_a_source: frozenset[str]  # after an attribution word: a norm, a measure, an order (وفقا للمعايير)
    speech_nouns: frozenset[str]  # after an attribution word with a pronoun: a tag (بحسب قوله)

    def names_no_source(self, written: str) -> bool:
        """Whether the word written right after an attribution word (بحسب، وفقا لـ ...) makes it name no source:
        a norm or a measure (وفقا للمعايير، حسب رغبته) or a noun of saying with a pronoun (بحسب قوله، على حد تعبيره)."""
        word = normalize_for_matching(written)
        forms = {word, word[2:]} if word.startswith("ال") else {word}
        if word.startswith("لل"):
            forms |= {word[2:], "ال" + word[2:]}
        elif word.startswith("ل"):
            forms.add(word[1:])  # (وفقا لأحكام: the ل of وفقا لـ written onto the noun)
        possessed: set[str] = set()
        for form in tuple(forms):
            for suffix in _PRONOUN_SUFFIXES:
                # (a pronoun ه, not a ta marbuta written ة, which the matching form also writes ه: الطلبة)
                if form.endswith(suffix) and len(form) > len(suffix) + 1 and not (suffix == "ه" and written.endswith("ة")):
                    base = form[:-len(suffix)]
                    possessed |= {base, base[:-1] + "ه"} if base.endswith("ت") else {base}  # (رغبته: رغبة)
        return bool((forms | possessed) & self.not_a_source) or bool(possessed & self.speech_nouns)


#: Pronouns attached to a noun (matching form), longest first.
_PRONOUN_SUFFIXES = ("هما", "هم", "هن", "ها", "نا", "ه", "ي")


def _after_comma(phrases: Sequence[str]) -> re.Pattern[str]:
    """A comma (Arabic or Latin) then one of ``phrases`` as whole words, in the matching form."""
    forms = sorted({normalize_for_matching(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"\s*[،,]\s*(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) + r")(?!\w)")


@functools.cache
def statement_words() -> StatementWords:
    """The statement rules' words, read from ``data/statements.yaml`` once."""
    data = load_data("statements")
    try:
        prepositions = {verb: frozenset(normalize_for_matching(p) for p in preps if p != "ب")
                        for verb, preps in data["prepositions"].items()}
        attached = frozenset(verb for verb, preps in data["prepositions"].items() if "ب" in preps)
        attributions = sorted((normalize_for_matching(a) for a in data["attributions"]), key=len, reverse=True)
        return StatementWords(
            complementisers=complementisers(),
            complementiser_re=re.compile(r"(?:^|(?<=[^\w\-]))(" + alternation(complementisers())
                                         + r")(?![\w\-])"),
            max_gap=int(data["max_gap_words"]),
            prepositions=prepositions,
            attached=attached,
            objects=frozenset(data["object"]),
            strict=frozenset(data["strict"]),
            clause_only=frozenset(data["clause_only"]),
            noun_first=frozenset(data["noun_first"]),
            # An attribution word, with و attached or not; ل may be written onto the next word (وفقا لأشخاص).
            attribution_re=re.compile(r"(?<!\w)و?(?:" + "|".join(re.escape(a).replace(r"\ ", r"\s*") for a in attributions)
                                      + r")(?=\s|\w)"),
            np_stops=matching_words(data["noun_phrase_stops"].split()),
            np_stop_re=re.compile(r"\s" + alternation(matching_words(data["noun_phrase_stops"].split())) + r"(?!\w)"),
            not_reported=matching_words(data["not_reported"]),
            addressee_first=frozenset(data["addressee_first"]),
            not_complementiser=matching_words(data["not_complementiser"]),
            clause_break_re=_after_comma(data["clause_breaks"]),
            goes_on_re=_after_comma(data["noun_phrase_goes_on"]),
            not_a_cue=matching_words(data["not_a_cue"]),
            not_a_cue_endings=tuple(sorted({word[-1] for word in matching_words(data["not_a_cue"])})),
            not_a_source=matching_words(data["not_a_source"].split()),
            speech_nouns=matching_words(data["speech_nouns"]),
        )
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise DataError(f"data/statements.yaml: {exc!r}: see the file's comments for what each list holds") from exc


#: Literals one of which every attribution holds: most articles hold none, and str.find is cheap.
ATTRIBUTION_KEYS = ("حسب", "وفقا", "طبقا", "نقل", "تعبير")


def attribution_starts(norm: str) -> list[int]:
    """Starts of the attributions (بحسب، وفقا لـ ...) in a matching-form text, in order.

    The pattern opens with a lookbehind, which ``re`` would try at every position of the
    text: it is tried only around the places where a key word occurs (str.find, in C).
    """
    pattern = None
    starts: set[int] = set()
    for key in ATTRIBUTION_KEYS:
        index = norm.find(key)
        while index >= 0:
            pattern = pattern or statement_words().attribution_re
            found = pattern.search(norm, max(0, index - 3), index + len(key) + 8)
            if found is not None:
                starts.add(found.start())
            index = norm.find(key, index + 1)
    return sorted(starts)
