"""Hypothesis strategies of extractor input, and the plain regex forms the rules must match."""

from __future__ import annotations

import re
from collections.abc import Iterable

from hypothesis import strategies as st

from jsec_data.core.text import DROPPED_CHARACTERS, MATCHING_TABLE
from jsec_data.extract.agreements import agreement_words
from jsec_data.extract.cues import cue_words
from jsec_data.extract.quotes import QUOTE_CLASS

CUE_FORMS = cue_words().forms
AGREEMENTS = agreement_words()
RULES = [*AGREEMENTS.statuses, *AGREEMENTS.kind_hints]


def longest_first(words: Iterable[str]) -> str:
    """An alternation of ``words`` as a list sorted longest first: what the tries must match like."""
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


#: A cue as a whole word, with و/ف attached or not.
REFERENCE_CUE_RE = re.compile(r"(?<!\w)[وف]?" + longest_first(CUE_FORMS) + r"(?!\w)")
#: Sentence splits: a run of stops with the spaces and quote marks after it, or a newline.
# (A full stop between two digits, 1.5 or 04.00, is not a stop.)
REFERENCE_SENTENCE_SPLIT_RE = re.compile(r"(?:(?<!\d)\.|\.(?!\d)|[!?؟])[.!?؟]*[\s\"“”«»]*|\n")


def literal_runs() -> set[str]:
    """The literal Arabic runs of the status and kind-hint patterns (so a key left out shows up)."""
    return {run.strip() for rule in RULES for run in re.findall(r"[\u0621-\u064a ]+", rule.pattern.pattern)}


# Pieces of text: cue words (with و/ف), head keys, attached letters, every dropped and
# folded character, Latin capitals (and Latin-1 ones, which must stay), word characters
# that are not Arabic letters (digits, _, é), and non-word characters of all sorts.
_PIECES = sorted(
    set(CUE_FORMS) | {prefix + form for form in CUE_FORMS for prefix in "وف"}
    | set(AGREEMENTS.head_keys) | set(AGREEMENTS.heads)
    | set(DROPPED_CHARACTERS) | {chr(code) for code, value in MATCHING_TABLE.items() if value is not None} | set(QUOTE_CLASS)
    | {"و", "ف", "ال", "ب", "ل", "ك", "ها", "ه", "ا", "ي", "ت", "قالوا", "وقال", "فقال", "استقال", "تابعة", "A", "Z", "RAA",
       "À", "ſ", "é", "_", "2", "٣", " ", "  ", "\n", "\t", "\u00a0", ".", "!", "?", "؟", "…", ",", "،", ":", "(", ")", "-",
       "–", "%", "٪", "/", "*"}
)
#: Raw article text, before the matching form.
TEXT = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)

# Pieces of Arabic news in matching form: cue and head words (with their prefixes and
# suffixes), status and hint words, near misses, Latin (with the characters IGNORECASE
# matches beyond ASCII), quote marks, stops and spaces.
_FRAGMENTS = sorted(
    CUE_FORMS | set(AGREEMENTS.heads) | set(AGREEMENTS.head_keys) | set(AGREEMENTS.kind_hint_keys)
    | {key for rule in AGREEMENTS.statuses for key in rule.keys}
    # Heads with all their attachments (the longest reach before and after a key).
    | {prefix + head + suffix for head in AGREEMENTS.heads for prefix in ("", "و", "ك", "وال", "كال") for suffix in ("", "هما")}
    | literal_runs()
    | {"ال", "و", "ف", "ب", "ل", "ك", "ها", "هما", "ه", "نا", "ي", "يه", "ون", "ت", "ا", "س", "وقعتا", "يبرمها", "تفاهم",
       "المتبادل", "وصول متبادل", "ذكره", "قالب", "مشتركه", "اتفاقيتها", "حيز التنفيذ", "من المقرر ان يوقع", "سيتم توقيع",
       "RAA", "raa", "ACSA", "acſa", "ſ", "K", "ı", "x_y", "2", "-", " ", "\u00a0", "  ", "\n", ".", "؟", "!", ",", ":", "(", ")",
       "«", "»", "“", "”", '"', "\u064b", "\u0640", "\u200f", ".»", ". «", "؟”\n", '!." ', "?!“ "}
)
#: Text in the matching form, dense in what the rules look for.
NEWS = st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join)

#: Sentences made of the status and kind-hint keys and the literal runs of their patterns.
RULE_TEXT = st.lists(st.sampled_from(sorted(
    {key for rule in RULES for key in rule.keys} | literal_runs() | {"و", "ف", "ست", "سي", "ا", "ت", " ", "."}
)), max_size=12).map("".join)


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], ...]]:
    """Every finditer match of ``pattern``, as the spans of all its groups."""
    return [tuple(match.span(group) for group in range(pattern.groups + 1)) for match in pattern.finditer(text)]
