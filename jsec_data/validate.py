"""``jsec validate``: every build check, on the files a contributor gives, without writing.

Given article files and/or annotation, metadata and registry files (or folders of
them), :func:`validate_paths` runs the build's own per-article stage
(:func:`~jsec_data.article.process_article_files`) against the current raw/ folder,
with the given files standing in for raw/'s, and adds the checks that only make
sense for a single file (unsafe characters and duplicate keys in YAML, annotation
files for articles that do not exist, unbalanced quote marks). Every problem is
reported, located by file, line, column and field; nothing is ever written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .article import Registry, future_signed_dates, process_article_files
from .models import (
    BOILERPLATE_KINDS,
    AgreementsFile,
    AnnotationFile,
    EntitiesFile,
    MetadataFile,
)
from .rawio import (
    ANNOTATION_SUFFIXES,
    ARTICLE_FILE_RE,
    ArticleSource,
    annotation_path,
    discover_articles,
    load_yaml,
    locate,
    metadata_path,
    read_model_file,
)
from .report import Issue, Report
from .segment import split_paragraphs
from .text import MAX_ARTICLE_BYTES, line_col


class ValidateUsageError(Exception):
    """The command cannot run as asked (a path that does not exist, no raw folder)."""


@dataclass
class _Inputs:
    """The given files, sorted by role; paths map to how the user named them."""

    articles: dict[str, Path] = field(default_factory=dict)
    annotations: dict[str, Path] = field(default_factory=dict)
    metadata: dict[str, Path] = field(default_factory=dict)
    registries: list[Path] = field(default_factory=list)
    display: dict[Path, str] = field(default_factory=dict)


def validate_paths(
    paths: Sequence[Path | str],
    raw_dir: Path | str = "raw",
    *,
    today: dt.date | None = None,
    jobs: int = 1,
) -> Report:
    """Check the given files (or folders) against ``raw_dir``; return every issue found.

    ``jobs`` > 1 checks the articles in that many worker processes (same report).
    Raises :class:`ValidateUsageError` only for usage mistakes (missing path or raw folder).

    >>> validate_paths(["raw/annotations/f4631beb2d4bc712.yaml"]).ok()  # doctest: +SKIP
    True
    """
    raw = Path(raw_dir)
    if not paths:
        raise ValidateUsageError("give at least one file or folder to validate")
    for path in paths:
        if not Path(path).exists():
            raise ValidateUsageError(f"path {str(path)!r} does not exist")
    if not raw.is_dir():
        raise ValidateUsageError(f"raw folder {str(raw)!r} does not exist (pass --raw DIR)")
    today = today or dt.date.today()
    report = Report()
    inputs = _Inputs()
    for path in paths:
        _collect(Path(path), str(path), inputs, report, explicit=True)
    report.checked_files = len(inputs.display)

    from .build import read_registry  # build imports pyarrow: only when validating

    registry, registry_issues = read_registry(raw, today)
    report.extend(_relocate(issue, raw, inputs) for issue in registry_issues)
    for path in inputs.registries:
        _check_registry_file(path, inputs.display[path], raw, report, today)
    raw_sources = {source.article_id: source.path for source in discover_articles(raw)[0]}

    declared: dict[Path, list[tuple[str, int, str]]] = {}  # given annotation file -> what it declares
    jobs_to_run = [job for article_id in sorted(set(inputs.articles) | set(inputs.annotations) | set(inputs.metadata))
                   if (job := _plan_article(article_id, raw, raw_sources, inputs, report)) is not None]
    for job, checked in zip(jobs_to_run, _run_checks(jobs_to_run, registry, today, jobs), strict=True):
        _merge_checked(job, checked, raw, inputs, report)
        if job.annotation is not None and job.annotation in inputs.display and job.annotation in checked.input_files:
            declared[job.annotation] = checked.declared
    _check_declared_elsewhere(raw, inputs, registry, declared, report)
    # An issue can be found twice (e.g. a registry given explicitly and read as the registry).
    report.issues = sorted(set(report.issues), key=lambda i: (i.file, i.line or 0, i.column or 0, i.code, i.message))
    return report


# ---------------------------------------------------------------------- gathering


def _collect(path: Path, display: str, inputs: _Inputs, report: Report, *, explicit: bool) -> None:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                _collect(child, str(Path(display) / child.relative_to(path)), inputs, report, explicit=False)
        return
    suffix = path.suffix.lower()
    if suffix == ".txt":
        _add_article(path, display, inputs, report)
    elif suffix in ANNOTATION_SUFFIXES:
        _add_data_file(path, display, inputs, report)
    elif explicit:
        report.add(_issue(display, "unsupported-file", "not an article (.txt) or a YAML/JSON file",
                          hint="jsec validate reads raw/articles/*.txt and .yaml/.yml/.json files"))


def _add_article(path: Path, display: str, inputs: _Inputs, report: Report) -> None:
    match = ARTICLE_FILE_RE.match(path.name)
    if not match:
        report.add(_issue(display, "article-file-name", "article file name must end in 16 lowercase hex digits and .txt",
                          hint="name it like 005_0123456789abcdef.txt; the digits are the stable article id"))
        inputs.display[path] = display
        return
    article_id = match.group(1)
    if article_id in inputs.articles:
        report.add(_issue(display, "duplicate-article-id",
                          f"article id {article_id} is also used by {inputs.display[inputs.articles[article_id]]}"))
        return
    inputs.articles[article_id] = path
    inputs.display[path] = display


def _add_data_file(path: Path, display: str, inputs: _Inputs, report: Report) -> None:
    """Sort a YAML/JSON file by its folder, name or top-level keys."""
    inputs.display[path] = display
    stem, parent = path.stem, path.parent.name
    if stem in ("entities", "agreements"):
        inputs.registries.append(path)
        return
    value: Any = None
    if parent not in ("annotations", "metadata") or not _is_article_id(stem):
        try:
            value = load_yaml(path.read_bytes()[: 2 * MAX_ARTICLE_BYTES + 1], display)[0]
        except OSError:
            value = None
    keys = set(value) if isinstance(value, dict) else set()
    if parent == "metadata" or (parent != "annotations" and keys and keys <= set(MetadataFile.model_fields)
                                and keys - {"article_id", "notes"}):
        role = "metadata"
    elif parent != "annotations" and keys and (keys <= {"entities"} or keys <= {"agreements"}):
        inputs.registries.append(path)
        return
    else:
        role = "annotations"
    article_id = stem if _is_article_id(stem) else None
    if article_id is None and isinstance(value, dict) and _is_article_id(str(value.get("article_id", ""))):
        article_id = str(value["article_id"])
    if article_id is None:
        # Not attributable to an article: still check the file on its own.
        before = len(report.issues)
        _check_data_file_alone(path, display, AnnotationFile if role == "annotations" else MetadataFile, report)
        if len(report.issues) == before:
            report.add(_issue(display, "unknown-article", "cannot tell which article this file is for",
                              hint="name it <article_id>.yaml or give a valid article_id field"))
        return
    target = inputs.annotations if role == "annotations" else inputs.metadata
    if article_id in target:
        report.add(_issue(display, "duplicate-article-id",
                          f"a second {role} file for article {article_id} (also {inputs.display[target[article_id]]})"))
        return
    target[article_id] = path


def _is_article_id(value: str) -> bool:
    return len(value) == 16 and all(c in "0123456789abcdef" for c in value)


# ----------------------------------------------------------------------- checking


@dataclass(frozen=True)
class _ArticleJob:
    """One article to check, with the files standing in for raw/'s (picklable, for workers)."""

    article_id: str
    article: Path
    annotation: Path | None
    metadata: Path | None
    display: str | None  # how the user named the article file, if given (quote balance is checked then)


