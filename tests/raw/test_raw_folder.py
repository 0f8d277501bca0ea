"""raw/ holds the articles byte for byte, as listed in raw/SHA256SUMS."""

from __future__ import annotations

import doctest
import hashlib
import importlib
import re
from pathlib import Path

import pytest

from jsec_data.raw.files import discover_articles

from ..conftest import ROOT

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
    # Whatever articles raw/ holds (the corpus grows): one per file, its id the file name's 16 hex digits.
    sources, issues = discover_articles(RAW)
    assert issues == []
    files = sorted((RAW / "articles").glob("*.txt"))
    assert files and len(sources) == len(files)
    assert [s.article_id for s in sources] == sorted(re.fullmatch(r"\d{3,}_([0-9a-f]{16})\.txt", p.name).group(1) for p in files)
    assert len({s.article_id for s in sources}) == len(sources)
    assert sorted(Path(s.location).name for s in sources) == [p.name for p in files]


@pytest.mark.skipif(not (SHARED_SEEDS / "SHA256SUMS").is_file(), reason="../shared/seeds is only on developer machines")
def test_raw_articles_equal_the_seeds() -> None:
    assert _sums(SHARED_SEEDS / "SHA256SUMS").items() <= _sums(RAW / "SHA256SUMS").items()


@pytest.mark.parametrize("module", ["core.text", "core.anchor", "article.segment", "core.arrow"])
def test_docstring_examples(module: str) -> None:
    result = doctest.testmod(importlib.import_module(f"jsec_data.{module}"))
    assert result.attempted > 0 and result.failed == 0


def test_discovery_names_each_articles_annotation_and_metadata_file(tmp_path: Path) -> None:
    for folder in ("articles", "annotations", "metadata"):
        (tmp_path / folder).mkdir()
    for article_id in ("0000000000000001", "0000000000000002", "0000000000000003"):
        (tmp_path / "articles" / f"{article_id}.txt").write_text("عنوان\n", encoding="utf-8")
    (tmp_path / "annotations" / "0000000000000001.json").write_text("{}", encoding="utf-8")
    (tmp_path / "annotations" / "0000000000000001.yaml").write_text("{}", encoding="utf-8")  # .yaml wins, as data_file
    (tmp_path / "annotations" / "0000000000000002.yml").mkdir()  # a folder is not a file
    (tmp_path / "annotations" / "0000000000000002.json").write_text("{}", encoding="utf-8")
    (tmp_path / "metadata" / "0000000000000003.yml").write_text("{}", encoding="utf-8")
    (tmp_path / "metadata" / "0000000000000003.txt").write_text("{}", encoding="utf-8")  # not a data file
    sources, issues = discover_articles(tmp_path)
    assert issues == []
    found = {s.article_id: (s.annotation and Path(s.annotation).name, s.metadata and Path(s.metadata).name) for s in sources}
    assert found == {
        "0000000000000001": ("0000000000000001.yaml", None),
        "0000000000000002": ("0000000000000002.json", None),
        "0000000000000003": (None, "0000000000000003.yml"),
    }
    # The same choice as the per-file lookup.
    from jsec_data.raw.files import annotation_path, metadata_path

    for s in sources:
        assert (s.annotation and Path(s.annotation)) == annotation_path(tmp_path, s.article_id)
        assert (s.metadata and Path(s.metadata)) == metadata_path(tmp_path, s.article_id)


@pytest.mark.parametrize("name", ["a.yaml", "a.b.json", "x.", ".hidden", "noext", "a..yml", "0123456789abcdef.txt", "a.TXT", "..", "a.b."])
def test_file_names_split_as_pathlib_does(name: str) -> None:
    from jsec_data.raw.files import stem_and_suffix

    assert stem_and_suffix(name) == (Path(name).stem, Path(name).suffix)


@pytest.mark.parametrize("size", [0, 1, 4095, 1 << 16, (1 << 16) + 1, 300_000])
def test_read_raw_file_reads_a_file_whole(tmp_path: Path, size: int) -> None:
    from jsec_data.raw.files import read_raw_file

    data = bytes(range(256)) * (size // 256) + bytes(size % 256)
    path = tmp_path / "f.txt"
    path.write_bytes(data)
    assert read_raw_file(path, 10**6) == data
    assert read_raw_file(str(path), size) == data  # at the limit: read
    if size:
        assert read_raw_file(path, size - 1) == size  # over it: the size, unread


def test_read_raw_file_raises_oserror_for_a_folder_or_a_missing_file(tmp_path: Path) -> None:
    from jsec_data.raw.files import read_raw_file

    with pytest.raises(IsADirectoryError):
        read_raw_file(tmp_path, 10**6)
    with pytest.raises(FileNotFoundError):
        read_raw_file(tmp_path / "missing.txt", 10**6)


def test_read_raw_file_returns_the_bytes_untranslated(tmp_path: Path) -> None:
    from jsec_data.raw.files import read_raw_file

    data = b"\xef\xbb\xbfa\r\nb\rc\x1a\x00d\n"  # BOM, CRLF, CR, Ctrl-Z (text-mode EOF on Windows), NUL
    path = tmp_path / "f.txt"
    path.write_bytes(data)
    assert read_raw_file(path, 100) == data
