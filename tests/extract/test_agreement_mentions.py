"""Agreement mentions: head words, kind hints and statuses from data/agreements.yaml, and the agreement a mention refers to."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from jsec_data.article.stage import Registry
from jsec_data.core.models import AgreementRecord
from jsec_data.extract import agreements as rules
from jsec_data.extract import extract_file, matching
from jsec_data.extract.matching import matching_form
from jsec_data.extract.mentions import Mentions
from jsec_data.extract.model import ProposedAgreement, ProposedEntity
from jsec_data.extract.names import registry_gazetteers, slugify
from jsec_data.extract.proposals import Proposals

from ..conftest import FIXTURES
from .texts import AGREEMENTS, NEWS, RULE_TEXT, RULES, TEXT, longest_first, spans

EXTRACT_RAW = FIXTURES / "extract" / "raw"


def test_agreements_with_registry_and_parties() -> None:
    draft = extract_file(EXTRACT_RAW / "articles" / "102_b2b2b2b2b2b2b2b2.txt", EXTRACT_RAW)
    assert draft.data is not None
    mentions = [(m["exact"], m["agreement_id"], m["reported_status"]) for m in draft.data["agreement_mentions"]]
    assert ("اتفاقية لحماية المعلومات العسكرية", "jpn-phl-information-security", "under_negotiation") in mentions
    assert ("اتفاقية الوصول المتبادل", "jpn-phl-raa", "signed") in mentions


# ------------------------------------------------------------------------ head words

_REFERENCE_HEAD_RE = re.compile(
    r"(?<!\w)(?:[وبلف]|ك)?(?:ال)?(" + longest_first(AGREEMENTS.heads) + r")(?:ها|هما|هم|نا|ه)?(?!\w)"
)


@settings(max_examples=500, deadline=None)
@given(NEWS)
def test_head_pattern_matches_the_longest_first_alternation(text: str) -> None:
    assert spans(AGREEMENTS.head_re, text) == spans(_REFERENCE_HEAD_RE, text)


@settings(max_examples=600, deadline=None)
@given(TEXT)
def test_head_matches_are_finditer_matches(text: str) -> None:
    norm = matching_form(text)[0]
    for value in (text, norm):
        expected = [(m.span(), m.span(1)) for m in AGREEMENTS.head_re.finditer(value)]
        assert [(m.span(), m.span(1)) for m in rules.head_matches(value)] == expected
        assert [(m.span(), m.span(1)) for m in rules.head_matches(value, rules.key_spans(value))] == expected


@settings(max_examples=500, deadline=None)
@given(NEWS)
def test_head_matches_find_what_a_whole_text_search_finds(text: str) -> None:
    assert [(m.span(), m.span(1)) for m in rules.head_matches(text)] == [(m.span(), m.span(1)) for m in AGREEMENTS.head_re.finditer(text)]


def test_every_head_holds_a_key_in_its_first_word() -> None:
    # What lets a paragraph without a key skip the head search (checked again when the data is read).
    for head in AGREEMENTS.heads:
        assert any(0 <= head.find(key) < len(head.split(" ")[0]) for key in AGREEMENTS.head_keys), head


# ------------------------------------------------------------------ kinds and statuses

@settings(max_examples=500, deadline=None)
@given(NEWS)
def test_rule_literals_never_hide_a_match(text: str) -> None:
    for rule in RULES:
        assert rule.search(text) == (rule.pattern.search(text) is not None), rule.value
    assert rules.kind_hints(text) == tuple(rule.pattern.search(text) is not None for rule in AGREEMENTS.kind_hints)


@settings(max_examples=500, deadline=None)
@given(RULE_TEXT)
def test_status_and_hints_as_the_rules_say(text: str) -> None:
    status = rules.first_value(AGREEMENTS.statuses, text) if any(map(text.__contains__, AGREEMENTS.status_keys)) else None
    assert status == rules.reported_status(text)
    assert status == next((rule.value for rule in AGREEMENTS.statuses if rule.pattern.search(text)), None)
    expected_hints = tuple(rule.pattern.search(text) is not None for rule in AGREEMENTS.kind_hints)
    assert rules.kind_hints(text) == rules.mention_kind_hints(text) == expected_hints


# --------------------------------------------------------- the agreement a mention means

def _reference_agreement_for(self: Mentions, kind: str, parties: list[str], named: list[str], written: str,
                             mention_norm: str) -> str:
    """Mentions.agreement_for with every candidate given its tiebreak."""
    proposals = self.proposals
    scored: list[tuple[float, str]] = []
    for agreement in self.registry.agreements.values():
        score = 0
        if agreement.name_ar and matching.matching_name(agreement.name_ar) in mention_norm:
            score += 4
        if agreement.kind == kind and kind != "other":
            score += 2
        if named and not set(named) <= set(agreement.parties):
            continue
        score += len(set(parties) & set(agreement.parties))
        if set(agreement.parties) <= set(parties):
            score += 1
        if score >= 3:
            tiebreak = len(self.article_parties & set(agreement.parties)) / (1 + len(agreement.parties))
            scored.append((score + tiebreak, agreement.agreement_id))
    scored.sort(key=lambda item: (-item[0], item[1]))
    if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        self.last_agreement = scored[0][1]
        return scored[0][1]
    last = self.last_agreement
    if last and (len(mention_norm.split()) <= 1 or not parties) and kind in ("other", proposals.agreement_kind(last)):
        return last
    japan = "JPN" if "JPN" in self.registry.entities else f"{proposals.namespace}-japan"
    party_ids = [p for p in named if p != japan]
    base = proposals.namespace + "-" + slugify("-".join(["jpn", *[p.lower() for p in party_ids], kind.replace("_", "-")]))
    agreement_id, number = base, 1
    while agreement_id in self.registry.agreements or (
        agreement_id in proposals.agreements and proposals.agreements[agreement_id].kind != kind
    ):
        number += 1
        agreement_id = f"{base}-{number}"
    if agreement_id not in proposals.agreements:
        proposals.agreements[agreement_id] = ProposedAgreement(
            agreement_id=agreement_id,
            name_en=f"Draft: {kind.replace('_', ' ')}",
            name_ar=written,
            kind=kind,
            parties=sorted({japan, *named}),
            signed_date=None,
            note="Proposed by jsec extract: check the name, kind, parties and date.",
        )
        if japan != "JPN":
            proposals.entities.setdefault(japan, ProposedEntity(
                japan, "unknown", "Japan", ["اليابان"], "Proposed by jsec extract: stands for Japan, which the registry "
                "lacks; declare JPN in raw/entities.yaml and use it."))
    self.last_agreement = agreement_id
    return agreement_id


_PARTY_IDS = ["JPN", "USA", "PHL", "AUS"]
_KINDS = ["other", "alliance_treaty", "reciprocal_access_agreement", "memorandum"]

_AGREEMENT = st.builds(
    lambda number, kind, parties, name: AgreementRecord(
        agreement_id=f"a{number}", name_en="A", name_ar=name, kind=kind, parties=parties
    ),
    st.integers(0, 5), st.sampled_from(_KINDS), st.lists(st.sampled_from(_PARTY_IDS), min_size=1, max_size=3),
    st.sampled_from([None, "", "اتفاقية الوصول", "\u064b"]),
)


def _mentions(registry: Registry) -> Mentions:
    text = "نص"
    return Mentions(text, matching_form(text)[0], registry, registry_gazetteers(registry).parties, Proposals(registry))


@settings(max_examples=400, deadline=None)
@given(st.lists(_AGREEMENT, max_size=6), st.lists(st.sets(st.sampled_from(_PARTY_IDS)), min_size=1, max_size=4),
       st.lists(st.tuples(st.sampled_from(_KINDS), st.lists(st.sampled_from(_PARTY_IDS), max_size=3),
                          st.lists(st.sampled_from(_PARTY_IDS), max_size=2), st.sampled_from(["اتفاقية", "اتفاقية الوصول"])),
                min_size=1, max_size=5))
def test_agreement_for_skips_the_tiebreak_only_when_it_cannot_matter(
    agreements: list[AgreementRecord], article_parties: list[set[str]], mentions: list[tuple[str, list[str], list[str], str]]
) -> None:
    registry = Registry(agreements={a.agreement_id: a for a in agreements})
    fast, reference = _mentions(registry), _mentions(registry)
    for mention_rules in (fast, reference):
        mention_rules.__dict__["article_parties"] = article_parties[0]  # what the article would name
    for kind, parties, named, mention_norm in mentions:
        got = fast.agreement_for(kind, parties, named, "اتفاقية", mention_norm)
        want = _reference_agreement_for(reference, kind, parties, named, "اتفاقية", mention_norm)
        assert got == want
        assert (fast.last_agreement, fast.proposals.agreements, fast.proposals.entities) == (
            reference.last_agreement, reference.proposals.agreements, reference.proposals.entities
        )
