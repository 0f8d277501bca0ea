"""The `jsec show` and `jsec review` commands (skipped until they are wired into jsec_data/cli.py), and the
package data the pages need."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from ..conftest import MINI_RAW, ROOT

TEMPLATES = ROOT / "jsec_data" / "review" / "templates"


def _app(command: str) -> typer.Typer:
    from jsec_data.cli import app

    names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    if command not in names:
        pytest.skip(f"`jsec {command}` is not wired into jsec_data/cli.py yet (docs/review.md)")
    return app


def test_templates_are_package_data() -> None:
    tomllib = pytest.importorskip("tomllib")
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["jsec_data"]
    missing = [f"review/templates/{p.name}" for p in sorted(TEMPLATES.iterdir())
               if not any(fnmatch.fnmatchcase(f"review/templates/{p.name}", g) for g in globs)]
    assert not missing, f"add 'review/templates/*.html' and 'review/templates/*.css' to [tool.setuptools.package-data]: {missing}"


def test_show_writes_a_page(tmp_path: Path) -> None:
    app = _app("show")
    out = tmp_path / "page.html"
    run = CliRunner().invoke(app, ["show", "1e0cd23aaef11339", "--html", str(out)])
    assert run.exit_code == 0, run.output
    assert 'id="1e0cd23aaef11339-q1"' in out.read_text(encoding="utf-8")
    run = CliRunner().invoke(app, ["show", "0123456789abcdef", "--raw", str(MINI_RAW)])
    assert run.exit_code == 0 and "quote-unbalanced" in run.stdout
    run = CliRunner().invoke(app, ["show", "1e0cd23aaef11338"])
    assert run.exit_code == 2 and "did you mean 1e0cd23aaef11339" in run.output


def test_review_writes_a_site(tmp_path: Path) -> None:
    app = _app("review")
    run = CliRunner().invoke(app, ["review", "--out", str(tmp_path / "site")])
    assert run.exit_code == 0, run.output
    from jsec_data.load import load_table

    articles = load_table("articles").column("article_id").to_pylist()  # the installed tables: one page each
    assert (tmp_path / "site" / "index.html").is_file()
    assert sorted(p.stem for p in (tmp_path / "site").glob("*.html") if p.stem != "index") == sorted(articles)
