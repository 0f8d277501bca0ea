"""The dataset card and companion files written by the build."""

from __future__ import annotations

import hashlib
import json
import os
import signal
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
    for key in ("task_categories", "size_categories", "annotations_creators", "source_datasets", "tags"):
        assert meta[key], key
    assert meta["size_categories"] == ["n<1K"]
    # The Hub's key (annotation_creators is not one); the gold is made by AI-assistant annotators.
    assert "annotation_creators" not in meta and meta["annotations_creators"] == ["machine-generated"]


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


def test_category_columns_are_class_labels_named_as_the_models_vocabularies(built: Path) -> None:
    import typing

    import datasets

    from jsec_data.core.arrow import unwrap_annotation
    from jsec_data.core.models import TABLE_MODELS, table_columns

    found = []
    for name in TABLE_NAMES:
        features = dataset_features(name)
        for column, info in table_columns(TABLE_MODELS[name]).items():
            base, _ = unwrap_annotation(info.annotation)
            if typing.get_origin(base) is typing.Literal:
                assert features[column] == datasets.ClassLabel(names=list(typing.get_args(base))), (name, column)
                found.append(f"{name}.{column}")
            else:
                assert not isinstance(features[column], datasets.ClassLabel), (name, column)
    assert {"entities.kind", "statements.mode", "agreements.kind", "agreement_mentions.reported_status",
            "articles.annotation_status", "articles.event_date_precision"} <= set(found)
    assert dataset_features("articles")["segments"].feature["kind"] == datasets.ClassLabel(
        names=["title", "lead", "body", "see_also", "related_list", "subscribe", "comment_form", "social_follow", "credit"])


def test_card_sections_for_a_researcher(built: Path) -> None:
    text = (built / CARD_NAME).read_text(encoding="utf-8")
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    for heading in ("## Summary", "## Counts", "## Where the texts come from", "## Uses", "### Direct use",
                    "### Out-of-scope use", "## Usage", "## Tables", "## Dataset creation", "### Curation rationale",
                    "### Annotations", "#### Who are the annotators?", "#### Personal and sensitive information",
                    "## Annotation guidelines (in brief)", "## Evaluation of the extractor",
                    "## Bias, risks and limitations", "### Recommendations", "## License", "## Citation",
                    "## Version and changes", "## Contact and takedown"):
        assert heading in text, heading
    section = text.split("#### Who are the annotators?", 1)[1].split("####", 1)[0]
    assert "AI assistants" in section and "two independent passes" in section and "annotated once" in section
    assert "1 draft (not yet reviewed: not gold); 1 not annotated" in text  # from articles.annotation_status
    for name in TABLE_NAMES:
        assert f"| `{name}` | {manifest['tables'][name]['rows']} |" in text
        assert f"#### `{name}`" in text
    assert "docs/annotation-guidelines.md" in text and "```bibtex\n@misc{jsec_data_" in text
    assert content_fingerprint(manifest) in text
    terms = (built / LICENSE_NAME).read_text(encoding="utf-8")
    assert "https://creativecommons.org/licenses/by/4.0/" in terms and terms in text  # one licence story


def test_the_card_names_the_projects_places_and_no_placeholder(built: Path) -> None:
    from jsec_data.release import project

    text = (built / CARD_NAME).read_text(encoding="utf-8")
    assert "ORG/" not in text and f'load_dataset("{project.HUB_REPO_ID}", "quotations"' in text
    contact = text.split("## Contact and takedown", 1)[1]
    assert project.ISSUES_URL in contact and "removed" in contact and "rights holder" in contact.lower()


def test_the_citation_year_is_the_datas_newest_date_not_the_clock(built: Path) -> None:
    from jsec_data.release.card import data_date

    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    articles = pq.read_table(built / "data" / "articles.parquet").to_pylist()
    newest = max([a[key] for a in articles for key in ("published", "event_date") if a[key]]
                 + [a["retrieved"].date() for a in articles if a["retrieved"]])
    assert data_date(built, manifest) == newest
    text = (built / CARD_NAME).read_text(encoding="utf-8")
    assert f"  year = {{{newest.year}}},\n" in text
    croissant = json.loads((built / "croissant.json").read_text(encoding="utf-8"))
    assert croissant["datePublished"] == newest.isoformat() and f"year = {{{newest.year}}}" in croissant["citeAs"]


