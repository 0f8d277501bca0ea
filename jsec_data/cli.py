"""The ``jsec`` command: a thin layer that parses options, calls the library, prints.

Exit codes: 0 success, 1 invalid data (the report says why), 2 usage error (bad
option, missing folder). Library imports happen inside commands so that
``jsec --help`` stays fast.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

app = typer.Typer(
    name="jsec",
    help="jsec-data: build, inspect and validate the Arabic news corpus on Japan's security partnerships.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    # Plain help text: rich's help formatter imports a Markdown parser, about a
    # third of `jsec --help`'s time.
    rich_markup_mode=None,
)

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _print_json(value: Any) -> None:
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False, default=str))


def _show_version(value: bool) -> None:
    if value:
        from jsec_data import __version__

        typer.echo(f"jsec-data {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                                help="Print the version of jsec-data and exit.")] = False) -> None:
    """jsec-data: build, inspect and validate the Arabic news corpus on Japan's security partnerships."""


WorkersOption = Annotated[int | None, typer.Option(
    "--workers", min=1, help="Run on Dask: start a local Dask cluster of N worker processes (needs jsec-data[dask]).")]
SchedulerOption = Annotated[str | None, typer.Option(
    "--scheduler", help="Run on an existing Dask cluster: its scheduler's address, e.g. tcp://10.0.0.5:8786.")]


def _parallelism(jobs: int, workers: int | None, scheduler: str | None) -> Any:
    """The executor options (local processes, or Dask); a usage error exits 2."""
    from jsec_data.core.errors import UsageError
    from jsec_data.core.executor import Parallelism

    try:
        return Parallelism(jobs=jobs, workers=workers, scheduler=scheduler)
    except UsageError as exc:
        _fail(str(exc))


@app.command()
def build(
    raw: Annotated[Path, typer.Option("--raw", help="Folder with articles/, annotations/, metadata/.")] = Path("raw"),
    out: Annotated[Path, typer.Option("--out", help="Output folder (replaced only when the build succeeds).")] = Path(
        "dataset"
    ),
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, show_default="the CPUs this process may use",
                     help="Worker processes for the per-article stage (output is identical; 1: no workers)."),
    ] = None,
    evaluate: Annotated[
        bool, typer.Option("--evaluate", help="Also score the extractor on the gold test split (raw/splits.yaml), for the dataset card.")
    ] = False,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Process every article again: neither read nor write "
                                           "the build cache (.jsec-cache/ beside --out).")] = False,
) -> None:
    """Build the validated Parquet tables from raw/."""
    from jsec_data.build.cachedir import default_cache_dir, keeps_a_figure
    from jsec_data.release.plot import early_figure_process

    # Before the imports below (about 0.3 s on one core): the figure process imports
    # matplotlib meanwhile, on the core they leave idle. Not when the cache keeps a figure:
    # a rebuild mostly copies it, and the process would take that core from the build.
    figure = None if not no_cache and keeps_a_figure(default_cache_dir(out)) else early_figure_process(raw)
    try:
        from jsec_data.article.stage import usable_cpus
        from jsec_data.build.dataset import build_dataset
        from jsec_data.core.errors import JsecError

        evaluation = None
        if evaluate:  # measured before the build, which puts it in the card (the build never runs the extractor)
            from jsec_data.evaluate import card_markdown

            evaluation = card_markdown(raw)
        try:
            with _progress(not as_json, "building", _build_bar) as progress:
                parallel = _parallelism(jobs or usable_cpus(), workers, scheduler)
                result = build_dataset(raw, out, progress=progress, evaluation=evaluation, figure=figure,
                                       jobs=parallel if parallel.dask else parallel.jobs, cache=not no_cache)
        except JsecError as exc:  # a bad path (2), an output that is not the build's or a full disk (1), locked (3)
            _fail(str(exc), exc.exit_code)
        except OSError as exc:
            _fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
    finally:
        if figure:
            figure.close()  # (done already when the build used it)
    report = result.report.under(raw)  # files as the contributor opens them from here, as `jsec validate` names them
    if as_json:
        _print_json({"ok": result.ok, "out_dir": str(result.out_dir), "row_counts": result.row_counts,
                     "cache": result.cache.to_dict() if result.cache else None, "report": report.to_dict()})
    else:
        for issue in report:
            typer.echo(issue.format(), err=True)
        if result.ok:
            counts = ", ".join(f"{name} {rows}" for name, rows in result.row_counts.items())
            typer.echo(f"built {result.out_dir} ({counts})")
            if result.cache:
                typer.echo(f"cache {result.cache.folder}: {result.cache.reused:,} article(s) reused, "
                           f"{result.cache.processed:,} processed"
                           + (f", {result.cache.ignored} damaged pack(s) ignored" if result.cache.ignored else "")
                           + (f"; unchanged, copied: {', '.join(result.cache.copied)}" if result.cache.copied else ""), err=True)
        else:
            errors = len(result.report.errors)
            typer.echo(f"build failed: {errors} error(s); {result.out_dir} was left unchanged", err=True)
    raise typer.Exit(EXIT_OK if result.ok else EXIT_INVALID)


