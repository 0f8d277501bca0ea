"""``jsec silver``: the machine layer over whole corpora, in three phases on one executor.

1. **screen** (parallel, one task per input file): read, normalise, reject, relevance filter;
   candidates spilled to files (:mod:`~jsec_data.silver.screen`);
2. **group** (this process, in input order, while phase 1 runs): exact duplicates and near-copies,
   as ``jsec ingest`` groups them (:mod:`~jsec_data.silver.group`);
3. **draft** (parallel, one task per output shard of :data:`~jsec_data.silver.draft.SHARD_ARTICLES`
   kept articles): segment, draft, anchor, validate, write Parquet (:mod:`~jsec_data.silver.draft`);

then the proposals are merged (this process), and ``summary.json``, ``issues.jsonl``, the card and
``SHA256SUMS`` written. Everything goes to a temporary sibling of the output folder, swapped in
when the run succeeded. The shards are cut by count of kept articles in input order, every task
writes files named by its input file or shard, and results are taken in task order: the bytes do
not depend on the executor or on how many workers it has, and a task run twice (a lost worker)
rewrites the same files.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsec_data.article.stage import Registry, read_registry
from jsec_data.build.output import OutputLock, recover, resolve_out, swap_in, temp_dir
from jsec_data.core.errors import UsageError
from jsec_data.core.executor import Parallelism, executor, skip_pandas
from jsec_data.core.issues import Issue
from jsec_data.core.models import AgreementRecord, EntityRecord
from jsec_data.ingest import SAUDINEWSNET, FieldMapping
from jsec_data.ingest.pipeline import check_licence, input_files, outlet_names
from jsec_data.ingest.relevance import DEFAULT_MIN_SCORE
from jsec_data.raw.files import file_sha256
from jsec_data.silver.card import silver_card
from jsec_data.silver.config import SilverConfig
from jsec_data.silver.draft import (
    SHARD_ARTICLES,
    DraftOut,
    DraftTask,
    ShardFile,
    draft_shard,
    merge_proposals,
    shard_path,
    write_table,
)
from jsec_data.silver.group import Grouping, group_candidates
from jsec_data.silver.schema import ARTICLE_TABLES, PROPOSAL_TABLES, SILVER_TABLES, extractor_version
from jsec_data.silver.screen import ScreenOut, ScreenTask, screen_file

__all__ = ["SUMMARY_NAME", "SilverProgress", "SilverResult", "silver"]

SUMMARY_NAME = "summary.json"
ISSUES_NAME = "issues.jsonl"
CARD_NAME = "README.md"
SUMS_NAME = "SHA256SUMS"
_WORK = ".work"
_LAYER = "jsec-data silver"


@dataclass(frozen=True)
class SilverProgress:
    """Where a run is: ``phase`` (screen, draft), tasks done and in all."""

    phase: str
    done: int
    total: int


@dataclass
class SilverResult:
    """What a silver run wrote: the output folder and its summary."""

    out_dir: Path
    summary: dict[str, Any]

    @property
    def errors(self) -> int:
        """Problems of severity error (records rejected, files unreadable)."""
        return int(self.summary["issues"]["errors"])

    @property
    def exit_code(self) -> int:
        """0, or 1 when a record was rejected or a file could not be read (the output is written either way)."""
        return 1 if self.errors else 0


def silver(
    sources: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    licence: str | None,
    mapping: FieldMapping | None = None,
    attribution: str | None = None,
    keep_all: bool = False,
    min_score: float | None = None,
    registry_dir: str | os.PathLike[str] | None = None,
    parallel: Parallelism | int = 1,
    evaluation: dict[str, Any] | None = None,
    progress: Callable[[SilverProgress], None] | None = None,
    shard_articles: int = SHARD_ARTICLES,
) -> SilverResult:
    """Draft the whole of ``sources`` (files, or folders of data files) into silver tables in ``out_dir``.

    The records are read, normalised and filtered as ``jsec ingest`` does (``mapping``, ``licence``,
    ``keep_all``, ``min_score`` as there; nothing is written to any raw/ folder); ``registry_dir`` is
    a raw folder whose ``entities.yaml`` and ``agreements.yaml`` the drafter uses (read only);
    ``parallel`` says where the tasks run (local processes or Dask); ``evaluation`` is the JSON of
    ``jsec evaluate --format json`` for the card's precision section; ``shard_articles``: kept
    articles per output shard (and per draft task; the files depend on it, not on the workers). Raises
    :class:`~jsec_data.core.errors.UsageError` for a usage mistake (bad licence, missing input, an
    output folder that is not a silver folder); problems in the data are issues (``issues.jsonl``).
    """
    mapping = mapping or SAUDINEWSNET
    licence = check_licence(licence, mapping.collection)
    if shard_articles < 1:
        raise UsageError(f"--shard-articles must be at least 1, not {shard_articles}")
    parallel = parallel if isinstance(parallel, Parallelism) else Parallelism(jobs=max(1, parallel))
    files = input_files([sources] if isinstance(sources, (str, os.PathLike)) else sources)
    if not files:
        raise UsageError("no input data files (JSON, JSON Lines or Parquet, plain or gzip) in " +
                         ", ".join(str(s) for s in ([sources] if isinstance(sources, (str, os.PathLike)) else sources)))
    registry, registry_issues = _registry(registry_dir)
    out = Path(out_dir)
    _check_out(out, files, registry_dir)
    target = resolve_out(out)
    with OutputLock(target):
        recover(target)
        _check_replaceable(target)
        tmp = temp_dir(target)
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            summary = _run(files, tmp, licence, mapping, attribution, keep_all,
                           DEFAULT_MIN_SCORE if min_score is None else min_score, registry, registry_issues, parallel,
                           evaluation, progress, shard_articles)
            swap_in(tmp, target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)  # (after the swap: the previous output)
    return SilverResult(out, summary)


def _registry(registry_dir: str | os.PathLike[str] | None) -> tuple[Registry, list[Issue]]:
    if registry_dir is None:
        return Registry(), []
    folder = Path(registry_dir)
    if not folder.is_dir():
        raise UsageError(f"registry folder {str(folder)!r} does not exist (a raw folder with entities.yaml, agreements.yaml)")
    return read_registry(folder)


def _check_out(out: Path, files: Sequence[Path], registry_dir: str | os.PathLike[str] | None) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"output {str(out)!r} exists and is not a folder")
    resolved = out.resolve()
    for path in [*files, *([Path(registry_dir)] if registry_dir is not None else [])]:
        other = path.resolve()
        if other == resolved or other.is_relative_to(resolved) or (path.is_dir() and resolved.is_relative_to(other)):
            raise UsageError(f"--out {str(out)!r} must be outside the inputs and the registry folder ({str(path)!r})")


def _check_replaceable(target: Path) -> None:
    """Only an empty folder or a silver folder whose files are all as written may be replaced."""
    if not target.exists():
        return
    present = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if not p.is_dir())
    if not present:
        return
    sums = target / SUMS_NAME
    problem = "it is not a silver folder written by jsec (no summary.json and SHA256SUMS)"
    if sums.is_file() and (target / SUMMARY_NAME).is_file():
        listed = {}
        for line in sums.read_text(encoding="utf-8", errors="replace").splitlines():
            digest, _, name = line.partition("  ")
            listed[name] = digest
        extra = sorted(set(present) - set(listed) - {SUMS_NAME})
        changed = sorted(name for name, digest in listed.items()
                         if not (target / name).is_file() or file_sha256(target / name) != digest)
        if not extra and not changed:
            return
        problem = "its files changed since jsec wrote it: " + ", ".join((extra + changed)[:5])
    raise UsageError(f"--out {str(target)!r} exists and {problem}; it is left alone: give another folder, or move it away")


def _run(files: Sequence[Path], tmp: Path, licence: str, mapping: FieldMapping, attribution: str | None, keep_all: bool,
         min_score: float, registry: Registry, registry_issues: list[Issue], parallel: Parallelism,
         evaluation: dict[str, Any] | None, progress: Callable[[SilverProgress], None] | None,
         shard_articles: int) -> dict[str, Any]:
    work = tmp / _WORK
    work.mkdir(parents=True)
    version = extractor_version()
    config = SilverConfig(mapping, licence, attribution, keep_all, min_score, version, str(work.absolute()),
                          str(tmp.absolute()), outlet_names(mapping.collection), registry)
    tasks = [ScreenTask(index, str(path.absolute()), str(path)) for index, path in enumerate(files)]
    screened: list[ScreenOut] = []
    drafted = _Drafted(work / "draft-issues.jsonl")
    with executor(parallel, config, setup=skip_pandas) as pool:

        def screening() -> Iterator[ScreenOut]:
            for out in pool.map(screen_file, tasks):
                screened.append(out)
                if progress:
                    progress(SilverProgress("screen", len(screened), len(tasks)))
                yield out

        grouping = group_candidates(screening())
        drafts = _draft_tasks(grouping, screened, files, shard_articles)
        grouping.copies = {}  # (sent with the tasks)
        for out in pool.map(draft_shard, drafts):
            drafted.add(out)
            if progress:
                progress(SilverProgress("draft", drafted.shards, len(drafts)))
        drafted.close()
        # In a worker when there are workers, as the other tables: the driver then never converts
        # Python objects to Arrow, which would import pandas here (see skip_pandas).
        proposal_files = pool.call(_write_proposals, (str(tmp.absolute()), drafted.proposals, version))
    for leftover in (tmp / "data").glob("*/*.tmp-*"):  # files of task attempts lost with their worker
        leftover.unlink()
    issues = _write_issues(tmp / ISSUES_NAME, registry_issues, screened, drafted.issues)
    summary = _summary(files, licence, mapping, attribution, keep_all, min_score, registry, version, screened, grouping,
                       drafted, proposal_files, issues)
    summary["shard_articles"] = shard_articles
    shutil.rmtree(work)
    (tmp / SUMMARY_NAME).write_text(json.dumps(summary, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp / CARD_NAME).write_text(silver_card(summary, evaluation), encoding="utf-8")
    names = sorted(p.relative_to(tmp).as_posix() for p in tmp.rglob("*") if p.is_file())
    (tmp / SUMS_NAME).write_text("".join(f"{file_sha256(tmp / name)}  {name}\n" for name in names), encoding="utf-8")
    return summary


def _draft_tasks(grouping: Grouping, screened: Sequence[ScreenOut], files: Sequence[Path], size: int) -> list[DraftTask]:
    """The kept candidates cut into shards of ``size``, in input order (one empty shard if none)."""
    spills = {out.index: out.spill or "" for out in screened}
    displays = {out.index: files[out.index].name for out in screened}  # source_file: file name#record
    tasks = []
    for shard, start in enumerate(range(0, max(1, len(grouping)), size)):
        end = min(len(grouping), start + size)
        items = tuple((spills[grouping.files[i]], displays[grouping.files[i]], grouping.rows[i]) for i in range(start, end))
        copies = {i - start: grouping.copies[i] for i in range(start, end) if i in grouping.copies}
        tasks.append(DraftTask(shard, items, copies))
    return tasks


class _Drafted:
    """What the draft tasks returned, folded in as they come (shards in input order): the files
    written, the proposals merged, the dropped records counted, the problems written to a file."""

    def __init__(self, issues: Path) -> None:
        self.files: dict[str, list[ShardFile]] = {name: [] for name in ARTICLE_TABLES}
        self.proposals: dict[str, dict[str, list[Any]]] = {name: {} for name in PROPOSAL_TABLES}
        self.dropped: Counter[str] = Counter()
        self.shards = 0
        self.issues = issues
        self._handle = issues.open("w", encoding="utf-8", newline="\n")

    def add(self, out: DraftOut) -> None:
        self.shards += 1
        for name in ARTICLE_TABLES:
            self.files[name].append(out.files[name])
        self.dropped.update(out.dropped)
        for issue in out.issues:
            self._handle.write(json.dumps(dataclasses.asdict(issue), ensure_ascii=False, sort_keys=True) + "\n")
        for name, proposals in (("entities", out.entities), ("agreements", out.agreements)):
            target = self.proposals[name]
            for record_id, (record, first, count) in proposals.items():
                if record_id in target:
                    target[record_id][0] = merge_proposals(target[record_id][0], record)
                    target[record_id][2] += count
                else:
                    target[record_id] = [record, first, count]

    def close(self) -> None:
        self._handle.close()


def _write_proposals(context: SilverConfig, task: tuple[str, dict[str, dict[str, list[Any]]], str]) -> dict[str, ShardFile]:
    """The proposal tables: each id once, its first proposal (input order) with every Arabic name seen."""
    out_dir, merged, version = task
    files = {}
    for name in PROPOSAL_TABLES:
        entries = [merged[name][key] for key in sorted(merged[name])]
        records: list[EntityRecord | AgreementRecord] = [entry[0] for entry in entries]
        files[name] = write_table(out_dir, shard_path(name, 0), name, records, version,
                                  {"article_count": [entry[2] for entry in entries],
                                   "first_article_id": [entry[1] for entry in entries]})
    return files


def _write_issues(path: Path, registry_issues: Sequence[Issue], screened: Sequence[ScreenOut],
                  drafted: Path) -> Counter[str]:
    """Every problem, in input order, one JSON object a line; the counts by severity and code."""
    counts: Counter[str] = Counter()
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        def add(issue: Issue) -> None:
            handle.write(json.dumps(dataclasses.asdict(issue), ensure_ascii=False, sort_keys=True) + "\n")
            counts[f"severity:{issue.severity}"] += 1
            counts[issue.code] += 1

        for issue in registry_issues:
            add(issue)
        for source in [out.issues for out in screened] + [str(drafted)]:
            if source is not None:
                with open(source, encoding="utf-8") as lines:
                    for line in lines:
                        add(Issue(**json.loads(line)))
    return counts


def _summary(files: Sequence[Path], licence: str, mapping: FieldMapping, attribution: str | None, keep_all: bool,
             min_score: float, registry: Registry, version: str, screened: Sequence[ScreenOut], grouping: Grouping,
             drafted: _Drafted, proposal_files: dict[str, ShardFile], issues: Counter[str]) -> dict[str, Any]:
    """What the run read, kept and wrote; no time, path of this machine or worker count (the bytes must not vary)."""
    from jsec_data import __version__

    counts: Counter[str] = Counter()
    for out in screened:
        counts.update(out.counts)
    counts.update(grouping.counts)
    shards: dict[str, list[ShardFile]] = {name: list(drafted.files.get(name, [])) for name in SILVER_TABLES}
    dropped = drafted.dropped
    for name, shard in proposal_files.items():
        shards[name].append(shard)
    tables = {name: {"rows": sum(s.rows for s in shards[name]), "bytes": sum(s.bytes for s in shards[name]),
                     "sha256": hashlib.sha256("".join(s.sha256 for s in shards[name]).encode()).hexdigest(),
                     "shards": [dataclasses.asdict(s) for s in shards[name]]} for name in SILVER_TABLES}
    return {
        "name": _LAYER,
        "layer": "silver",
        "origin": "machine",
        "version": __version__,
        "extractor_version": version,
        "inputs": [{"file": str(path), "bytes": path.stat().st_size} for path in files],
        "mapping": {**mapping.sources(), "collection": mapping.collection},
        "licence": licence,
        "attribution": attribution,
        "keep_all": keep_all,
        "min_score": min_score,
        "registry": dict(sorted(registry.input_sha256.items())),
        "counts": {name: counts.get(name, 0) for name in ("read", "rejected", "off_topic", "repeated", "duplicates",
                                                           "near_copies", "kept")},
        "dropped_draft_records": dict(sorted(dropped.items())),
        "tables": tables,
        "issues": {"file": ISSUES_NAME, "errors": issues.get("severity:error", 0),
                   "warnings": issues.get("severity:warning", 0),
                   "by_code": {code: n for code, n in sorted(issues.items()) if not code.startswith("severity:")}},
        "pyarrow_version": __import__("pyarrow").__version__,
    }