def test_jsec_cite_gives_the_cards_entry_with_its_year(built: Path) -> None:
    from typer.testing import CliRunner

    from jsec_data.cli import app

    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["data_date"]  # recorded with the build, so every reader gives the same year
    card = (built / CARD_NAME).read_text(encoding="utf-8")
    entry = card.split("## Citation", 1)[1].split("```bibtex\n", 1)[1].split("\n```", 1)[0]
    result = CliRunner().invoke(app, ["cite", "--path", str(built)])
    assert result.exit_code == 0 and result.output.strip() == entry
    assert f"year = {{{manifest['data_date'][:4]}}}" in entry


def test_the_card_lists_the_reviewed_warnings_it_is_given(built: Path) -> None:
    from jsec_data.raw.waivers import Waiver
    from jsec_data.release.card import render_card

    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    waiver = Waiver(code="quote-unbalanced", file="articles/001_0123456789abcdef.txt", line=6,
                    reason="The published paragraph never closes its quote.")
    text = render_card(manifest, built, figure="", waivers=[waiver])
    assert "#### Reviewed warnings" in text
    assert "| `quote-unbalanced` | `articles/001_0123456789abcdef.txt:6` | The published paragraph never closes its quote. |" in text
    assert "Reviewed warnings" not in render_card(manifest, built, figure="")


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


def test_each_agreement_kind_has_its_own_fixed_colour_and_style() -> None:
    import typing

    from jsec_data.core.models import AgreementKind

    kinds = list(typing.get_args(AgreementKind))
    assert sorted(plot.KIND_STYLES) == sorted(kinds)  # a new kind needs its style
    assert len(set(plot.KIND_STYLES.values())) == len(kinds)  # no two kinds look the same


def _corners(text: Any, renderer: Any) -> list[tuple[float, float]]:
    """The four corners of a (maybe rotated) text on the canvas, in pixels."""
    import math

    angle = text.get_rotation()
    text.set_rotation(0)
    box = text.get_window_extent(renderer)  # laid out about its anchor, unrotated
    text.set_rotation(angle)
    x, y = text.get_transform().transform(text.get_position())
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    return [(x + (px - x) * cos - (py - y) * sin, y + (px - x) * sin + (py - y) * cos)
            for px, py in ((box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1))]


def _overlap(first: list[tuple[float, float]], second: list[tuple[float, float]]) -> bool:
    """Whether two convex polygons overlap (separating axis theorem)."""
    for polygon in (first, second):
        for (x0, y0), (x1, y1) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
            axis = (y0 - y1, x1 - x0)
            a = [axis[0] * x + axis[1] * y for x, y in first]
            b = [axis[0] * x + axis[1] * y for x, y in second]
            if max(a) <= min(b) or max(b) <= min(a):
                return False
    return True


def _figure_labels(agreements: list[dict[str, Any]], names: dict[str, str]) -> tuple[Any, list[Any]]:
    figure = plot.partnership_figure(agreements, names)
    renderer = figure.canvas.get_renderer()
    texts = [t for t in figure.axes[0].texts if t.get_text()]
    return figure, [(t.get_text(), _corners(t, renderer)) for t in texts]


def test_a_kind_is_drawn_in_its_colour_whichever_kinds_are_present() -> None:
    pytest.importorskip("matplotlib")
    from matplotlib.colors import to_hex
    from matplotlib.patches import FancyArrowPatch

    def colours(agreements: list[dict[str, Any]]) -> set[str]:
        figure = plot.partnership_figure(agreements, {})
        return {to_hex(p.get_edgecolor()) for p in figure.axes[0].patches if isinstance(p, FancyArrowPatch)}

    memorandum = {"agreement_id": "m", "kind": "memorandum", "parties": ["JPN", "GBR"]}
    treaty = {"agreement_id": "t", "kind": "alliance_treaty", "parties": ["JPN", "USA"]}
    assert colours([memorandum]) == colours([memorandum, treaty]) - colours([treaty]) == {plot.KIND_STYLES["memorandum"][0].lower()}


