"""The extractor's speed-ups answer exactly as the simple code they replaced."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from jsec_data.article.stage import Registry
from jsec_data.core.anchor import Anchor, resolve
from jsec_data.core.models import AgreementRecord
from jsec_data.core.text import normalize_with_map
from jsec_data.extract import agreements as rules
from jsec_data.extract import cues, matching, quotes
from jsec_data.extract import draft as ex

# Pieces of Arabic news in matching form: cue and head words (with their prefixes and
# suffixes), status and hint words, near misses, Latin (with the characters IGNORECASE
# matches beyond ASCII), quote marks, stops and spaces.
_FRAGMENTS = sorted(
    cues._CUE_INDEX | set(rules._AGREEMENT_HEADS) | set(rules._HEAD_KEYS) | set(rules._KIND_HINT_KEYS)
    | {key for rule in rules._STATUS_RULES for key in rule.keys}
    # Heads with all their attachments (the longest reach before and after a key).
    | {prefix + head + suffix for head in rules._AGREEMENT_HEADS for prefix in ("", "و", "ك", "وال", "كال") for suffix in ("", "هما")}
    # The literal runs of the rule patterns themselves (so a key left out shows up).
    | {run.strip() for rule in [*rules._STATUS_RULES, *rules._KIND_HINTS] for run in re.findall(r"[\u0621-\u064a ]+", rule.pattern.pattern)}
    | {"ال", "و", "ف", "ب", "ل", "ك", "ها", "هما", "ه", "نا", "ي", "يه", "ون", "ت", "ا", "س", "وقعتا", "يبرمها", "تفاهم",
       "المتبادل", "وصول متبادل", "ذكره", "قالب", "مشتركه", "اتفاقيتها", "حيز التنفيذ", "من المقرر ان يوقع", "سيتم توقيع",
       "RAA", "raa", "ACSA", "acſa", "ſ", "K", "ı", "x_y", "2", "-", " ", "\u00a0", "  ", "\n", ".", "؟", "!", ",", ":", "(", ")",
       "«", "»", "“", "”", '"', "\u064b", "\u0640", "\u200f", ".»", ". «", "؟”\n", '!." ', "?!“ "}
)
_TEXT = st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], ...]]:
    return [tuple(match.span(group) for group in range(pattern.groups + 1)) for match in pattern.finditer(text)]


# --------------------------------------------------------------- regexes rewritten

def _longest_first(words: Iterable[str]) -> str:
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


_REFERENCE_CUE_RE = re.compile(r"(?<!\w)[وف]?" + _longest_first(cues._CUE_INDEX) + r"(?!\w)")
_REFERENCE_HEAD_RE = re.compile(r"(?<!\w)(?:[وبلف]|ك)?(?:ال)?(" + _longest_first(rules._AGREEMENT_HEADS) + r")(?:ها|هما|هم|نا|ه)?(?!\w)")
_REFERENCE_SENTENCE_SPLIT_RE = re.compile(r"[.!?؟]+[\s\"“”«»]*|\n")


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_trie_regexes_match_the_longest_first_alternations(text: str) -> None:
    assert cues._cue_spans(text) == [m.span() for m in _REFERENCE_CUE_RE.finditer(text)]
    trie_cue_re = re.compile(r"(?<!\w)[وف]?" + cues._CUE_WORDS + r"(?!\w)")
    assert [m.span() for m in trie_cue_re.finditer(text)] == [m.span() for m in _REFERENCE_CUE_RE.finditer(text)]
    assert _spans(rules._HEAD_RE, text) == _spans(_REFERENCE_HEAD_RE, text)
    assert _spans(quotes._SENTENCE_SPLIT_RE, text) == _spans(_REFERENCE_SENTENCE_SPLIT_RE, text)


@settings(max_examples=300, deadline=None)
@given(st.sets(st.text("ابت ", min_size=1, max_size=4), min_size=1, max_size=8), st.text("ابت .", max_size=30))
def test_alternation_prefers_longer_words_like_a_sorted_list(words: set[str], text: str) -> None:
    trie = re.compile(matching._alternation(words))
    reference = re.compile(_longest_first({re.escape(word) for word in words}))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in reference.finditer(text)]
    bounded = re.compile(r"(?<!\w)" + matching._alternation(words) + r"(?!\w)")
    bounded_reference = re.compile(r"(?<!\w)" + _longest_first({re.escape(word) for word in words}) + r"(?!\w)")
    assert [m.span() for m in bounded.finditer(text)] == [m.span() for m in bounded_reference.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_head_matches_find_what_a_whole_text_search_finds(text: str) -> None:
    assert [(m.span(), m.span(1)) for m in rules._head_matches(text)] == [(m.span(), m.span(1)) for m in rules._HEAD_RE.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_rule_literals_never_hide_a_match(text: str) -> None:
    for rule in [*rules._STATUS_RULES, *rules._KIND_HINTS]:
        assert rule.search(text) == (rule.pattern.search(text) is not None), rule.value
    assert rules._kind_hints(text) == tuple(rule.pattern.search(text) is not None for rule in rules._KIND_HINTS)


# --------------------------------------------------------------- matching form

_RAW = st.text(st.sampled_from([*"قال اتفاقية «»\".،ABz", "\u064b", "\u0651", "\u0640", "\u200f", "\u200c", "أ", "ة", "ى"]),
               max_size=60)


@settings(max_examples=500, deadline=None)
@given(_RAW, st.integers(0, 70), st.integers(0, 70))
def test_windows_of_the_matching_form_match_normalize_with_map(text: str, start: int, end: int) -> None:
    whole = matching._matching(text)
    assert (whole[0], list(whole[1])) == normalize_with_map(text)
    norm, offsets = matching._window(whole, start, end)
    expected_norm, expected_map = normalize_with_map(text[start:max(start, end)])
    assert (norm, list(offsets), len(offsets)) == (expected_norm, expected_map, len(expected_map))
    for offset in range(len(text) + 2):
        low = offset if offset <= len(text) else len(text)
        assert whole[1].position(low) == sum(1 for kept in whole[1] if kept < low)
    assert whole[1][-1] == len(text) and whole[1][1:3] == list(whole[1])[1:3]


def _reference_is_term(norm: str, cues_in_sentence: bool) -> bool:
    words = norm.split()  # every word, where _is_term stops splitting at four
    if not quotes._ARABIC_LETTER_RE.search(norm):
        return len(words) < 4
    if len(words) == 1:
        return not quotes._VERB_LIKE.search(norm)
    if len(words) == 2:
        return not (quotes._VERB_LIKE.search(norm) or cues_in_sentence)
    return False


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"ab c\n", "قال", "يقولون"]), max_size=20).map("".join), st.booleans())
def test_is_term_counts_words_as_before(norm: str, cues_in_sentence: bool) -> None:
    assert quotes._is_term(norm, cues_in_sentence) == _reference_is_term(norm, cues_in_sentence)


# --------------------------------------------------------------- selectors

def _reference_selector(text: str, start: int, end: int) -> dict[str, Any]:
    """The selector rule as first written: resolve() for every candidate context."""
    exact = text[start:end]
    selector: dict[str, Any] = {"exact": exact}
    if isinstance(resolve(text, exact), Anchor):
        return selector
    for size in (8, 16, 32, 64, 128, 256, 10_000):
        suffix = text[end:end + size]
        prefix = text[max(0, start - size):start]
        for candidate in ({"suffix": suffix}, {"prefix": prefix}, {"prefix": prefix, "suffix": suffix}):
            if any(not v for v in candidate.values()):
                continue
            found = resolve(text, exact, candidate.get("prefix"), candidate.get("suffix"))
            if isinstance(found, Anchor) and found.start == start:
                selector.update(candidate)
                return selector
    selector["start"] = start
    return selector


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_selector_matches_resolving_every_candidate(data: st.DataObject) -> None:
    # A small alphabet and repeated chunks: exact texts recur, with shared contexts.
    chunk = data.draw(st.text("ab ", min_size=1, max_size=12))
    text = data.draw(st.lists(st.sampled_from([chunk, chunk + "a", "b", " ", chunk * 3]), min_size=1, max_size=40).map("".join))
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    extractor = ex._Extractor("0" * 16, text, Registry(), [])
    assert extractor._selector(start, end) == _reference_selector(text, start, end)


# --------------------------------------------------------------- agreements

_PARTY_IDS = ["JPN", "USA", "PHL", "AUS"]
_KINDS = ["other", "alliance_treaty", "reciprocal_access_agreement", "memorandum"]


def _reference_agreement_for(self: ex._Extractor, kind: str, parties: list[str], named: list[str], written: str,
                             mention_norm: str) -> str:
    """_agreement_for as first written: every candidate gets its tiebreak."""
    scored: list[tuple[float, str]] = []
    for agreement in self.registry.agreements.values():
        score = 0
        if agreement.name_ar and matching._norm(agreement.name_ar) in mention_norm:
            score += 4
        if agreement.kind == kind:
            score += 2
        if named and not set(named) <= set(agreement.parties):
            continue
        score += len(set(parties) & set(agreement.parties))
        if score >= 3:
            tiebreak = len(self.article_parties & set(agreement.parties)) / (1 + len(agreement.parties))
            scored.append((score + tiebreak, agreement.agreement_id))
    scored.sort(key=lambda item: (-item[0], item[1]))
    if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        self.state.last_agreement = scored[0][1]
        return scored[0][1]
    last = self.state.last_agreement
    if last and (len(mention_norm.split()) <= 1 or not parties) and kind in ("other", self._agreement_kind(last)):
        return last
    party_ids = [p for p in named if p != "JPN"]
    base = ex.slugify("-".join(["jpn", *[p.lower() for p in party_ids], kind.replace("_", "-")]))
    agreement_id, number = base, 1
    while agreement_id in self.registry.agreements or (
        agreement_id in self.state.new_agreements and self.state.new_agreements[agreement_id]["kind"] != kind
    ):
        number += 1
        agreement_id = f"{base}-{number}"
    if agreement_id not in self.state.new_agreements:
        self.state.new_agreements[agreement_id] = {
            "agreement_id": agreement_id,
            "name_en": f"Draft: {kind.replace('_', ' ')}",
            "name_ar": written,
            "kind": kind,
            "parties": sorted({"JPN", *named}),
            "signed_date": None,
            "note": "Proposed by jsec extract: check the name, kind, parties and date.",
        }
        if "JPN" not in self.registry.entities:
            self._declare_japan()
    self.state.last_agreement = agreement_id
    return agreement_id


_AGREEMENT = st.builds(
    lambda number, kind, parties, name: AgreementRecord(
        agreement_id=f"a{number}", name_en="A", name_ar=name, kind=kind, parties=parties
    ),
    st.integers(0, 5), st.sampled_from(_KINDS), st.lists(st.sampled_from(_PARTY_IDS), min_size=1, max_size=3),
    st.sampled_from([None, "", "اتفاقية الوصول", "\u064b"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_AGREEMENT, max_size=6), st.lists(st.sets(st.sampled_from(_PARTY_IDS)), min_size=1, max_size=4),
       st.lists(st.tuples(st.sampled_from(_KINDS), st.lists(st.sampled_from(_PARTY_IDS), max_size=3),
                          st.lists(st.sampled_from(_PARTY_IDS), max_size=2), st.sampled_from(["اتفاقية", "اتفاقية الوصول"])),
                min_size=1, max_size=5))
def test_agreement_for_skips_the_tiebreak_only_when_it_cannot_matter(
    agreements: list[AgreementRecord], article_parties: list[set[str]], mentions: list[tuple[str, list[str], list[str], str]]
) -> None:
    registry = Registry(agreements={a.agreement_id: a for a in agreements})
    fast, reference = (ex._Extractor("0" * 16, "نص", registry, []) for _ in range(2))
    for extractor in (fast, reference):
        extractor.__dict__["article_parties"] = article_parties[0]  # what the article would name
    for kind, parties, named, mention_norm in mentions:
        got = fast._agreement_for(kind, parties, named, "اتفاقية", mention_norm)
        want = _reference_agreement_for(reference, kind, parties, named, "اتفاقية", mention_norm)
        assert got == want
        assert (fast.state.last_agreement, fast.state.new_agreements) == (reference.state.last_agreement, reference.state.new_agreements)
