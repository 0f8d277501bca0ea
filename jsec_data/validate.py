"""``jsec validate``: every build check, on the files a contributor gives, without writing.

Given article files and/or annotation, metadata and registry files (or folders of
them), :func:`validate_paths` runs the build's own per-article stage
(:func:`~jsec_data.article.stage.process_article_files`) against the current raw/ folder,
with the given files standing in for raw/'s, and adds the checks that only make
sense for a single file (unsafe characters and duplicate keys in YAML, annotation
files for articles that do not exist, unbalanced quote marks). Every problem is
reported, located by file, line, column and field; nothing is ever written.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel

from jsec_data.article.checks import cross_reference_issues
from jsec_data.article.segment import split_paragraphs
from jsec_data.article.stage import Registry, future_signed_dates, gc_paused, process_article_files
from jsec_data.core.errors import ValidateUsageError
from jsec_data.core.issues import Issue, Report, Waived, issue
from jsec_data.core.models import (
    BOILERPLATE_KINDS,
    AgreementsFile,
    AnnotationFile,
    EntitiesFile,
    MetadataFile,
    SplitsFile,
)
from jsec_data.core.text import MAX_ARTICLE_BYTES, line_col
from jsec_data.raw.files import (
    ANNOTATION_SUFFIXES,
    ARTICLE_FILE_RE,
    RENAME_HINT,
    ArticleSource,
    annotation_path,
    data_file,
    discover_articles,
    find_raw_dir,
    folder_listing,
    ignored_file_issue,
    metadata_path,
    stem_and_suffix,
)
from jsec_data.raw.waivers import WAIVERS_STEM, WaiversFile, apply_waivers, read_waivers
from jsec_data.raw.yamlfiles import load_yaml, locate, read_model_file


@dataclass
class _Inputs:
    """The given files, sorted by role; paths map to how the user named them.

    Paths are kept as ``str(Path(...))`` strings (equal paths are equal strings): a
    ``Path`` per file cost more than the rest of the gathering.
    """

    articles: dict[str, str] = field(default_factory=dict)
    annotations: dict[str, str] = field(default_factory=dict)
    metadata: dict[str, str] = field(default_factory=dict)
    registries: list[str] = field(default_factory=list)
    waivers: list[str] = field(default_factory=list)
    display: dict[str, str] = field(default_factory=dict)


def validate_paths(
    paths: Sequence[Path | str],
    raw_dir: Path | str | None = None,
    *,
    today: dt.date | None = None,
    jobs: int = 1,
) -> Report:
    """Check the given files (or folders) against ``raw_dir``; return every issue found.

    ``raw_dir`` None: the raw folder holding the first path, else ``./raw`` (:func:`find_raw_dir`).
    ``jobs`` > 1 checks the articles in that many worker processes (same report).
    Raises :class:`ValidateUsageError` only for usage mistakes (missing path or raw folder).

    >>> validate_paths(["raw/annotations/f4631beb2d4bc712.yaml"]).ok()  # doctest: +SKIP
    True
    """
    if not paths:
        raise ValidateUsageError("give at least one file or folder to validate")
    for path in paths:
        if not Path(path).exists():
            raise ValidateUsageError(f"path {str(path)!r} does not exist")
    raw = find_raw_dir(paths[0]) if raw_dir is None else Path(raw_dir)
    if raw is None:
        raise ValidateUsageError(f"no raw folder found: {str(paths[0])!r} is not inside one and there is no ./raw "
                                 "(pass --raw DIR: the folder that holds articles/ and entities.yaml)")
    if not raw.is_dir():
        raise ValidateUsageError(f"raw folder {str(raw)!r} does not exist (pass --raw DIR)")
    today = today or dt.date.today()
    report = Report()
    inputs = _Inputs()
    for path in paths:
        _collect(Path(path), str(path), inputs, report)
    report.checked_files = len(inputs.display)

    from jsec_data.article.stage import read_registry

    registry, registry_issues = read_registry(raw, today)
    report.extend(_relocate(issue, raw, inputs) for issue in registry_issues)
    for path in inputs.registries:
        _check_registry_file(path, inputs.display[path], raw, report, today, registry)
    for path in inputs.waivers:
        _check_waivers_file(path, inputs.display[path], raw, report)
    # Discovery already found each raw article's annotation and metadata files (one listing per folder).
    raw_sources = {source.article_id: source for source in discover_articles(raw)[0]}
    if not raw_sources and any(_same_folder(path, raw) for path in paths):
        report.add(issue(str(raw / "articles"), "no-articles", f"no article files in {raw / 'articles'}",
                         hint="articles are raw/articles/NNN_<16 hex digits>.txt (see CONTRIBUTING.md); is it the right folder?"))

    declared: dict[str, Sequence[tuple[str, int, str]]] = {}  # given annotation file -> what it declares
    jobs_to_run = [job for article_id in sorted(set(inputs.articles) | set(inputs.annotations) | set(inputs.metadata))
                   if (job := _plan_article(article_id, raw, raw_sources, inputs, report)) is not None]
    for job, checked in zip(jobs_to_run, _run_checks(jobs_to_run, registry, today, jobs), strict=True):
        if checked is not None:
            _merge_checked(job, checked, raw, inputs, report)
        if job.annotation is not None and job.annotation in inputs.display and (checked is None or checked.annotation_read):
            declared[job.annotation] = () if checked is None else checked.declared
    _check_declared_elsewhere(raw, inputs, registry, declared, report)
    report.extend(_relocate(issue, raw, inputs) for issue in _registry_references(raw, registry, inputs, declared))
    # An issue can be found twice (e.g. a registry given explicitly and read as the registry).
    issues = sorted(set(report.issues), key=lambda i: (i.file, i.line or 0, i.column or 0, i.code, i.message))
    report.issues = _waive(issues, raw, inputs, report)
    return report


def _same_folder(path: Path | str, folder: Path) -> bool:
    try:
        return Path(path).resolve() == folder.resolve()
    except OSError:
        return False


def _registry_references(raw: Path, registry: Registry, inputs: _Inputs,
                         declared_by: dict[str, Sequence[tuple[str, int, str]]]) -> list[Issue]:
    """The registries' affiliations and parties that name no entity, as the build refuses them, located.

    An entity an annotation file declares is known to the build too: the given files'
    declarations are at hand; raw/'s other annotation files are read only if a reference is
    still unknown without them (rare).
    """
    declared = {record_id for records in declared_by.values() for table, _, record_id in records if table == "entities"}
    known = set(registry.entities) | registry.unreadable | declared
    declared_in = {**registry.entity_files, **registry.agreement_files}
    found = cross_reference_issues(raw, registry.entities, registry.agreements, declared_in, known)
    if found:
        for path in _other_annotation_files(raw / "annotations", inputs):
            if _may_declare(path):
                parsed = read_model_file(path, AnnotationFile, path.name)[0]
                known.update(entity.entity_id for entity in (parsed.entities if parsed else []))
        found = cross_reference_issues(raw, registry.entities, registry.agreements, declared_in, known)
    return found


def _waive(issues: list[Issue], raw: Path, inputs: _Inputs, report: Report) -> list[Issue]:
    """``issues`` without the warnings raw/waivers.yaml waives (moved to ``report.waived``), plus its own problems."""
    entries, problems = read_waivers(raw, _raw_display(raw, inputs))
    if not entries:
        return sorted(set(issues) | set(problems), key=_issue_order)
    waivers_display = problems[0].file if problems else _waivers_display(raw, inputs)
    applied = apply_waivers(issues, entries, raw, inputs.display.values(), waivers_display)
    report.waived.extend(Waived(found, reason, where) for found, reason, where in applied.waived)
    return sorted(set(applied.issues) | set(problems) | set(applied.unused), key=_issue_order)


def _issue_order(found: Issue) -> tuple[str, int, int, str, str]:
    return (found.file, found.line or 0, found.column or 0, found.code, found.message)


def _raw_display(raw: Path, inputs: _Inputs) -> str:
    """How issues name the raw folder: as the given waivers file's folder, else as ``raw``."""
    for path in inputs.waivers:
        if Path(path).parent.resolve() == raw.resolve():
            return os.path.dirname(inputs.display[path]) or "."  # noqa: PTH120
    return str(raw)


