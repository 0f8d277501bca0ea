"""Readers: every format gives the same records; bad input is located and the rest is read; memory stays flat."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from jsec_data.ingest.readers import (
    MAX_FIELD_BYTES,
    SAUDINEWSNET,
    FieldMapping,
    IngestUsageError,
    ReadProblem,
    SourceRecord,
    canonical_sha256,
    iter_records,
    load_mapping,
)

from .conftest import EXCERPT, FORMATS, write_json_array, write_jsonl


def _split(items: list[SourceRecord | ReadProblem]) -> tuple[list[SourceRecord], list[ReadProblem]]:
    return [i for i in items if isinstance(i, SourceRecord)], [i for i in items if isinstance(i, ReadProblem)]


def _fields(record: SourceRecord) -> tuple[Any, ...]:
    return (record.record, record.text, record.url, record.title, record.outlet, record.byline, record.retrieved,
            record.published, record.source_record_sha256)


def _one_problem(path: Path, mapping: FieldMapping = SAUDINEWSNET) -> tuple[list[SourceRecord], ReadProblem]:
    good, bad = _split(list(iter_records(path, mapping)))
    assert len(bad) == 1, [b.issue.format() for b in bad]
    return good, bad[0]


def test_the_excerpt_reads_with_saudinewsnet_defaults(records: list[dict[str, Any]]) -> None:
    good, bad = _split(list(iter_records(EXCERPT)))
    assert len(good) + len(bad) == len(records) == 32
    assert [b.issue.code for b in bad] == ["ingest-bad-url"]  # the real record with bidi controls in its URL
    first = good[0]
    assert (first.outlet, first.retrieved, first.published) == ("aawsat", "2015-07-21 02:51:32", None)
    assert first.text == records[0]["content"] and first.byline == records[0]["author"]
    assert first.source_record_sha256 == canonical_sha256(records[0])
    assert first.line == 2 and first.record == 1  # the pretty-printed array: record 1 starts on line 2


@pytest.mark.parametrize(("label", "writer", "compress"), FORMATS)
def test_every_format_gives_the_same_records(tmp_path: Path, records: list[dict[str, Any]], label: str,
                                             writer: Any, compress: bool) -> None:
    expected = [_fields(r) for r in _split(list(iter_records(EXCERPT)))[0]]
    path = writer(records, tmp_path / "data.bin", compress=compress)  # the name says nothing: content decides
    good, bad = _split(list(iter_records(path)))
    assert [_fields(r) for r in good] == expected, label
    assert [b.issue.code for b in bad] == ["ingest-bad-url"]


def test_canonical_digest_is_the_spec() -> None:
    import hashlib

    record = {"title": "ت", "url": "http://x.y/1", "a": [1, None]}
    text = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert canonical_sha256(record) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_field_mapping_by_overrides_and_by_file(tmp_path: Path) -> None:
    records = [{"body": "نص", "link": "http://a.b/1", "headline": "عنوان", "paper": "x", "when": "2020-01-02"}]
    path = write_jsonl(records, tmp_path / "d.jsonl")
    mapping = load_mapping(["text=body", "url=link", "title=headline", "outlet=paper", "published=when",
                            "byline=", "retrieved="])
    (record,) = _split(list(iter_records(path, mapping)))[0]
    assert (record.text, record.url, record.title, record.outlet, record.published) == ("نص", "http://a.b/1", "عنوان",
                                                                                         "x", "2020-01-02")
    assert mapping.collection is None  # not SaudiNewsNet any more
    mapping_file = tmp_path / "map.yaml"
    mapping_file.write_text("text: body\nurl: link\ncollection: MyFeed\n", encoding="utf-8")
    from_file = load_mapping(mapping_file=mapping_file)
    assert (from_file.text, from_file.url, from_file.title, from_file.collection) == ("body", "link", "title", "MyFeed")
    json_file = tmp_path / "map.json"
    json_file.write_text('{"text": "body"}', encoding="utf-8")
    assert load_mapping(["url=link"], json_file).text == "body"
    assert load_mapping() is SAUDINEWSNET
    for bad in (["text"], ["colour=x"], ["text="]):
        with pytest.raises(IngestUsageError):
            load_mapping(bad)
    (tmp_path / "list.yaml").write_text("- a\n", encoding="utf-8")
    with pytest.raises(IngestUsageError):
        load_mapping(mapping_file=tmp_path / "list.yaml")


# ---------------------------------------------------------------------------- bad input


def test_not_a_supported_format(tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    path.write_text("<html>not data</html>", encoding="utf-8")
    good, problem = _one_problem(path)
    assert not good and problem.issue.code == "ingest-unknown-format" and problem.record is None
    path.write_bytes(gzip.compress(b"plain text, compressed"))
    assert _one_problem(path)[1].issue.code == "ingest-unknown-format"
    path.write_bytes(b"")
    assert _one_problem(path)[1].issue.code == "ingest-empty-file"
    assert _one_problem(tmp_path / "missing.json")[1].issue.code == "ingest-unreadable-file"


def test_truncated_gzip_keeps_the_records_before_the_cut(tmp_path: Path, records: list[dict[str, Any]]) -> None:
    whole = write_jsonl(records, tmp_path / "whole.jsonl.gz", compress=True).read_bytes()
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    items = list(iter_records(path))
    good = [i for i in items if isinstance(i, SourceRecord)]
    (problem,) = [i for i in items if isinstance(i, ReadProblem) and i.record is None]
    assert problem.issue.code == "ingest-truncated-gzip" and problem.issue.file == str(path)
    assert 0 < len(good) < len(records) - 1
    assert [r.record for r in good] == [n for n in range(1, len(good) + 2) if n != 3]  # record 3: its URL is refused
    assert [r.text for r in good] == [records[r.record - 1]["content"] for r in good]


def test_corrupt_gzip(tmp_path: Path, records: list[dict[str, Any]]) -> None:
    data = bytearray(write_json_array(records, tmp_path / "a.gz", compress=True).read_bytes())
    data[len(data) // 2: len(data) // 2 + 64] = bytes(64)
    path = tmp_path / "corrupt.gz"
    path.write_bytes(bytes(data))
    problems = [i for i in iter_records(path) if isinstance(i, ReadProblem) and i.record is None]
    assert problems and problems[-1].issue.code in ("ingest-bad-gzip", "ingest-invalid-json", "ingest-invalid-utf8")


def test_invalid_utf8_is_located_and_the_rest_is_read(tmp_path: Path) -> None:
    records = [{"content": f"نص {i}", "url": f"http://a.b/{i}"} for i in range(5)]
    data = json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")
    bad_at = data.index("نص 2".encode())
    broken = data[:bad_at] + b"\xff" + data[bad_at + 1:]  # the first byte of ن
    for path, compress in ((tmp_path / "a.json", False), (tmp_path / "a.json.gz", True)):
        path.write_bytes(gzip.compress(broken) if compress else broken)
        good, problem = _one_problem(path)
        assert problem.issue.code == "ingest-invalid-utf8" and problem.record == 3
        assert f"byte {bad_at:,}" in problem.issue.message and problem.issue.line is not None
        assert [r.url for r in good] == ["http://a.b/0", "http://a.b/1", "http://a.b/3", "http://a.b/4"]
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    cut = lines.index("نص 1".encode())
    path = tmp_path / "a.jsonl"
    path.write_bytes(lines[:cut] + b"\xc3(" + lines[cut + 2:])
    good, problem = _one_problem(path)
    assert (problem.issue.code, problem.issue.line, problem.record) == ("ingest-invalid-utf8", 2, 2)
    assert f"byte {cut:,}" in problem.issue.message and len(good) == 4


@pytest.mark.parametrize("writer", [write_json_array, write_jsonl])
def test_each_bad_record_is_located_and_the_rest_is_read(tmp_path: Path, writer: Any) -> None:
    ok = {"content": "نص", "url": "http://a.b/ok", "title": "t"}
    records: list[Any] = [
        ok,
        ["a", "list"],                                         # 2: not an object
        {"url": "http://a.b/2", "title": "no content"},         # 3: no text field
        {"content": ["a", "list"], "url": "http://a.b/3"},      # 4: wrong type
        {"content": "x" * (MAX_FIELD_BYTES + 1), "url": "u"},   # 5: field too large
        {"content": "نص", "url": "http://a.b/a b"},             # 6: space in the URL
        {"content": "نص", "url": "http://a.b/\u202ex"},         # 7: bidi control in the URL
        {"content": "نص", "url": "http://a.b/\x07"},            # 8: control character in the URL
        {"content": "نص", "url": "a.b/relative"},               # 9: not absolute
        {"content": "نص", "url": "http://a.b/ok2", "title": 5},  # 10: wrong type (title)
        {"content": "نص", "url": "  http://a.b/ok3  "},          # 11: fine (stripped)
    ]
    path = writer(records, tmp_path / "records.data")
    good, bad = _split(list(iter_records(path)))
    codes = {b.record: b.issue.code for b in bad}
    assert codes == {2: "ingest-not-an-object", 3: "ingest-missing-text", 4: "ingest-wrong-type",
                     5: "ingest-field-too-large", 6: "ingest-bad-url", 7: "ingest-bad-url", 8: "ingest-bad-url",
                     9: "ingest-bad-url", 10: "ingest-wrong-type"}
    assert [r.url for r in good] == ["http://a.b/ok", "http://a.b/ok3"]
    for problem in bad:
        assert problem.issue.file == str(path) and problem.issue.line is not None and problem.issue.hint
        assert f"record {problem.record}" in problem.issue.message
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in next(b.issue.message for b in bad if b.record == 7)
    assert f"{MAX_FIELD_BYTES:,}" in next(b.issue.message for b in bad if b.record == 5)


def test_a_50_mb_record_is_skipped_unread_and_the_rest_is_read(tmp_path: Path) -> None:
    huge = "ب" * 50_000_000
    head = json.dumps([{"content": "أول", "url": "http://a.b/1"}], ensure_ascii=False)[:-1]
    path = tmp_path / "huge.json"
    with path.open("w", encoding="utf-8") as out:
        out.write(head + ',\n{"url": "http://a.b/2", "content": "' + huge + '\\"\\\\"}' + ',\n{"content": "ثالث", "url": "http://a.b/3"}]')
    del huge
    tracemalloc.start()
    try:
        good, problem = _one_problem(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert problem.issue.code == "ingest-record-too-large" and problem.record == 2 and problem.issue.line == 2
    assert [r.url for r in good] == ["http://a.b/1", "http://a.b/3"] and good[1].record == 3 and good[1].line == 3
    assert peak < 60_000_000  # the 100 MB (UTF-8) record was never held whole
    lines = tmp_path / "huge.jsonl"
    with lines.open("w", encoding="utf-8") as out:
        out.write('{"content": "أول", "url": "http://a.b/1"}\n{"content": "' + "ب" * 9_000_000 + '"}\n{"content": "ثالث", "url": "http://a.b/3"}\n')
    good, problem = _one_problem(lines)
    assert (problem.issue.code, problem.record, problem.issue.line) == ("ingest-record-too-large", 2, 2)
    assert [r.url for r in good] == ["http://a.b/1", "http://a.b/3"]


def test_syntax_errors(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"content": "a", "url": "http://a.b/1"}\n{"content": "b",\n{"content": "c", "url": "http://a.b/3"}\n',
                    encoding="utf-8")
    good, problem = _one_problem(path)
    assert (problem.issue.code, problem.issue.line, problem.record) == ("ingest-invalid-json", 2, 2)
    assert [r.text for r in good] == ["a", "c"]
    path = tmp_path / "a.json"
    path.write_text('[\n{"content": "a", "url": "http://a.b/1"},\n{"content": "b" "url": 1}\n]', encoding="utf-8")
    good, problem = _one_problem(path)
    assert (problem.issue.code, problem.issue.line, problem.record) == ("ingest-invalid-json", 3, None)
    assert [r.text for r in good] == ["a"]
    path.write_text('[{"content": "a", "url": "http://a.b/1"}, {"content": "b", "ur', encoding="utf-8")
    good, problem = _one_problem(path)
    assert problem.issue.code == "ingest-invalid-json" and "truncated" in problem.issue.message and len(good) == 1
    path.write_text('[{"content": "a", "url": "http://a.b/1"}] [1]', encoding="utf-8")
    good, problem = _one_problem(path)
    assert problem.issue.code == "ingest-trailing-data" and len(good) == 1
    path.write_text('\ufeff \n[]', encoding="utf-8")  # a byte order mark, white space, an empty array
    assert list(iter_records(path)) == []


def test_reading_streams_memory_does_not_grow_with_the_input(tmp_path: Path, records: list[dict[str, Any]]) -> None:
    """Peak traced memory while reading 4 MB and 16 MB arrays (gzipped and not) stays about the same."""
    peaks = {}
    for copies in (8, 32):
        many = [dict(r, url=f"{r['url']}#{n}") for n in range(copies) for r in records]
        for compress in (False, True):
            path = write_json_array(many, tmp_path / f"{copies}.json", compress=compress)
            tracemalloc.start()
            try:
                count = sum(isinstance(item, SourceRecord) for item in iter_records(path))
                peaks[copies, compress] = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
            assert count == 31 * copies
    for compress in (False, True):
        assert peaks[32, compress] < 1.3 * peaks[8, compress] + 1_000_000, peaks
        assert peaks[32, compress] < 8_000_000, peaks
