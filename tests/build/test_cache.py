"""The incremental build cache: a rebuild after an edit re-processes only what changed, and writes
the bytes of a clean build; damaged or foreign cache files are noticed and never trusted."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from jsec_data.build.cache import ARTICLE_TABLES, CACHE_DIRNAME, BatchResult, BuildCache, DamagedPack, default_cache_dir
from jsec_data.build.dataset import BuildResult, build_dataset
from jsec_data.build.pack import DeferredBatch, decode_pack, encode_pack
from jsec_data.cli import app

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"
BATCH = 4  # small batches: the 30 articles make 8 packs


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("jsec_bench_generate", GENERATOR)
    assert spec and spec.loader
    generate = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generate
    spec.loader.exec_module(generate)
    raw = tmp_path_factory.mktemp("cache") / "raw"
    generate.generate(raw, 30, seed=3)
    return raw


@pytest.fixture
def raw(generated: Path, tmp_path: Path) -> Path:
    target = tmp_path / "raw"
    shutil.copytree(generated, target)
    return target


def _build(raw: Path, out: Path, cache: bool | Path = True, jobs: int = 1) -> BuildResult:
    result = build_dataset(raw, out, cache=cache, batch_size=BATCH, jobs=jobs)
    assert result.ok, [issue.format() for issue in result.report]
    return result


def _clean(raw: Path, out: Path) -> dict[str, str]:
    _build(raw, out, cache=False)
    return _tree(out)


def _edit_one_annotation(raw: Path, number: int = 7) -> Path:
    annotation = sorted((raw / "annotations").glob("*.yaml"))[number]
    text = annotation.read_text(encoding="utf-8")
    assert "\nnotes:" in text or "speaker_ids:" in text
    annotation.write_text(text + "notes: edited by a reviewer\n" if "\nnotes:" not in text
                          else text.replace("\nnotes:", "\nnotes: edited,", 1), encoding="utf-8")
    return annotation


def test_a_cached_build_writes_the_bytes_of_a_clean_build(raw: Path, tmp_path: Path) -> None:
    first = _build(raw, tmp_path / "cached")
    assert first.cache is not None and (first.cache.reused, first.cache.processed) == (0, 30)
    again = _build(raw, tmp_path / "cached")
    assert again.cache is not None and (again.cache.reused, again.cache.processed) == (30, 0)
    assert _tree(tmp_path / "cached") == _clean(raw, tmp_path / "clean")
    assert (tmp_path / CACHE_DIRNAME).is_dir() and not (tmp_path / "clean" / CACHE_DIRNAME).exists()


def test_after_one_edit_only_that_article_is_processed_and_the_output_is_a_clean_builds(raw: Path, tmp_path: Path) -> None:
    _build(raw, tmp_path / "out")
    _edit_one_annotation(raw)
    result = _build(raw, tmp_path / "out")
    assert result.cache is not None and (result.cache.reused, result.cache.processed) == (29, 1)
    assert _tree(tmp_path / "out") == _clean(raw, tmp_path / "clean")


def test_an_article_added_in_the_middle_reuses_the_others(raw: Path, tmp_path: Path, generated: Path) -> None:
    _build(raw, tmp_path / "out")
    # Renumber nothing: a new article file sorts among the others and shifts every later batch.
    source = sorted((raw / "articles").glob("*.txt"))[3]
    copy_id = "00000000000000aa"
    shutil.copy(source, raw / "articles" / f"{source.name.split('_')[0]}a_{copy_id}.txt")
    result = build_dataset(raw, tmp_path / "out", cache=True, batch_size=BATCH)
    assert result.cache is not None and result.cache.processed == 1 and result.cache.reused == 30
    clean = build_dataset(raw, tmp_path / "clean", cache=False, batch_size=BATCH)
    assert [i.format() for i in result.report] == [i.format() for i in clean.report]
    if clean.ok:
        assert _tree(tmp_path / "out") == _tree(tmp_path / "clean")


def test_a_registry_change_reprocesses_every_article(raw: Path, tmp_path: Path) -> None:
    _build(raw, tmp_path / "out")
    entities = raw / "entities.yaml"
    entities.write_text(entities.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    result = _build(raw, tmp_path / "out")
    assert result.cache is not None and (result.cache.reused, result.cache.processed) == (0, 30)
    assert _tree(tmp_path / "out") == _clean(raw, tmp_path / "clean")


def test_issues_come_back_from_the_cache_as_they_were_reported(raw: Path, tmp_path: Path) -> None:
    target = sorted((raw / "annotations").glob("*.yaml"))[2]
    target.write_text(target.read_text(encoding="utf-8").replace("speaker_ids: [", "speaker_ids: [nobody, ", 1),
                      encoding="utf-8")
    fresh = build_dataset(raw, tmp_path / "out", cache=True, batch_size=BATCH)
    cached = build_dataset(raw, tmp_path / "out", cache=True, batch_size=BATCH)
    assert not fresh.ok and not cached.ok
    assert cached.cache is not None and cached.cache.reused == 30
    assert [i.format() for i in fresh.report] == [i.format() for i in cached.report]


def test_a_damaged_pack_is_ignored_and_its_articles_processed_again(raw: Path, tmp_path: Path) -> None:
    _build(raw, tmp_path / "out")
    packs = sorted(p for p in (tmp_path / CACHE_DIRNAME / "packs").iterdir() if not p.name.endswith(".keys"))
    assert len(packs) == 8
    data = bytearray(packs[0].read_bytes())
    data[len(data) // 2] ^= 0x40  # one flipped bit
    packs[0].write_bytes(bytes(data))
    packs[1].write_bytes(packs[1].read_bytes()[:100])  # a torn write
    damaged = sum(len(Path(f"{pack}.keys").read_text().split()) for pack in packs[:2])
    result = _build(raw, tmp_path / "out")
    assert result.cache is not None and result.cache.ignored == 2
    assert result.cache.processed == damaged and result.cache.reused == 30 - damaged
    assert _tree(tmp_path / "out") == _clean(raw, tmp_path / "clean")
    assert _build(raw, tmp_path / "out").cache.reused == 30  # type: ignore[union-attr]  (written again, sound)


def _with_bad_utf8_in_its_articles(pack_file: Path) -> None:
    """Rewrite a pack as another tool might: checksum, id, digests and schemas sound, one title's
    bytes not UTF-8 (found only when the rows are read)."""
    pack = decode_pack(pack_file.read_bytes(), pack_file.name)
    assert pack is not None
    tables: dict[str, pa.RecordBatch | DeferredBatch] = {name: pack.table(name) for name in ARTICLE_TABLES}
    articles = tables["articles"]
    assert isinstance(articles, pa.RecordBatch)
    titles = articles.column("title").to_pylist()
    titles[0] = b"\xff" + titles[0].encode()
    bad = pa.array([t if isinstance(t, bytes) else t.encode() for t in titles], pa.binary()).view(pa.string())
    tables["articles"] = pa.RecordBatch.from_arrays(
        [bad if name == "title" else articles.column(name) for name in articles.schema.names], schema=articles.schema)
    data, _ = encode_pack(pack.pack_id, BatchResult(tables, [], 0, {}, [], []), pack.articles)
    pack_file.write_bytes(data)
    reread = decode_pack(data, pack_file.name)
    assert reread is not None  # passes every check made on loading ...
    with pytest.raises(DamagedPack):
        reread.table("articles")  # ... and fails when its rows are read


def test_a_pack_whose_rows_do_not_read_back_is_dropped_and_the_build_starts_again(raw: Path, tmp_path: Path) -> None:
    _build(raw, tmp_path / "out")
    packs = sorted(p for p in (tmp_path / CACHE_DIRNAME / "packs").iterdir() if not p.name.endswith(".keys"))
    _with_bad_utf8_in_its_articles(packs[0])
    # Into a new folder: nothing to copy, every table written, so the pack's rows are read in this process.
    result = _build(raw, tmp_path / "other")
    assert result.cache is not None and result.cache.ignored == 1
    assert result.cache.processed == len(Path(f"{packs[0]}.keys").read_text().split())
    assert _tree(tmp_path / "other") == _clean(raw, tmp_path / "clean")
    assert _build(raw, tmp_path / "other").cache.reused == 30  # type: ignore[union-attr]  (written again, sound)


def test_a_pack_whose_rows_do_not_read_back_in_a_worker_is_dropped_too(raw: Path, tmp_path: Path) -> None:
    _build(raw, tmp_path / "out")
    packs = sorted(p for p in (tmp_path / CACHE_DIRNAME / "packs").iterdir() if not p.name.endswith(".keys"))
    _with_bad_utf8_in_its_articles(packs[0])
    for number in range(7, 7 + BATCH + 1):  # more than a batch: the workers start
        _edit_one_annotation(raw, number)
    result = _build(raw, tmp_path / "out", jobs=2)
    assert result.cache is not None and result.cache.ignored == 1
    assert _tree(tmp_path / "out") == _clean(raw, tmp_path / "clean")


def test_a_foreign_pack_under_another_name_is_not_trusted(raw: Path, tmp_path: Path) -> None:
    _build(raw, tmp_path / "out")
    folder = tmp_path / CACHE_DIRNAME / "packs"
    packs = sorted(p for p in folder.iterdir() if not p.name.endswith(".keys"))
    # Another pack's (sound) bytes under this pack's name: its checksum holds, its id does not.
    packs[0].write_bytes(packs[1].read_bytes())
    result = _build(raw, tmp_path / "out")
    assert result.cache is not None and result.cache.ignored >= 1
    assert result.cache.processed == len(Path(f"{packs[0]}.keys").read_text().split())
    assert _tree(tmp_path / "out") == _clean(raw, tmp_path / "clean")


def test_a_file_rewritten_with_its_old_size_and_time_is_hashed_again(raw: Path, tmp_path: Path) -> None:
    _build(raw, tmp_path / "out")
    article = sorted((raw / "articles").glob("*.txt"))[5]
    status = article.stat()
    data = article.read_bytes()
    changed = data.replace("ال".encode(), "لا".encode(), 1)
    assert changed != data and len(changed) == len(data)
    article.write_bytes(changed)
    os.utime(article, ns=(status.st_atime_ns, status.st_mtime_ns))  # size and mtime as before; ctime moved
    result = _build(raw, tmp_path / "out")
    assert result.cache is not None and result.cache.processed == 1
    assert _tree(tmp_path / "out") == _clean(raw, tmp_path / "clean")


def _age(raw: Path, seconds: int = 60) -> None:
    """Every raw file modified ``seconds`` ago: old enough for its digest to be recorded (not racy)."""
    for path in raw.rglob("*"):
        if path.is_file():
            status = path.stat()
            os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns - seconds * 10**9))


def _counting_keys(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The article ids whose key the build computes (in this process)."""
    computed: list[str] = []
    original = BuildCache.key

    def key(self: BuildCache, source: Any, *args: Any, **kwargs: Any) -> Any:
        computed.append(source.article_id)
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(BuildCache, "key", key)
    return computed


