"""Agreement mentions for the extractor: head words, kind hints and status words.

The words and patterns are package data (``data/agreements.yaml``), read and compiled
on first use into an :class:`AgreementWords`; the functions here search with it.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from jsec_data.core.text import normalize_for_matching
from jsec_data.extract.lexicon import DataError, load_data, matching_words
from jsec_data.extract.matching import alternation, matching_name
from jsec_data.extract.names import last_or_new, slugify

if TYPE_CHECKING:  # pragma: no cover
    from jsec_data.article.stage import Registry

__all__ = ["MODIFIER_RE", "AgreementWords", "KnownAgreement", "Rule", "agreement_words", "draft_agreement_slug",
           "first_value", "head_matches", "key_spans", "kind_hints", "known_agreements", "mention_kind_hints",
           "reported_status"]


@dataclass(frozen=True)
class Rule:
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


class AgreementWords(NamedTuple):
    """``data/agreements.yaml`` (word lists in matching form), with the patterns built from it."""

    heads: Mapping[str, str]  # head word -> the kind it suggests
    plural_heads: frozenset[str]  # heads that name agreements in general
    head_re: re.Pattern[str]  # a head as a whole word: attached letter, ال, head (group 1), pronoun suffix
    head_keys: tuple[str, ...]  # every head holds one, starting in its first word
    head_lead: int  # how far before a key in it a head match can start
    modifier_stops: frozenset[str]
    joiner_re: re.Pattern[str]  # a word that introduces a mention's parties, with the spaces around it
    alliance_head: str
    alliance_re: re.Pattern[str]
    step_re: re.Pattern[str]  # after a head: a step of an agreement (الاتفاق النهائي), not a mention
    kind_hints: tuple[Rule, ...]
    kind_hint_keys: tuple[str, ...]  # every kind hint's keys
    no_hints: tuple[bool, ...]  # kind_hints() of a text that holds none of them (compared by identity)
    statuses: tuple[Rule, ...]
    status_keys: tuple[str, ...]  # every status rule's keys, each once


def _rules(data: Any, field: str) -> tuple[Rule, ...]:
    if not isinstance(data, list):
        raise DataError(f"data/agreements.yaml: a list of rules with {field}, pattern and keys expected")
    return tuple(
        Rule(re.compile(rule["pattern"], re.IGNORECASE if rule.get("ignore_case") else 0), rule[field], tuple(rule["keys"]))
        for rule in data
    )


@functools.cache
def agreement_words() -> AgreementWords:
    """The agreement lexicon, read from ``data/agreements.yaml`` once."""
    data = load_data("agreements")
    fold = normalize_for_matching
    heads: dict[str, str] = {fold(head): kind for head, kind in data["heads"].items()}
    suffixes = [fold(suffix) for suffix in data["head_suffixes"]]
    keys = tuple(fold(key) for key in data["head_keys"])
    # A head's first word holds the start of one of its keys, so a match starts where the
    # word holding a key's start does, at most head_lead before the key (see head_matches).
    for head in heads:
        if not any(0 <= head.find(key) < len(head.split(" ")[0]) for key in keys):
            raise DataError(f"data/agreements.yaml: head {head!r} holds no head key in its first word")
    joiners = [fold(joiner) for joiner in data["party_joiners"]]
    kind_hints = _rules(data["kind_hints"], "kind")
    statuses = _rules(data["statuses"], "status")
    return AgreementWords(
        heads=heads,
        plural_heads=frozenset(fold(head) for head in data["plural_heads"]),
        head_re=re.compile(
            r"(?<!\w)(?:[وبلف]|ك)?(?:ال)?(" + alternation(heads) + r")"  # at most 3 characters before the head
            r"(?:" + "|".join(suffixes) + r")?(?!\w)"
        ),
        head_keys=keys,
        # (an attached letter, ال, the head's own letters before the key)
        head_lead=3 + max(head.find(key) for head in heads for key in keys if key in head),
        modifier_stops=matching_words(data["modifier_stops"]),
        joiner_re=re.compile(r"\s+(?:" + "|".join(map(re.escape, joiners)) + r")\s+"),
        alliance_head=fold(data["alliance"]["head"]),
        alliance_re=re.compile(data["alliance"]["pattern"]),
        step_re=re.compile(data["steps"]),
        kind_hints=kind_hints,
        kind_hint_keys=tuple(key for rule in kind_hints for key in rule.keys),
        no_hints=(False,) * len(kind_hints),
        statuses=statuses,
        status_keys=tuple(dict.fromkeys(key for rule in statuses for key in rule.keys)),
    )


def key_spans(norm: str) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of every head key in ``norm``, by start (str.find runs in C)."""
    spans = []
    for key in agreement_words().head_keys:
        index = norm.find(key)
        while index >= 0:
            spans.append((index, index + len(key)))
            index = norm.find(key, index + 1)
    spans.sort()
    return spans


