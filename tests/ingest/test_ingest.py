"""ingest(): the SaudiNewsNet excerpt into a copy of raw/ -- what is kept, skipped and written, and how raw/ stays valid."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from jsec_data.core.models import MetadataFile
from jsec_data.ingest import IngestReport, IngestUsageError, ingest, load_mapping
from jsec_data.ingest.normalise import stored_article
from jsec_data.ingest.readers import canonical_sha256
from jsec_data.ingest.writer import TEMP_SUFFIX, article_id_for
from jsec_data.raw.yamlfiles import read_model_file
from jsec_data.validate import validate_paths

from .conftest import (
    EXCERPT,
    FORMATS,
    LICENCE,
    WIKILEAKS_URLS,
    copy_hand_made_raw,
    hand_made_articles,
    tree,
    write_json_array,
    write_jsonl,
)

_ORIGINAL = hand_made_articles()  # what raw_copy holds before a test ingests into it


def _run(raw: Path, *paths: Path, **options: Any) -> IngestReport:
    options.setdefault("licence", LICENCE)
    return ingest(list(paths) or [EXCERPT], raw, **options)


def _new_articles(raw: Path) -> list[str]:
    return sorted(p.name for p in (raw / "articles").iterdir() if p.name not in _ORIGINAL)


def test_the_excerpt_keeps_the_on_topic_articles_and_groups_near_copies(raw_copy: Path) -> None:
    report = _run(raw_copy)
    assert (report.read, report.kept, report.near_copies, report.duplicates, report.off_topic, report.rejected) == (
        32, 10, 4, 0, 15, 3)
    assert report.exit_code == 1  # three records rejected: a URL with bidi controls, two without text
    assert sorted(i.code for i in report.issues if i.severity == "error") == [
        "ingest-bad-url", "ingest-empty-text", "ingest-empty-text"]
    files = _new_articles(raw_copy)
    assert files == [f"{n:03d}_{a.article_id}.txt" for n, a in enumerate(report.kept_articles, start=5)]
    assert [a.file for a in report.kept_articles] == files
    assert all(a.score is not None and a.score >= 2.0 and a.reasons for a in report.kept_articles)
    # Wikileaks: one article (the first printing, in input order), three near-copies recorded against it.
    wikileaks = [s for s in report.skipped if s.url in WIKILEAKS_URLS]
    kept_id = article_id_for(WIKILEAKS_URLS[0], None, "")
    assert [(s.url, s.reason, s.of) for s in wikileaks] == [(u, "near-copy", kept_id) for u in WIKILEAKS_URLS[1:]]
    metadata = _metadata(raw_copy, kept_id)
    assert [c.source_url for c in metadata.near_copies] == list(WIKILEAKS_URLS[1:])
    assert [c.outlet_id for c in metadata.near_copies] == ["alyaum", "aljazirah", "alriyadh"]
    assert all(0.5 <= c.similarity <= 1 for c in metadata.near_copies)
    # Two Hiroshima-at-70 reports (distinct stories on one topic) are both kept.
    assert sum("هيروشيما" in (raw_copy / "articles" / f).read_text(encoding="utf-8").split("\n")[0] for f in files) == 2
    off_topic_records = {s.record for s in report.skipped if s.reason == "off-topic"}
    off_topic_records |= {n for run in report.off_topic_runs for n in range(run.first, run.last + 1)}
    assert len(off_topic_records) == report.off_topic == 15
    assert {5, 9} <= off_topic_records  # the two اليابسة (dry land) records


def _metadata(raw: Path, article_id: str) -> MetadataFile:
    path = raw / "metadata" / f"{article_id}.yaml"
    model, _, issues = read_model_file(path, MetadataFile, str(path))
    assert model is not None and not issues, [i.format() for i in issues]
    return model


def test_every_file_written_reads_back_through_the_project_reader(raw_copy: Path, records: list[dict[str, Any]]) -> None:
    report = _run(raw_copy)
    by_url = {r["url"]: r for r in records}
    for kept in report.kept_articles:
        record = by_url[kept.url]
        metadata = _metadata(raw_copy, kept.article_id)
        text = (raw_copy / "articles" / kept.file).read_bytes().decode("utf-8")
        assert text == stored_article(record["title"], record["content"])
        assert kept.article_id == article_id_for(record["url"], record["source"], text)
        expected = MetadataFile(
            article_id=kept.article_id, headline=stored_article(record["title"], "").strip() or None,
            source_url=record["url"], outlet_id=record["source"], outlet_name=metadata.outlet_name,
            byline=" ".join(record["author"].split()) or None, published=None,
            retrieved=dt.datetime.fromisoformat(record["date_extracted"]), collection="SaudiNewsNet", licence=LICENCE,
            attribution=metadata.attribution, source_record_sha256=canonical_sha256(record),
            near_copies=metadata.near_copies)
        assert metadata == expected
        assert metadata.outlet_name and metadata.outlet is None and metadata.published is None
        assert metadata.attribution and "SaudiNewsNet" in metadata.attribution and metadata.outlet_name in metadata.attribution
    assert _metadata(raw_copy, "1e0cd23aaef11339").source_url is None  # hand-made metadata untouched


def test_validate_reports_no_error_after_the_ingest(raw_copy: Path) -> None:
    _run(raw_copy)
    result = validate_paths([raw_copy], raw_copy)
    assert not result.errors, [i.format() for i in result.errors]


def test_a_second_run_adds_nothing(raw_copy: Path) -> None:
    _run(raw_copy)
    before = tree(raw_copy)
    again = _run(raw_copy)
    assert tree(raw_copy) == before  # byte for byte
    assert (again.kept, again.near_copies, again.duplicates, again.changed_upstream) == (0, 0, 0, 0)
    assert again.already_present == 14 and {s.reason for s in again.skipped} >= {"already-present"}


@pytest.mark.parametrize(("label", "writer", "compress"), FORMATS)
def test_every_format_gives_the_same_raw_folder(tmp_path: Path, records: list[dict[str, Any]], label: str,
                                                writer: Any, compress: bool) -> None:
    reference = copy_hand_made_raw(tmp_path / "reference")
    _run(reference)
    raw = copy_hand_made_raw(tmp_path / "raw")
    report = _run(raw, writer(records, tmp_path / f"input.{label}", compress=compress))
    assert report.kept == 10
    assert tree(raw) == tree(reference), label


def test_dry_run_writes_nothing(tmp_path: Path, raw_copy: Path) -> None:
    before = tree(raw_copy)
    report = _run(raw_copy, dry_run=True)
    assert tree(raw_copy) == before
    assert report.dry_run and report.kept == 10 and report.near_copies == 4
    fresh = tmp_path / "new-raw"
    _run(fresh, dry_run=True, keep_all=True)
    assert not fresh.exists()


def test_a_missing_raw_folder_is_created(tmp_path: Path) -> None:
    raw = tmp_path / "deep" / "raw"
    report = _run(raw)
    assert (raw / "articles").is_dir() and (raw / "metadata").is_dir()
    assert sorted(p.name for p in (raw / "articles").iterdir())[0].startswith("000_") and report.kept == 10


def test_an_existing_article_is_never_overwritten(raw_copy: Path, tmp_path: Path, records: list[dict[str, Any]]) -> None:
    # An article already in raw/ under the id of an on-topic record's URL, annotated by hand.
    record = records[7]
    article_id = article_id_for(record["url"], None, "")
    (raw_copy / "articles" / f"099_{article_id}.txt").write_text("نص كتبه شخص\n", encoding="utf-8")
    (raw_copy / "annotations" / f"{article_id}.yaml").write_text(f"article_id: {article_id}\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (raw_copy / "articles" / f"099_{article_id}.txt",
                                          raw_copy / "annotations" / f"{article_id}.yaml")}
    report = _run(raw_copy)
    assert all(p.read_bytes() == data for p, data in before.items())
    assert not (raw_copy / "metadata" / f"{article_id}.yaml").exists()
    assert [s.of for s in report.skipped if s.reason == "already-present"] == [article_id]
    new = [name for name in _new_articles(raw_copy) if not name.startswith("099_")]
    assert [name[:4] for name in new] == [f"{n}_" for n in range(100, 109)]  # numbering goes on after the highest


def test_a_record_changed_upstream_is_reported_not_replaced(raw_copy: Path, tmp_path: Path,
                                                            records: list[dict[str, Any]]) -> None:
    _run(raw_copy)
    before = tree(raw_copy)
    changed = [dict(r) for r in records]
    changed[7]["content"] += "\nفقرة أضيفت لاحقا."  # on-topic, kept in the first run
    changed[16]["title"] = "عنوان آخر"  # a Wikileaks near-copy, recorded in the first run
    report = _run(raw_copy, write_jsonl(changed, tmp_path / "changed.jsonl"))
    assert tree(raw_copy) == before
    assert report.changed_upstream == 2 and report.kept == 0
    assert sorted(i.code for i in report.issues if i.code == "ingest-changed-upstream") == ["ingest-changed-upstream"] * 2
    assert {s.url for s in report.skipped if s.reason == "changed-upstream"} == {records[7]["url"], records[16]["url"]}


def test_near_copies_of_an_article_of_an_earlier_run_are_recorded_against_it(raw_copy: Path, tmp_path: Path,
                                                                             records: list[dict[str, Any]]) -> None:
    first = [r for r in records if r["url"] == WIKILEAKS_URLS[0]]
    later = [r for r in records if r["url"] in WIKILEAKS_URLS[1:]]
    _run(raw_copy, write_json_array(first, tmp_path / "first.json"))
    kept_id = article_id_for(WIKILEAKS_URLS[0], None, "")
    (text_file,) = (raw_copy / "articles").glob(f"*_{kept_id}.txt")
    text = text_file.read_bytes()
    metadata_before = _metadata(raw_copy, kept_id)
    report = _run(raw_copy, write_json_array(later, tmp_path / "later.json"))
    assert report.near_copies == 3 and report.kept == 0
    assert text_file.read_bytes() == text
    after = _metadata(raw_copy, kept_id)
    assert after.model_copy(update={"near_copies": []}) == metadata_before
    assert [c.source_url for c in after.near_copies] == list(WIKILEAKS_URLS[1:])
    assert [c.source_record_sha256 for c in after.near_copies] == [canonical_sha256(r) for r in later]
    # The same result as one run over all four.
    one_run = copy_hand_made_raw(tmp_path / "one-run")
    _run(one_run, write_json_array(first + later, tmp_path / "all.json"))
    assert (one_run / "metadata" / f"{kept_id}.yaml").read_bytes() == (raw_copy / "metadata" / f"{kept_id}.yaml").read_bytes()


def test_exact_duplicates_are_dropped_with_a_note(raw_copy: Path) -> None:
    report = _run(raw_copy, keep_all=True)
    (duplicate,) = [s for s in report.skipped if s.reason == "duplicate"]
    assert duplicate.record == 32 and duplicate.similarity == 1.0
    kept = next(a for a in report.kept_articles if a.source.endswith("record 31"))
    assert duplicate.of == kept.article_id
    assert [c.similarity for c in _metadata(raw_copy, kept.article_id).near_copies] == [1.0]


def test_keep_all_and_min_score(raw_copy: Path, tmp_path: Path) -> None:
    everything = _run(raw_copy, dry_run=True, keep_all=True)
    assert everything.off_topic == 0 and everything.kept + everything.near_copies + everything.duplicates == 29
    strict = _run(raw_copy, dry_run=True, min_score=10.0)
    assert 0 < strict.kept < 10 and all(a.score is not None and a.score >= 10 for a in strict.kept_articles)


def test_a_killed_write_leaves_raw_consistent_and_the_next_run_completes_it(
        raw_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reference = copy_hand_made_raw(tmp_path / "reference")
    _run(reference)
    real_replace = Path.replace
    calls = {"count": 0}

    def failing_replace(self: Path, target: Any) -> Any:
        calls["count"] += 1
        if calls["count"] == 6:  # the third article's text (metadata, text, metadata, text, metadata, TEXT)
            raise OSError("simulated crash")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", failing_replace)
    with pytest.raises(OSError, match="simulated crash"):
        _run(raw_copy)
    monkeypatch.setattr(Path, "replace", real_replace)
    assert not [p for p in raw_copy.rglob("*") if p.name.endswith(TEMP_SUFFIX)]
    article_ids = {p.stem[-16:] for p in (raw_copy / "articles").iterdir()}
    assert len(_new_articles(raw_copy)) == 2  # the third article does not exist: it has no text file
    assert all((raw_copy / "metadata" / f"{i}.yaml").exists() for i in article_ids)  # each article is complete
    (_orphan,) = [p for p in (raw_copy / "metadata").iterdir() if p.stem not in article_ids]  # the third's metadata
    assert not validate_paths([raw_copy / "articles"], raw_copy).errors
    # A hard kill would also leave a temporary file behind.
    (raw_copy / "articles" / f".999_0000000000000000.txt.12345{TEMP_SUFFIX}").write_bytes(b"half")
    report = _run(raw_copy)
    assert {i.code for i in report.issues} >= {"ingest-removed-leftover"}
    assert tree(raw_copy) == tree(reference)


def test_licence_is_required_and_checked(raw_copy: Path) -> None:
    for bad in (None, "", "  ", "not a licence!", "CC-BY-4.0"):  # CC-BY-4.0: SaudiNewsNet is CC BY-NC-SA
        with pytest.raises(IngestUsageError):
            _run(raw_copy, licence=bad)
    mapping = load_mapping(["collection=MyFeed"])
    assert _run(raw_copy, licence="LicenseRef-MyFeed-Terms", mapping=mapping, dry_run=True).kept == 10
    with pytest.raises(IngestUsageError):
        _run(raw_copy, raw_copy / "no-such-file.json")


def test_a_file_that_cannot_be_read_changes_nothing(raw_copy: Path, tmp_path: Path, records: list[dict[str, Any]]) -> None:
    before = tree(raw_copy)
    page = tmp_path / "page.json.gz"
    page.write_bytes(gzip.compress(b"<html>a web page</html>"))
    parquet = tmp_path / "broken.parquet"
    parquet.write_bytes(b"PAR1" + b"\0" * 100)
    report = _run(raw_copy, page, parquet)
    assert tree(raw_copy) == before and report.read == 0 and report.exit_code == 1
    assert [i.code for i in report.issues] == ["ingest-unknown-format", "ingest-bad-parquet"]


def test_bad_records_are_rejected_and_the_rest_ingested(raw_copy: Path, tmp_path: Path, records: list[dict[str, Any]]) -> None:
    mixed: list[Any] = [records[7], "text", {"content": ["a"], "url": "http://a.b/1"}, records[10],
                        {"content": "&nbsp; \n", "url": "http://a.b/2"}, records[12]]
    report = _run(raw_copy, write_jsonl(mixed, tmp_path / "mixed.jsonl"))
    assert (report.read, report.kept, report.rejected, report.exit_code) == (6, 3, 3, 1)
    assert sorted((i.line, i.code) for i in report.issues) == [
        (2, "ingest-not-an-object"), (3, "ingest-wrong-type"), (5, "ingest-empty-text")]
    assert not validate_paths([raw_copy], raw_copy).errors


def test_records_without_url_get_an_id_from_outlet_and_text(raw_copy: Path, tmp_path: Path,
                                                           records: list[dict[str, Any]]) -> None:
    record = dict(records[7], url="")
    report = _run(raw_copy, write_jsonl([record], tmp_path / "a.jsonl"))
    (kept,) = report.kept_articles
    text = stored_article(record["title"], record["content"])
    assert kept.article_id == article_id_for(None, record["source"], text) and kept.url is None
    again = _run(raw_copy, write_jsonl([record], tmp_path / "a.jsonl"))
    assert again.already_present == 1 and again.kept == 0


def test_progress_is_reported(raw_copy: Path) -> None:
    seen: list[Any] = []
    _run(raw_copy, progress=seen.append, dry_run=True)
    assert seen and seen[-1].files_done == seen[-1].files_total == 1 and seen[-1].records_read == 32


def test_the_report_is_json(raw_copy: Path) -> None:
    report = _run(raw_copy, dry_run=True)
    data = json.loads(report.model_dump_json())
    assert data["kept"] == 10 and data["issues"][0]["code"] and "exit_code" not in data
    assert IngestReport.model_validate(data) == report


def test_urls_that_are_not_nfc_read_back_and_are_recognised_again(raw_copy: Path, tmp_path: Path,
                                                                  records: list[dict[str, Any]]) -> None:
    # As 50 of SaudiNewsNet's URLs: Arabic marks in an order NFC changes (shadda after fathatan).
    odd = "http://www.alyaum.com/article/رسمي\u064b\u0651ا"
    changed = [dict(records[7], url=odd), dict(records[16], url=odd + "/2")]  # an article, and a Wikileaks near-copy
    first = [r for r in records if r["url"] == WIKILEAKS_URLS[0]]
    path = write_jsonl(first + changed, tmp_path / "odd.jsonl")
    report = _run(raw_copy, path)
    assert report.kept == 2 and report.near_copies == 1
    kept = next(a for a in report.kept_articles if a.url == odd)
    assert kept.article_id == article_id_for(odd, None, "")  # the id: the URL as the record gives it
    assert _metadata(raw_copy, kept.article_id).source_url == unicodedata.normalize("NFC", odd)
    before = tree(raw_copy)
    again = _run(raw_copy, path)
    assert (again.already_present, again.kept, again.near_copies) == (3, 0, 0) and tree(raw_copy) == before


def test_hidden_characters_are_kept_and_reported(raw_copy: Path, tmp_path: Path, records: list[dict[str, Any]]) -> None:
    record = dict(records[7], content=records[7]["content"] + "\nفقرة \u202bمخفية\u202c هنا")
    report = _run(raw_copy, write_jsonl([record], tmp_path / "a.jsonl"))
    (kept,) = report.kept_articles
    text = (raw_copy / "articles" / kept.file).read_text(encoding="utf-8")
    assert "\u202bمخفية\u202c" in text  # not stripped silently
    (warning,) = [i for i in report.issues if i.code == "ingest-hidden-characters"]
    assert warning.severity == "warning" and "RIGHT-TO-LEFT EMBEDDING" in warning.message
    assert warning.file.endswith(kept.file) and warning.line == text.count("\n")  # the last line
    assert report.exit_code == 0


def test_another_corpus_with_its_own_fields(raw_copy: Path, tmp_path: Path, records: list[dict[str, Any]]) -> None:
    feed = [{"body": r["content"], "headline": r["title"], "link": r["url"], "paper": "agency-x",
             "published_at": "2015-07-24T08:00:00Z", "crawled": "yesterday"} for r in (records[7], records[10])]
    mapping_file = tmp_path / "mapping.json"
    mapping_file.write_text(json.dumps({"text": "body", "title": "headline", "url": "link", "outlet": "paper",
                                        "published": "published_at", "retrieved": "crawled", "byline": None,
                                        "collection": "Agency X feed"}), encoding="utf-8")
    report = _run(raw_copy, write_jsonl(feed, tmp_path / "feed.jsonl"), mapping=load_mapping(mapping_file=mapping_file),
                  licence="LicenseRef-Agency-X", attribution="© Agency X, used by permission")
    assert report.kept == 2
    metadata = _metadata(raw_copy, report.kept_articles[0].article_id)
    assert (metadata.published, metadata.retrieved, metadata.collection, metadata.licence, metadata.attribution) == (
        dt.date(2015, 7, 24), None, "Agency X feed", "LicenseRef-Agency-X", "© Agency X, used by permission")
    assert (metadata.outlet_id, metadata.outlet_name, metadata.byline) == ("agency-x", None, None)
    assert [i.code for i in report.issues] == ["ingest-bad-date", "ingest-bad-date"]  # "yesterday", twice
    unknown = _run(raw_copy, write_jsonl([dict(records[12], source="new-paper")], tmp_path / "u.jsonl"))
    assert [i.code for i in unknown.issues] == ["ingest-unknown-outlet"] and unknown.kept == 1
