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


def _ingested(metadata: Path) -> bool:
    """Whether an article's metadata was written by ``jsec ingest`` (it records the source record)."""
    return "\nsource_record_sha256: " in "\n" + metadata.read_text(encoding="utf-8")


def hand_made_articles() -> set[str]:
    """File names of raw/'s articles that were not ingested from a corpus."""
    ingested = {p.stem for p in (RAW / "metadata").glob("*.yaml") if _ingested(p)}
    return {p.name for p in (RAW / "articles").iterdir() if p.stem.rpartition("_")[2] not in ingested}


def copy_hand_made_raw(target: Path) -> Path:
    """The project's raw/ folder without the articles ingested from corpora (the hand-made ones and the
    registries stay), so that ingesting the excerpt adds its articles whatever raw/ already holds."""
    ingested = {p.stem for p in (RAW / "metadata").glob("*.yaml") if _ingested(p)}

    def ignore(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if n.split(".")[0].rpartition("_")[2] in ingested}

    shutil.copytree(RAW, target, ignore=ignore)
    if (target / "SHA256SUMS").exists():
        listed = (target / "SHA256SUMS").read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in listed if line.rstrip("\n").rsplit(".", 1)[0].rpartition("_")[2] not in ingested]
        (target / "SHA256SUMS").write_text("".join(kept), encoding="utf-8")
    return target


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A writable copy of the project's raw/ folder, without its ingested articles."""
    return copy_hand_made_raw(tmp_path / "raw")


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