def _is_regex_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches in a str pattern


def head_matches(norm: str, keys: Sequence[tuple[int, int]] | None = None) -> list[re.Match[str]]:
    """``list(agreement_words().head_re.finditer(norm))``, trying the pattern only where a match can start.

    ``re`` would try it at every position of the paragraph; here only at the start of
    each word holding a key's start (see agreement_words), then as finditer does: in
    order, each at or after the end of the match before. ``keys`` is ``key_spans(norm)``
    when the caller has it.
    """
    words = agreement_words()
    starts: set[int] = set()
    for key_start, _ in key_spans(norm) if keys is None else keys:
        start, floor = key_start, max(0, key_start - words.head_lead)
        while start > floor and (norm[start - 1].isalnum() or norm[start - 1] == "_"):  # (_is_regex_word, inlined)
            start -= 1
        if start == 0 or not _is_regex_word(norm[start - 1]):  # (else the word starts too far back)
            starts.add(start)
    matches = []
    end = 0
    head_re = words.head_re
    for start in sorted(starts):
        if start >= end:
            match = head_re.match(norm, start)  # its lookbehind sees the text before start
            if match:
                matches.append(match)
                end = match.end()
    return matches


def first_value(rules: Sequence[Rule], text: str) -> str | None:
    """The value of the first of ``rules`` whose search finds ``text``, or None (Rule.search, inlined)."""
    for rule in rules:
        if any(map(text.__contains__, rule.keys)) and rule.pattern.search(text) is not None:
            return rule.value
    return None


def reported_status(sentence_norm: str) -> str | None:
    """The status the first status rule found in a sentence (matching form) gives, or None."""
    words = agreement_words()
    if not any(map(sentence_norm.__contains__, words.status_keys)):
        return None  # (most sentences)
    return first_value(words.statuses, sentence_norm)


def kind_hints(text: str) -> tuple[bool, ...]:
    """Which of the kind hints match ``text`` (most texts hold none of their literals)."""
    words = agreement_words()
    if not any(map(text.__contains__, words.kind_hint_keys)):
        return words.no_hints
    return tuple(rule.search(text) for rule in words.kind_hints)


# Mentions are short phrases that come back again and again (الاتفاقية, اتفاقية الوصول المتبادل).
mention_kind_hints = functools.lru_cache(maxsize=4096)(kind_hints)

# Words that extend an agreement head: definite or لل-words, nisba adjectives, acronyms.
MODIFIER_RE = re.compile(
    r"\s+(?:[وب]?ال[\w\-]+|ل[\w\-]{3,}|[\w\-]{3,}(?:يه|ي)|[A-Z0-9]{2,8}|\([A-Za-z0-9\- ]{2,12}\))(?!\w)", re.IGNORECASE
)

#: (id, matching-form Arabic name, kind, party set, party count) of a registry agreement.
KnownAgreement: TypeAlias = tuple[str, str | None, str, frozenset[str], int]

_AGREEMENT_ID, _AGREEMENT_NAME, _AGREEMENT_KIND, _AGREEMENT_PARTIES = map(
    operator.attrgetter, ("agreement_id", "name_ar", "kind", "parties")
)


def known_agreements(registry: Registry) -> tuple[KnownAgreement, ...]:
    """Each of ``registry``'s agreements as the mention rules compare it (built once per registry)."""
    agreements = list(registry.agreements.values())
    parties = list(map(_AGREEMENT_PARTIES, agreements))
    return last_or_new("agreements", [agreements, parties], lambda: _known_agreements(tuple(zip(
        map(_AGREEMENT_ID, agreements), map(_AGREEMENT_NAME, agreements), map(_AGREEMENT_KIND, agreements),
        map(tuple, parties), strict=True
    ))))


@functools.lru_cache(maxsize=8)
def _known_agreements(agreements: tuple[tuple[str, str | None, str, tuple[str, ...]], ...]) -> tuple[KnownAgreement, ...]:
    """KnownAgreement rows for (id, Arabic name, kind, parties) (memoised)."""
    return tuple((agreement_id, matching_name(name_ar) if name_ar else None, kind, frozenset(parties), len(parties))
                 for agreement_id, name_ar, kind, parties in agreements)


@functools.lru_cache(maxsize=1024)
def draft_agreement_slug(kind: str, party_ids: tuple[str, ...]) -> str:
    """The id stem of a draft agreement (memoised: the same few are asked for again and again)."""
    return slugify("-".join(["jpn", *[p.lower() for p in party_ids], kind.replace("_", "-")]))
