"""Inter-annotator agreement (`jsec_data.agreement`): two passes over the tiny fixture corpus.

Every pass here is a copy of tests/fixtures/mini_raw, whose one annotated article
(0123456789abcdef) has 3 statements (modes direct, mixed, indirect), 3 quotations
(is_fragment false, true, false) and 2 agreement mentions (both `signed`); its records use
4 entity ids (richard-marles, AUS, JPN, japanese-defence-minister). Pass b is then edited
so that each expected figure can be worked out by hand.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from jsec_data.agreement import Agreement, cohen_kappa, compare_passes, split_pass_arguments

from .conftest import MINI_RAW

ARTICLE = "0123456789abcdef"
OTHER = "fedcba9876543210"  # the fixture's second article: no annotation file


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name / "raw"
    shutil.copytree(MINI_RAW, target)
    return target


def _edit(raw: Path, folder: str, article_id: str, change: Callable[[dict[str, Any]], None]) -> None:
    path = raw / folder / f"{article_id}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _record(data: dict[str, Any], table: str, local_id: str) -> dict[str, Any]:
    return next(r for r in data[table] if r["id"] == local_id)


def _passes(tmp_path: Path) -> tuple[Path, Path]:
    return _copy(tmp_path, "pass-a"), _copy(tmp_path, "pass-b")


def _kinds(result: Agreement) -> dict[tuple[str, str], int]:
    return {(d.layer, d.kind): d.count for d in result.disagreements}


# ------------------------------------------------------------------- Cohen's kappa


def test_kappa_matches_the_hand_computed_2x2_table() -> None:
    # a\b    yes  no
    # yes     20   5     p_o = 35/50 = 0.7; p_a(yes) = 0.5, p_b(yes) = 0.6
    # no      10  15     p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = (0.7-0.5)/(1-0.5) = 0.4
    pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 + [("no", "no")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)


def test_kappa_is_one_for_perfect_agreement_zero_at_chance_and_undefined_for_one_category() -> None:
    assert cohen_kappa([("a", "a"), ("b", "b"), ("c", "c")]) == 1.0
    assert cohen_kappa([("a", "a"), ("a", "b")]) == 0.0  # p_o = 1/2 = p_e
    assert cohen_kappa([("a", "a"), ("a", "a")]) is None  # p_e = 1
    assert cohen_kappa([]) is None


@given(st.lists(st.tuples(st.sampled_from("xyz"), st.sampled_from("xyz")), min_size=1))
def test_kappa_is_symmetric_and_at_most_one(pairs: list[tuple[str, str]]) -> None:
    kappa = cohen_kappa(pairs)
    swapped = cohen_kappa([(b, a) for a, b in pairs])
    assert kappa == swapped
    assert kappa is None or -1.0 <= kappa <= 1.0


# ------------------------------------------------------------------- compare_passes


def test_identical_passes_agree_fully(tmp_path: Path) -> None:
    a, b = _passes(tmp_path)
    result = compare_passes([a], [b])
    assert result.articles == [ARTICLE]
    assert result.only_a == result.only_b == [] and result.skipped == {}
    for name in ("quotations", "statements", "agreement_mentions"):
        layer = result.layers[name]
        assert (layer.exact_f1, layer.overlap_f1) == (1.0, 1.0)
        assert all(label.accuracy == 1.0 for label in layer.labels)
    quotations, statements = result.layers["quotations"], result.layers["statements"]
    assert (quotations.a, quotations.b, quotations.matched, quotations.exact) == (3, 3, 3, 3)
    assert statements.label("mode").kappa == 1.0
    assert quotations.label("is_fragment").kappa == 1.0
    # Both mentions are `signed` in both passes: chance agreement is 1, so kappa is undefined.
    assert result.layers["agreement_mentions"].label("status").kappa is None
    entities = result.layers["entities"]
    assert (entities.a, entities.b, entities.matched, entities.exact_f1) == (4, 4, 4, 1.0)
    assert result.layers["metadata"].label("event_date").accuracy == 1.0
    assert result.disagreements == []


def test_shifted_span_counts_as_overlap_but_not_exact(tmp_path: Path) -> None:
    a, b = _passes(tmp_path)
    # s3 loses its first word: أن بلاده ستواصل العمل مع كانبيرا -> بلاده ستواصل العمل مع كانبيرا (Jaccard 28/31).
    _edit(b, "annotations", ARTICLE, lambda d: _record(d, "statements", "s3").update(exact="بلاده ستواصل العمل مع كانبيرا"))
    statements = compare_passes([a], [b]).layers["statements"]
    assert (statements.a, statements.b, statements.matched, statements.exact) == (3, 3, 3, 2)
    assert statements.exact_f1 == pytest.approx(4 / 6)  # 2 * 2 / (3 + 3)
    assert statements.overlap_f1 == 1.0
    assert statements.label("speaker").accuracy == 1.0  # labels are compared on the matched (overlapping) pair


def test_shifted_span_is_tallied_as_boundary_difference_with_both_texts(tmp_path: Path) -> None:
    a, b = _passes(tmp_path)
    _edit(b, "annotations", ARTICLE, lambda d: _record(d, "statements", "s3").update(exact="بلاده ستواصل العمل مع كانبيرا"))
    [disagreement] = compare_passes([a], [b]).disagreements
    assert (disagreement.layer, disagreement.kind, disagreement.count) == ("statements", "span boundary differs", 1)
    [example] = disagreement.examples
    assert (example.article_id, example.a, example.b) == (ARTICLE, "أن بلاده ستواصل العمل مع كانبيرا",
                                                          "بلاده ستواصل العمل مع كانبيرا")


def test_one_different_speaker_of_two_gives_speaker_accuracy_one_half(tmp_path: Path) -> None:
    a, b = _passes(tmp_path)

    def drop_q3(data: dict[str, Any]) -> None:
        data["quotations"] = [q for q in data["quotations"] if q["id"] != "q3"]

    _edit(a, "annotations", ARTICLE, drop_q3)
    _edit(b, "annotations", ARTICLE, drop_q3)
    _edit(b, "annotations", ARTICLE,
          lambda d: _record(d, "quotations", "q2").update(speaker_ids=["japanese-defence-minister"]))
    result = compare_passes([a], [b])
    quotations = result.layers["quotations"]
    assert quotations.matched == 2
    assert quotations.label("speaker").accuracy == 0.5
    assert _kinds(result) == {("quotations", "different speaker"): 1}
    [example] = result.disagreements[0].examples
    assert (example.a, example.b, example.text) == ("richard-marles", "japanese-defence-minister", "ستعزز الردع")
    assert result.layers["entities"].exact_f1 == 1.0  # both ids are still used elsewhere in the article


def test_mode_kappa_matches_hand_computation(tmp_path: Path) -> None:
    a, b = _passes(tmp_path)
    # modes a: direct, mixed, indirect; b: direct, indirect, indirect.
    # p_o = 2/3; p_e = (1*1 + 1*0 + 1*2) / 9 = 1/3; kappa = (2/3 - 1/3) / (1 - 1/3) = 0.5
    _edit(b, "annotations", ARTICLE, lambda d: _record(d, "statements", "s2").update(mode="indirect"))
    result = compare_passes([a], [b])
    mode = result.layers["statements"].label("mode")
    assert (mode.agree, mode.total) == (2, 3)
    assert mode.kappa == pytest.approx(0.5)
    assert _kinds(result) == {("statements", "mode differs"): 1}


def test_mention_linked_elsewhere_and_status_differences(tmp_path: Path) -> None:
    a, b = _passes(tmp_path)

    def relink(data: dict[str, Any]) -> None:
        data["agreements"] = [{"agreement_id": "aus-jpn-other-test-agreement", "name_en": "Another test agreement",
                               "kind": "other", "parties": ["AUS", "JPN"]}]
        _record(data, "agreement_mentions", "m1")["agreement_id"] = "aus-jpn-other-test-agreement"
        _record(data, "agreement_mentions", "m2")["reported_status"] = "announced"

    _edit(b, "annotations", ARTICLE, relink)
    result = compare_passes([a], [b])
    mentions = result.layers["agreement_mentions"]
    assert mentions.overlap_f1 == 1.0
    assert mentions.label("agreement").accuracy == 0.5
    status = mentions.label("status")
    assert status.accuracy == 0.5
    assert status.kappa == pytest.approx(0.0)  # pairs (signed, signed), (signed, announced): p_o = p_e = 1/2
    assert _kinds(result) == {("agreement_mentions", "linked to a different agreement"): 1,
                              ("agreement_mentions", "status differs"): 1}


def test_same_agreement_under_another_id_is_tallied_apart(tmp_path: Path) -> None:
    a, b = _passes(tmp_path)

    def relink(data: dict[str, Any]) -> None:
        data["agreements"] = [{"agreement_id": "aus-jpn-defence-cooperation", "name_en": "Test Defence Cooperation Agreement",
                               "name_ar": "اتفاقية للتعاون الدفاعي", "kind": "other", "parties": ["AUS", "JPN"]}]
        for mention in data["agreement_mentions"]:
            mention["agreement_id"] = "aus-jpn-defence-cooperation"

    _edit(b, "annotations", ARTICLE, relink)
    result = compare_passes([a], [b])
    assert result.layers["agreement_mentions"].label("agreement").accuracy == 0.0  # ids are compared as written
    assert _kinds(result) == {("agreement_mentions", "same agreement under different ids"): 2}


def test_record_found_by_one_pass_only_lowers_f1_and_is_tallied(tmp_path: Path) -> None:
    a, b = _passes(tmp_path)
    _edit(b, "annotations", ARTICLE, lambda d: d.update(quotations=[q for q in d["quotations"] if q["id"] != "q3"]))
    result = compare_passes([a], [b])
    quotations = result.layers["quotations"]
    assert (quotations.a, quotations.b, quotations.matched) == (3, 2, 2)
    assert quotations.overlap_f1 == pytest.approx(0.8)  # 2 * 2 / (3 + 2)
    [disagreement] = result.disagreements
    assert (disagreement.layer, disagreement.kind) == ("quotations", "found by one pass only")
    assert (disagreement.examples[0].a, disagreement.examples[0].b) == ("التعاون بيننا لم يكن أقوى من أي وقت مضى.", None)


def test_cue_difference_and_null_cues(tmp_path: Path) -> None:
    a, b = _passes(tmp_path)

    def cues(data: dict[str, Any]) -> None:
        _record(data, "quotations", "q1")["cue"] = None  # a: وقال
        _record(data, "statements", "s1")["cue"] = None

    _edit(a, "annotations", ARTICLE, lambda d: _record(d, "statements", "s1").update(cue=None))
    _edit(b, "annotations", ARTICLE, cues)
    result = compare_passes([a], [b])
    assert result.layers["statements"].label("cue").accuracy == 1.0  # null == null
    assert result.layers["quotations"].label("cue").accuracy == pytest.approx(2 / 3)
    [disagreement] = result.disagreements
    assert (disagreement.kind, disagreement.examples[0].a, disagreement.examples[0].b) == ("different cue", "وقال", "null")


def test_same_entity_under_another_id_counts_as_disagreement_but_is_named_so(tmp_path: Path) -> None:
    a, b = _passes(tmp_path)
    path = b / "annotations" / f"{ARTICLE}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("richard-marles", "marles-richard"), encoding="utf-8")

    def declare(data: dict[str, Any]) -> None:
        data["entities"].append({"entity_id": "marles-richard", "kind": "person", "name_en": "Richard Marles",
                                 "names_ar": ["ريتشارد مارلز"], "affiliation_id": "AUS"})

    _edit(b, "annotations", ARTICLE, declare)
    result = compare_passes([a], [b])
    assert result.skipped == {}
    entities = result.layers["entities"]
    assert (entities.a, entities.b, entities.matched) == (4, 4, 3)
    assert entities.exact_f1 == 0.75
    assert result.layers["quotations"].label("speaker").accuracy == pytest.approx(1 / 3)  # q1, q2 by marles
    kinds = _kinds(result)
    assert kinds[("entities", "same entity, different ids")] == 1
    assert kinds[("quotations", "same speaker under different ids")] == 2
    assert ("quotations", "different speaker") not in kinds


def test_event_date_must_agree_on_date_and_precision(tmp_path: Path) -> None:
    a, b = _passes(tmp_path)
    _edit(b, "metadata", ARTICLE, lambda d: d.update(event_date="2024-09-01", event_date_precision="month"))
    result = compare_passes([a], [b])
    assert result.layers["metadata"].label("event_date").accuracy == 0.0
    [disagreement] = result.disagreements
    assert (disagreement.kind, disagreement.examples[0].a, disagreement.examples[0].b) == (
        "event date differs", "2024-09-05 (day)", "2024-09-01 (month)")


def test_articles_annotated_by_one_pass_are_listed_not_compared(tmp_path: Path) -> None:
    a, b = _passes(tmp_path)
    (b / "annotations" / f"{OTHER}.yaml").write_text(
        f"article_id: {OTHER}\nquotations:\n  - id: q1\n    exact: الطريق طويل\n    speaker_ids: [richard-marles]\n"
        "    cue: وقال\n", encoding="utf-8")
    result = compare_passes([a], [b])
    assert result.articles == [ARTICLE]
    assert result.only_b == [OTHER] and result.only_a == []
    assert result.layers["quotations"].b == 3  # the article only pass b annotated is not counted


def test_a_pass_may_be_split_over_several_folders(tmp_path: Path) -> None:
    first, second, b = _copy(tmp_path, "a1"), _copy(tmp_path, "a2"), _copy(tmp_path, "b")
    other = f"article_id: {OTHER}\nquotations:\n  - id: q1\n    exact: الطريق طويل\n    speaker_ids: [richard-marles]\n"
    (second / "annotations" / f"{ARTICLE}.yaml").unlink()
    for folder in (second, b):
        (folder / "annotations" / f"{OTHER}.yaml").write_text(other, encoding="utf-8")
    result = compare_passes([first, second], [b])
    assert result.articles == [ARTICLE, OTHER]
    assert result.layers["quotations"].a == 4 and result.layers["quotations"].overlap_f1 == 1.0
    assert result.disagreements == []


def test_entity_declared_in_another_file_of_the_folder_is_known(tmp_path: Path) -> None:
    """More lenient than `jsec build` (which reports unknown-entity): the records are the same either way."""
    a, b = _passes(tmp_path)
    for raw in (a, b):
        minister: list[dict[str, Any]] = []
        _edit(raw, "annotations", ARTICLE, lambda d, keep=minister: (keep.extend(d["entities"]), d.update(entities=[])))
        (raw / "annotations" / f"{OTHER}.yaml").write_text(
            yaml.safe_dump({"article_id": OTHER, "entities": minister, "quotations": [
                {"id": "q1", "exact": "الطريق طويل", "speaker_ids": ["richard-marles"]}]}, allow_unicode=True),
            encoding="utf-8")
    result = compare_passes([a], [b])
    assert result.skipped == {} and result.articles == [ARTICLE, OTHER]


def test_article_that_fails_the_build_checks_is_skipped_with_reason(tmp_path: Path) -> None:
    a, b = _passes(tmp_path)
    path = b / "annotations" / f"{ARTICLE}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("richard-marles", "nobody"), encoding="utf-8")
    result = compare_passes([a], [b])
    assert result.articles == []
    assert "unknown-entity" in result.skipped[ARTICLE] and "pass b" in result.skipped[ARTICLE]


def test_bad_arguments_are_refused(tmp_path: Path) -> None:
    a = _copy(tmp_path, "a")
    with pytest.raises(ValueError, match="at least one"):
        compare_passes([a], [])
    with pytest.raises(ValueError, match="threshold"):
        compare_passes([a], [a], threshold=0)
    with pytest.raises(ValueError, match="not a raw folder"):
        compare_passes([a], [tmp_path / "nowhere"])


def test_to_dict_is_json_and_markdown_has_a_row_per_layer_and_the_tally(tmp_path: Path) -> None:
    a, b = _passes(tmp_path)
    _edit(b, "annotations", ARTICLE, lambda d: _record(d, "statements", "s3").update(exact="بلاده ستواصل العمل مع كانبيرا"))
    result = compare_passes([a], [b])
    data = json.loads(json.dumps(result.to_dict()))
    assert data["layers"]["statements"]["exact_f1"] == pytest.approx(0.6667)
    assert data["layers"]["statements"]["labels"]["mode"] == {"agree": 3, "total": 3, "accuracy": 1.0, "kappa": 1.0}
    assert data["disagreements"][0]["kind"] == "span boundary differs"
    assert data["per_article"][ARTICLE]["statements"] == {"a": 3, "b": 3, "matched": 3, "exact": 2}
    markdown = result.markdown()
    assert "| layer | a | b | matched | exact F1 | overlap F1 | label accuracy | Cohen's κ |" in markdown
    for name in ("quotations", "statements", "agreement_mentions", "entities", "metadata"):
        assert f"| {name} |" in markdown
    assert "| statements | 3 | 3 | 3 | 0.67 | 1.00 | speaker 1.00 (3/3); cue 1.00 (3/3); mode 1.00 (3/3) | mode 1.00 |" in markdown
    assert "| 1 | statements | span boundary differs | 1 |" in markdown
    assert "a: «أن بلاده ستواصل العمل مع كانبيرا» · b: «بلاده ستواصل العمل مع كانبيرا»" in markdown


# ------------------------------------------------------------------- command-line words


def test_command_line_words_split_at_against() -> None:
    assert split_pass_arguments(["a1", "a2", "--against", "b1", "b2"]) == ([Path("a1"), Path("a2")], [Path("b1"), Path("b2")])
    assert split_pass_arguments(["a1", "--against=b1", "b2"]) == ([Path("a1")], [Path("b1"), Path("b2")])


@pytest.mark.parametrize("words", [["a1", "b1"], ["a1", "--against"], ["--against", "b1"],
                                   ["a1", "--against", "b1", "--against", "b2"], ["a1", "--against", "b1", "--jobs"]])
def test_command_line_words_without_one_against_between_folders_are_refused(words: list[str]) -> None:
    with pytest.raises(ValueError):
        split_pass_arguments(words)


def test_cli_prints_the_same_figures_as_the_library(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from jsec_data.cli import app

    a, b = _passes(tmp_path)
    _edit(b, "annotations", ARTICLE, lambda d: d["statements"].pop())
    run = CliRunner().invoke(app, ["agreement", str(a), "--against", str(b), "--format", "json"])
    assert run.exit_code == 0, run.output
    assert json.loads(run.stdout) == json.loads(json.dumps(compare_passes([a], [b]).to_dict(), default=str))
    usage = CliRunner().invoke(app, ["agreement", "--help"], env={"COLUMNS": "120"})
    assert "Usage: jsec agreement A_DIR... --against B_DIR..." in usage.output.replace("root ", "jsec ")
    for args in (["agreement", str(a)], ["agreement", str(a), "--against", str(tmp_path)]):
        refused = CliRunner().invoke(app, args)
        assert refused.exit_code == 2 and "error:" in refused.output