@app.command()
def info(
    path: Annotated[
        Path | None, typer.Option("--path", help="Build folder to describe (default: the installed tables).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Show the tables, their row counts, the version and where the data is."""
    from jsec_data.load import data_dir, manifest

    folder = data_dir(path)
    _verify_first(folder)
    try:
        found = manifest(folder)
    except FileNotFoundError as exc:
        _fail(str(exc))
    except ValueError as exc:
        _fail(f"{folder / 'manifest.json'} is not valid JSON: {exc}", EXIT_INVALID)
    if as_json:
        _print_json({"data_dir": str(folder.resolve()), **found})
        return
    typer.echo(f"jsec-data {found.get('version')}  ({folder.resolve()})")
    from jsec_data.core.tables import TABLE_NAMES

    tables = found.get("tables", {})
    # The dataset's own table order, then anything else a newer build may hold.
    for name in [*[t for t in TABLE_NAMES if t in tables], *sorted(set(tables) - set(TABLE_NAMES))]:
        typer.echo(f"  {name:<20} {tables[name]['rows']:>8} rows  {tables[name]['path']}")


@app.command()
def cite(
    path: Annotated[
        Path | None, typer.Option("--path", help="Build folder to cite (default: the installed tables).")
    ] = None,
) -> None:
    """Print the BibTeX entry for the data: its version and a checksum of its content."""
    from jsec_data.load import citation, data_dir

    _verify_first(data_dir(path))
    try:
        typer.echo(citation(path))
    except FileNotFoundError as exc:
        _fail(str(exc))
    except (ValueError, KeyError) as exc:
        _fail(f"the manifest in {path or 'the installed tables'} is not a jsec build's: {exc}", EXIT_INVALID)


@app.command()
def schema(
    out: Annotated[Path, typer.Option("--out", help="Folder for the JSON Schemas.")] = Path("schema"),
    check: Annotated[bool, typer.Option("--check", help="Only check that the folder is up to date.")] = False,
    readme: Annotated[
        Path | None, typer.Option("--readme", help="Also refresh this README's table reference.")
    ] = None,
    codes: Annotated[
        Path | None, typer.Option("--codes", help="Also write the issue-code page here (docs/issue-codes.md).")
    ] = None,
) -> None:
    """Write the JSON Schemas of every table and raw file format (derived from the models)."""
    from jsec_data.release.schemas import stale_schemas, update_readme_reference, write_issue_codes, write_schemas

    if check:
        stale = stale_schemas(out)
        if stale:
            _fail(f"{out} is stale ({', '.join(stale)}); run `jsec schema`", EXIT_INVALID)
        typer.echo(f"{out} is up to date")
        return
    paths = write_schemas(out)
    typer.echo(f"wrote {len(paths)} schemas to {out}")
    if readme is not None:
        try:
            changed = update_readme_reference(readme)
        except (OSError, ValueError) as exc:
            _fail(str(exc))
        typer.echo(f"{readme}: table reference {'updated' if changed else 'already up to date'}")
    if codes is not None:
        try:
            changed = write_issue_codes(codes)
        except OSError as exc:
            _fail(str(exc))
        typer.echo(f"{codes}: issue codes {'updated' if changed else 'already up to date'}")


@app.command()
def publish(
    repo_id: Annotated[str, typer.Option("--repo-id", help="Hub dataset repository, ORG/NAME.")],
    path: Annotated[Path, typer.Option("--path", help="Build folder to upload.")] = Path("dataset"),
    revision: Annotated[str | None, typer.Option("--revision", help="Branch to commit to (default: main).")] = None,
    private: Annotated[bool, typer.Option("--private", help="Create the repository as private.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only print what would be uploaded.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    raw: Annotated[Path | None, typer.Option("--raw", help="The raw folder the build was made from: refused if it changed since.",
                                             show_default="the raw/ beside the build folder, if any")] = None,
) -> None:
    """Upload a build to the Hugging Face Hub in one commit tagged with the dataset version."""
    from jsec_data.core.errors import PublishError, PublishUsageError
    from jsec_data.release.publish import plan_publish
    from jsec_data.release.publish import publish as publish_plan

    _verify_first(path, every_file=True)
    try:
        plan = plan_publish(path, repo_id, revision=revision, private=private, raw_dir=raw)
    except PublishError as exc:  # a bad request (2); a failed last build, raw/ changed since (1)
        _fail(str(exc), exc.exit_code)
    if dry_run:
        if as_json:
            _print_json({"dry_run": True, **plan.to_dict()})
            return
        typer.echo(f"dry run: would upload {len(plan.files)} files ({plan.total_bytes} bytes) from {plan.folder}")
        typer.echo(f"  to {plan.repo_type} repo {plan.repo_id}, revision {plan.revision}, tag {plan.tag}, "
                   f"{'private' if plan.private else 'public'} if created")
        typer.echo(f"  commit message: {plan.commit_message}")
        for file in plan.files:
            typer.echo(f"  {file.sha256}  {file.size:>10}  {file.path}")
        return
    try:
        result = publish_plan(plan)
    except PublishUsageError as exc:
        _fail(str(exc))
    except PublishError as exc:
        _fail(str(exc), EXIT_INVALID)
    if as_json:
        _print_json({"dry_run": False, "repo_url": result.repo_url, "commit_url": result.commit_url,
                     "commit": result.commit_oid, "tag": result.tag})
    else:
        typer.echo(f"published {plan.repo_id} {result.tag}: {result.commit_url}")


@app.command()
def verify(
    path: Annotated[Path | None, typer.Argument(help="Build folder to check (default: the installed tables).",
                                                show_default=False)] = None,
    raw: Annotated[Path | None, typer.Option("--raw", help="Also check that this raw folder is what the build read.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Check every file of a build against its manifest.json and SHA256SUMS (and, with --raw, its inputs)."""
    from jsec_data.build.output import read_failure
    from jsec_data.load import data_dir
    from jsec_data.release.verify import raw_changes, verify_build

    folder = data_dir(path)
    if not (folder / "manifest.json").is_file():
        _fail(f"no manifest at {folder / 'manifest.json'}: not a jsec build")
    if raw is not None and not raw.is_dir():
        _fail(f"raw folder {str(raw)!r} does not exist")
    result = verify_build(folder)
    changes = raw_changes(folder, raw) if raw is not None else []
    failed = read_failure(folder)
    if as_json:
        _print_json({"folder": str(folder), "ok": result.ok and not changes, "files": len(result.files),
                     "mismatches": [m._asdict() for m in result.mismatches], "raw_changes": changes,
                     "last_build_failed": failed})
    else:
        for mismatch in result.mismatches:
            typer.echo(f"{folder / mismatch.path}: {mismatch.problem}: {mismatch.detail}", err=True)
        for change in changes:
            typer.echo(f"{raw}/{change}", err=True)
        if failed is not None:
            typer.echo(f"note: the last build into {folder} failed ({failed.get('reason', 'see its record')}); "
                       "this is the build before it", err=True)
        if result.ok and not changes:
            typer.echo(f"{folder}: {len(result.files)} files match manifest.json and SHA256SUMS"
                       + (f"; {raw} is what it was built from" if raw is not None else ""))
        else:
            typer.echo(f"{folder}: {len(result.mismatches) + len(changes)} problem(s)", err=True)
    raise typer.Exit(EXIT_OK if result.ok and not changes else EXIT_INVALID)


def _verify_first(folder: Path, *, every_file: bool = False) -> None:
    """Refuse (exit 1, naming the files) a build folder whose files do not match its manifest.json and SHA256SUMS.

    A folder without a manifest is left to the command (it says so). ``every_file``: files the
    build did not write are refused too (what would be published); else they are ignored, as loading does.
    """
    if not (folder / "manifest.json").is_file():
        return
    from jsec_data.release.verify import VerificationError, require_verified

    try:
        require_verified(folder, extras=every_file)
    except VerificationError as exc:
        _fail(str(exc), EXIT_INVALID)


class OutputFormat(str, Enum):
    """How a command prints its result."""

    text = "text"
    json = "json"


FormatOption = Annotated[OutputFormat, typer.Option("--format", help="text (default) or json.")]


class ReportFormat(str, Enum):
    """How ``jsec validate`` prints its report."""

    text = "text"
    json = "json"
    github = "github"  # GitHub Actions annotations on the files' lines


ReportFormatOption = Annotated[
    ReportFormat, typer.Option("--format", help="text (default), json, or github (GitHub Actions annotations).")
]


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Article files, annotation/metadata/registry files or folders.")],
    raw: Annotated[Path | None, typer.Option("--raw", help="The raw folder to check against.",
                                             show_default="the raw folder holding the first path, else ./raw")] = None,
    output: ReportFormatOption = ReportFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too (unreviewed drafts included), "
                                         "except those raw/waivers.yaml waives.")] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, show_default="the CPUs this process may use",
                     help="Worker processes for checking articles (same report; 1: no workers)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON (the same as --format json).")] = False,
) -> None:
    """Run every build check on the given files, against raw/; writes nothing."""
    from jsec_data.article.stage import usable_cpus  # not .build: validating needs no pyarrow
    from jsec_data.core.errors import ValidateUsageError
    from jsec_data.validate import validate_paths

    try:
        report = validate_paths(paths, raw, jobs=jobs or usable_cpus())
    except ValidateUsageError as exc:
        _fail(str(exc))
    ok = report.ok(strict=strict)
    if as_json or output is ReportFormat.json:
        _print_json({**report.to_dict(), "valid": ok, "strict": strict})
    else:  # every issue, then the waived warnings (as notices on GitHub), then a summary line
        for line in report.lines(github=output is ReportFormat.github, strict=strict):
            typer.echo(line)
    raise typer.Exit(EXIT_OK if ok else EXIT_INVALID)


@app.command()
def extract(
    article: Annotated[Path, typer.Argument(help="The article file (NNN_<article_id>.txt).")],
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Write the draft here instead of standard output.")] = None,
    raw: Annotated[Path | None, typer.Option("--raw", help="Raw folder whose entities and agreements are known.",
                                             show_default="the raw folder holding the article, else ./raw")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --out if it exists.")] = False,
) -> None:
    """Draft an annotation file for an article (rule-based; check every record)."""
    from jsec_data.extract.draft import extract_file
    from jsec_data.raw.files import find_raw_dir

    if not article.is_file():
        _fail(f"article file {str(article)!r} does not exist")
    if out is not None and out.exists() and not force:
        _fail(f"{out} exists; pass --force to overwrite it")
    if raw is not None and not raw.is_dir():
        _fail(f"raw folder {str(raw)!r} does not exist (pass --raw DIR)")
    elif raw is None:
        raw = find_raw_dir(article)
        if raw is None:
            typer.echo("warning: no raw folder found (the article is not inside one and there is no ./raw): "
                       "drafting without the entity and agreement registries; pass --raw DIR to use them", err=True)
    draft = extract_file(article, raw)
    for issue in draft.report:
        typer.echo(issue.format(), err=True)
    if draft.data is None:
        raise typer.Exit(EXIT_INVALID)
    if out is None:
        typer.echo(draft.to_yaml(), nl=False)
    else:
        try:
            out.write_text(draft.to_yaml(), encoding="utf-8")
        except OSError as exc:
            _fail(f"cannot write {out}: {exc.strerror}")
        counts = {k: len(draft.data[k]) for k in ("quotations", "agreement_mentions", "entities", "agreements")}
        typer.echo(f"wrote {out} (" + ", ".join(f"{v} {k}" for k, v in counts.items()) + ")", err=True)


@app.command()
def evaluate(
    raw: Annotated[Path, typer.Option("--raw", help="Raw folder with gold annotations.")] = Path("raw"),
    output: FormatOption = OutputFormat.text,
    split: Annotated[str | None, typer.Option("--split", help="Only this split's articles (dev, test) of the "
                                              "splits file; those not in --raw are listed as not found.")] = None,
    splits: Annotated[Path | None, typer.Option("--splits", help="The splits file.",
                                                show_default="RAW/splits.yaml, else ./raw/splits.yaml")] = None,
    full_registry: Annotated[bool, typer.Option("--full-registry", help="With --split: give the drafter the whole "
                                                "registry (by default what only the split's gold uses is withheld, "
                                                "as a contributor adding those articles would find it).")] = False,
) -> None:
    """Measure `jsec extract` against the gold annotations: P/R/F1 per layer, speaker, cue and link accuracy, wrong speakers by kind."""
    from jsec_data.evaluate import SPLITS_NAME, SplitError, evaluate_extractor, format_table

    if not raw.is_dir():
        _fail(f"raw folder {str(raw)!r} does not exist (pass --raw DIR)")
    if split is not None and splits is None:
        splits = next((p for p in (raw / SPLITS_NAME, Path("raw") / SPLITS_NAME) if p.is_file()), raw / SPLITS_NAME)
    try:
        result = evaluate_extractor(raw, split=split, splits=splits, full_registry=full_registry)
    except SplitError as exc:
        _fail(str(exc), exc.exit_code)
    if output is OutputFormat.json:
        _print_json(result.to_dict())
    else:
        typer.echo(format_table(result))
    if not result.articles:
        _fail(f"no gold-annotated article to score in {str(raw)!r}"
              + (f" (split {split!r}: see the articles listed as not found)" if split else ""), EXIT_INVALID)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Data files or folders: JSON arrays, JSON Lines or Parquet, "
                                                     "plain or gzip-compressed.", show_default=False)],
    raw: Annotated[Path, typer.Option("--raw", help="The raw folder to add the articles to.")] = Path("raw"),
    licence: Annotated[str | None, typer.Option("--licence", help="SPDX id of the records' licence (required: "
                                                "CC-BY-NC-SA-4.0 for SaudiNewsNet).")] = None,
    attribution: Annotated[str | None, typer.Option("--attribution", help="Attribution text for these records.")] = None,
    field: Annotated[list[str] | None, typer.Option("--field", help="NAME=SOURCE_FIELD: which source field gives "
                                                    "text, url, title, outlet, byline, retrieved or published "
                                                    "(repeatable; NAME= unmaps).")] = None,
    mapping: Annotated[Path | None, typer.Option("--mapping", help="A YAML or JSON file of NAME: SOURCE_FIELD.")] = None,
    keep_all: Annotated[bool, typer.Option("--all", help="Keep every record, on topic or not.")] = False,
    min_score: Annotated[float | None, typer.Option("--min-score", help="Relevance threshold (default: the "
                                                    "measured one, docs/relevance.md).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Read and report; write nothing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
) -> None:
    """Add the on-topic records of a news corpus to raw/ as articles, with provenance (docs/ingest.md)."""
    from jsec_data.core.errors import JsecError
    from jsec_data.ingest import ingest as run_ingest
    from jsec_data.ingest import load_mapping

    if not dry_run and not raw.is_dir():
        _fail(f"raw folder {str(raw)!r} does not exist (pass --raw DIR)")
    try:
        chosen = load_mapping(field or (), mapping)
        with _progress(not as_json, "ingesting", _ingest_bar) as progress:
            report = run_ingest(paths, raw, mapping=chosen, licence=licence, attribution=attribution,
                                keep_all=keep_all, min_score=min_score, dry_run=dry_run, progress=progress)
    except JsecError as exc:
        _fail(str(exc), exc.exit_code)
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        for problem in report.issues:
            typer.echo(problem.format(), err=True)
        for kept in report.kept_articles:
            typer.echo(f"kept {kept.article_id} ({kept.file}) from {kept.source}")
        typer.echo(report.summary())
    raise typer.Exit(report.exit_code)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="The article's id.", show_default=False)],
    out: Annotated[Path | None, typer.Option("--html", help="Write the page here (default: standard output).")] = None,
    data: Annotated[Path | None, typer.Option("--path", help="Build folder (default: the installed tables).")] = None,
    raw: Annotated[Path | None, typer.Option("--raw", help="Read the article from this raw folder instead of a build, "
                                             "with the problems the build would find.")] = None,
) -> None:
    """One article as an HTML page with its annotations highlighted (docs/review.md)."""
    from jsec_data.core.errors import JsecError
    from jsec_data.review import render_article

    try:
        page = render_article(article_id, data=data, raw_dir=raw)
    except JsecError as exc:
        _fail(str(exc), exc.exit_code)
    if out is None:
        typer.echo(page, nl=False)
        return
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write {out}: {exc.strerror}", EXIT_INVALID)
    typer.echo(f"wrote {out}", err=True)


