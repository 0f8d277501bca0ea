"""``jsec build --jobs N``: the same bytes as one process, whatever the number of workers."""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jsec_data.build.dataset import build_dataset
from jsec_data.cli import app
from jsec_data.evaluate import card_markdown

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("jsec_bench_generate", GENERATOR)
    assert spec and spec.loader
    generate = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generate  # dataclasses look their module up there
    spec.loader.exec_module(generate)
    raw = tmp_path_factory.mktemp("jobs") / "raw"
    generate.generate(raw, 40, seed=7)
    return raw


def test_jobs_2_output_is_byte_identical_to_jobs_1(corpus: Path, tmp_path: Path) -> None:
    one = build_dataset(corpus, tmp_path / "one", jobs=1, evaluation=card_markdown(corpus))
    # Small batches so that several are in flight across the two workers.
    two = build_dataset(corpus, tmp_path / "two", jobs=2, batch_size=3, evaluation=card_markdown(corpus))
    assert one.ok and two.ok
    assert one.row_counts == two.row_counts
    assert one.report.checked_files == two.report.checked_files
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")


def test_jobs_report_the_same_issues(corpus: Path, tmp_path: Path) -> None:
    annotation = next((corpus / "annotations").glob("*.yaml"))
    broken = tmp_path / "raw"
    shutil.copytree(corpus, broken)
    target = broken / "annotations" / annotation.name
    target.write_text(target.read_text(encoding="utf-8").replace("speaker_ids: [", "speaker_ids: [nobody, ", 1),
                      encoding="utf-8")
    one = build_dataset(broken, tmp_path / "one", jobs=1)
    two = build_dataset(broken, tmp_path / "two", jobs=2, batch_size=4)
    assert not one.ok and not two.ok
    assert [i.format() for i in one.report] == [i.format() for i in two.report]
    assert any(i.code == "unknown-entity" for i in two.report.errors)


