"""docs/cli.md is generated from the commands and current; `python -m jsec_data` and `jsec --version` work."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

import jsec_data
from jsec_data.cli import app
from jsec_data.release.clidoc import EXIT_CODES, cli_reference_markdown

from ..conftest import ROOT

runner = CliRunner()


def test_the_cli_reference_page_is_current() -> None:
    page = ROOT / "docs" / "cli.md"
    assert page.read_text(encoding="utf-8") == cli_reference_markdown(), "run `python -m jsec_data.release.clidoc docs/cli.md`"


def test_the_reference_documents_every_command_option_and_exit_code() -> None:
    import typer

    group = typer.main.get_command(app)
    context = group.context_class(group, info_name="jsec")
    commands = list(group.list_commands(context))
    assert set(EXIT_CODES) == set(commands)  # a new command needs its exit codes
    page = cli_reference_markdown()
    for name in commands:
        assert f"## `jsec {name}`" in page, name
        for param in group.get_command(context, name).params:
            for option in getattr(param, "opts", []):
                if option.startswith("-") and option != "--help":
                    assert f"{option}" in page.split(f"## `jsec {name}`", 1)[1].split("\n## ", 1)[0], (name, option)


def test_version_prints_the_package_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output == f"jsec-data {jsec_data.__version__}\n"


def test_python_dash_m_runs_the_same_commands() -> None:
    version = subprocess.run([sys.executable, "-m", "jsec_data", "--version"], capture_output=True, text=True, check=False)
    assert version.returncode == 0 and version.stdout == f"jsec-data {jsec_data.__version__}\n"
    helped = subprocess.run([sys.executable, "-m", "jsec_data", "validate", "--help"], capture_output=True, text=True,
                            check=False)
    assert helped.returncode == 0 and "--strict" in helped.stdout
    usage = subprocess.run([sys.executable, "-m", "jsec_data", "no-such-command"], capture_output=True, text=True, check=False)
    assert usage.returncode == 2
