"""Agreement mentions for the extractor: head words, kind hints and status words."""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass

from jsec_data.extract.matching import _alternation, _norm
from jsec_data.extract.names import slugify

# Head word (normalised, without ال) -> agreement kind it suggests.
_AGREEMENT_HEADS: dict[str, str] = {
    "اتفاقيه": "other", "اتفاقيات": "other", "اتفاق": "other", "اتفاقات": "other",
    "معاهده": "alliance_treaty", "معاهدات": "alliance_treaty",
    "مذكره": "memorandum", "مذكرات": "memorandum", "مذكره تفاهم": "memorandum", "مذكرات تفاهم": "memorandum",
    "شراكه": "security_defence_partnership", "شراكات": "security_defence_partnership",
    "تحالف": "alliance_treaty",
    "بيان مشترك": "joint_statement", "البيان المشترك": "joint_statement",
    "اعلان مشترك": "joint_statement",
}


_HEAD_SUFFIXES = ("ها", "هما", "هم", "نا", "ه")
_HEAD_RE = re.compile(
    r"(?<!\w)(?:[وبلف]|ك)?(?:ال)?(" + _alternation(_AGREEMENT_HEADS) + r")"  # at most 3 characters before the head
    r"(?:" + "|".join(_HEAD_SUFFIXES) + r")?(?!\w)"
)
# Every head contains one of these: a paragraph with none of them has no mention (a cheap pre-check).
_HEAD_KEYS = ("اتفاق", "معاهد", "مذكر", "شراك", "تحالف", "ن مشترك", "ن المشترك")  # not "مشترك": common alone
assert all(any(key in head for key in _HEAD_KEYS) for head in _AGREEMENT_HEADS)
# How far before a key in it a match can start (attached letter, ال, the head's own letters).
_HEAD_LEAD = 3 + max(head.find(key) for head in _AGREEMENT_HEADS for key in _HEAD_KEYS if key in head)


