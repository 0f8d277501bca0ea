"""The extractor's article-wide scans answer exactly as the regex passes and per-paragraph code they replaced."""

from __future__ import annotations

import re
from collections.abc import Iterable

from hypothesis import given, settings
from hypothesis import strategies as st

from jsec_data.article.segment import split_paragraphs
from jsec_data.article.stage import Registry
from jsec_data.core.models import EntityRecord
from jsec_data.core.text import _FOLDED, DROPPED_CHARACTERS, MATCHING_TABLE, normalize_with_map
from jsec_data.extract import agreements as rules
from jsec_data.extract import cues, matching, quotes
from jsec_data.extract import draft as ex

# Pieces of text: cue words (with و/ف), head keys, attached letters, every dropped and
# folded character, Latin capitals (and Latin-1 ones, which must stay), word characters
# that are not Arabic letters (digits, _, é), and non-word characters of all sorts.
_PIECES = sorted(
    set(cues._CUE_INDEX) | {prefix + form for form in cues._CUE_INDEX for prefix in "وف"}
    | set(rules._HEAD_KEYS) | set(rules._AGREEMENT_HEADS)
    | set(DROPPED_CHARACTERS) | set(_FOLDED) | set(quotes._QUOTE_CLASS)
    | {"و", "ف", "ال", "ب", "ل", "ك", "ها", "ه", "ا", "ي", "ت", "قالوا", "وقال", "فقال", "استقال", "تابعة", "A", "Z", "RAA",
       "À", "ſ", "é", "_", "2", "٣", " ", "  ", "\n", "\t", "\u00a0", ".", "!", "?", "؟", "…", ",", "،", ":", "(", ")", "-",
       "–", "%", "٪", "/", "*"}
)
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


def _longest_first(words: Iterable[str]) -> str:
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


_REFERENCE_CUE_RE = re.compile(r"(?<!\w)[وف]?" + _longest_first(cues._CUE_INDEX) + r"(?!\w)")
_REFERENCE_SENTENCE_SPLIT_RE = re.compile(r"[.!?؟]+[\s\"“”«»]*|\n")


def _reference_matching(text: str) -> tuple[str, list[int]]:
    """The matching form by str.translate, and the offset of each kept character."""
    kept = [offset for offset, char in enumerate(text) if MATCHING_TABLE.get(ord(char), char) is not None]
    return text.translate(MATCHING_TABLE), [*kept, len(text)]


def _reference_sentences(text: str) -> list[tuple[int, int]]:
    """_sentences as it was: one regex pass over the paragraph."""
    sentences = []
    start = 0
    for match in _REFERENCE_SENTENCE_SPLIT_RE.finditer(text):
        stop = match.start()
        trailing = match.group().rstrip()
        keep = len(trailing)
        while keep > 0 and trailing[keep - 1] in quotes._QUOTE_CLASS and quotes._role(text, stop + keep - 1) == "open":
            keep -= 1
        end = stop + len(trailing[:keep].rstrip()) if keep else stop + 1
        if end > start:
            sentences.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        sentences.append((start, len(text)))
    return sentences


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_matching_is_the_translation(text: str) -> None:
    norm, offsets = matching._matching(text)
    assert (norm, list(offsets)) == _reference_matching(text) == normalize_with_map(text)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.sampled_from([tuple(quotes._QUOTE_CLASS), tuple(quotes._SENTENCE_STOPS), DROPPED_CHARACTERS, ("ا", "ال")]))
def test_positions_are_every_occurrence(text: str, chars: tuple[str, ...]) -> None:
    assert matching._positions(text, chars) == sorted(
        offset for char in chars for offset in range(len(text)) if text.startswith(char, offset)
    )


@settings(max_examples=600, deadline=None)
@given(_TEXT)
def test_cue_spans_are_the_whole_word_matches(text: str) -> None:
    norm = matching._matching(text)[0]
    for value in (text, norm):
        assert cues._cue_spans(value) == [m.span() for m in _REFERENCE_CUE_RE.finditer(value)]