@app.command()
def review(
    out: Annotated[Path, typer.Option("--out", help="Folder for the pages (created if needed).")] = Path("review"),
    data: Annotated[Path | None, typer.Option("--path", help="Build folder (default: the installed tables).")] = None,
    raw: Annotated[Path | None, typer.Option("--raw", help="Read the articles from this raw folder instead of a build.")] = None,
) -> None:
    """A page per article and an index, to read annotations in a browser without offsets (docs/review.md)."""
    from jsec_data.core.errors import JsecError
    from jsec_data.review import write_review_site

    try:
        written = write_review_site(out, data=data, raw_dir=raw)
    except JsecError as exc:
        _fail(str(exc), exc.exit_code)
    except OSError as exc:
        _fail(f"cannot write {out}: {exc.strerror}", EXIT_INVALID)
    typer.echo(f"wrote {len(written) - 1} article page(s) and {written[0]}")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
             options_metavar="A_DIR... --against B_DIR... [OPTIONS]")
def agreement(
    ctx: typer.Context,
    output: FormatOption = OutputFormat.text,
) -> None:
    """Agreement between two annotation passes: A_DIR... --against B_DIR... (raw folders; docs/agreement.md)."""
    from jsec_data.agreement import compare_passes, split_pass_arguments

    try:
        pass_a, pass_b = split_pass_arguments(ctx.args)
    except ValueError as exc:
        _fail(str(exc))
    missing = [p for p in (*pass_a, *pass_b) if not (p / "articles").is_dir()]
    if missing:
        _fail(f"{missing[0]} is not a raw folder (no articles/ in it)")
    try:
        result = compare_passes(pass_a, pass_b)
    except ValueError as exc:
        _fail(str(exc))
    if output is OutputFormat.json:
        _print_json(result.to_dict())
    else:
        typer.echo(result.markdown())