@dataclass
class _Checked:
    """What a worker sends back: issues as the build located them, and what the main process needs."""

    issues: list[Issue]
    input_files: list[Path]
    declared: list[tuple[str, int, str]]
    quote_issues: list[Issue]


def _plan_article(article_id: str, raw: Path, raw_sources: dict[str, Path], inputs: _Inputs,
                  report: Report) -> _ArticleJob | None:
    article = inputs.articles.get(article_id) or raw_sources.get(article_id)
    annotation = inputs.annotations.get(article_id) or annotation_path(raw, article_id)
    metadata = inputs.metadata.get(article_id) or metadata_path(raw, article_id)
    given = [p for p in (inputs.annotations.get(article_id), inputs.metadata.get(article_id)) if p is not None]
    if article is None:
        for path in given:
            display = inputs.display[path]
            _check_data_file_alone(path, display, AnnotationFile if path == annotation else MetadataFile, report)
            report.add(_issue(display, "unknown-article", f"no article {article_id} in {raw / 'articles'} or among the given files",
                              hint="add the article file (NNN_<article_id>.txt) or fix the article id"))
        return None
    if article_id in inputs.articles and article_id in raw_sources and raw_sources[article_id].resolve() != article.resolve():
        report.add(_issue(inputs.display[article], "duplicate-article-id",
                          f"article id {article_id} is already used by {raw_sources[article_id]}"))
    return _ArticleJob(article_id, article, annotation, metadata,
                       inputs.display[article] if article_id in inputs.articles else None)