@settings(max_examples=600, deadline=None)
@given(_TEXT)
def test_head_matches_are_finditer_matches(text: str) -> None:
    norm = matching._matching(text)[0]
    for value in (text, norm):
        expected = [(m.span(), m.span(1)) for m in rules._HEAD_RE.finditer(value)]
        assert [(m.span(), m.span(1)) for m in rules._head_matches(value)] == expected
        assert [(m.span(), m.span(1)) for m in rules._head_matches(value, rules._key_spans(value))] == expected


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_sentences_from_stops_are_the_regex_splits(text: str) -> None:
    expected = _reference_sentences(text)
    assert [(s.start, s.end) for s in quotes._sentences(text)] == expected
    assert [(s.start, s.end) for s in quotes._sentences(text, matching._positions(text, quotes._SENTENCE_STOPS))] == expected


@settings(max_examples=500, deadline=None)
@given(_TEXT, st.lists(st.integers(0, 80), max_size=3))
def test_quotes_from_marks_are_the_regex_quotes(text: str, cut_before: list[int]) -> None:
    marks = matching._positions(text, quotes._QUOTE_CLASS)
    assert marks == [m.start() for m in quotes._QUOTE_RE.finditer(text)]
    assert ex.find_quotes(text, cut_before, marks) == ex.find_quotes(text, cut_before)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=6).map("\n".join))
def test_paragraph_inputs_cut_from_the_article_are_the_paragraphs_own(text: str) -> None:
    paragraphs = split_paragraphs(text)
    extractor = ex._Extractor("0" * 16, text, Registry(), paragraphs)
    for para in paragraphs:
        (norm, offsets), cues, keys, marks, stops = ex._paragraph_inputs(para.text)
        cut = extractor._inputs(para)
        if cut is None:
            assert not cues and not keys and not marks
            continue
        (cut_norm, cut_offsets), cut_cues, cut_keys, cut_marks, cut_stops = cut
        assert (cut_norm, list(cut_offsets), cut_cues, cut_keys, cut_marks, cut_stops) == (
            norm, list(offsets), cues, keys, marks, stops
        )


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab \n\t\u00a0")), max_size=40), st.integers(0, 8))
def test_bounded_word_counts(text: str, bound: int) -> None:
    assert (len(text.split(maxsplit=bound)) <= bound) == (len(text.split()) <= bound)
    assert (len(text.split(maxsplit=bound)) > bound) == (len(text.split()) > bound)


def test_registry_changes_reach_the_extractor() -> None:
    # The gazetteers and known agreements are kept while the registry's records are
    # unchanged: a record replaced, added, or a list in one changed in place, is seen.
    person = EntityRecord(entity_id="zak-kwbr", kind="person", name_en="Zak Cooper", names_ar=["زاك كوبر"])
    registry = Registry(entities={person.entity_id: person})
    text = "عنوان\nوقال كوبر للصحفيين: «نحن هنا»."
    first = ex.extract_text(text, "0" * 16, registry)
    assert first["quotations"][0]["speaker_ids"] != ["zak-kwbr"]
    person.names_ar.append("كوبر")  # in place: the frozen model does not stop a list from changing
    assert ex.extract_text(text, "0" * 16, registry)["quotations"][0]["speaker_ids"] == ["zak-kwbr"]
    other = EntityRecord(entity_id="zak-kwbr", kind="person", name_en="Zak Cooper", names_ar=["زاك"])
    registry.entities[other.entity_id] = other
    assert ex.extract_text(text, "0" * 16, registry) == first


_RULE_TEXT = st.lists(st.sampled_from(sorted(
    {key for rule in [*rules._STATUS_RULES, *rules._KIND_HINTS] for key in rule.keys}
    | {run.strip() for rule in [*rules._STATUS_RULES, *rules._KIND_HINTS] for run in re.findall(r"[\u0621-\u064a ]+", rule.pattern.pattern)}
    | {"و", "ف", "ست", "سي", "ا", "ت", " ", "."}
)), max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(_RULE_TEXT)
def test_status_and_hints_as_the_rules_say(text: str) -> None:
    status = rules._first_value(rules._STATUS_RULES, text) if any(map(text.__contains__, rules._STATUS_KEYS)) else None
    assert status == next((rule.value for rule in rules._STATUS_RULES if rule.pattern.search(text)), None)
    expected_hints = tuple(rule.pattern.search(text) is not None for rule in rules._KIND_HINTS)
    assert rules._kind_hints(text) == rules._mention_kind_hints(text) == expected_hints
