"""`jsec evaluate`: span matching, figures, and the extractor on articles written for the tests."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jsec_data.cli import app
from jsec_data.evaluate import Figures, evaluate_extractor, jaccard, match_spans

from .conftest import FIXTURES, MINI_RAW

EXTRACT_RAW = FIXTURES / "extract" / "raw"
runner = CliRunner()


def test_jaccard_and_one_to_one_matching() -> None:
    assert jaccard((0, 10), (0, 10)) == 1.0
    assert jaccard((0, 10), (10, 20)) == 0.0
    assert jaccard((0, 10), (0, 5)) == 0.5
    # One predicted span covering two gold spans matches only the better one.
    assert match_spans([(0, 10), (12, 20)], [(0, 11)]) == [(0, 0)]
    assert match_spans([(0, 10)], [(0, 4)]) == []  # overlap 0.4 < 0.5
    assert match_spans([(0, 10), (0, 9)], [(0, 9), (0, 10)]) == [(0, 1), (1, 0)]


def test_figures() -> None:
    figures = Figures(gold=4, predicted=5, matched=3, exact=2, label_correct=2)
    assert (figures.precision, figures.recall) == (0.6, 0.75)
    assert round(figures.f1, 4) == round(2 * 0.6 * 0.75 / 1.35, 4)
    assert figures.label_accuracy == 2 / 3
    assert Figures(0, 0, 0, 0, 0).precision == 0.0


def test_on_articles_written_for_the_tests() -> None:
    """Three short reports with other names, quote styles and boilerplate than the seed corpus."""
    result = evaluate_extractor(EXTRACT_RAW)
    assert result.articles == ["a1a1a1a1a1a1a1a1", "b2b2b2b2b2b2b2b2", "c3c3c3c3c3c3c3c3"]
    assert result.skipped == []
    quotations, mentions = result.quotations, result.agreement_mentions
    assert quotations.gold == 10 and mentions.gold == 6
    assert quotations.precision >= 0.8 and quotations.recall >= 0.8
    assert quotations.label_accuracy >= 0.8
    assert mentions.recall >= 0.6


def test_skips_articles_whose_gold_is_invalid(mini_raw: Path) -> None:
    annotations = mini_raw / "annotations" / "0123456789abcdef.yaml"
    annotations.write_text(annotations.read_text(encoding="utf-8").replace("richard-marles", "nobody"), encoding="utf-8")
    result = evaluate_extractor(mini_raw)
    assert result.skipped == ["0123456789abcdef"] and result.articles == []


def test_cli_table_and_json() -> None:
    table = runner.invoke(app, ["evaluate", "--raw", str(MINI_RAW)])
    assert table.exit_code == 0 and "quotations" in table.output and "agreement_mentions" in table.output
    as_json = json.loads(runner.invoke(app, ["evaluate", "--raw", str(MINI_RAW), "--format", "json"]).output)
    assert as_json["threshold"] == 0.5 and as_json["quotations"]["gold"] == 3
    assert set(as_json["quotations"]) >= {"precision", "recall", "f1", "exact_precision", "exact_recall", "label_accuracy"}
    assert runner.invoke(app, ["evaluate", "--raw", "/nonexistent/raw"]).exit_code == 2
    assert runner.invoke(app, ["evaluate", "--format", "xml"]).exit_code == 2