def _waivers_display(raw: Path, inputs: _Inputs) -> str:
    path = data_file(raw, WAIVERS_STEM)
    return os.path.join(_raw_display(raw, inputs), path.name if path else "waivers.yaml")  # noqa: PTH118


def _check_waivers_file(path: str, display: str, raw: Path, report: Report) -> None:
    """A waivers file given to check: raw/'s own is read (and checked) with the waivers; another only for its format."""
    if Path(path).parent.resolve() == raw.resolve():
        return
    report.extend(read_model_file(Path(path), WaiversFile, display)[2])


# ---------------------------------------------------------------------- gathering


def _collect(path: Path, display: str, inputs: _Inputs, report: Report) -> None:
    if path.is_dir():
        base, shown = _child_prefix(str(path)), _child_prefix(str(Path(display)))
        for relative in _files_under(str(path)):
            _add_file(base + relative, shown + relative, inputs, report, explicit=False)
        return
    _add_file(str(path), display, inputs, report, explicit=True)


def _child_prefix(folder: str) -> str:
    """What ``str(Path(folder) / relative)`` puts before ``relative`` (``folder`` as ``str(Path(...))``)."""
    if folder == ".":
        return ""
    return folder if folder.endswith(os.sep) else folder + os.sep


def _files_under(folder: str) -> list[str]:
    """Paths relative to ``folder`` of its files, as ``sorted(Path(folder).rglob("*"))`` orders them, hidden ones left out.

    A file is left out when any part of its relative path starts with a dot, so such
    folders are not entered. Like ``rglob``, symbolic links to folders are not followed
    and an unreadable folder is skipped; like ``Path.is_file``, a link to a file counts.
    One ``scandir`` per folder gives each entry's type without a ``stat`` per file.
    """
    found: list[str] = []

    def visit(directory: str, prefix: str) -> None:
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=attrgetter("name"))
        except PermissionError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                visit(entry.path, f"{prefix}{entry.name}{os.sep}")
            elif entry.is_file():
                found.append(prefix + entry.name)

    visit(folder, "")
    return found


