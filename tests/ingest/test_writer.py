"""Writer: ids, file names, metadata YAML that reads back exactly, atomic writes, near-copies added to existing files."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from jsec_data.core.models import MetadataFile, NearCopy
from jsec_data.ingest.writer import (
    TEMP_SUFFIX,
    RawFolder,
    _with_near_copy,
    article_file_name,
    article_id_for,
    atomic_write,
    metadata_yaml,
)
from jsec_data.raw.yamlfiles import read_model_file


def _read(path: Path) -> MetadataFile:
    model, _, issues = read_model_file(path, MetadataFile, str(path))
    assert model is not None and not issues, [i.format() for i in issues]
    return model


def test_article_ids() -> None:
    url = "http://aawsat.com/home/article/1/عنوان"
    assert article_id_for(f"  {url}\n", "aawsat", "x") == hashlib.sha256(url.encode()).hexdigest()[:16]
    no_url = hashlib.sha256("no-url\naawsat\nنص\n".encode()).hexdigest()[:16]
    assert article_id_for(None, "aawsat", "نص\n") == article_id_for("  ", "aawsat", "نص\n") == no_url
    assert article_id_for(None, None, "نص\n") == hashlib.sha256("no-url\n\nنص\n".encode()).hexdigest()[:16]


def test_file_names_are_padded_to_three_digits_and_grow() -> None:
    assert article_file_name(0, "0123456789abcdef") == "000_0123456789abcdef.txt"
    assert article_file_name(999, "0123456789abcdef") == "999_0123456789abcdef.txt"
    assert article_file_name(1000, "0123456789abcdef") == "1000_0123456789abcdef.txt"


STRINGS = ["عادي", "2015", "yes", "null", "- a", "a: b", "#x", "'q'", '"dq"', "x\u202by\u202c", "a\u200bb", "  lead",
           "trail ", "{a}", "[b]", "ج: «د»", "*ref", "&anchor", "!tag", "%p", "@a", "`b`", "0x1F", "1e3", "~", "\\",
           "طوكيو - أ ف ب:", "line1 line2", "\t"]


@pytest.mark.parametrize("value", STRINGS)
def test_metadata_yaml_reads_back_to_the_same_values(tmp_path: Path, value: str) -> None:
    metadata = MetadataFile(
        article_id="0123456789abcdef", headline=value, source_url="http://a.b/" + value.strip(), outlet_id="aawsat",
        outlet_name="Asharq Al-Awsat", byline=value, published=dt.date(2015, 7, 31),
        retrieved=dt.datetime(2015, 7, 31, 18, 18, 44), collection="SaudiNewsNet", licence="CC-BY-NC-SA-4.0",
        attribution=value, source_record_sha256="ab" * 32,
        near_copies=[NearCopy(source_url=value, outlet_id="alyaum", retrieved=dt.datetime(2015, 8, 1, 7, 53, 59,
                                                                                           tzinfo=dt.timezone.utc),
                              similarity=0.506, source_record_sha256="cd" * 32)])
    path = tmp_path / "0123456789abcdef.yaml"
    path.write_text(metadata_yaml(metadata), encoding="utf-8")
    assert _read(path) == metadata


def test_metadata_yaml_is_plain_block_yaml() -> None:
    text = metadata_yaml(MetadataFile(article_id="0123456789abcdef", retrieved=dt.datetime(2015, 7, 31, 18, 18, 44)))
    assert text.startswith("article_id: 0123456789abcdef\nlanguage: ar\n")
    assert "retrieved: 2015-07-31 18:18:44\n" in text and "near_copies: []\n" in text and "{" not in text.replace("{}", "")


def test_atomic_write_leaves_the_old_file_or_the_new_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    atomic_write(path, b"old")

    def crash(self: Path, target: object) -> None:
        raise OSError("crash")

    monkeypatch.setattr(Path, "replace", crash)
    with pytest.raises(OSError):
        atomic_write(path, b"new")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["a.txt"]


ENTRY = NearCopy(source_url="http://x.y/1", outlet_id="okaz", retrieved=None, similarity=0.75, source_record_sha256="e" * 64)


@pytest.mark.parametrize("tail", [
    "near_copies: []\n",
    "",
    "near_copies:\n- source_url: http://x.y/0\n  similarity: 0.5\n  source_record_sha256: " + "f" * 64 + "\n",
    "near_copies:\n  - source_url: http://x.y/0\n    similarity: 0.5\n    source_record_sha256: " + "f" * 64 + "\n\n# end\n",
])
def test_a_near_copy_is_added_without_touching_the_rest(tmp_path: Path, tail: str) -> None:
    head = ("article_id: 0123456789abcdef\nevent_date: 2015-07-31  # a comment kept\nevent_date_precision: day\n"
            "notes: 'hand-written, with a quote'\n")
    path = tmp_path / "raw" / "metadata" / "0123456789abcdef.yaml"
    path.parent.mkdir(parents=True)
    (tmp_path / "raw" / "articles").mkdir()
    (tmp_path / "raw" / "articles" / "007_0123456789abcdef.txt").write_text("نص\n", encoding="utf-8")
    path.write_text(head + tail, encoding="utf-8")
    before = _read(path)
    folder = RawFolder(tmp_path / "raw")
    folder.open()
    assert folder.append_near_copy("0123456789abcdef", ENTRY) is None
    text = path.read_text(encoding="utf-8")
    assert text.startswith(head)
    assert _read(path) == before.model_copy(update={"near_copies": [*before.near_copies, ENTRY]})
    assert not [p for p in path.parent.iterdir() if p.name.endswith(TEMP_SUFFIX)]


def test_a_file_that_cannot_be_edited_safely_is_left_alone(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "articles").mkdir(parents=True)
    (raw / "metadata").mkdir()
    (raw / "articles" / "000_0123456789abcdef.txt").write_text("نص\n", encoding="utf-8")
    path = raw / "metadata" / "0123456789abcdef.yaml"
    path.write_text("article_id: 0123456789abcdef\nnear_copies: [] # flow style with a comment\n", encoding="utf-8")
    folder = RawFolder(raw)
    folder.open()
    problem = folder.append_near_copy("0123456789abcdef", ENTRY)
    assert problem is not None and problem.code == "ingest-near-copy-not-recorded" and "source_url" in (problem.hint or "")
    assert path.read_text(encoding="utf-8").endswith("# flow style with a comment\n")


def test_with_near_copy_text_edits() -> None:
    item = "- source_url: u\n"
    assert _with_near_copy("a: 1\n", item) == "a: 1\nnear_copies:\n- source_url: u\n"
    assert _with_near_copy("a: 1", item) == "a: 1\nnear_copies:\n- source_url: u\n"
    assert _with_near_copy("near_copies: []\nb: 2\n", item) == "near_copies:\n- source_url: u\nb: 2\n"
    assert _with_near_copy("near_copies:\n- x: 1\nb: 2\n", item) == "near_copies:\n- x: 1\n- source_url: u\nb: 2\n"
    assert _with_near_copy("near_copies: [{x: 1}]\n", item) is None


def test_leftovers_of_an_interrupted_run_are_removed_and_nothing_else(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    for folder in ("articles", "metadata", "annotations"):
        (raw / folder).mkdir(parents=True)
    (raw / "articles" / f".001_aaaaaaaaaaaaaaaa.txt.77{TEMP_SUFFIX}").write_bytes(b"x")
    (raw / "metadata" / f".aaaaaaaaaaaaaaaa.yaml.77{TEMP_SUFFIX}").write_bytes(b"x")
    ingested = "article_id: {}\nsource_record_sha256: " + "a" * 64 + "\n"
    (raw / "metadata" / "aaaaaaaaaaaaaaaa.yaml").write_text(ingested.format("aaaaaaaaaaaaaaaa"), encoding="utf-8")
    (raw / "metadata" / "bbbbbbbbbbbbbbbb.yaml").write_text("article_id: bbbbbbbbbbbbbbbb\n", encoding="utf-8")  # by hand
    (raw / "metadata" / "cccccccccccccccc.yaml").write_text(ingested.format("cccccccccccccccc"), encoding="utf-8")
    (raw / "annotations" / "cccccccccccccccc.yaml").write_text("article_id: cccccccccccccccc\n", encoding="utf-8")
    dry = RawFolder(raw, dry_run=True)
    dry.open()
    assert not dry.issues and len(list((raw / "metadata").iterdir())) == 4
    folder = RawFolder(raw)
    folder.open()
    assert sorted(p.name for p in (raw / "metadata").iterdir()) == ["bbbbbbbbbbbbbbbb.yaml", "cccccccccccccccc.yaml"]
    assert not list((raw / "articles").iterdir())
    assert [i.code for i in folder.issues] == ["ingest-removed-leftover"] * 3