def _check(job: _ArticleJob, registry: Registry, today: dt.date) -> _Checked:
    """The build's per-article stage on one article, plus the quote-balance warnings (a pure function)."""
    result = process_article_files(ArticleSource(job.article_id, str(job.article)), registry, today,
                                   annotation_file=job.annotation, metadata_file=job.metadata)
    quote_issues = []
    if result.article is not None and job.display is not None:
        quote_issues = _quote_balance(result.article.text, result.article.segments, job.display)
    return _Checked(result.issues, result.input_files, result.declared, quote_issues)


def _merge_checked(job: _ArticleJob, checked: _Checked, raw: Path, inputs: _Inputs, report: Report) -> None:
    names = {"articles/" + job.article.name: job.article,
             **({f"annotations/{job.annotation.name}": job.annotation} if job.annotation else {}),
             **({f"metadata/{job.metadata.name}": job.metadata} if job.metadata else {})}
    for issue in checked.issues:
        report.add(_rename(issue, names, raw, inputs))
    if job.annotation is not None and job.annotation not in checked.input_files:
        # The article itself failed, so the build never read the annotations: check them alone.
        _check_data_file_alone(job.annotation, _display(job.annotation, raw, inputs), AnnotationFile, report)
    report.extend(checked.quote_issues)


# Worker-process state, set once per worker (not pickled with every article).
_WORKER_STATE: tuple[Registry, dt.date] | None = None


def _init_worker(registry: Registry, today: dt.date) -> None:
    global _WORKER_STATE
    _WORKER_STATE = (registry, today)


def _worker_check(job: _ArticleJob) -> _Checked:
    assert _WORKER_STATE is not None, "worker not initialised"
    return _check(job, *_WORKER_STATE)


#: Articles per task sent to a worker: big enough that pickling is small next to the work.
_CHUNK = 64


def _run_checks(jobs_to_run: Sequence[_ArticleJob], registry: Registry, today: dt.date, jobs: int) -> Iterator[_Checked]:
    """Each job's result, in order, from this process or ``jobs`` workers."""
    if jobs <= 1 or len(jobs_to_run) <= _CHUNK:
        for job in jobs_to_run:
            yield _check(job, registry, today)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(registry, today)) as pool:
        yield from pool.map(_worker_check, jobs_to_run, chunksize=_CHUNK)


def _check_data_file_alone(path: Path, display: str, model: type[AnnotationFile] | type[MetadataFile], report: Report) -> None:
    """Schema and YAML safety only (when the article is missing or unreadable)."""
    report.extend(read_model_file(path, model, display)[2])


def _check_registry_file(path: Path, display: str, raw: Path, report: Report, today: dt.date) -> None:
    if path.parent.resolve() == raw.resolve():
        return  # read as raw/'s own registry above, with every check
    from .build import read_registry

    if path.stem in ("entities", "agreements"):
        issues = [i for i in read_registry(path.parent, today)[1] if i.file == path.name]
        report.extend(_with_file(i, display) for i in issues)
        return
    model: type[EntitiesFile] | type[AgreementsFile] = AgreementsFile if "agreements" in path.stem else EntitiesFile
    parsed, locator, problems = read_model_file(path, model, display)
    report.extend(problems)
    if isinstance(parsed, AgreementsFile):
        report.extend(future_signed_dates(parsed.agreements, today, display, locator))