def _add_file(path: str, display: str, inputs: _Inputs, report: Report, *, explicit: bool) -> None:
    parent, name = os.path.split(path)  # the OS's separators, as str(Path(...)) writes them
    suffix = stem_and_suffix(name)[1].lower()
    if suffix == ".txt":
        _add_article(path, name, display, inputs, report)
    elif suffix in ANNOTATION_SUFFIXES:
        _add_data_file(path, name, os.path.basename(parent), display, inputs, report)  # noqa: PTH119 (no Path per file)
    elif explicit:
        report.add(issue(display, "unsupported-file", "not an article (.txt) or a YAML/JSON file",
                          hint="jsec validate reads raw/articles/*.txt and .yaml/.yml/.json files"))
    elif (folder := os.path.basename(parent)) in ("annotations", "metadata"):  # noqa: PTH119 (no Path per file)
        # Found in a folder walk where the build reads only YAML/JSON (an editor's backup, a note): it warns too.
        report.add(ignored_file_issue(display, folder))


def _add_article(path: str, name: str, display: str, inputs: _Inputs, report: Report) -> None:
    match = ARTICLE_FILE_RE.match(name)
    if not match:
        report.add(issue(display, "article-file-name", "article file name must end in 16 lowercase hex digits and .txt",
                          hint="name it like 005_0123456789abcdef.txt; the digits are the stable article id"))
        inputs.display[path] = display
        return
    article_id = match.group(1)
    if article_id in inputs.articles:
        report.add(issue(display, "duplicate-article-id",
                          f"article id {article_id} is also used by {inputs.display[inputs.articles[article_id]]}",
                          hint=RENAME_HINT))
        return
    inputs.articles[article_id] = path
    inputs.display[path] = display


_METADATA_FIELDS = frozenset(MetadataFile.model_fields)


