"""``docs/cli.md``: the reference of every ``jsec`` command, generated from the Typer app itself.

Each command's help, usage, arguments and options (with their defaults) come from the
command's own declaration, so the page cannot drift from the code: a test compares the file
with :func:`cli_reference_markdown`. Regenerate it after changing a command::

    python -m jsec_data.release.clidoc docs/cli.md

Exit codes are the one thing the declarations do not say; :data:`EXIT_CODES` holds them, one
line per command, and a test fails when a command has none.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

__all__ = ["EXIT_CODES", "cli_reference_markdown", "write_cli_reference"]

#: What each command's exit codes mean (the convention: 0 success, 1 invalid data, 2 usage error).
EXIT_CODES: dict[str, str] = {
    "build": "0 built; 1 invalid data (every problem listed, the previous output left unchanged) or no space left; "
             "2 usage error (no raw folder, an output that is not a build's); 3 another build is writing the same output",
    "info": "0 shown; 1 the build's files do not match its manifest, or the manifest is not valid JSON; 2 no build there",
    "cite": "0 printed; 1 the build's files do not match its manifest, or it is not a jsec build's; 2 no build there",
    "schema": "0 written (with `--check`: up to date); 1 `--check` found stale schemas; 2 a file cannot be written",
    "publish": "0 uploaded (or listed, with `--dry-run`); 1 the build does not match its manifest, its last build "
               "failed, raw/ changed since, or the upload failed; 2 usage error (a bad `--repo-id`, not a build, no token)",
    "verify": "0 every file matches (and raw/ is what the build read); 1 a mismatch or a change; 2 no build there",
    "validate": "0 valid (with `--strict`: no warning left that raw/waivers.yaml does not waive, no draft); "
                "1 invalid; 2 usage error (a path that does not exist, no raw folder)",
    "extract": "0 draft written; 1 the article cannot be read; 2 usage error (no article file, `--out` exists)",
    "evaluate": "0 measured; 1 no gold-annotated article to score; 2 usage error (no raw folder, no such split)",
    "ingest": "0 every record read; 1 a record was rejected or a file could not be read (the others are ingested); "
              "2 usage error (no `--licence`, no raw folder)",
    "show": "0 written; 1 the page cannot be written; 2 usage error (an unknown article id, no build)",
    "review": "0 written; 1 a page cannot be written; 2 usage error (no build or raw folder)",
    "agreement": "0 compared; 2 usage error (not two sets of raw folders)",
    "silver": "0 drafted; 1 a record was rejected or a file could not be read (the output is written either way); "
              "2 usage error; 3 another run is writing the same output",
}


def _command() -> Any:
    import typer

    from jsec_data.cli import app

    return typer.main.get_command(app)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _rows(params: list[Any], context: Any) -> list[str]:
    """One table row per argument or option, as the command's own ``--help`` writes it (names, help, default)."""
    rows = []
    for param in params:
        record = param.get_help_record(context)
        if record is None or param.name == "help":
            continue
        names, meaning = record
        rows.append(f"| `{names}` | {_cell(meaning)} |")
    return rows


def cli_reference_markdown() -> str:
    """The whole ``docs/cli.md``."""
    group = _command()
    context = group.context_class(group, info_name="jsec")
    lines = ["# Command-line reference", "",
             "Every `jsec` command with its arguments, options and exit codes. Generated from the commands' own "
             "declarations by `python -m jsec_data.release.clidoc docs/cli.md`; a test fails when it is stale. "
             "`python -m jsec_data` runs the same commands where the `jsec` script is not on the PATH.", "",
             "```console", "$ jsec --version", "$ jsec COMMAND --help", "```", "",
             "**Exit codes**, for every command: 0 success, 1 invalid data (the report says why), 2 usage error "
             "(a bad option, a missing folder), 3 another run is writing the same output folder. Data problems are "
             "printed as `file:line:column: severity: message (code)` with a hint; their codes are in "
             "[issue-codes.md](issue-codes.md).", "",
             "| option of `jsec` | meaning |", "| --- | --- |", *_rows(list(group.params), context),
             "| `--help` | Show the commands (or, after one, its options) and exit. |", "",
             "## Commands", "", "| command | what it does |", "| --- | --- |"]
    names = list(group.list_commands(context))
    for name in names:
        command = group.get_command(context, name)
        summary = (command.help or "").split("\n\n")[0]  # the first paragraph of the command's docstring
        lines.append(f"| [`jsec {name}`](#jsec-{name}) | {_cell(summary)} |")
    for name in names:
        command = group.get_command(context, name)
        sub = command.context_class(command, info_name=name, parent=context)
        usage = " ".join(command.collect_usage_pieces(sub))
        lines += ["", f"## `jsec {name}`", "", _cell(command.help or ""), "", "```", f"jsec {name} {usage}".rstrip(), "```", ""]
        rows = _rows(list(command.params), sub)
        if rows:
            lines += ["| argument or option | meaning |", "| --- | --- |", *rows, ""]
        lines.append(f"Exit codes: {EXIT_CODES.get(name, 'see the convention above')}.")
    return "\n".join(lines) + "\n"


def write_cli_reference(path: Path | str) -> bool:
    """Write the reference to ``path``; True when its content changed."""
    path = Path(path)
    text = cli_reference_markdown()
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


if __name__ == "__main__":  # pragma: no cover - `python -m jsec_data.release.clidoc docs/cli.md`
    target = sys.argv[1] if len(sys.argv) > 1 else "docs/cli.md"
    print(f"{target}: {'updated' if write_cli_reference(target) else 'already up to date'}")
