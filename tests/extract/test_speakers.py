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
    # Namespaced by the article, never a romanisation; the office and its country give the role.
    assert new["entity_id"] == "draft-0000000000000000-person-1" and slugify("روبن بريكلمانس") not in new["entity_id"]
    assert new["name_en"] == "[English name needed]" and new["role"] == "Defence Minister of the Netherlands"


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
    # match_start: the longest name at the first token (the speakers' fast path).
    at_start = next(((len(name), entity_id) for name, entity_id in sorted(gazetteer.names, key=lambda item: -len(item[0]))
                     if _reference_gazetteer_match([(name, entity_id)], tokens[:len(name)]) == [(0, len(name), entity_id)]),
                    None)
    assert gazetteer.match_start(tokens) == at_start


# ------------------------------------------------------------ offices, bodies, descriptions (issue 18)

def _entity(entity_id: str, kind: str, names: list[str], role: str | None = None, affiliation: str | None = None) -> EntityRecord:
    return EntityRecord(entity_id=entity_id, kind=kind, name_en=entity_id, names_ar=names, role=role,  # type: ignore[arg-type]
                        affiliation_id=affiliation)


def _registry() -> Registry:
    entities = [
        _entity("JPN", "state", ["اليابان"]), _entity("CHN", "state", ["الصين"]), _entity("USA", "state", ["الولايات المتحدة"]),
        _entity("taro-ichi", "person", ["تارو إيتشي"], "Foreign Minister of Japan", "JPN"),
        _entity("wang-er", "person", ["وانغ إر"], "Minister of Foreign Affairs of China", "CHN"),
        _entity("china-mfa", "organization", ["وزارة الخارجية الصينية"], None, "CHN"),
        # An alias two entities share names neither.
        _entity("kenji-a", "person", ["كينجي أ", "كينجي"]), _entity("kenji-b", "person", ["كينجي ب", "كينجي"]),
    ]
    return Registry(entities={e.entity_id: e for e in entities})


def _speakers(body: str) -> list[list[str]]:
    draft = extract_text("عنوان\n" + body + "\n", "0" * 16, _registry())
    return [s["speaker_ids"] for s in draft["statements"]]


def test_an_office_resolves_to_its_countrys_holder_named_in_the_article() -> None:
    assert _speakers("التقى تارو إيتشي ووانغ إر. وقال وزير الخارجية الصيني إن المحادثات جيدة.") == [["wang-er"]]
    assert _speakers("التقى تارو إيتشي ووانغ إر. وقال وزير خارجية اليابان إن المحادثات جيدة.") == [["taro-ichi"]]


def test_a_body_resolves_by_its_country_and_a_bare_body_is_never_an_alias() -> None:
    assert _speakers("وقالت الخارجية الصينية إن المحادثات جيدة.") == [["china-mfa"]]
    draft = extract_text("عنوان\nوقالت وزارة الخارجية إن المحادثات جيدة.\n", "0" * 16, _registry())
    (speaker,) = draft["statements"][0]["speaker_ids"]
    assert speaker.startswith("draft-") and draft["entities"][0]["names_ar"] == ["وزارة الخارجية"]


def test_descriptions_and_shared_aliases() -> None:
    draft = extract_text("عنوان\nويقول المسؤولون اليابانيون إن الخطة جاهزة. وقال كينجي إن ذلك صحيح.\n", "0" * 16, _registry())
    group = draft["entities"][0]
    assert group["kind"] == "group" and group["affiliation_id"] == "JPN" and group["names_ar"] == ["المسؤولون اليابانيون"]
    assert "kenji-a" not in str(draft) and "kenji-b" not in str(draft)  # كينجي names two people: neither