def _add_data_file(path: str, name: str, parent: str, display: str, inputs: _Inputs, report: Report) -> None:
    """Sort a YAML/JSON file by its folder (``parent``), name or top-level keys."""
    inputs.display[path] = display
    stem = stem_and_suffix(name)[0]
    if stem in ("entities", "agreements"):
        inputs.registries.append(path)
        return
    if stem == WAIVERS_STEM and parent not in ("annotations", "metadata"):
        inputs.waivers.append(path)
        return
    if stem in _OTHER_RAW_FILES and parent not in ("annotations", "metadata"):
        report.extend(read_model_file(Path(path), _OTHER_RAW_FILES[stem], display)[2])
        return
    value: Any = None
    named_for_article = _is_article_id(stem)
    if parent not in ("annotations", "metadata") or not named_for_article:
        try:
            with open(path, "rb") as handle:
                value = load_yaml(handle.read(2 * MAX_ARTICLE_BYTES + 1), display)[0]
        except OSError:
            value = None
    keys = set(value) if isinstance(value, dict) else set()
    if parent == "metadata" or (parent != "annotations" and keys and keys <= _METADATA_FIELDS
                                and keys - {"article_id", "notes"}):
        role = "metadata"
    elif parent != "annotations" and keys and (keys <= {"entities"} or keys <= {"agreements"}):
        inputs.registries.append(path)
        return
    else:
        role = "annotations"
    article_id = stem if named_for_article else None
    if article_id is None and isinstance(value, dict) and _is_article_id(str(value.get("article_id", ""))):
        article_id = str(value["article_id"])
    if article_id is None:
        # Not attributable to an article: still check the file on its own.
        before = len(report.issues)
        _check_data_file_alone(path, display, AnnotationFile if role == "annotations" else MetadataFile, report)
        if len(report.issues) == before:
            report.add(issue(display, "unknown-article", "cannot tell which article this file is for",
                              hint="name it <article_id>.yaml or give a valid article_id field"))
        return
    target = inputs.annotations if role == "annotations" else inputs.metadata
    if article_id in target:
        report.add(issue(display, "duplicate-article-id",
                          f"a second {role} file for article {article_id} (also {inputs.display[target[article_id]]})",
                          hint="keep one file per article (<article_id>.yaml, .yml or .json) and merge the other into it"))
        return
    target[article_id] = path


#: Other files of raw/ beside the registries and waivers: stem -> its model.
_OTHER_RAW_FILES: dict[str, type[BaseModel]] = {"splits": SplitsFile}


def _is_article_id(value: str) -> bool:
    # strip() leaves nothing exactly when every character is a lowercase hex digit.
    return len(value) == 16 and not value.strip("0123456789abcdef")


# ----------------------------------------------------------------------- checking


class _ArticleJob(NamedTuple):
    """One article to check, with the files standing in for raw/'s (plain strings: cheap to send to workers)."""

    article_id: str
    article: str
    annotation: str | None
    metadata: str | None
    display: str | None  # how the user named the article file, if given (quote balance is checked then)
    annotation_given: bool = False  # the annotation file is one the user gave (its review state is checked then)


class _Checked(NamedTuple):
    """What a worker sends back for an article with something to report (None otherwise)."""

    issues: list[Issue]  # as the build located them
    annotation_read: bool  # False when the article failed before its annotation file was read
    declared: list[tuple[str, int, str]]
    quote_issues: list[Issue]


def _plan_article(article_id: str, raw: Path, raw_sources: dict[str, ArticleSource], inputs: _Inputs,
                  report: Report) -> _ArticleJob | None:
    source = raw_sources.get(article_id)
    given_article = inputs.articles.get(article_id)
    given_annotation, given_metadata = inputs.annotations.get(article_id), inputs.metadata.get(article_id)
    article = given_article or (source.location if source else None)
    if article is None:
        for path in (given_annotation, given_metadata):
            if path is None:
                continue
            display = inputs.display[path]
            _check_data_file_alone(path, display, AnnotationFile if path == given_annotation else MetadataFile, report)
            report.add(issue(display, "unknown-article", f"no article {article_id} in {raw / 'articles'} or among the given files",
                              hint="add the article file (NNN_<article_id>.txt) or fix the article id"))
        return None
    if source is None:  # a new article, not in raw/: its raw files are looked up one by one
        raw_annotation, raw_metadata = _optional_str(annotation_path(raw, article_id)), _optional_str(metadata_path(raw, article_id))
    else:
        raw_annotation, raw_metadata = source.annotation, source.metadata
    if (given_article is not None and source is not None and given_article != source.location
            and Path(source.location).resolve() != Path(given_article).resolve()):  # equal strings: same file
        report.add(issue(inputs.display[given_article], "duplicate-article-id",
                          f"article id {article_id} is already used by {source.location}",
                          hint=RENAME_HINT))
    return _ArticleJob(article_id, article, given_annotation or raw_annotation, given_metadata or raw_metadata,
                       inputs.display[given_article] if given_article is not None else None, given_annotation is not None)


