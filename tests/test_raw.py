"""raw/ holds the articles byte for byte, as listed in raw/SHA256SUMS."""

from __future__ import annotations

import doctest
import hashlib
import importlib
from pathlib import Path

import pytest

from jsec_data.rawio import discover_articles

from .conftest import ROOT

RAW = ROOT / "raw"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


def _sums(path: Path) -> dict[str, str]:
    pairs = (line.split() for line in path.read_text(encoding="ascii").splitlines() if line.strip())
    return {Path(name).name: digest for digest, name in pairs}


def test_raw_articles_match_their_checksum_list() -> None:
    listed = _sums(RAW / "SHA256SUMS")
    present = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (RAW / "articles").glob("*.txt")}
    assert present == listed


def test_article_ids_come_from_file_names() -> None:
    sources, issues = discover_articles(RAW)
    assert issues == []
    assert [s.article_id for s in sources] == sorted(
        ["f4631beb2d4bc712", "1e0cd23aaef11339", "abf9a3ec4026fc84", "21805d7ab441cd75", "e9c5731a151683e9"]
    )


@pytest.mark.skipif(not (SHARED_SEEDS / "SHA256SUMS").is_file(), reason="../shared/seeds is only on developer machines")
def test_raw_articles_equal_the_seeds() -> None:
    assert _sums(SHARED_SEEDS / "SHA256SUMS").items() <= _sums(RAW / "SHA256SUMS").items()


@pytest.mark.parametrize("module", ["text", "anchor", "segment", "arrow"])
def test_docstring_examples(module: str) -> None:
    result = doctest.testmod(importlib.import_module(f"jsec_data.{module}"))
    assert result.attempted > 0 and result.failed == 0
