"""The dataset card and companion files written by the build."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
import yaml

from jsec_data.build.dataset import build_dataset
from jsec_data.core.tables import TABLE_NAMES
from jsec_data.evaluate import card_markdown
from jsec_data.release import plot
from jsec_data.release.card import (
    CARD_NAME,
    CHECKSUMS_NAME,
    EVALUATION_PLACEHOLDER,
    FIGURE_PATH,
    LICENSE_NAME,
    content_fingerprint,
    dataset_features,
    verify_checksums,
)

from ..conftest import MINI_RAW


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("card") / "jsec"
    assert build_dataset(MINI_RAW, out, evaluation=card_markdown(MINI_RAW)).ok
    return out


def _front_matter(folder: Path) -> dict:
    text = (folder / CARD_NAME).read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_yaml_parses_and_has_the_hub_metadata(built: Path) -> None:
    meta = _front_matter(built)
    assert meta["pretty_name"] and meta["language"] == ["ar"]
    assert meta["license"] == "other" and meta["license_link"] == LICENSE_NAME
    for key in ("task_categories", "size_categories", "annotation_creators", "source_datasets", "tags"):
        assert meta[key], key
    assert meta["size_categories"] == ["n<1K"]


def test_one_config_per_table_with_features_from_the_arrow_schemas(built: Path) -> None:
    import datasets

    meta = _front_matter(built)
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    configs = {c["config_name"]: c for c in meta["configs"]}
    assert list(configs) == list(TABLE_NAMES)
    assert [name for name, c in configs.items() if c.get("default")] == ["articles"]
    for name, config in configs.items():
        assert config["data_files"] == [{"split": "train", "path": f"data/{name}.parquet"}]
        assert manifest["tables"][name]["sha256"] in config["description"]
    infos = {i["config_name"]: i for i in meta["dataset_info"]}
    assert list(infos) == list(TABLE_NAMES)
    for name, info in infos.items():
        assert datasets.Features._from_yaml_list(info["features"]) == dataset_features(name)
        assert info["splits"] == [{"name": "train", "num_bytes": info["dataset_size"],
                                   "num_examples": manifest["tables"][name]["rows"]}]
        assert info["download_size"] == manifest["tables"][name]["bytes"]
        # The in-memory size the build recorded is what reading the table back gives.
        assert info["dataset_size"] == pq.read_table(built / f"data/{name}.parquet").nbytes


def test_card_sections_for_a_researcher(built: Path) -> None:
    text = (built / CARD_NAME).read_text(encoding="utf-8")
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    for heading in ("## Summary", "## Counts", "## Where the texts come from", "## Usage", "## Tables",
                    "## Annotation guidelines (in brief)", "## Evaluation of the extractor", "## Known limitations",
                    "## License", "## Citation", "## Version and changes"):
        assert heading in text, heading
    for name in TABLE_NAMES:
        assert f"| `{name}` | {manifest['tables'][name]['rows']} |" in text
        assert f"#### `{name}`" in text
    assert "docs/annotation-guidelines.md" in text and "```bibtex\n@misc{jsec_data_" in text
    assert content_fingerprint(manifest) in text
    terms = (built / LICENSE_NAME).read_text(encoding="utf-8")
    assert "https://creativecommons.org/licenses/by/4.0/" in terms and terms in text  # one licence story


def test_evaluation_figures_come_from_evaluate(built: Path) -> None:
    from jsec_data.evaluate import evaluate_extractor

    text = (built / CARD_NAME).read_text(encoding="utf-8")
    evaluation = evaluate_extractor(MINI_RAW)
    quotations = evaluation.quotations
    assert (f"| `quotations` | {quotations.gold} | {quotations.predicted} | {quotations.matched} | "
            f"{quotations.precision:.2f} |") in text
    assert EVALUATION_PLACEHOLDER not in text


def test_without_gold_the_evaluation_is_marked_not_measured(mini_raw: Path, tmp_path: Path) -> None:
    import shutil

    shutil.rmtree(mini_raw / "annotations")
    (mini_raw / "annotations").mkdir()
    assert build_dataset(mini_raw, tmp_path / "out", evaluation=card_markdown(mini_raw)).ok
    text = (tmp_path / "out" / CARD_NAME).read_text(encoding="utf-8")
    section = text.split("## Evaluation of the extractor", 1)[1].split("## ", 1)[0]
    assert EVALUATION_PLACEHOLDER in section and "| quotations" not in section


def test_without_evaluate_the_build_runs_no_extractor_and_says_so(monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    import jsec_data.evaluate

    def crash(*args: object, **kwargs: object) -> None:
        raise AssertionError("the extractor ran without --evaluate")

    monkeypatch.setattr(jsec_data.evaluate, "evaluate_result", crash)
    assert build_dataset(MINI_RAW, tmp_path / "out").ok
    text = (tmp_path / "out" / CARD_NAME).read_text(encoding="utf-8")
    section = text.split("## Evaluation of the extractor", 1)[1].split("## ", 1)[0]
    assert EVALUATION_PLACEHOLDER in section and "jsec build --evaluate" in section and "| quotations" not in section


def test_sha256sums_covers_every_file_and_detects_edits(built: Path, tmp_path: Path) -> None:
    import shutil

    listed = [line.split("  ", 1)[1] for line in (built / CHECKSUMS_NAME).read_text(encoding="utf-8").splitlines()]
    files = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    assert listed == [f for f in files if f != CHECKSUMS_NAME]
    assert {"README.md", "manifest.json", "croissant.json", "datapackage.json", "data/quotations.parquet"} <= set(listed)
    assert verify_checksums(built) == []
    copy = tmp_path / "copy"
    shutil.copytree(built, copy)
    (copy / CARD_NAME).write_text("edited", encoding="utf-8")
    (copy / "extra.txt").write_text("x", encoding="utf-8")
    assert verify_checksums(copy) == [CARD_NAME, "extra.txt"]


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_figure_is_drawn_and_deterministic(built: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    png = (built / FIGURE_PATH).read_bytes()
    assert png.startswith(b"\x89PNG") and b"tIME" not in png and b"Software" not in png
    assert f"]({FIGURE_PATH})" in (built / CARD_NAME).read_text(encoding="utf-8")
    assert build_dataset(MINI_RAW, tmp_path / "again", evaluation=card_markdown(MINI_RAW)).ok
    assert _digest(tmp_path / "again") == _digest(built)


def test_without_matplotlib_the_figure_is_skipped_with_a_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plot, "matplotlib_available", lambda: False)
    assert build_dataset(MINI_RAW, tmp_path / "out").ok
    assert not (tmp_path / "out" / FIGURE_PATH).exists()
    assert "was not drawn" in (tmp_path / "out" / CARD_NAME).read_text(encoding="utf-8")
    assert verify_checksums(tmp_path / "out") == []


def test_network_edges_pair_every_party() -> None:
    edges = plot.network_edges([{"agreement_id": "q", "kind": "joint_statement", "parties": ["USA", "JPN", "AUS"]}])
    assert [(a, b) for a, b, _, _ in edges] == [("AUS", "JPN"), ("AUS", "USA"), ("JPN", "USA")]


def test_help_does_not_import_heavy_libraries() -> None:
    code = ("import sys, jsec_data\nfrom jsec_data.cli import app\nfrom typer.testing import CliRunner\n"
            "assert CliRunner().invoke(app, ['publish', '--help']).exit_code == 0\n"
            "heavy = {'datasets', 'pandas', 'huggingface_hub', 'matplotlib'} & set(sys.modules)\n"
            "assert not heavy, heavy")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_build_does_not_import_datasets(tmp_path: Path) -> None:
    import subprocess
    import sys

    # `import datasets` alone took 2-3 s of every build; the card's features are written without it.
    code = ("import sys; from jsec_data.build.dataset import build_dataset; "
            f"assert build_dataset({str(MINI_RAW)!r}, {str(tmp_path / 'out')!r}).ok; "
            "print('datasets' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_large_build_draws_the_same_figure_in_its_figure_process(built: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("matplotlib")

    started: list[plot.FigureProcess] = []
    original = plot.FigureProcess

    class Recorded(original):  # type: ignore[misc, valid-type]
        def __init__(self) -> None:
            super().__init__()
            started.append(self)

    monkeypatch.setattr(plot, "FigureProcess", Recorded)
    monkeypatch.setattr(plot, "FIGURE_PROCESS_MIN_ARTICLES", 0)  # MINI_RAW counts as large
    assert build_dataset(MINI_RAW, tmp_path / "out", evaluation=card_markdown(MINI_RAW)).ok
    assert len(started) == 1 and started[0]._process is None  # asked to draw, and done
    assert _digest(tmp_path / "out") == _digest(built)


def test_figure_process_falls_back_to_drawing_here_when_it_died(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    agreements = [{"agreement_id": "a", "kind": "memorandum", "parties": ["JPN", "GBR"]}]
    process = plot.FigureProcess()
    assert process._process is not None
    process._process.kill()
    process._process.wait()
    assert process.draw(agreements, {"GBR": "United Kingdom"}, tmp_path / "fallback.png")
    assert plot.draw_partnership_network(agreements, {"GBR": "United Kingdom"}, tmp_path / "here.png")
    assert (tmp_path / "fallback.png").read_bytes() == (tmp_path / "here.png").read_bytes()


def test_figure_process_ends_when_the_build_never_asks() -> None:
    process = plot.FigureProcess()
    running = process._process
    assert running is not None
    process.close()  # a build that failed before its card
    assert running.returncode == 0 and process._process is None


def test_a_figure_process_that_cannot_start_leaves_the_drawing_to_the_build(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("matplotlib")

    monkeypatch.setattr(plot, "FIGURE_PROCESS_MIN_ARTICLES", 0)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-such-python"))
    assert build_dataset(MINI_RAW, tmp_path / "out").ok
    assert (tmp_path / "out" / FIGURE_PATH).read_bytes().startswith(b"\x89PNG")


def test_the_figure_job_sent_early_is_the_one_the_card_asks_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("matplotlib")

    matches: list[bool] = []
    original = plot.FigureProcess

    class Recorded(original):  # type: ignore[misc, valid-type]
        def draw(self, agreements: list[dict[str, Any]], names: dict[str, str], out: Path) -> bool:
            matches.append(self._submitted == {"agreements": agreements, "names": names, "out": str(out)})
            return bool(super().draw(agreements, names, out))

    monkeypatch.setattr(plot, "FigureProcess", Recorded)
    monkeypatch.setattr(plot, "FIGURE_PROCESS_MIN_ARTICLES", 0)
    assert build_dataset(MINI_RAW, tmp_path / "out").ok
    assert matches == [True]  # drawn while the tables were closed, not after


def test_a_figure_process_sent_another_job_draws_the_asked_one_here(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    early = [{"agreement_id": "a", "kind": "memorandum", "parties": ["JPN", "GBR"]}]
    asked = [{"agreement_id": "b", "kind": "treaty", "parties": ["JPN", "AUS"]}]
    process = plot.FigureProcess()
    process.submit(early, {"GBR": "United Kingdom"}, tmp_path / "early.png")
    assert process.draw(asked, {"AUS": "Australia"}, tmp_path / "asked.png")
    assert plot.draw_partnership_network(asked, {"AUS": "Australia"}, tmp_path / "here.png")
    assert (tmp_path / "asked.png").read_bytes() == (tmp_path / "here.png").read_bytes()
    assert process._process is None


def test_a_submitted_figure_nobody_collects_is_stopped(tmp_path: Path) -> None:
    process = plot.FigureProcess()
    running = process._process
    assert running is not None
    process.submit([{"agreement_id": "a", "kind": "memorandum", "parties": ["JPN", "GBR"]}], {}, tmp_path / "f.png")
    process.close()  # a build that failed after submitting
    assert running.returncode is not None and process._process is None


def test_jsec_build_starts_the_figure_process_before_importing_the_build(tmp_path: Path) -> None:
    """`jsec build` starts it first (matplotlib's import then uses a core the imports leave idle)."""
    pytest.importorskip("matplotlib")
    code = (
        "import sys\n"
        "from jsec_data.release import plot\n"
        "plot.FIGURE_PROCESS_MIN_ARTICLES = 0  # MINI_RAW counts as large\n"
        "original = plot.FigureProcess.__init__\n"
        "def recorded(self):\n"
        "    print('figure process started; build imported:', 'jsec_data.build.dataset' in sys.modules)\n"
        "    original(self)\n"
        "plot.FigureProcess.__init__ = recorded\n"
        "from jsec_data.cli import main\n"
        "sys.argv = ['jsec', 'build', '--raw', sys.argv[1], '--out', sys.argv[2], '--jobs', '1']\n"
        "main()\n"
    )
    run = subprocess.run([sys.executable, "-c", code, str(MINI_RAW), str(tmp_path / "out")],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("figure process started") == 1  # one process, the early one
    assert "figure process started; build imported: False" in run.stdout
    assert build_dataset(MINI_RAW, tmp_path / "here").ok
    assert (tmp_path / "out" / FIGURE_PATH).read_bytes() == (tmp_path / "here" / FIGURE_PATH).read_bytes()


def test_a_given_figure_process_is_stopped_when_the_build_refuses_to_start(tmp_path: Path) -> None:
    from jsec_data.build.dataset import BuildError

    process = plot.FigureProcess()
    running = process._process
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.tex").write_text("do not delete")
    with pytest.raises(BuildError):
        build_dataset(MINI_RAW, precious, figure=process)
    assert running is not None and running.returncode is not None and process._process is None