def _optional_str(path: Path | None) -> str | None:
    return None if path is None else str(path)


def _check(job: _ArticleJob, registry: Registry, today: dt.date) -> _Checked | None:
    """The build's per-article stage on one article, plus the quote-balance warnings (a pure function)."""
    annotation = None if job.annotation is None else Path(job.annotation)
    result = process_article_files(ArticleSource(job.article_id, job.article), registry, today,
                                   annotation_file=annotation,
                                   metadata_file=None if job.metadata is None else Path(job.metadata))
    quote_issues = []
    if result.article is not None and job.display is not None:
        quote_issues = _quote_balance(result.article.text, result.article.segments, job.display)
    if (annotation is not None and job.annotation_given and result.article is not None
            and result.article.annotation_status == "draft"):
        shown = f"annotations/{annotation.name}"
        if not any(i.file == shown and i.severity == "error" for i in result.issues):
            result.issues.append(_draft_issue(annotation, shown))
    annotation_read = annotation is None or annotation in result.input_files
    if not result.issues and annotation_read and not result.declared and not quote_issues:
        return None  # nothing to report or remember (most articles): nothing to send back
    return _Checked(result.issues, annotation_read, result.declared, quote_issues)


def _merge_checked(job: _ArticleJob, checked: _Checked, raw: Path, inputs: _Inputs, report: Report) -> None:
    if checked.issues:
        names = {"articles/" + _name(job.article): job.article,
                 **({f"annotations/{_name(job.annotation)}": job.annotation} if job.annotation else {}),
                 **({f"metadata/{_name(job.metadata)}": job.metadata} if job.metadata else {})}
        for issue in checked.issues:
            report.add(_rename(issue, names, raw, inputs))
    if job.annotation is not None and not checked.annotation_read:
        # The article itself failed, so the build never read the annotations: check them alone.
        _check_data_file_alone(job.annotation, _display(job.annotation, raw, inputs), AnnotationFile, report)
    report.extend(checked.quote_issues)


def _name(path: str) -> str:
    """``Path(path).name`` of a path written as ``str(Path(...))``."""
    return os.path.basename(path)  # noqa: PTH119 (a string, not a Path, per file)


#: What every validation task needs: the registries, today's date and the list of articles to check.
_Context = tuple[Registry, dt.date, Sequence[_ArticleJob]]


def _check_task(context: _Context, batch: tuple[int, int]) -> list[_Checked | None]:
    registry, today, jobs_to_run = context
    return _check_range(jobs_to_run, *batch, registry, today)


def _check_range(jobs_to_run: Sequence[_ArticleJob], start: int, stop: int, registry: Registry,
                 today: dt.date) -> list[_Checked | None]:
    """``_check`` on ``jobs_to_run[start:stop]``, the cyclic GC paused for each ``_CHUNK`` of articles."""
    checked: list[_Checked | None] = []
    for first in range(start, stop, _CHUNK):
        with gc_paused():  # a pause per chunk: its cyclic garbage is collected before the next
            checked.extend(_check(job, registry, today) for job in jobs_to_run[first:min(first + _CHUNK, stop)])
    return checked


#: Fewest articles per task sent to a worker: enough that a task's round trip is small next to its work.
_CHUNK = 64