def test_unchanged_batches_are_found_by_their_stamp_without_computing_keys(
        raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _age(raw)
    _build(raw, tmp_path / "out")
    computed = _counting_keys(monkeypatch)
    again = _build(raw, tmp_path / "out")
    assert again.cache is not None and (again.cache.reused, again.cache.processed) == (30, 0)
    assert computed == []
    edited = _edit_one_annotation(raw)  # its batch's stamp no longer holds: that batch's keys are computed
    result = _build(raw, tmp_path / "out")
    assert result.cache is not None and (result.cache.reused, result.cache.processed) == (29, 1)
    assert len(computed) == BATCH and edited.stem in computed
    assert _tree(tmp_path / "out") == _clean(raw, tmp_path / "clean")
    # Same size and modification time, other bytes: the change time moved, so the stamp does not hold.
    _age(raw)
    _build(raw, tmp_path / "out")
    article = sorted((raw / "articles").glob("*.txt"))[21]
    status, data = article.stat(), article.read_bytes()
    changed = data.replace("ال".encode(), "لا".encode(), 1)
    assert changed != data and len(changed) == len(data)
    article.write_bytes(changed)
    os.utime(article, ns=(status.st_atime_ns, status.st_mtime_ns))
    computed.clear()
    result = _build(raw, tmp_path / "out")
    assert result.cache is not None and result.cache.processed == 1 and len(computed) == BATCH
    assert _tree(tmp_path / "out") == _clean(raw, tmp_path / "clean")


@pytest.mark.parametrize("damage", ["hashed-files record lost", "batch-stamps record damaged"])
def test_a_stamp_is_used_only_with_its_files_recorded_and_its_record_whole(
        raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    _age(raw)
    _build(raw, tmp_path / "out")
    cache = tmp_path / CACHE_DIRNAME
    assert (cache / "batch-stamps").read_text(encoding="ascii").count("\t") == 30 // BATCH + 1
    if damage == "hashed-files record lost":
        (cache / "hashed-files").unlink()
    else:
        data = bytearray((cache / "batch-stamps").read_bytes())
        data[-3] ^= 0x01
        (cache / "batch-stamps").write_bytes(bytes(data))
    computed = _counting_keys(monkeypatch)
    result = _build(raw, tmp_path / "out")
    assert result.cache is not None and (result.cache.reused, result.cache.processed) == (30, 0)
    assert len(computed) == 30  # every key computed (and every file hashed again when the record was lost)
    assert _tree(tmp_path / "out") == _clean(raw, tmp_path / "clean")


def _change_one_reported_status(raw: Path) -> None:
    """An edit that changes one row of agreement_mentions and nothing else, in a later batch."""
    for annotation in sorted((raw / "annotations").glob("*.yaml"))[2 * BATCH:]:
        text = annotation.read_text(encoding="utf-8")
        if "reported_status: in_force" in text:
            annotation.write_text(text.replace("reported_status: in_force", "reported_status: proposed", 1), encoding="utf-8")
            return
    raise AssertionError("no annotation to edit")


def test_only_the_tables_whose_rows_changed_are_written_again(raw: Path, tmp_path: Path) -> None:
    first = _build(raw, tmp_path / "out")
    assert first.cache is not None and first.cache.copied == []
    again = _build(raw, tmp_path / "out")
    assert again.cache is not None and again.cache.copied == ["agreement_mentions", "articles", "quotations", "statements"]
    _change_one_reported_status(raw)
    # agreement_mentions: the batches before the edit are read back from the previous file, the rest written.
    edited = _build(raw, tmp_path / "out")
    assert edited.cache is not None and edited.cache.copied == ["articles", "quotations", "statements"]
    assert _tree(tmp_path / "out") == _clean(raw, tmp_path / "clean")


def test_an_article_added_in_the_middle_has_its_table_written_again_from_both_sources(raw: Path, tmp_path: Path) -> None:
    _build(raw, tmp_path / "out")
    # Articles are built in id order: the new id sorts just after the third batch's first article.
    source = sorted((raw / "articles").glob("*.txt"), key=lambda path: path.stem.split("_")[1])[2 * BATCH]
    number, article_id = source.stem.split("_")
    new_id = article_id[:-1] + ("f" if article_id[-1] != "f" else "e")
    assert not list((raw / "articles").glob(f"*_{new_id}.txt"))
    shutil.copy(source, raw / "articles" / f"{number}a_{new_id}.txt")
    result = build_dataset(raw, tmp_path / "out", cache=True, batch_size=BATCH)
    assert result.cache is not None and "articles" not in result.cache.copied
    clean = build_dataset(raw, tmp_path / "clean", cache=False, batch_size=BATCH)
    assert [i.format() for i in result.report] == [i.format() for i in clean.report]
    assert _tree(tmp_path / "out") == _tree(tmp_path / "clean")


def test_a_damaged_record_of_the_tables_is_ignored(raw: Path, tmp_path: Path) -> None:
    _build(raw, tmp_path / "out")
    record = tmp_path / CACHE_DIRNAME / "tables"
    data = bytearray(record.read_bytes())
    data[-3] ^= 0x01
    record.write_bytes(bytes(data))
    result = _build(raw, tmp_path / "out")
    assert result.cache is not None and result.cache.copied == [] and result.cache.reused == 30
    assert _tree(tmp_path / "out") == _clean(raw, tmp_path / "clean")


def test_tables_are_copied_only_into_the_output_folder_they_were_recorded_for(raw: Path, tmp_path: Path) -> None:
    _build(raw, tmp_path / "a")
    other = _build(raw, tmp_path / "b")  # the same cache folder, another output folder
    assert other.cache is not None and other.cache.reused == 30 and other.cache.copied == []
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_a_damaged_record_of_hashed_files_is_ignored(raw: Path, tmp_path: Path) -> None:
    _build(raw, tmp_path / "out")
    record = tmp_path / CACHE_DIRNAME / "hashed-files"
    record.write_bytes(record.read_bytes()[:-40])
    result = _build(raw, tmp_path / "out")
    assert result.cache is not None and result.cache.reused == 30
    assert _tree(tmp_path / "out") == _clean(raw, tmp_path / "clean")


def test_packs_no_longer_used_are_removed(raw: Path, tmp_path: Path) -> None:
    _build(raw, tmp_path / "out")
    entities = raw / "entities.yaml"
    entities.write_text(entities.read_text(encoding="utf-8") + "\n# v2\n", encoding="utf-8")
    result = _build(raw, tmp_path / "out")
    assert result.cache is not None and result.cache.removed == 8
    assert len([p for p in (tmp_path / CACHE_DIRNAME / "packs").iterdir() if not p.name.endswith(".keys")]) == 8


def test_two_local_workers_use_the_cache_too(raw: Path, tmp_path: Path) -> None:
    _build(raw, tmp_path / "out", jobs=2)
    for number in range(7, 7 + BATCH + 1):  # more than a batch: the workers start (fewer edits are read here)
        _edit_one_annotation(raw, number)
    result = _build(raw, tmp_path / "out", jobs=2)
    assert result.cache is not None and (result.cache.reused, result.cache.processed) == (30 - BATCH - 1, BATCH + 1)
    assert "articles" in result.cache.copied
    assert _tree(tmp_path / "out") == _clean(raw, tmp_path / "clean")


def test_the_default_cache_is_beside_the_output_folder(tmp_path: Path) -> None:
    assert default_cache_dir(tmp_path / "dataset") == tmp_path / CACHE_DIRNAME


def test_jsec_build_no_cache_neither_reads_nor_writes_it(raw: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    plain = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(tmp_path / "a"), "--no-cache", "--jobs", "1"])
    assert plain.exit_code == 0, plain.output
    assert not (tmp_path / CACHE_DIRNAME).exists()
    cached = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(tmp_path / "b"), "--jobs", "1", "--json"])
    assert cached.exit_code == 0, cached.output
    assert (tmp_path / CACHE_DIRNAME / "packs").is_dir()
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_a_rebuild_reuses_the_figure_when_the_network_did_not_change(raw: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The card's figure is kept in the cache under what it was drawn from; an edit that leaves the
    agreements and names alone copies it (same bytes as a clean build), a damaged kept file is drawn again."""
    import jsec_data.release.plot as plot

    out = tmp_path / "out"
    _build(raw, out)
    kept = list((default_cache_dir(out) / "figures").glob("*.png"))
    assert len(kept) == 1 and (out / "figures").is_dir()
    drawn: list[Path] = []
    draw = plot.draw_partnership_network
    monkeypatch.setattr(plot, "draw_partnership_network", lambda a, n, path: drawn.append(path) or draw(a, n, path))
    _edit_one_annotation(raw)
    _build(raw, out)
    assert drawn == []
    assert _tree(out) == _clean(raw, tmp_path / "clean")  # (the clean build draws)
    kept[0].write_bytes(b"\x00" + kept[0].read_bytes()[1:])
    _edit_one_annotation(raw, 8)
    drawn.clear()
    _build(raw, out)
    assert len(drawn) == 1
    assert _tree(out) == _clean(raw, tmp_path / "clean")


class _FigureProcessSpy:
    """Stands in for the figure process a large build starts: records what the build asks of it."""

    def __init__(self) -> None:
        self.submitted: list[Path] = []
        self.closed = False

    def submit(self, agreements: list[dict[str, object]], names: dict[str, str], out: Path) -> None:
        self.submitted.append(out)

    def draw(self, agreements: list[dict[str, object]], names: dict[str, str], out: Path) -> bool:
        raise AssertionError("a kept figure is copied, never drawn")

    def close(self) -> None:
        self.closed = True


def test_a_kept_figure_is_not_also_drawn_by_the_figure_process(raw: Path, tmp_path: Path) -> None:
    """A job sent to the figure process would write the figure's file while the kept copy is written and
    checksummed: the output's SHA256SUMS then named bytes the file no longer held, and the next build
    refused the folder. With the figure kept, the process gets no job and is stopped."""
    out = tmp_path / "out"
    _build(raw, out)
    _edit_one_annotation(raw)
    spy = _FigureProcessSpy()
    result = build_dataset(raw, out, cache=True, batch_size=BATCH, jobs=1, figure=spy)  # type: ignore[arg-type]
    assert result.ok
    assert spy.submitted == [] and spy.closed
    sums = dict(line.split("  ")[::-1] for line in (out / "SHA256SUMS").read_text().splitlines())
    assert sums["figures/partnerships.png"] == hashlib.sha256((out / "figures" / "partnerships.png").read_bytes()).hexdigest()
    assert _tree(out) == _clean(raw, tmp_path / "clean")


def test_a_build_whose_cache_keeps_a_figure_starts_no_figure_process(raw: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import jsec_data.build.dataset as dataset
    from jsec_data.build.cachedir import keeps_a_figure

    out = tmp_path / "out"
    assert not keeps_a_figure(default_cache_dir(out))
    started: list[int] = []
    monkeypatch.setattr(dataset, "start_figure_process", lambda articles: started.append(articles))
    _build(raw, out)
    assert started == [30]  # (the fake starts none: the build draws in-process)
    assert keeps_a_figure(default_cache_dir(out))
    _edit_one_annotation(raw)
    _build(raw, out)
    assert started == [30]
    _build(raw, tmp_path / "clean", cache=False)
    assert started == [30, 30]


def test_a_rebuild_with_jobs_starts_in_this_process_and_hands_the_rest_to_workers_past_a_batch_of_edits(
        raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import jsec_data.build.dataset as dataset

    started: list[int] = []
    real_executor = dataset.executor

    def counting_executor(parallel: Any, context: Any, **options: Any) -> Any:
        started.append(parallel.jobs)
        return real_executor(parallel, context, **options)

    monkeypatch.setattr(dataset, "executor", counting_executor)
    _build(raw, tmp_path / "out", jobs=2)
    assert started == [2]  # nothing cached: workers from the start
    _edit_one_annotation(raw, 7)
    one = _build(raw, tmp_path / "out", jobs=2)
    assert started == [2] and one.cache is not None and one.cache.processed == 1  # one edit: no worker started
    for number in range(12, 12 + BATCH + 1):
        _edit_one_annotation(raw, number)
    many = _build(raw, tmp_path / "out", jobs=2)
    assert started == [2, 2] and many.cache is not None and many.cache.processed == BATCH + 1
    assert _tree(tmp_path / "out") == _clean(raw, tmp_path / "clean")