def test_cli_jobs_option(corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["build", "--raw", str(corpus), "--out", str(tmp_path / "out"), "-j", "2"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["build", "--raw", str(corpus), "--out", str(tmp_path / "o"), "--jobs", "0"]).exit_code == 2


def test_card_evaluation_is_the_same_for_any_batch_size_and_matches_evaluate(corpus: Path, tmp_path: Path) -> None:
    from jsec_data.evaluate import evaluate_extractor, render_evaluation
    from jsec_data.release.card import CARD_NAME

    one = build_dataset(corpus, tmp_path / "one", jobs=1, batch_size=7, evaluation=card_markdown(corpus))
    two = build_dataset(corpus, tmp_path / "two", jobs=1, batch_size=1000, evaluation=card_markdown(corpus))
    assert one.ok and two.ok
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    expected = render_evaluation(evaluate_extractor(corpus))
    assert expected is not None and expected in (tmp_path / "one" / CARD_NAME).read_text(encoding="utf-8")


def test_a_crashing_extractor_does_not_block_the_build(corpus: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import jsec_data.evaluate
    from jsec_data.release.card import CARD_NAME, EVALUATION_PLACEHOLDER

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom\nmore")

    monkeypatch.setattr(jsec_data.evaluate, "evaluate_result", crash)
    result = build_dataset(corpus, tmp_path / "out", jobs=1, evaluation=card_markdown(corpus))
    assert result.ok
    text = (tmp_path / "out" / CARD_NAME).read_text(encoding="utf-8")
    assert f"**{EVALUATION_PLACEHOLDER}.** The evaluation could not run for this build (RuntimeError: boom)." in text


def test_cli_default_jobs_is_the_usable_cpus_and_evaluate_is_opt_in(corpus: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import jsec_data.article.stage
    import jsec_data.build.dataset

    seen: list[dict[str, object]] = []
    real = jsec_data.build.dataset.build_dataset

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(kwargs)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jsec_data.build.dataset, "build_dataset", spy)
    monkeypatch.setattr(jsec_data.article.stage, "usable_cpus", lambda: 3)
    runner = CliRunner()
    assert runner.invoke(app, ["build", "--raw", str(corpus), "--out", str(tmp_path / "a")]).exit_code == 0
    assert runner.invoke(app, ["build", "--raw", str(corpus), "--out", str(tmp_path / "b"), "-j", "1",
                               "--evaluate"]).exit_code == 0
    assert [(kw["jobs"], kw["evaluation"] is not None) for kw in seen] == [(3, False), (1, True)]


def test_validate_jobs_give_the_same_report(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import jsec_data.validate
    from jsec_data.validate import validate_paths

    broken = tmp_path / "raw"
    shutil.copytree(corpus, broken)
    first, second = sorted((broken / "annotations").glob("*.yaml"))[:2]
    first.write_text(first.read_text(encoding="utf-8").replace("speaker_ids: [", "speaker_ids: [nobody, ", 1),
                     encoding="utf-8")
    for path in (first, second):  # the same new entity declared in two files
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\nentities:\n  - entity_id: twice-declared\n"
                        "    kind: person\n    names_ar: [مرتين]\n    name_en: Twice\n", encoding="utf-8")
    monkeypatch.setattr(jsec_data.validate, "_CHUNK", 4)  # several tasks per worker on a small corpus
    one = validate_paths([broken / "annotations"], broken, jobs=1)
    two = validate_paths([broken / "annotations"], broken, jobs=2)
    assert [i.format() for i in one] == [i.format() for i in two]
    codes = {i.code for i in two.errors}
    assert {"unknown-entity", "duplicate-id"} <= codes, codes
    duplicate = next(i for i in two.errors if i.code == "duplicate-id")
    assert duplicate.file.endswith(second.name) and duplicate.line is not None
    assert one.checked_files == two.checked_files == 40


def test_with_workers_no_process_of_the_build_imports_pandas(corpus: Path, tmp_path: Path) -> None:
    """pyarrow would import pandas (0.2 s a process) to recognise pandas objects; the build has none."""
    import subprocess

    code = (
        "import sys\n"
        "from jsec_data.build.dataset import build_dataset, _record_batch_task, _empty_columns\n"
        "from jsec_data.core.executor import executor, skip_pandas\n"
        f"result = build_dataset({str(corpus)!r}, {str(tmp_path / 'out')!r}, jobs=2, batch_size=3)\n"
        "assert result.ok\n"
        "def pandas_loaded(context, task):\n"
        "    return 'pandas' in sys.modules\n"
        "with executor(2, None, setup=skip_pandas) as pool:\n"
        "    pool.call(_record_batch_task, ('entities', _empty_columns('entities')))  # a conversion\n"
        "    worker = pool.call(pandas_loaded, None)\n"
        "print('pandas' in sys.modules, worker)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["False", "False"]
    assert _tree(tmp_path / "out") == _tree(build_dataset(corpus, tmp_path / "one", jobs=1).out_dir)


def test_a_batch_s_tables_cross_the_process_boundary_as_ipc_messages(corpus: Path) -> None:
    import datetime as dt
    import pickle

    from jsec_data.article.stage import read_registry
    from jsec_data.build.dataset import _Tables, batch_columns
    from jsec_data.raw.files import discover_articles

    today = dt.date(2026, 12, 1)
    registry, _ = read_registry(corpus, today)
    sources, _ = discover_articles(corpus)
    out = batch_columns(sources[:10], registry, today)
    assert isinstance(out.tables, _Tables)
    wire = pickle.dumps(out)
    assert b"read_record_batch" not in wire and b"_tables_from_ipc" in wire
    back = pickle.loads(wire)
    assert isinstance(back.tables, _Tables) and back.tables.keys() == out.tables.keys()
    for name, batch in out.tables.items():
        assert back.tables[name].schema == batch.schema
        assert back.tables[name].equals(batch)
        assert batch.num_rows > 0
