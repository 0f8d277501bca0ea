"""Shared pieces of the silver tests: the SaudiNewsNet excerpt and synthetic corpora made from it."""

from __future__ import annotations

import gzip
import hashlib
import json
import random
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXCERPT = ROOT / "tests" / "fixtures" / "ingest" / "saudinewsnet_excerpt.json.gz"
LICENCE = "CC-BY-NC-SA-4.0"


def tree(folder: Path) -> dict[str, str]:
    """Every file of ``folder`` (relative POSIX path) -> its SHA-256."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def excerpt_records() -> list[dict[str, Any]]:
    with gzip.open(EXCERPT, "rt", encoding="utf-8") as handle:
        records: list[dict[str, Any]] = json.load(handle)
    return records


def synthetic_records(count: int, seed: int = 0) -> list[dict[str, Any]]:
    """Distinct articles in SaudiNewsNet's shape: a real title and 4-7 real paragraphs drawn from the
    excerpt (so that no two are near-copies), each with its own URL."""
    real = [r for r in excerpt_records() if (r.get("content") or "").strip()]
    paragraphs = [line for r in real for line in r["content"].splitlines() if len(line.split()) >= 6]
    rng = random.Random(seed)
    out = []
    for number in range(count):
        base = real[number % len(real)]
        body = "\n".join(rng.sample(paragraphs, rng.randint(4, 7)))
        out.append({**base, "url": f"https://example.org/{seed}/{number}", "content": body,
                    "title": f"{base.get('title') or ''} ({number})"})
    return out


def write_corpus(folder: Path, files: int, per_file: int, seed: int = 0) -> Path:
    """``files`` JSON Lines files (every other one gzipped) of ``per_file`` synthetic records."""
    folder.mkdir(parents=True, exist_ok=True)
    records = synthetic_records(files * per_file, seed)
    for index in range(files):
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[index * per_file:(index + 1) * per_file])
        if index % 2:
            (folder / f"part-{index:03d}.jsonl.gz").write_bytes(gzip.compress(lines.encode("utf-8"), mtime=0))
        else:
            (folder / f"part-{index:03d}.jsonl").write_text(lines, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """6 files of 12 synthetic records (72 distinct articles)."""
    return write_corpus(tmp_path_factory.mktemp("silver-corpus"), 6, 12)
