"""``silver()``: the excerpt through the ingest stage's steps and the extractor, as gold-shaped tables
with every row marked machine-made, a summary, an issues list and a card of its own."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
import yaml

from jsec_data.core.arrow import table_schema
from jsec_data.core.models import TABLE_MODELS
from jsec_data.ingest import ingest
from jsec_data.silver import SILVER_TABLES, extractor_version, silver, silver_schema
from jsec_data.silver.card import PRECISION_BEGIN, PRECISION_END

from .conftest import EXCERPT, LICENCE, ROOT, tree

RAW = ROOT / "raw"


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("silver") / "out"
    result = silver([EXCERPT], out, licence=LICENCE, registry_dir=RAW)
    return out, result.summary


def _table(out: Path, name: str) -> Any:
    return pq.read_table(out / "data" / name)


def test_the_records_are_screened_and_grouped_as_jsec_ingest_does(run: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    _, summary = run
    report = ingest([EXCERPT], tmp_path / "raw", licence=LICENCE, dry_run=True)
    assert summary["counts"] == {"read": report.read, "rejected": report.rejected, "off_topic": report.off_topic,
                                 "repeated": 0, "duplicates": report.duplicates, "near_copies": report.near_copies,
                                 "kept": report.kept}
    out, _ = run
    kept = {kept.article_id for kept in report.kept_articles}
    assert set(_table(out, "articles").column("article_id").to_pylist()) == kept
    # The near-copies are recorded on the article kept for their story.
    copies = [c for row in _table(out, "articles").column("near_copies").to_pylist() for c in row]
    assert len(copies) == report.near_copies and all(0.35 <= c["similarity"] <= 1 for c in copies)


def test_every_table_has_the_gold_columns_then_the_machine_columns(run: tuple[Path, dict[str, Any]]) -> None:
    out, summary = run
    version = extractor_version()
    assert summary["extractor_version"] == version
    for name in SILVER_TABLES:
        table = _table(out, name)
        gold = table_schema(name)
        assert table.schema.names[:len(gold)] == gold.names
        assert [f.type for f in table.schema][:len(gold)] == [f.type for f in gold]
        assert table.schema.equals(silver_schema(name))
        assert set(table.column("origin").to_pylist()) <= {"machine"}
        assert set(table.column("extractor_version").to_pylist()) <= {version}
        assert table.num_rows == summary["tables"][name]["rows"]
        # Rows read back into the gold models (the machine columns aside).
        model = TABLE_MODELS[name]
        for row in table.drop_columns([c for c in table.schema.names if c not in gold.names]).to_pylist()[:50]:
            model.model_validate(row)


def test_spans_are_offsets_into_the_article_text(run: tuple[Path, dict[str, Any]]) -> None:
    out, _ = run
    texts = dict(zip(*(_table(out, "articles").column(c).to_pylist() for c in ("article_id", "text")), strict=True))
    quotations = _table(out, "quotations").to_pylist()
    assert quotations, "the excerpt's on-topic articles quote people"
    for name in ("quotations", "agreement_mentions", "statements"):
        for row in _table(out, name).to_pylist():
            assert texts[row["article_id"]][row["char_start"]:row["char_end"]] == row["text"]


def test_articles_carry_their_provenance_and_are_drafts(run: tuple[Path, dict[str, Any]]) -> None:
    out, _ = run
    for row in _table(out, "articles").to_pylist():
        assert row["annotation_status"] == "draft"
        assert row["licence"] == LICENCE and row["collection"] == "SaudiNewsNet"
        assert row["source_url"] and row["source_record_sha256"] and row["outlet_id"]
        assert row["source_file"].startswith(EXCERPT.name + "#")
        assert row["char_count"] == len(row["text"])


def test_proposals_are_one_row_per_id_with_their_count(run: tuple[Path, dict[str, Any]]) -> None:
    out, _ = run
    entities = _table(out, "entities").to_pylist()
    ids = [row["entity_id"] for row in entities]
    assert ids == sorted(set(ids))
    assert all(row["article_count"] >= 1 and row["first_article_id"] for row in entities)
    registry = (RAW / "entities.yaml").read_text(encoding="utf-8")
    assert not any(f"entity_id: {entity_id}\n" in registry for entity_id in ids)


def test_summary_issues_and_checksums(run: tuple[Path, dict[str, Any]]) -> None:
    out, summary = run
    assert json.loads((out / "summary.json").read_text(encoding="utf-8")) == summary
    issues = [json.loads(line) for line in (out / "issues.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(issues) == summary["issues"]["errors"] + summary["issues"]["warnings"]
    assert {issue["code"] for issue in issues} == set(summary["issues"]["by_code"])
    sums = dict(line.split("  ")[::-1] for line in (out / "SHA256SUMS").read_text(encoding="utf-8").splitlines())
    files = tree(out)
    assert sums == {name: digest for name, digest in files.items() if name != "SHA256SUMS"}
    for _name, entry in summary["tables"].items():
        for shard in entry["shards"]:
            assert files[shard["path"]] == shard["sha256"]
    assert not any(name.startswith(".work") for name in files)


def test_the_card_declares_the_silver_configs_and_says_what_the_rows_are(run: tuple[Path, dict[str, Any]]) -> None:
    out, summary = run
    card = (out / "README.md").read_text(encoding="utf-8")
    metadata = yaml.safe_load(card.split("---\n")[1])
    names = [config["config_name"] for config in metadata["configs"]]
    assert names[0] == "silver" and all(name.startswith("silver") for name in names)
    # The statements table has no rows (the extractor drafts none): no config, `datasets` would refuse it.
    assert ("silver_statements" in names) == (summary["tables"]["statements"]["rows"] > 0)
    assert "made by a machine" in card and "not measured yet" in card
    assert card.index(PRECISION_BEGIN) < card.index("not measured yet") < card.index(PRECISION_END)


def test_the_silver_configs_load_with_datasets(run: tuple[Path, dict[str, Any]]) -> None:
    datasets = pytest.importorskip("datasets")
    out, summary = run
    metadata = yaml.safe_load((out / "README.md").read_text(encoding="utf-8").split("---\n")[1])
    for config in metadata["configs"]:
        loaded = datasets.load_dataset(str(out), config["config_name"], split="train")
        table = config["config_name"].removeprefix("silver_") if config["config_name"] != "silver" else "articles"
        assert loaded.num_rows == summary["tables"][table]["rows"]
        assert loaded.column_names[-2:] in (["origin", "extractor_version"], ["article_count", "first_article_id"])


def test_the_card_copies_the_precision_of_an_evaluation_it_is_given(tmp_path: Path) -> None:
    evaluation = {"split": "test", "threshold": 0.5, "articles": ["a" * 16, "b" * 16],
                  "quotations": {"precision": 0.91, "recall": 0.8, "f1": 0.85, "exact_precision": 0.7, "predicted": 40, "gold": 44},
                  "agreement_mentions": {"precision": 0.75, "recall": 0.5, "f1": 0.6, "exact_precision": 0.7,
                                         "predicted": 8, "gold": 12}}
    result = silver([EXCERPT], tmp_path / "out", licence=LICENCE, evaluation=evaluation)
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    section = card[card.index(PRECISION_BEGIN):card.index(PRECISION_END)]
    assert "gold `test` split, 2 articles" in section and "| `quotations` | 0.910 |" in section
    assert "not measured" not in section and result.summary["counts"]["kept"] == 10


def test_the_registry_folder_is_only_read(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    before = tree(raw)
    silver([EXCERPT], tmp_path / "out", licence=LICENCE, registry_dir=raw)
    assert tree(raw) == before