def _key_spans(norm: str) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of every head key in ``norm``, by start (str.find runs in C)."""
    spans = []
    for key in _HEAD_KEYS:
        index = norm.find(key)
        while index >= 0:
            spans.append((index, index + len(key)))
            index = norm.find(key, index + 1)
    spans.sort()
    return spans


# A head's first word holds the start of one of its keys, so a match starts where the
# word holding a key's start does, at most _HEAD_LEAD before the key.
assert all(any(0 <= head.find(key) < len(head.split(" ")[0]) for key in _HEAD_KEYS) for head in _AGREEMENT_HEADS)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches in a str pattern


def _head_matches(norm: str, keys: Sequence[tuple[int, int]] | None = None) -> list[re.Match[str]]:
    """``list(_HEAD_RE.finditer(norm))``, trying the pattern only where a match can start.

    ``re`` would try it at every position of the paragraph; here only at the start of
    each word holding a key's start (see above), then as finditer does: in order, each
    at or after the end of the match before. ``keys`` is ``_key_spans(norm)`` when the
    caller has it.
    """
    starts: set[int] = set()
    for key_start, _ in _key_spans(norm) if keys is None else keys:
        start, floor = key_start, max(0, key_start - _HEAD_LEAD)
        while start > floor and _is_word_char(norm[start - 1]):
            start -= 1
        if start == 0 or not _is_word_char(norm[start - 1]):  # (else the word starts too far back)
            starts.add(start)
    matches = []
    end = 0
    for start in sorted(starts):
        if start >= end:
            match = _HEAD_RE.match(norm, start)  # its lookbehind sees the text before start
            if match:
                matches.append(match)
                end = match.end()
    return matches


@dataclass(frozen=True)
class _Rule:
    """A pattern that answers ``value``, and literals one of which every match contains.

    Most sentences hold none of the literals: ``in`` tests (in C) then spare a regex
    search that would try its lookbehinds and branches at every position. Under
    IGNORECASE a Latin literal needs each case form it can match (so "r", "R").
    """

    pattern: re.Pattern[str]
    value: str
    keys: tuple[str, ...]

    def search(self, text: str) -> bool:
        return any(map(text.__contains__, self.keys)) and self.pattern.search(text) is not None


_KIND_HINTS: list[_Rule] = [
    _Rule(re.compile(r"الوصول المتبادل|وصول متبادل|\bRAA\b", re.IGNORECASE), "reciprocal_access_agreement",
          ("وصول", "r", "R")),
    _Rule(re.compile(r"اقتناء|الخدمات المتبادله|ACSA", re.IGNORECASE), "acquisition_cross_servicing",
          ("اقتناء", "الخدمات المتبادله", "c", "C")),
    _Rule(re.compile(r"امن المعلومات|حمايه المعلومات|المعلومات السريه"), "information_security", ("المعلومات",)),
    _Rule(re.compile(r"نقل المعدات|التكنولوجيا الدفاعيه"), "equipment_technology_transfer",
          ("نقل المعدات", "التكنولوجيا الدفاعيه")),
    _Rule(re.compile(r"تطوير مشترك|التطوير المشترك"), "co_development", ("تطوير",)),
]
_KIND_HINT_KEYS = tuple(key for rule in _KIND_HINTS for key in rule.keys)


def _first_value(rules: Sequence[_Rule], text: str) -> str | None:
    """The value of the first of ``rules`` whose search finds ``text``, or None (_Rule.search, inlined)."""
    for rule in rules:
        if any(map(text.__contains__, rule.keys)) and rule.pattern.search(text) is not None:
            return rule.value
    return None
_NO_HINTS = (False,) * len(_KIND_HINTS)


def _kind_hints(text: str) -> tuple[bool, ...]:
    """Which of the kind hints match ``text`` (most texts hold none of their literals)."""
    if not any(map(text.__contains__, _KIND_HINT_KEYS)):
        return _NO_HINTS
    return tuple(rule.search(text) for rule in _KIND_HINTS)


# Mentions are short phrases that come back again and again (الاتفاقية, اتفاقية الوصول المتبادل).
_mention_kind_hints = functools.lru_cache(maxsize=4096)(_kind_hints)


# Words that extend an agreement head: definite or لل-words, nisba adjectives, acronyms.
_MODIFIER_RE = re.compile(
    r"\s+(?:[وب]?ال[\w\-]+|ل[\w\-]{3,}|[\w\-]{3,}(?:يه|ي)|[A-Z0-9]{2,8}|\([A-Za-z0-9\- ]{2,12}\))(?!\w)", re.IGNORECASE
)
# "the alliance" is an agreement only when it links parties (تحالفها مع، التحالف بين، التحالف الياباني الأمريكي).
_ALLIANCE_RE = re.compile(r"تحالف(?:ها|هما|هم|نا|ه)?\s+(?:مع|بين)|(?<!\w)[وب]?التحالف\s+(?:بين|الامني|الياباني|الامريكي)")
_STATUS_RULES: list[_Rule] = [
    _Rule(re.compile(r"حيز التنفيذ|دخلت|سارية"), "in_force", ("حيز التنفيذ", "دخلت", "سارية")),
    _Rule(re.compile(r"(?<!\w)[وف]?(?:ست|سي)وقع|من المقرر ان (?:ت|ي)وقع|سيتم توقيع|للتوقيع"), "to_be_signed",
          ("وقع", "توقيع")),
    _Rule(re.compile(r"(?<!\w)[وف]?(?:وقع|وقعت|وقعوا|وقعا|وقعتا|وقعته|وقعتها|توقيع|ابرم|ابرمت|يبرمها)(?!\w)"), "signed",
          ("وقع", "توقيع", "ابرم", "يبرمها")),
    _Rule(re.compile(r"مفاوضات|التفاوض|محادثات بشان|يتفاوض|تتفاوض"), "under_negotiation",
          ("مفاوضات", "تفاوض", "محادثات بشان")),
    _Rule(re.compile(r"النظر في|دراسه|تدرس|يدرس|اقترح|اقتراح"), "under_consideration",
          ("النظر في", "دراسه", "درس", "اقترح", "اقتراح")),
    _Rule(re.compile(r"(?<!\w)[وف]?(?:اعلن|اعلنت|اعلنا|اعلنوا|يعلنان|تعلنان)(?!\w)"), "announced", ("اعلن", "علنان")),
    _Rule(re.compile(r"(?<!\w)[وف]?(?:اتفق|اتفقت|اتفقا|اتفقوا|اتفقتا)(?!\w)"), "agreed", ("اتفق",)),
]
# Every status rule's literals, each once: most sentences hold none, and one pass over
# them answers for all the rules.
_STATUS_KEYS = tuple(dict.fromkeys(key for rule in _STATUS_RULES for key in rule.keys))


_AGREEMENT_ID, _AGREEMENT_NAME, _AGREEMENT_KIND, _AGREEMENT_PARTIES = map(
    operator.attrgetter, ("agreement_id", "name_ar", "kind", "parties")
)


@functools.lru_cache(maxsize=8)
def _known_agreements(
    agreements: tuple[tuple[str, str | None, str, tuple[str, ...]], ...],
) -> tuple[tuple[str, str | None, str, frozenset[str], int], ...]:
    """(id, matching-form Arabic name, kind, party set, party count) for (id, Arabic name, kind, parties) (memoised)."""
    return tuple((agreement_id, _norm(name_ar) if name_ar else None, kind, frozenset(parties), len(parties))
                 for agreement_id, name_ar, kind, parties in agreements)


@functools.lru_cache(maxsize=1024)
def _draft_agreement_slug(kind: str, party_ids: tuple[str, ...]) -> str:
    """The id stem of a draft agreement (memoised: the same few are asked for again and again)."""
    return slugify("-".join(["jpn", *[p.lower() for p in party_ids], kind.replace("_", "-")]))
