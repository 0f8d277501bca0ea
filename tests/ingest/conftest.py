"""Shared fixtures of the ingest tests: the SaudiNewsNet excerpt, raw/ copies, other formats of it."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "raw"
EXCERPT = ROOT / "tests" / "fixtures" / "ingest" / "saudinewsnet_excerpt.json.gz"
LICENCE = "CC-BY-NC-SA-4.0"

#: URLs of the Wikileaks story's printings in the excerpt (first one: the first printing).
WIKILEAKS_URLS = (
    "http://www.aleqt.com/2015/07/31/article_977761.html",
    "http://www.alyaum.com/article/4081176",
    "http://www.al-jazirah.com/2015/20150801/du15.htm",
    "http://www.alriyadh.com/1069587",
)


def excerpt_records() -> list[dict[str, Any]]:
    with gzip.open(EXCERPT, "rt", encoding="utf-8") as handle:
        records: list[dict[str, Any]] = json.load(handle)
    return records


@pytest.fixture
def records() -> list[dict[str, Any]]:
    """The excerpt's records (a fresh list each time)."""
    return excerpt_records()


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A writable copy of the project's raw/ folder."""
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    return target


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too), by relative path -> bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def write_json_array(records: list[Any], path: Path, *, compress: bool = False) -> Path:
    data = json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")
    path.write_bytes(gzip.compress(data, mtime=0) if compress else data)
    return path


def write_jsonl(records: list[Any], path: Path, *, compress: bool = False) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    path.write_bytes(gzip.compress(data, mtime=0) if compress else data)
    return path


def write_parquet(records: list[dict[str, Any]], path: Path, *, compress: bool = False) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(records)
    if not compress:
        pq.write_table(table, path, row_group_size=7)  # several row groups and batches
        return path
    plain = path.with_name(path.name + ".tmp")
    pq.write_table(table, plain, row_group_size=7)
    path.write_bytes(gzip.compress(plain.read_bytes(), mtime=0))
    plain.unlink()
    return path


#: (label, writer, compressed) of every supported format.
FORMATS: list[tuple[str, Callable[..., Path], bool]] = [
    ("json-array", write_json_array, False),
    ("json-array.gz", write_json_array, True),
    ("jsonl", write_jsonl, False),
    ("jsonl.gz", write_jsonl, True),
    ("parquet", write_parquet, False),
    ("parquet.gz", write_parquet, True),
]