def _batches(count: int, workers: int) -> Iterator[tuple[int, int]]:
    """(start, stop) of each task: large first, shrinking to ``_CHUNK`` (few round trips, a short tail)."""
    start = 0
    while start < count:
        stop = min(count, start + max(_CHUNK, (count - start) // (4 * workers)))
        yield start, stop
        start = stop


def _run_checks(jobs_to_run: Sequence[_ArticleJob], registry: Registry, today: dt.date,
                jobs: int) -> Iterator[_Checked | None]:
    """Each job's result, in order, from this process or ``jobs`` workers.

    Workers get the job list once, when they start (the executor's context), and then only
    the bounds of each batch; they send back None for each article with nothing to report.
    """
    if jobs <= 1 or len(jobs_to_run) <= _CHUNK:
        for start in range(0, len(jobs_to_run), _CHUNK):
            yield from _check_range(jobs_to_run, start, min(start + _CHUNK, len(jobs_to_run)), registry, today)
        return
    from jsec_data.core.executor import executor

    batches = list(_batches(len(jobs_to_run), jobs))
    with executor(min(jobs, len(batches)), (registry, today, jobs_to_run)) as pool:  # no idle workers
        for checked in pool.map(_check_task, batches):
            yield from checked


def _check_data_file_alone(path: str, display: str, model: type[AnnotationFile] | type[MetadataFile], report: Report) -> None:
    """Schema and YAML safety only (when the article is missing or unreadable)."""
    report.extend(read_model_file(Path(path), model, display)[2])


def _check_registry_file(path_str: str, display: str, raw: Path, report: Report, today: dt.date,
                         raw_registry: Registry) -> None:
    path = Path(path_str)
    if path.parent.resolve() == raw.resolve():
        return  # read as raw/'s own registry above, with every check
    from jsec_data.article.stage import read_registry

    if path.stem in ("entities", "agreements"):
        registry, found = read_registry(path.parent, today)
        known = set(registry.entities) | set(raw_registry.entities) | registry.unreadable | raw_registry.unreadable
        found += cross_reference_issues(path.parent, registry.entities, registry.agreements,
                                        {**registry.entity_files, **registry.agreement_files}, known)
        report.extend(_with_file(i, display) for i in found if i.file == path.name)
        return
    model: type[EntitiesFile] | type[AgreementsFile] = AgreementsFile if "agreements" in path.stem else EntitiesFile
    parsed, locator, problems = read_model_file(path, model, display)
    report.extend(problems)
    if isinstance(parsed, AgreementsFile):
        report.extend(future_signed_dates(parsed.agreements, today, display, locator))


def _check_declared_elsewhere(raw: Path, inputs: _Inputs, registry: Registry,
                              declared_by: dict[str, Sequence[tuple[str, int, str]]], report: Report) -> None:
    """Entities/agreements a given annotation file declares that another annotation file also declares.

    ``declared_by`` holds what the per-article stage found each given file declares;
    a file is parsed again only to locate a duplicate (rare), or when the stage did
    not read it (its article failed).
    """
    if not inputs.annotations:
        return
    declared: dict[str, str] = {}
    given: set[Path] | None = None  # resolved only if needed: one system call per file
    for path in _other_annotation_files(raw / "annotations", inputs):
        if given is None:
            given = {Path(p).resolve() for p in inputs.annotations.values()}
        if path.resolve() in given or not _may_declare(path):
            continue
        parsed = read_model_file(path, AnnotationFile, path.name)[0]
        for record_id in _declared_ids(parsed):
            declared.setdefault(record_id, f"annotations/{path.name}")
    # Files the stage found to declare nothing (the usual case) are left out before sorting.
    for _, path_str in sorted(item for item in inputs.annotations.items()
                              if item[1] not in declared_by or declared_by[item[1]]):
        if path_str in declared_by:
            records = declared_by[path_str]
        elif _may_declare(Path(path_str)):
            records = _declared_records(read_model_file(Path(path_str), AnnotationFile, inputs.display[path_str])[0])
        else:
            continue
        display = inputs.display[path_str]
        for table, index, record_id in records:
            if record_id in declared and record_id not in registry.entities and record_id not in registry.agreements:
                key = "entity_id" if table == "entities" else "agreement_id"
                locator = read_model_file(Path(path_str), AnnotationFile, display)[1]
                line, column = locate(locator, [table, index, key])
                report.add(Issue(display, line, column, "error", "duplicate-id",
                                 f"{record_id!r} is also declared in {declared[record_id]}",
                                 field=f"{table}[{index}].{key}",
                                 hint="declare it once (in the registry) and refer to it elsewhere"))
            declared.setdefault(record_id, display)


def _other_annotation_files(folder: Path, inputs: _Inputs) -> list[Path]:
    """raw/'s annotation files named for no given annotation file, sorted as paths.

    Hidden files (``.name``) are left out, as the build never reads them: a stray editor
    copy must not make validate refuse what the build accepts.
    """
    try:
        listing = folder_listing(folder)  # the build's own listing: regular files, no hidden ones, sorted by name
    except PermissionError:
        return []  # as Path.glob: no readable folder, no files
    return [Path(path) for name, path in listing
            if (split := stem_and_suffix(name))[1] in ANNOTATION_SUFFIXES and split[0] not in inputs.annotations]


def _may_declare(path: Path) -> bool:
    """False when the file cannot declare an entity or agreement, so parsing it again is useless.

    Without the words ``entities`` and ``agreements`` (and without a backslash, which
    could spell a key as an escape) the parsed file's ``entities`` and ``agreements``
    are empty, or it does not parse: either way it declares nothing. Most annotation
    files refer to the registries only, and this spares ``jsec validate`` a second
    YAML parse of each.
    """
    try:
        data = path.read_bytes()
    except OSError:
        return True  # read_model_file reports nothing useful here either; keep its path
    return b"entities" in data or b"agreements" in data or b"\\" in data


def _declared_ids(parsed: AnnotationFile | None) -> Iterable[str]:
    return [record_id for _, _, record_id in _declared_records(parsed)]


def _declared_records(parsed: AnnotationFile | None) -> list[tuple[str, int, str]]:
    if parsed is None:
        return []
    return [("entities", i, e.entity_id) for i, e in enumerate(parsed.entities)] + [
        ("agreements", i, a.agreement_id) for i, a in enumerate(parsed.agreements)]


_REVIEW_LINE = re.compile(rb"^[\"']?review[\"']?[ \t]*:", re.MULTILINE)


def _draft_issue(path: Path, display: str) -> Issue:
    """The warning for an annotation file not yet reviewed, at its ``review:`` line if it has one (found without parsing)."""
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    found = _REVIEW_LINE.search(data)
    line = data.count(b"\n", 0, found.start()) + 1 if found else 1  # (no review: line: the file's top, where it goes)
    return issue(display, "annotation-draft", "the annotations are a draft: no one has checked every record yet",
                 line=line, column=1, field="review",
                 hint="check every record against docs/annotation-guidelines.md, then set `review: reviewed`")


def _quote_balance(text: str, segments: Sequence[Any], display: str) -> list[Issue]:
    from jsec_data.extract.quotes import quote_balance_issues

    paragraphs = split_paragraphs(text)
    kinds = {(s.char_start, s.char_end): s.kind for s in segments}
    wanted = [p for p in paragraphs if kinds.get((p.start, p.end)) not in BOILERPLATE_KINDS]
    issues = []
    for offset, message in quote_balance_issues(text, wanted):
        line, column = line_col(text, offset)
        issues.append(Issue(display, line, column, "warning", "quote-unbalanced", message,
                            hint="check whether a quote mark is missing; a quotation's span excludes its marks"))
    return issues


# ---------------------------------------------------------------------- locating


def _display(path: str, raw: Path, inputs: _Inputs) -> str:
    return inputs.display.get(path, path)


def _rename(issue: Issue, names: dict[str, str], raw: Path, inputs: _Inputs) -> Issue:
    """Point an issue the build located relative to raw/ at the file as the user named it."""
    path = names.get(issue.file)
    if path is not None:
        return _with_file(issue, _display(path, raw, inputs))
    return _relocate(issue, raw, inputs)


def _relocate(issue: Issue, raw: Path, inputs: _Inputs) -> Issue:
    path = str(raw / issue.file)
    return _with_file(issue, inputs.display.get(path, path))


def _with_file(issue: Issue, file: str) -> Issue:
    return Issue(file, issue.line, issue.column, issue.severity, issue.code, issue.message, issue.field, issue.hint)


