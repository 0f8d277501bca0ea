"""The build folder as a Hugging Face dataset: offline load_dataset for every config, no stale cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from jsec_data.build.dataset import build_dataset
from jsec_data.core.arrow import table_schema
from jsec_data.core.models import TABLE_MODELS, table_columns
from jsec_data.core.tables import TABLE_NAMES
from jsec_data.release.card import CARD_NAME, dataset_features, render_card

from ..conftest import MINI_RAW

datasets = pytest.importorskip("datasets")


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No network, and a private HF_HOME: datasets reads its config at import, so patch both."""
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf_home"))
    monkeypatch.setattr(datasets.config, "HF_DATASETS_OFFLINE", True, raising=False)
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True, raising=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hf") / "jsec"
    assert build_dataset(MINI_RAW, out).ok
    return out


def _load(folder: Path, config: str | None, cache: Path) -> datasets.Dataset:
    return datasets.load_dataset(str(folder), config, split="train", cache_dir=str(cache))


def test_config_names_list_every_table(built: Path) -> None:
    assert datasets.get_dataset_config_names(str(built)) == list(TABLE_NAMES)


def _names(value: object, feature: object) -> object:
    """A loaded value with its class-label numbers turned back into names (as the Parquet file holds them)."""
    if isinstance(feature, datasets.ClassLabel):
        return None if value is None else feature.int2str(value)
    if isinstance(feature, datasets.List):
        return None if value is None else [_names(item, feature.feature) for item in value]  # type: ignore[union-attr]
    if isinstance(feature, dict):
        return None if value is None else {key: _names(value[key], sub) for key, sub in feature.items()}  # type: ignore[index]
    return value


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_every_config_loads_offline_with_the_parquet_rows_and_types(built: Path, table: str, tmp_path: Path) -> None:
    loaded = _load(built, table, tmp_path / "cache")
    expected = pq.read_table(built / "data" / f"{table}.parquet")
    assert loaded.num_rows == expected.num_rows > 0
    # Types: the card's features, whose columns are the model's fields: the Arrow schema's types,
    # with each category column a ClassLabel (datasets cannot say "not null": struct members come back nullable).
    assert loaded.features == dataset_features(table)
    assert list(loaded.features) == list(table_columns(TABLE_MODELS[table]))
    arrow = datasets.Features.from_arrow_schema(table_schema(table))
    for column, feature in loaded.features.items():
        if not isinstance(feature, datasets.ClassLabel) and column != "segments":
            assert feature == arrow[column], column
    # Values: the Parquet rows, class labels read back as their names.
    rows = [{column: _names(value, loaded.features[column]) for column, value in row.items()} for row in loaded.to_list()]
    assert rows == expected.to_pylist()


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_load_hf_gives_what_load_dataset_gives(built: Path, table: str, tmp_path: Path) -> None:
    """``jsec_data.load_hf`` and ``datasets.load_dataset`` on the build folder agree: features (the card's,
    category columns as ClassLabel with the same names in the same order), Arrow types and values."""
    from jsec_data.load import load_hf

    loaded, ours = _load(built, table, tmp_path / "cache"), load_hf(table, path=built)
    assert ours.features == loaded.features == dataset_features(table)
    assert ours.data.schema.equals(loaded.data.schema)
    assert ours.to_list() == loaded.to_list()
    assert ours.split == loaded.split


def test_articles_is_the_default_config(built: Path, tmp_path: Path) -> None:
    loaded = _load(built, None, tmp_path / "cache")
    assert list(loaded.features) == list(table_columns(TABLE_MODELS["articles"]))


def test_nested_spans_lists_and_dates_keep_their_types(built: Path, tmp_path: Path) -> None:
    features = _load(built, "articles", tmp_path / "cache").features
    segments = features["segments"]
    assert isinstance(segments, datasets.List) and segments.feature["char_start"] == datasets.Value("int32")
    assert isinstance(segments.feature["kind"], datasets.ClassLabel)
    assert features["credits"] == datasets.List(datasets.Value("string"))
    assert features["event_date"] == datasets.Value("date32")


def test_category_columns_load_as_class_labels(built: Path, tmp_path: Path) -> None:
    statements = _load(built, "statements", tmp_path / "cache")
    mode = statements.features["mode"]
    assert isinstance(mode, datasets.ClassLabel) and mode.names == ["direct", "indirect", "mixed"]
    parquet = pq.read_table(built / "data" / "statements.parquet").column("mode").to_pylist()
    assert [mode.int2str(value) for value in statements["mode"]] == parquet


def test_rebuild_then_reload_never_serves_stale_rows(tmp_path: Path) -> None:
    raw, out, cache = tmp_path / "raw", tmp_path / "jsec", tmp_path / "cache"
    shutil.copytree(MINI_RAW, raw)
    assert build_dataset(raw, out).ok
    before = _load(out, "articles", cache)
    assert "عنوان بلا شروح" in before["title"]

    article = raw / "articles" / "002_fedcba9876543210.txt"
    article.write_bytes(article.read_bytes().replace("عنوان بلا شروح".encode(), "عنوان جديد تماما".encode()))
    assert build_dataset(raw, out).ok
    after = _load(out, "articles", cache)  # same folder, same name, same cache dir
    assert "عنوان جديد تماما" in after["title"] and "عنوان بلا شروح" not in after["title"]
    rows = [{column: _names(value, after.features[column]) for column, value in row.items()} for row in after.to_list()]
    assert rows == pq.read_table(out / "data" / "articles.parquet").to_pylist()


def test_the_content_hash_alone_changes_the_cache_key(built: Path, tmp_path: Path) -> None:
    """Same sizes, same patterns, one table checksum changed: datasets must see a different dataset."""
    import json

    from datasets.load import LocalDatasetModuleFactory

    copy = tmp_path / "jsec"
    shutil.copytree(built, copy)
    original = LocalDatasetModuleFactory(str(copy)).get_module().hash
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["tables"]["quotations"]["sha256"] = "0" * 64
    (copy / CARD_NAME).write_text(render_card(manifest, copy, figure=""), encoding="utf-8")
    assert LocalDatasetModuleFactory(str(copy)).get_module().hash != original
