"""Speakers: the registry's names, new names and descriptions after a cue, and the last speaker carried over."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from jsec_data.article.stage import Registry, read_registry
from jsec_data.core.models import EntityRecord
from jsec_data.extract import extract_text, slugify
from jsec_data.extract.names import Gazetteer

from ..conftest import FIXTURES

EXTRACT_RAW = FIXTURES / "extract" / "raw"


def test_speakers_known_new_and_carried_over() -> None:
    registry, _ = read_registry(EXTRACT_RAW)
    text = ("عنوان\nوقال وزير الدفاع الهولندي روبن بريكلمانس للصحفيين: «نحن ملتزمون».\n"
            "وأضاف: «سنرسل سفينة».\nوقال مارلز: «نرحب بذلك».\n")
    draft = extract_text(text, "0" * 16, registry)
    speakers = [q["speaker_ids"] for q in draft["quotations"]]
    new = draft["entities"][0]
    assert new["names_ar"] == ["روبن بريكلمانس"] and new["kind"] == "person"
    assert speakers == [[new["entity_id"]], [new["entity_id"]], ["richard-marles"]]
    assert slugify("روبن بريكلمانس") == new["entity_id"]


def test_description_speaker_is_proposed_as_unknown_entity() -> None:
    draft = extract_text("عنوان\nوقال متحدث باسم وزارة الدفاع: \"المحادثات جارية بشكل جيد\".\n", "0" * 16)
    assert draft["entities"][0]["kind"] == "unknown"
    assert draft["entities"][0]["names_ar"] == ["متحدث باسم وزارة الدفاع"]


def test_registry_changes_reach_the_extractor() -> None:
    # The gazetteers and known agreements are kept while the registry's records are
    # unchanged: a record replaced, added, or a list in one changed in place, is seen.
    person = EntityRecord(entity_id="zak-kwbr", kind="person", name_en="Zak Cooper", names_ar=["زاك كوبر"])
    registry = Registry(entities={person.entity_id: person})
    text = "عنوان\nوقال كوبر للصحفيين: «نحن هنا»."
    first = extract_text(text, "0" * 16, registry)
    assert first["quotations"][0]["speaker_ids"] != ["zak-kwbr"]
    person.names_ar.append("كوبر")  # in place: the frozen model does not stop a list from changing
    assert extract_text(text, "0" * 16, registry)["quotations"][0]["speaker_ids"] == ["zak-kwbr"]
    other = EntityRecord(entity_id="zak-kwbr", kind="person", name_en="Zak Cooper", names_ar=["زاك"])
    registry.entities[other.entity_id] = other
    assert extract_text(text, "0" * 16, registry) == first


def _reference_gazetteer_match(names: Sequence[tuple[list[str], str]], tokens: Sequence[str]) -> list[tuple[int, int, str]]:
    """Every name tried at every position, longest name first (names already sorted so)."""
    found: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for name, entity_id in names:
        size = len(name)
        for index in range(len(tokens) - size + 1):
            if taken & set(range(index, index + size)):
                continue
            window = list(tokens[index:index + size])
            if window[1:] != name[1:]:
                continue
            first, want = window[0], name[0]
            if first == want or (len(first) > 1 and first[0] in "وبلف" and first[1:] == want) or (
                first.startswith("لل") and "ال" + first[2:] == want
            ):
                found.append((index, index + size, entity_id))
                taken.update(range(index, index + size))
    return sorted(found)


_WORDS = ["اليابان", "الفلبين", "كيشيدا", "فوميو", "وزير", "الدفاع", "الحلف", "للحلف", "واليابان", "باليابان", "مع"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3), st.sampled_from(["A", "B", "C"])),
             max_size=8),
    st.lists(st.sampled_from(_WORDS), max_size=20),
)
def test_gazetteer_matches_reference(entries: list[tuple[list[str], str]], tokens: list[str]) -> None:
    gazetteer = Gazetteer()
    for words, entity_id in entries:
        gazetteer.add(" ".join(words), entity_id)
    expected = _reference_gazetteer_match(sorted(gazetteer.names, key=lambda item: -len(item[0])), tokens)
    assert gazetteer.match(tokens) == expected
