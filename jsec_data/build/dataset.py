"""``jsec build``: raw/ -> validated, deterministic Parquet tables plus a manifest.

Articles are processed in batches (bounded memory); each batch's records become
Arrow arrays column by column and one row group per table. Output goes to a
temporary sibling of the output folder and replaces it only when the whole build
succeeded, so a failed or interrupted build leaves the previous output untouched.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import operator
import os
import shutil
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pyarrow as pa
import pyarrow.ipc
from pydantic import BaseModel, TypeAdapter

from jsec_data import __version__
from jsec_data.article.checks import cross_reference_issues
from jsec_data.article.stage import Registry, gc_paused, process_article, read_registry
from jsec_data.build.cache import (
    BatchResult,
    BuildCache,
    CacheStats,
    DamagedPack,
    code_digest,
    default_cache_dir,
    discard_pack,
)
from jsec_data.build.cachedir import keeps_a_figure
from jsec_data.build.output import (
    OutputLock,
    OutputSpaceError,
    check_replaceable,
    clear_failure,
    is_space_error,
    record_failure,
    recover,
    resolve_out,
    signals_stop_build,
    swap_in,
    temp_dir,
)
from jsec_data.build.pack import DeferredBatch, resolved
from jsec_data.build.writer import DATA_SUBDIR, TableWriter, discard, table_path
from jsec_data.core.arrow import record_schema, table_schema, with_deprecated_columns
from jsec_data.core.errors import BuildError
from jsec_data.core.executor import DaskPool, InProcess, Parallelism, ProcessPool, executor, skip_pandas
from jsec_data.core.issues import Issue, Report
from jsec_data.core.models import AgreementRecord, EntityRecord
from jsec_data.core.tables import TABLE_NAMES
from jsec_data.raw.files import (
    ArticleSource,
    Listings,
    discover_articles,
    file_sha256,
    orphan_files,
)
from jsec_data.release.plot import FigureProcess, start_figure_process

if typing.TYPE_CHECKING:
    from jsec_data.release.card import FigureDrawer  # (the card module is imported when the card is written)

MANIFEST_NAME = "manifest.json"
#: Every raw file the build read, with its sha256, in reading order (``sha256sum -c`` format, from raw/).
INPUTS_NAME = "inputs.sha256"
DEFAULT_BATCH_SIZE = 256
#: Per-article tables, in the order of ArticleResult's fields.
_ARTICLE_TABLES = ("articles", "statements", "quotations", "agreement_mentions")

R = TypeVar("R", EntityRecord, AgreementRecord)

ProgressCallback = Callable[[int, int], None]


@dataclass
class BuildResult:
    """What a build did: the report, and the manifest when it succeeded."""

    report: Report
    out_dir: Path
    manifest: dict[str, Any] | None = None
    row_counts: dict[str, int] = field(default_factory=dict)
    cache: CacheStats | None = None  # what the incremental cache did (None: built without it)

    @property
    def ok(self) -> bool:
        return self.manifest is not None


def records_batch(table: str, records: Iterable[BaseModel]) -> pa.RecordBatch:
    """Table records (models of ``table``'s row type) as one Arrow record batch of ``table``'s schema."""
    columns = _empty_columns(table)
    _append_records(table, records, columns)
    return record_batch(table, columns)


def record_batch(table: str, columns: dict[str, list[Any]]) -> pa.RecordBatch:
    """Plain per-column lists (from :func:`_append_records`) as one Arrow record batch of ``table``
    (its deprecated alias columns added, sharing their columns' arrays)."""
    schema = record_schema(table)
    batch = pa.RecordBatch.from_arrays([pa.array(columns[f.name], type=f.type) for f in schema], schema=schema)
    return with_deprecated_columns(table, batch)


@functools.cache
def _column_plan(table: str) -> tuple[tuple[str, bool], ...]:
    """(column, may hold pydantic models) for each field of ``table``'s model, in schema order."""
    return tuple((f.name, _may_hold_models(f.type)) for f in record_schema(table))


def _empty_columns(table: str) -> dict[str, list[Any]]:
    return {name: [] for name, _ in _column_plan(table)}


def _append_records(table: str, records: Iterable[BaseModel], columns: dict[str, list[Any]]) -> None:
    """Append ``records`` to plain per-column lists (what ``pa.array`` takes).

    Field values come straight from the instance dict (pydantic keeps fields there),
    a row at a time by ``itemgetter``; only nested-model columns go through _plain.
    """
    rows = [*map(_row_getter(table), (record.__dict__ for record in records))]
    if not rows:
        return
    for (name, nested), values in zip(_column_plan(table), zip(*rows, strict=True), strict=True):  # rows -> columns, in C
        columns[name].extend(map(_plain, values) if nested else values)


@functools.cache
def _row_getter(table: str) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """The values of ``table``'s columns, in schema order, from a record's field dict (one C call)."""
    names = [name for name, _ in _column_plan(table)]
    getter = operator.itemgetter(*names)
    return getter if len(names) > 1 else lambda fields: (getter(fields),)


def _may_hold_models(arrow_type: pa.DataType) -> bool:
    if pa.types.is_struct(arrow_type):
        return True
    return pa.types.is_list(arrow_type) and _may_hold_models(arrow_type.value_type)


def _plain(value: Any) -> Any:
    if isinstance(value, list) and value and isinstance(value[0], BaseModel):
        model = type(value[0])
        if _is_flat(model):
            return [item.__dict__ for item in value]  # (pa.array only reads them) 10x cheaper than dump_python
        return _list_adapter(model).dump_python(value)  # one call, not one per item
    return value


@functools.cache
def _is_flat(model: type[BaseModel]) -> bool:
    """True when every ``model`` instance's field dict is its ``dump_python()``.

    Fields of plain scalar types only (str, int, float, bool, None, Literal), no private
    attributes, extra fields (kept outside the field dict), serializers or computed fields.
    Segment is one; anything else dumps.
    """
    decorators = model.__pydantic_decorators__
    if (decorators.field_serializers or decorators.model_serializers or decorators.computed_fields
            or model.__private_attributes__ or model.model_config.get("extra") == "allow"):
        return False
    return all(_is_scalar(field.annotation) for field in model.model_fields.values())


def _is_scalar(annotation: Any) -> bool:
    if annotation in (str, int, float, bool, type(None)):
        return True
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_scalar(typing.get_args(annotation)[0])
    if origin is typing.Literal:
        return all(type(arg) in (str, int, bool) for arg in typing.get_args(annotation))
    if origin in (typing.Union, types.UnionType):
        return all(map(_is_scalar, typing.get_args(annotation)))
    return False


@functools.cache
def _list_adapter(model: type[BaseModel]) -> TypeAdapter[list[Any]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def build_dataset(
    raw_dir: Path | str = "raw",
    out_dir: Path | str = "dataset",
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: ProgressCallback | None = None,
    today: dt.date | None = None,
    jobs: int | Parallelism = 1,
    evaluation: str | None = None,
    figure: FigureProcess | None = None,
    cache: bool | Path | str = False,
) -> BuildResult:
    """Build every table from ``raw_dir`` into ``out_dir``; never raises for bad data.

    ``jobs`` > 1 runs the per-article stage in that many worker processes (a
    :class:`~jsec_data.core.executor.Parallelism` may ask for Dask instead); results are
    consumed in input order, so the output is byte-identical to ``jobs=1``. ``cache``: True
    keeps each article's result in ``.jsec-cache/`` beside ``out_dir`` (a folder: there) and
    re-processes only articles whose files, registries, date or code changed
    (:mod:`jsec_data.build.cache`); the output is byte-identical to a build without it.
    ``evaluation``: the card's section on the extractor, as Markdown
    (:func:`jsec_data.evaluate.card_markdown`; the CLI's ``--evaluate`` makes it before
    the build); without it the card says the extractor was not measured. ``figure``: a figure
    process already started (``jsec build`` starts one before importing this module); the
    build uses and closes it.

    >>> result = build_dataset("raw", "dataset")  # doctest: +SKIP
    >>> result.ok, result.row_counts["articles"]  # doctest: +SKIP
    (True, 5)
    """
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    target = resolve_out(out_dir)  # a symbolic link's target is replaced, the link kept
    lock = OutputLock(target)
    try:
        _check_paths(raw_dir, out_dir)
        lock.acquire()  # one build at a time into one folder (BuildLockedError: exit 3)
    except BaseException:
        if figure:
            figure.close()  # the build owns the process it was given
        raise
    try:
        with signals_stop_build():  # SIGTERM/SIGINT: the cleanup below still runs
            try:
                recover(target)  # what killed builds left behind: a half-done swap, temporary folders
                check_replaceable(target)  # only a build's own, unchanged folder is replaced
            except BaseException:
                if figure:
                    figure.close()
                raise
            result = _build_without_damaged_packs(raw_dir, out_dir, target, batch_size=batch_size, progress=progress,
                                                  today=today, jobs=jobs, evaluation=evaluation, figure=figure, cache=cache)
            if result.ok:
                clear_failure(target)
            else:
                record_failure(target, f"{len(result.report.errors)} error(s) in {raw_dir}",
                               [i.format().splitlines()[0] for i in sorted(result.report.errors)])
            return result
    except BuildError:
        raise  # refused before anything was written: not a failed build
    except OSError as exc:
        if is_space_error(exc):
            record_failure(target, "no space left on the device", [])
            raise OutputSpaceError(
                f"no space left on the device (or quota exceeded) while writing "
                f"{exc.filename or temp_dir(target)}, the new build of {out_dir}: free some space and build again; "
                f"{out_dir} was left unchanged") from None
        record_failure(target, f"{type(exc).__name__}: {exc}", [])
        raise
    except Exception as exc:
        record_failure(target, f"{type(exc).__name__}: {exc}", [])
        raise
    finally:
        lock.release()


def _cache_folder(out_dir: Path, cache: bool | Path | str) -> Path | None:
    """The build cache's folder (``cache=True``: beside ``out_dir``), or None for no cache."""
    return None if cache is False else default_cache_dir(out_dir) if cache is True else Path(cache)


def _build_without_damaged_packs(raw_dir: Path, out_dir: Path, target: Path, *, figure: FigureProcess | None,
                                 cache: bool | Path | str, **options: Any) -> BuildResult:
    """:func:`_build`; again without a cache pack whose rows turned out not to read back when written (its
    checksum held: written by another tool), which is removed (the cache is left out if it cannot be)."""
    ignored = 0
    while True:
        try:
            result = _build(raw_dir, out_dir, target, figure=figure, cache=cache, **options)
        except DamagedPack as damaged:
            figure = None  # (closed by the attempt)
            ignored += 1
            folder = _cache_folder(out_dir, cache)
            if folder is None or not discard_pack(folder, damaged.pack_id):
                cache = False
            continue
        if result.cache is not None:
            result.cache.ignored += ignored
        return result


def _build(raw_dir: Path, out_dir: Path, target: Path, *, batch_size: int, progress: ProgressCallback | None,
           today: dt.date | None, jobs: int | Parallelism, evaluation: str | None, figure: FigureProcess | None,
           cache: bool | Path | str = False) -> BuildResult:
    """:func:`build_dataset` once the output folder is locked and may be replaced: into a temporary
    sibling of ``target`` (the folder replaced), swapped in only when the build succeeded."""
    today = today or dt.date.today()
    report = Report()
    registry, registry_issues = read_registry(raw_dir, today)
    report.extend(registry_issues)
    listings: Listings = {}
    sources, discovery_issues = discover_articles(raw_dir, listings)
    report.extend(discovery_issues)
    report.extend(orphan_files(raw_dir, {source.article_id for source in sources}, listings))
    del listings
    if not sources and not discovery_issues:
        report.add(Issue("articles/", None, None, "error", "no-articles", f"no article files in {raw_dir / 'articles'}",
                         hint="articles are raw/articles/NNN_<16 hex digits>.txt (see CONTRIBUTING.md); is --raw the right folder?"))

    tmp_dir = temp_dir(target)
    shutil.rmtree(tmp_dir, ignore_errors=True)
    pool: InProcess[_Context] | ProcessPool[_Context] | DaskPool[_Context] | None = None
    parallel = jobs if isinstance(jobs, Parallelism) else Parallelism(jobs=max(1, jobs))
    if parallel.dask:  # workers may run in another folder (or on another machine with the same file system)
        sources = [source._replace(location=os.path.abspath(source.location),  # noqa: PTH100
                                   annotation=source.annotation and os.path.abspath(source.annotation),  # noqa: PTH100
                                   metadata=source.metadata and os.path.abspath(source.metadata))  # noqa: PTH100
                   for source in sources]
    build_cache = None
    if (folder := _cache_folder(out_dir, cache)) is not None:
        build_cache = BuildCache.for_build(folder, registry, today)
    cache_stats = CacheStats(build_cache.folder) if build_cache else None
    cache_is_new = build_cache is not None and not os.path.lexists(build_cache.folder)
    reported = False  # the build ran to its end and reports data problems (its cache entries are kept)
    writers: dict[str, TableWriter] = {}
    finished = False
    try:
        (tmp_dir / DATA_SUBDIR).mkdir(parents=True)
        if figure is None and not (build_cache is not None and keeps_a_figure(build_cache.folder)):
            figure = start_figure_process(len(sources))  # (a rebuild mostly copies the kept figure: none then)
        previous = {} if build_cache is None else build_cache.reusable_tables(str(target), lambda name: str(table_path(target, name)))
        writers.update((name, TableWriter(name, table_path(tmp_dir, name),
                                           (table_path(target, name), previous[name]) if name in previous else None))
                       for name in TABLE_NAMES)
        declared_entities: dict[str, EntityRecord] = dict(registry.entities)
        declared_agreements: dict[str, AgreementRecord] = dict(registry.agreements)
        declared_in: dict[str, str] = {**registry.entity_files, **registry.agreement_files}
        checked_files = 0  # a count, not a list of paths: memory stays flat as the corpus grows
        # Input checksums go straight to a file: held in memory they grew with the corpus (75 MiB at 100k).
        inputs = _InputListing(tmp_dir / INPUTS_NAME)
        inputs.add(registry.input_sha256)
        # In this process, a pack's rows are read only when written (most are not: see build.pack).
        here = InProcess((registry, today, build_cache and dataclasses.replace(build_cache, defer=True)))
        # A small build is quicker in this process, and so is a rebuild after a few edits (the cache's
        # packs read here rather than by workers that take longer to start): a build whose first
        # article the cache holds starts here, and hands the batches left to the workers once more
        # than a batch's worth of articles had to be processed.
        in_process = not parallel.dask and parallel.jobs <= 1
        start_here = in_process or (not parallel.dask and (
            len(sources) <= batch_size or (build_cache is not None and build_cache.holds(sources[0]))))
        pool = here if start_here else executor(parallel, (registry, today, build_cache), setup=skip_pandas)
        batches = list(_batches(sources, batch_size))
        outputs = pool.map(_run_batch, batches)
        processed = 0
        for number, done in enumerate(_done_counts(sources, batch_size)):
            out = next(outputs)
            processed += out.cache.processed if out.cache is not None else len(batches[number])
            if pool is here and not in_process and processed > batch_size and number + 1 < len(batches):
                pool = executor(parallel, (registry, today, build_cache), setup=skip_pandas)
                outputs = pool.map(_run_batch, batches[number + 1:])
            report.extend(out.issues)
            if cache_stats is not None and out.cache is not None:
                cache_stats.add(out.cache)
            checked_files += out.input_files
            inputs.add(out.input_sha256)
            for name in _ARTICLE_TABLES:
                writers[name].extend(out.tables[name], out.digests[name] if out.digests is not None else None)
            for article_id, entities, agreements in out.declared:
                _merge_declared(article_id, entities, declared_entities, "entity_id", declared_in, report)
                _merge_declared(article_id, agreements, declared_agreements, "agreement_id", declared_in, report)
            for name in _ARTICLE_TABLES:
                writers[name].flush()
            if progress:
                progress(done, len(sources))
        report.extend(cross_reference_issues(raw_dir, declared_entities, declared_agreements, declared_in,
                                             set(declared_entities) | registry.unreadable))
        for name, declared in (("entities", declared_entities), ("agreements", declared_agreements)):
            columns = _empty_columns(name)
            _append_records(name, (declared[k] for k in sorted(declared)), columns)
            writers[name].extend(pool.call(_record_batch_task, (name, columns)))
        pool.close()
        if figure and report.ok():
            # The figure process starts drawing now, while the tables are closed and the card
            # written; the card then asks for exactly this job (or draws what it does ask for).
            from jsec_data.release.card import FIGURE_PATH

            network = ([{"agreement_id": a.agreement_id, "kind": a.kind, "parties": list(a.parties)}
                        for a in (declared_agreements[k] for k in sorted(declared_agreements))],
                       {declared_entities[k].entity_id: declared_entities[k].name_en for k in sorted(declared_entities)})
            if build_cache is not None and build_cache.kept_figure(_figure_key(*network)) is not None:
                # Copied by the card's drawer below; a job sent now would also write that file, racing the copy.
                figure.close()
                figure = None
            else:
                figure.submit(*network, tmp_dir / FIGURE_PATH)
        for writer in writers.values():
            writer.close()
        row_counts = {name: writers[name].rows for name in TABLE_NAMES}
        arrow_bytes = {name: writers[name].arrow_bytes for name in TABLE_NAMES}
        report.checked_files = checked_files
        inputs_summary = inputs.close()
        if not report.ok():
            reported = True
            return BuildResult(report, out_dir, None, row_counts, cache_stats)
        manifest = _manifest(tmp_dir, row_counts, arrow_bytes, inputs_summary,
                             {name: writer.sha256 for name, writer in writers.items() if writer.sha256 is not None})
        (tmp_dir / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
        from jsec_data.release.card import write_dataset_repo  # the Hugging Face card, Croissant, Data Package, SHA256SUMS

        draw: FigureDrawer | None = figure.draw if figure else None
        write_dataset_repo(tmp_dir, manifest, evaluation=evaluation, fresh_manifest=True,
                           draw=_kept_figure(build_cache, draw) if build_cache is not None else draw)
        _swap_in(tmp_dir, target)
        finished = True
        if build_cache is not None and cache_stats is not None:
            cache_stats.removed = build_cache.sweep(cache_stats.used)  # packs this build neither read nor wrote
            build_cache.save_hashed(cache_stats.hashed, cache_stats.stamps)
            records = {name: writer.record(manifest["tables"][name]["sha256"]) for name, writer in writers.items()}
            build_cache.save_tables(str(target), {name: record for name, record in records.items() if record is not None})
            cache_stats.copied = sorted(name for name, writer in writers.items() if writer.reused)
        return BuildResult(report, out_dir, manifest, row_counts, cache_stats)
    finally:
        if pool:
            if finished:
                pool.close()  # (done already, unless the build stopped early)
            else:
                pool.terminate()  # an error or a signal: the workers' results are not wanted
        if not finished:
            discard(writers.values())
            if build_cache is not None and cache_is_new and not reported:
                shutil.rmtree(build_cache.folder, ignore_errors=True)  # a first build that broke off leaves no trace
        if figure:
            figure.close()
        shutil.rmtree(tmp_dir, ignore_errors=True)  # (after a swap: the previous output)


def _kept_figure(cache: BuildCache, draw: FigureDrawer | None) -> FigureDrawer:
    """``draw`` (else the in-process drawing), or the figure the cache kept from the same agreements and
    names with the same code and matplotlib: drawing takes a build's last second when little changed."""
    def drawer(agreements: list[dict[str, Any]], names: dict[str, str], out: Path) -> bool:
        key = _figure_key(agreements, names)
        kept = cache.kept_figure(key)
        if kept is not None:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(kept)
            return True
        drawn = draw(agreements, names, out) if draw is not None else _draw_here(agreements, names, out)
        if drawn:
            with contextlib.suppress(OSError):
                cache.keep_figure(key, out.read_bytes())
        return drawn

    return drawer


def _figure_key(agreements: list[dict[str, Any]], names: dict[str, str]) -> str:
    """What the card's figure is drawn from, and with: the key it is kept under."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        matplotlib = version("matplotlib")
    except PackageNotFoundError:
        matplotlib = None
    return hashlib.sha256(json.dumps([code_digest(), matplotlib, agreements, names], sort_keys=True,
                                     ensure_ascii=False).encode()).hexdigest()


def _draw_here(agreements: list[dict[str, Any]], names: dict[str, str], out: Path) -> bool:
    from jsec_data.release.plot import draw_partnership_network

    return draw_partnership_network(agreements, names, out)


@dataclass
class _BatchOut:
    """One batch of the per-article stage as data: cheap to pickle, ready to write.

    Workers send Arrow record batches (pickled as their buffers) instead of pydantic
    models or Python lists, so the main process only collects batches and writes.
    """

    tables: Mapping[str, pa.RecordBatch | DeferredBatch]  # table -> the batch's rows, in input order
    issues: list[Issue]
    input_files: int
    input_sha256: dict[str, str]  # raw/-relative path -> sha256 of the bytes the stage read
    declared: list[tuple[str, list[EntityRecord], list[AgreementRecord]]]  # articles that declare records
    #: Per article, in order: (id, rows per table, issues, input files, declares records), for the cache.
    spans: list[tuple[Any, ...]] = field(default_factory=list)
    cache: CacheStats | None = None
    digests: dict[str, str] | None = None  # each table's digest in the build cache (see BatchResult)


def batch_columns(batch: Sequence[ArticleSource], registry: Registry, today: dt.date) -> _BatchOut:
    """The per-article stage over one batch (a pure function of the raw files), as Arrow record batches."""
    columns = {name: _empty_columns(name) for name in _ARTICLE_TABLES}
    out = _BatchOut({}, [], 0, {}, [])
    for source in batch:
        result = process_article(source, registry, today)
        out.spans.append((source.article_id, int(result.article is not None), len(result.statements),
                          len(result.quotations), len(result.agreement_mentions), len(result.issues),
                          len(result.input_files), bool(result.entities or result.agreements)))
        out.issues.extend(result.issues)
        out.input_files += len(result.input_files)
        # Every per-article input is raw_dir/<folder>/<name> (cheaper than Path.relative_to).
        out.input_sha256.update((f"{path.parent.name}/{path.name}", digest)
                                for path, digest in result.input_sha256.items())
        if result.article is not None:
            _append_records("articles", [result.article], columns["articles"])
        for table in _ARTICLE_TABLES[1:]:
            _append_records(table, getattr(result, table), columns[table])
        if result.entities or result.agreements:
            out.declared.append((result.article_id, result.entities, result.agreements))
    out.tables = _Tables({name: record_batch(name, columns[name]) for name in _ARTICLE_TABLES})
    return out


class _Tables(dict[str, pa.RecordBatch | DeferredBatch]):
    """A batch's tables, pickled (from a worker) as one Arrow IPC message each.

    pyarrow pickles a record batch buffer by buffer, each copied into bytes: the IPC
    message is one copy, and the main process reads it without copying (a batch of
    250 articles: 5.8 ms against 9.2 ms to pickle, 0.2 ms against 1.4 ms to unpickle).
    """

    def __reduce__(self) -> tuple[Callable[[dict[str, bytes]], _Tables], tuple[dict[str, bytes]]]:
        return _tables_from_ipc, ({name: resolved(batch).serialize().to_pybytes() for name, batch in self.items()},)


def _tables_from_ipc(messages: dict[str, bytes]) -> _Tables:
    return _Tables({name: pa.ipc.read_record_batch(pa.py_buffer(data), table_schema(name))
                    for name, data in messages.items()})


#: What every batch of the per-article stage needs: the registries, today's date and the cache (if any).
_Context = tuple[Registry, dt.date, BuildCache | None]


def _run_batch(context: _Context, batch: Sequence[ArticleSource]) -> _BatchOut:
    registry, today, cache = context
    with gc_paused():
        return batch_columns(batch, registry, today) if cache is None else _cached_batch(batch, registry, today, cache)


def _cached_batch(batch: Sequence[ArticleSource], registry: Registry, today: dt.date, cache: BuildCache) -> _BatchOut:
    """:func:`batch_columns` with each article's share read from the cache when its key is there."""
    def compute(sources: Sequence[ArticleSource]) -> BatchResult:
        out = batch_columns(sources, registry, today)
        return BatchResult(out.tables, out.issues, out.input_files, out.input_sha256, out.declared, out.spans)

    result, stats = cache.run_batch(batch, compute)
    return _BatchOut(_Tables(result.tables), result.issues, result.input_files, result.input_sha256, result.declared,
                     cache=stats, digests=result.digests)


def _record_batch_task(context: _Context, task: tuple[str, dict[str, list[Any]]]) -> pa.RecordBatch:
    # In a worker when there are workers: the main process then never converts Python objects
    # to Arrow, which would import pandas there (pyarrow's check for pandas objects).
    return record_batch(*task)


def _done_counts(items: Sequence[Any], size: int) -> Iterator[int]:
    """Items done after each batch of ``size``."""
    for start in range(0, len(items), size):
        yield min(len(items), start + size)


def _batches(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _merge_declared(article_id: str, records: Sequence[R], target: dict[str, R], key: str,
                    declared_in: dict[str, str], report: Report) -> None:
    """Add what one annotation file declares; an id declared twice anywhere is an error."""
    here = f"annotations/{article_id}"
    for record in records:
        record_id = getattr(record, key)
        if record_id in target:
            report.add(Issue(here, None, None, "error", "duplicate-id",
                             f"{record_id!r} is declared both here and in {declared_in[record_id]}",
                             hint="declare it once (in the registry) and refer to it elsewhere"))
            continue
        target[record_id] = record
        declared_in[record_id] = here


class _InputListing:
    """Writes ``<sha256>  <raw-relative path>`` lines for the inputs as the build reads them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = path.open("w", encoding="utf-8", newline="\n")
        self.files = 0

    def add(self, digests: dict[str, str]) -> None:
        self.file.writelines(f"{digest}  {name}\n" for name, digest in digests.items())
        self.files += len(digests)

    def close(self) -> dict[str, Any]:
        """Close the listing; the manifest's summary of it."""
        self.file.close()
        return {"files": self.files, "listing": self.path.name, "sha256": file_sha256(self.path)}


def _manifest(out_dir: Path, row_counts: dict[str, int], arrow_bytes: dict[str, int],
              inputs: dict[str, Any], copied: Mapping[str, str]) -> dict[str, Any]:
    """Version, row counts and checksums of every output, and a summary of the inputs; no timestamps.
    ``copied``: the SHA-256 of the tables copied from the previous output (computed while copying)."""
    tables = {}
    for name in TABLE_NAMES:
        path = table_path(out_dir, name)
        tables[name] = {
            "path": path.relative_to(out_dir).as_posix(),
            "rows": row_counts[name],
            "bytes": path.stat().st_size,
            "arrow_bytes": arrow_bytes[name],  # in memory once loaded (Hugging Face's dataset_size)
            "sha256": copied.get(name) or file_sha256(path),
        }
    return {
        "name": "jsec-data",
        "version": __version__,
        "tables": tables,
        "inputs": inputs,
        "pyarrow_version": pa.__version__,
    }


def _check_paths(raw_dir: Path, out_dir: Path) -> None:
    """Refuse a build that cannot start: no raw folder, an output that is a file, or one inside raw/.

    Whether an existing output folder may be replaced is decided under the lock
    (:func:`jsec_data.build.output.check_replaceable`).
    """
    if not raw_dir.is_dir():
        raise BuildError(f"raw folder {str(raw_dir)!r} does not exist (run from the project root or pass --raw DIR)")
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(f"output {str(out_dir)!r} exists and is not a folder")
    resolved_out, resolved_raw = out_dir.resolve(), raw_dir.resolve()
    if resolved_out == resolved_raw or resolved_raw.is_relative_to(resolved_out) or resolved_out.is_relative_to(resolved_raw):
        raise BuildError("--out must be outside the raw folder (and not contain it)")


def _swap_in(tmp_dir: Path, out_dir: Path) -> None:
    """Replace ``out_dir`` by ``tmp_dir`` (same parent folder); ``tmp_dir`` then holds the previous output.

    An atomic exchange where the system has one, else two renames that the next build
    sets right if this one is killed between them (:mod:`jsec_data.build.output`).
    """
    swap_in(tmp_dir, out_dir)