def _check_declared_elsewhere(raw: Path, inputs: _Inputs, registry: Registry,
                              declared_by: dict[Path, list[tuple[str, int, str]]], report: Report) -> None:
    """Entities/agreements a given annotation file declares that another annotation file also declares.

    ``declared_by`` holds what the per-article stage found each given file declares;
    a file is parsed again only to locate a duplicate (rare), or when the stage did
    not read it (its article failed).
    """
    if not inputs.annotations:
        return
    declared: dict[str, str] = {}
    others = [p for p in sorted((raw / "annotations").glob("*")) if p.suffix in ANNOTATION_SUFFIXES and p.is_file()]
    given: set[Path] | None = None  # resolved only if needed: one system call per file
    for path in others:
        if path.stem in inputs.annotations:
            continue
        if given is None:
            given = {p.resolve() for p in inputs.annotations.values()}
        if path.resolve() in given or not _may_declare(path):
            continue
        parsed = read_model_file(path, AnnotationFile, path.name)[0]
        for record_id in _declared_ids(parsed):
            declared.setdefault(record_id, f"annotations/{path.name}")
    for _, path in sorted(inputs.annotations.items()):
        if path in declared_by:
            records = declared_by[path]
        elif _may_declare(path):
            records = _declared_records(read_model_file(path, AnnotationFile, inputs.display[path])[0])
        else:
            continue
        for table, index, record_id in records:
            if record_id in declared and record_id not in registry.entities and record_id not in registry.agreements:
                key = "entity_id" if table == "entities" else "agreement_id"
                locator = read_model_file(path, AnnotationFile, inputs.display[path])[1]
                line, column = locate(locator, [table, index, key])
                report.add(Issue(inputs.display[path], line, column, "error", "duplicate-id",
                                 f"{record_id!r} is also declared in {declared[record_id]}",
                                 field=f"{table}[{index}].{key}",
                                 hint="declare it once (in the registry) and refer to it elsewhere"))
            declared.setdefault(record_id, inputs.display[path])


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


def _quote_balance(text: str, segments: Sequence[Any], display: str) -> list[Issue]:
    from .extract import quote_balance_issues

    paragraphs = split_paragraphs(text)
    kinds = {(s.start, s.end): s.kind for s in segments}
    wanted = [p for p in paragraphs if kinds.get((p.start, p.end)) not in BOILERPLATE_KINDS]
    issues = []
    for offset, message in quote_balance_issues(text, wanted):
        line, column = line_col(text, offset)
        issues.append(Issue(display, line, column, "warning", "quote-unbalanced", message,
                            hint="check whether a quote mark is missing; a quotation's span excludes its marks"))
    return issues


# ---------------------------------------------------------------------- locating


def _display(path: Path, raw: Path, inputs: _Inputs) -> str:
    return inputs.display.get(path, str(path))


def _rename(issue: Issue, names: dict[str, Path], raw: Path, inputs: _Inputs) -> Issue:
    """Point an issue the build located relative to raw/ at the file as the user named it."""
    path = names.get(issue.file)
    if path is not None:
        return _with_file(issue, _display(path, raw, inputs))
    return _relocate(issue, raw, inputs)


def _relocate(issue: Issue, raw: Path, inputs: _Inputs) -> Issue:
    path = raw / issue.file
    return _with_file(issue, inputs.display.get(path, str(path)))


def _with_file(issue: Issue, file: str) -> Issue:
    return Issue(file, issue.line, issue.column, issue.severity, issue.code, issue.message, issue.field, issue.hint)


def _issue(file: str, code: str, message: str, *, line: int | None = None, column: int | None = None,
           field: str | None = None, hint: str | None = None, severity: str = "error") -> Issue:
    return Issue(file=file, line=line, column=column, severity=severity,  # type: ignore[arg-type]
                 code=code, message=message, field=field, hint=hint)
