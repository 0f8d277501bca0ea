"""Load functions read the tables shipped inside the package; they equal a fresh build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import jsec_data
from jsec_data.build.dataset import build_dataset
from jsec_data.core.models import TABLE_MODELS, table_columns
from jsec_data.evaluate import card_markdown
from jsec_data.load import UnknownTableError, data_dir, iter_records, load_hf, load_table, manifest

from .conftest import ROOT


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fresh") / "dataset"
    result = build_dataset(ROOT / "raw", out, evaluation=card_markdown(ROOT / "raw"))  # as the shipped tables are built
    assert result.ok, "\n".join(i.format() for i in result.report.errors)
    return out


@pytest.mark.parametrize("table", jsec_data.TABLE_NAMES)
def test_shipped_tables_equal_a_fresh_build_of_raw(table: str, fresh_build: Path) -> None:
    shipped = load_table(table)
    rebuilt = pq.read_table(fresh_build / "data" / f"{table}.parquet")
    assert shipped.schema.equals(rebuilt.schema, check_metadata=True)
    assert shipped.equals(rebuilt), f"shipped {table} is stale: run `jsec build --evaluate --out jsec_data/dataset --no-cache`"


def test_shipped_manifest_matches_raw(fresh_build: Path) -> None:
    shipped, rebuilt = manifest(), manifest(fresh_build)
    assert shipped["inputs"] == rebuilt["inputs"]
    assert {k: v["rows"] for k, v in shipped["tables"].items()} == {k: v["rows"] for k, v in rebuilt["tables"].items()}
    assert shipped["version"] == jsec_data.__version__


def test_shortcuts_and_records() -> None:
    for table in jsec_data.TABLE_NAMES:
        loaded = getattr(jsec_data, f"load_{table}")()
        assert isinstance(loaded, pa.Table) and loaded.num_rows == load_table(table).num_rows
    articles = list(iter_records("articles"))
    assert [a.article_id for a in articles] == sorted(a.article_id for a in articles)
    assert all(isinstance(a, TABLE_MODELS["articles"]) for a in articles)


def test_unknown_table_is_a_clear_error() -> None:
    with pytest.raises(UnknownTableError, match="the tables are: articles"):
        load_table("quotes")


def test_load_hf_has_model_features() -> None:
    import datasets

    from jsec_data.release.card import dataset_features

    dataset = load_hf("articles")
    assert dataset.num_rows == load_table("articles").num_rows
    assert list(dataset.features) == list(table_columns(TABLE_MODELS["articles"]))
    assert dataset.features == dataset_features("articles")  # the card's: category columns as ClassLabel
    status = dataset.features["annotation_status"]
    assert isinstance(status, datasets.ClassLabel) and status.names == ["none", "draft", "reviewed"]
    assert [status.int2str(n) for n in dataset["annotation_status"]] == load_table("articles").column("annotation_status").to_pylist()
    assert dataset.features["event_date"] == datasets.Value("date32")
    mode = load_hf("statements").features["mode"]
    assert isinstance(mode, datasets.ClassLabel) and mode.names == ["direct", "indirect", "mixed"]


def test_path_argument_and_environment_override(fresh_build: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert data_dir(fresh_build) == fresh_build
    monkeypatch.setenv("JSEC_DATA_DIR", str(fresh_build))
    assert data_dir() == fresh_build


def _run(code: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_import_and_help_do_not_load_heavy_modules(tmp_path: Path) -> None:
    code = (
        "import sys, jsec_data\n"
        "from jsec_data.cli import main\n"
        "sys.argv = ['jsec', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('datasets', 'pandas', 'huggingface_hub', 'matplotlib') if m in sys.modules))"
    )
    assert _run(code, tmp_path).splitlines()[-1] == "[]"


def test_installed_wheel_loads_offline_from_any_directory(tmp_path: Path) -> None:
    """Build the wheel (no network), unpack it alone, load from an unrelated folder."""
    wheel_dir = tmp_path / "wheel"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "-q", "-w", str(wheel_dir), str(ROOT)], check=True, capture_output=True, timeout=300)
    (wheel,) = wheel_dir.glob("jsec_data-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
    env.pop("JSEC_DATA_DIR", None)
    code = (
        "import jsec_data\n"
        "from jsec_data.load import data_dir\n"
        "print(data_dir())\n"
        "import json\n"
        "print(json.dumps({t: getattr(jsec_data, 'load_' + t)().num_rows for t in jsec_data.TABLE_NAMES}))"
    )
    where, counts = _run(code, elsewhere, env).splitlines()[-2:]
    assert where.startswith(str(site))
    expected = {t: v["rows"] for t, v in manifest()["tables"].items()}
    assert json.loads(counts) == expected
    # Every file of the shipped build made it into the wheel, unchanged.
    from jsec_data.release.card import verify_checksums

    assert verify_checksums(site / "jsec_data" / "dataset") == []


def test_the_documented_offset_conversions_slice_every_span_in_utf8_and_utf16() -> None:
    # README and card: len(text[:start].encode("utf-8")) and len(text[:start].encode("utf-16-le")) // 2.
    texts = {row["article_id"]: row["text"] for row in jsec_data.load_articles().to_pylist()}
    checked = 0
    for name in ("quotations", "statements", "agreement_mentions"):
        for row in load_table(name).to_pylist():
            text, start, end = texts[row["article_id"]], row["char_start"], row["char_end"]
            utf8 = text.encode("utf-8")
            b0, b1 = len(text[:start].encode("utf-8")), len(text[:end].encode("utf-8"))
            assert utf8[b0:b1].decode("utf-8") == row["text"]
            utf16 = text.encode("utf-16-le")
            u0, u1 = len(text[:start].encode("utf-16-le")) // 2, len(text[:end].encode("utf-16-le")) // 2
            assert utf16[2 * u0:2 * u1].decode("utf-16-le") == row["text"]
            checked += 1
    assert checked > 100


def test_the_readmes_main_command_builds_exactly_the_shipped_dataset(tmp_path: Path) -> None:
    """The quick start's `jsec build ...` (its options as the README writes them) gives the shipped bytes, card included."""
    pytest.importorskip("matplotlib")  # the main command installs the plot extra
    import re
    import shlex

    from typer.testing import CliRunner

    from jsec_data.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- main-command -->\s*```bash\n(.+?)\n```", readme, re.S)
    assert block, "README.md has no main command"
    jsec = next(part for part in block.group(1).split("&&") if part.strip().startswith("jsec "))
    out = tmp_path / "dataset"
    result = CliRunner().invoke(app, [*shlex.split(jsec)[1:], "--raw", str(ROOT / "raw"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    shipped = ROOT / "jsec_data" / "dataset"
    files = sorted(p.relative_to(shipped).as_posix() for p in shipped.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    for name in files:
        assert (out / name).read_bytes() == (shipped / name).read_bytes(), f"{name} differs from the shipped build"