@app.command()
def silver(
    paths: Annotated[list[Path], typer.Argument(help="Data files or folders: JSON arrays, JSON Lines or Parquet, "
                                                     "plain or gzip-compressed.", show_default=False)],
    out: Annotated[Path, typer.Option("--out", help="The silver output folder (replaced only by a silver run).")] = Path(
        "silver"),
    licence: Annotated[str | None, typer.Option("--licence", help="SPDX id of the records' licence (required: "
                                                "CC-BY-NC-SA-4.0 for SaudiNewsNet).")] = None,
    attribution: Annotated[str | None, typer.Option("--attribution", help="Attribution text for these records.")] = None,
    field: Annotated[list[str] | None, typer.Option("--field", help="NAME=SOURCE_FIELD, as for jsec ingest (repeatable).")] = None,
    mapping: Annotated[Path | None, typer.Option("--mapping", help="A YAML or JSON file of NAME: SOURCE_FIELD.")] = None,
    keep_all: Annotated[bool, typer.Option("--all", help="Draft every record, on topic or not.")] = False,
    min_score: Annotated[float | None, typer.Option("--min-score", help="Relevance threshold (default: the "
                                                    "measured one, docs/relevance.md).")] = None,
    registry: Annotated[Path | None, typer.Option("--registry", help="Raw folder whose entities.yaml and agreements.yaml "
                                                  "the drafter uses (read only).", show_default="./raw if it exists")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, show_default="the CPUs this process may use",
                                             help="Local worker processes (same output; 1: no workers).")] = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    evaluation: Annotated[Path | None, typer.Option("--evaluation", help="The JSON of `jsec evaluate --split test "
                                                    "--format json`, for the card's precision section.")] = None,
    shard_articles: Annotated[int, typer.Option("--shard-articles", min=1, help="Kept articles per output shard "
                                                "(and per draft task).")] = 2048,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Draft a whole corpus with the extractor: silver tables in the gold schemas, machine-made (docs/scale.md)."""
    from jsec_data.article.stage import usable_cpus
    from jsec_data.core.errors import JsecError
    from jsec_data.ingest import load_mapping
    from jsec_data.silver import read_evaluation
    from jsec_data.silver import silver as run_silver

    if registry is None and (Path("raw") / "entities.yaml").is_file():
        registry = Path("raw")
    measured = None
    if evaluation is not None:
        try:
            measured, warnings = read_evaluation(evaluation)
        except JsecError as exc:
            _fail(str(exc), exc.exit_code)
        for warning in warnings:
            typer.echo(f"warning: {warning}", err=True)
    parallel = _parallelism(jobs or usable_cpus(), workers, scheduler)

    def report(step: Any) -> None:
        if not as_json:
            typer.echo(f"{step.phase}: {step.done}/{step.total}", err=True)

    try:
        result = run_silver(paths, out, licence=licence, mapping=load_mapping(field or (), mapping),
                            attribution=attribution, keep_all=keep_all, min_score=min_score, registry_dir=registry,
                            parallel=parallel, evaluation=measured, progress=report, shard_articles=shard_articles)
    except JsecError as exc:
        _fail(str(exc), exc.exit_code)
    summary = result.summary
    if as_json:
        _print_json(summary)
    else:
        counts = summary["counts"]
        rows = ", ".join(f"{name} {entry['rows']:,}" for name, entry in summary["tables"].items())
        typer.echo(f"read {counts['read']:,}, kept {counts['kept']:,}, near-copies {counts['near_copies']:,}, "
                   f"duplicates {counts['duplicates']:,}, off-topic {counts['off_topic']:,}, rejected {counts['rejected']:,}")
        typer.echo(f"wrote {result.out_dir} ({rows}); {summary['issues']['errors']:,} error(s), "
                   f"{summary['issues']['warnings']:,} warning(s) in {summary['issues']['file']}")
    raise typer.Exit(result.exit_code)


class _progress:
    """A rich progress bar on a terminal, with the callback ``make(bar, task)`` builds; None otherwise."""

    def __init__(self, enabled: bool, label: str, make: Callable[[Any, Any], Callable[..., None]]) -> None:
        self.enabled, self.label, self.make = enabled and sys.stderr.isatty(), label, make
        self._bar: Any = None

    def __enter__(self) -> Any:
        if not self.enabled:
            return None
        from rich.progress import Progress

        self._bar = Progress(transient=True, console=None)
        self._bar.__enter__()
        return self.make(self._bar, self._bar.add_task(self.label, total=None))

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)


def _build_bar(bar: Any, task: Any) -> Callable[[int, int], None]:
    return lambda done, total: bar.update(task, completed=done, total=total)


def _ingest_bar(bar: Any, task: Any) -> Callable[[Any], None]:
    return lambda step: bar.update(task, completed=step.bytes_done, total=step.bytes_total or None,
                                   description=f"ingesting ({step.records_read:,} read, {step.kept:,} kept)")


def main() -> None:
    """Console-script entry point."""
    _one_blas_thread()
    if sys.argv[1:2] == ["build"]:
        # The build converts plain lists to Arrow; pyarrow would import pandas (0.25-0.5 s) only to
        # recognise pandas objects. This process is jsec's own (not a library user's), so refuse it.
        from jsec_data.core.executor import skip_pandas

        skip_pandas()
    try:
        app()
    finally:
        # The command is over and the process ends: without this, the interpreter's last garbage collections
        # would walk every object the command made (about 40 ms after a 10,000-article build). Everything the
        # command wrote is closed by then (written atomically: docs/scale.md).
        gc.freeze()


def _one_blas_thread() -> None:
    """No BLAS thread pool: jsec does no linear algebra, but numpy (imported by pyarrow) starts
    OpenBLAS threads that spin for a while after starting, about 0.1 s of a core per process,
    taken from the build's workers. Set before numpy's import; a value the user set is kept."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


if __name__ == "__main__":  # pragma: no cover
    main()