@pytest.mark.parametrize("parties", [8, 24, 40])
def test_no_two_labels_of_the_figure_overlap(parties: int) -> None:
    pytest.importorskip("matplotlib")
    kinds = list(plot.KIND_STYLES)
    agreements = [{"agreement_id": f"a{i}", "kind": kinds[i % len(kinds)],
                   "parties": ["JPN", f"P{i:02d}" if i % 3 else f"a-party-with-a-long-slug-{i}"]} for i in range(parties)]
    agreements.append({"agreement_id": "x", "kind": "memorandum", "parties": ["P01", "P02", "JPN"]})
    names = {f"P{i:02d}": f"The Country Number {i} With A Rather Long Official Name" for i in range(parties)}
    names["JPN"] = "Japan"
    figure, labels = _figure_labels(agreements, names)
    width, height = figure.bbox.width, figure.bbox.height
    for index, (text, corners) in enumerate(labels):
        assert all(0 <= x <= width and 0 <= y <= height for x, y in corners), text  # inside the picture
        for other, other_corners in labels[index + 1:]:
            assert not _overlap(corners, other_corners), (text, other)


def test_the_shipped_figure_labels_do_not_overlap() -> None:
    pytest.importorskip("matplotlib")
    from jsec_data.load import data_dir

    agreements = pq.read_table(data_dir() / "data" / "agreements.parquet", columns=["agreement_id", "kind", "parties"]).to_pylist()
    entities = pq.read_table(data_dir() / "data" / "entities.parquet", columns=["entity_id", "name_en"]).to_pylist()
    _, labels = _figure_labels(agreements, {e["entity_id"]: e["name_en"] for e in entities})
    assert labels
    for index, (text, corners) in enumerate(labels):
        for other, other_corners in labels[index + 1:]:
            assert not _overlap(corners, other_corners), (text, other)


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


def test_figure_process_the_build_never_asks_is_stopped_not_waited_for() -> None:
    """A build that failed before its card, or copies a kept figure, does not wait for matplotlib's import."""
    process = plot.FigureProcess()
    running = process._process
    assert running is not None
    process.close()
    assert process._process is None
    assert running.returncode == (-signal.SIGKILL if os.name == "posix" else 1)


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


def test_the_cards_agreement_figures_are_what_the_kept_passes_give() -> None:
    """Every figure of the card's agreement paragraph is recomputed from annotation-passes/."""
    from jsec_data.agreement import compare_passes
    from jsec_data.release import project

    passes = Path(__file__).resolve().parents[2] / "annotation-passes"
    if not (passes / "a1").is_dir():
        pytest.skip("annotation-passes/ is not in this checkout")
    layers = compare_passes([passes / "a1", passes / "a2"], [passes / "b1", passes / "b2"]).to_dict()["layers"]
    text = project.AGREEMENT
    q, s, m = layers["quotations"], layers["statements"], layers["agreement_mentions"]

    def acc(label: dict[str, float]) -> str:
        return f"{label['accuracy']:.2f} ({label['agree']}/{label['total']})"

    expected = [
        f"quotations {q['a']} and {q['b']}, exact-span F1 {q['exact_f1']:.2f}, speaker accuracy {acc(q['labels']['speaker'])}",
        f"is_fragment kappa {q['labels']['is_fragment']['kappa']:.2f}",
        f"statements {s['a']} and {s['b']}, exact-span F1 {s['exact_f1']:.2f}, overlap F1 {s['overlap_f1']:.2f}, "
        f"speaker accuracy {acc(s['labels']['speaker'])}, cue accuracy {s['labels']['cue']['accuracy']:.2f}, "
        f"mode kappa {s['labels']['mode']['kappa']:.2f}",
        f"mentions {m['a']} and {m['b']}, exact-span F1 {m['exact_f1']:.2f}, agreement-link accuracy "
        f"{acc(m['labels']['agreement'])}, status kappa {m['labels']['status']['kappa']:.2f}",
        f"entity ids used per article F1 {layers['entities']['exact_f1']:.2f}",
        "event dates {agree}/{total}".format(**layers["metadata"]["labels"]["event_date"]),
    ]
    assert [e for e in expected if e not in text] == []
