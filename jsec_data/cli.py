"""The ``jsec`` command: a thin layer that parses options, calls the library, prints.

Exit codes: 0 success, 1 invalid data (the report says why), 2 usage error (bad
option, missing folder). Library imports happen inside commands so that
``jsec --help`` stays fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

app = typer.Typer(
    name="jsec",
    help="jsec-data: build, inspect and validate the Arabic news corpus on Japan's security partnerships.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _print_json(value: Any) -> None:
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False, default=str))


@app.command()
def build(
    raw: Annotated[Path, typer.Option("--raw", help="Folder with articles/, annotations/, metadata/.")] = Path("raw"),
    out: Annotated[Path, typer.Option("--out", help="Output folder (replaced only when the build succeeds).")] = Path(
        "dataset"
    ),
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Build the validated Parquet tables from raw/."""
    from .build import BuildError, build_dataset

    try:
        with _progress(enabled=not as_json) as progress:
            result = build_dataset(raw, out, progress=progress)
    except BuildError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
    if as_json:
        _print_json({"ok": result.ok, "out_dir": str(result.out_dir), "row_counts": result.row_counts,
                     "report": result.report.to_dict()})
    else:
        for issue in result.report:
            typer.echo(issue.format(), err=True)
        if result.ok:
            counts = ", ".join(f"{name} {rows}" for name, rows in result.row_counts.items())
            typer.echo(f"built {result.out_dir} ({counts})")
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
    from .load import data_dir, manifest

    folder = data_dir(path)
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
    for name, table in found.get("tables", {}).items():
        typer.echo(f"  {name:<20} {table['rows']:>8} rows  {table['path']}")


@app.command()
def schema(
    out: Annotated[Path, typer.Option("--out", help="Folder for the JSON Schemas.")] = Path("schema"),
    check: Annotated[bool, typer.Option("--check", help="Only check that the folder is up to date.")] = False,
    readme: Annotated[
        Path | None, typer.Option("--readme", help="Also refresh this README's table reference.")
    ] = None,
) -> None:
    """Write the JSON Schemas of every table and raw file format (derived from the models)."""
    from .schema import stale_schemas, update_readme_reference, write_schemas

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


class _progress:
    """A rich progress bar on a terminal; a no-op callback otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self._bar: Any = None

    def __enter__(self) -> Any:
        if not self.enabled:
            return None
        from rich.progress import Progress

        self._bar = Progress(transient=True, console=None)
        self._bar.__enter__()
        task = self._bar.add_task("building", total=None)

        def update(done: int, total: int) -> None:
            self._bar.update(task, completed=done, total=total)

        return update

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
