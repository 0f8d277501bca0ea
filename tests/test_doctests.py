"""The examples in the package's docstrings and in the README's tour run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import jsec_data

MODULES = sorted(info.name.removeprefix("jsec_data.") for info in pkgutil.walk_packages(jsec_data.__path__, "jsec_data."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"jsec_data.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0


def test_some_examples_run() -> None:
    attempted = sum(doctest.testmod(importlib.import_module(f"jsec_data.{name}"), verbose=False).attempted
                    for name in ("raw.blockyaml", "core.text", "core.anchor", "article.segment"))
    assert attempted >= 10


def _readme_tour() -> str:
    """The tour's ```python blocks, every other line of README.md blanked so line numbers match."""
    lines = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8").splitlines()
    kept, in_tour, in_block = [], False, False
    for line in lines:
        in_tour = (in_tour or line.startswith("<!-- tour:start")) and not line.startswith("<!-- tour:end")
        if in_block and line.startswith("```"):
            in_block = False
        elif in_tour and line == "```python":
            in_block = True
            line = ""
        kept.append(line if in_block else "")
    return "\n".join(kept)


def test_the_readme_tour_runs_as_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Run from an empty folder (the tour writes a page there) with a private datasets cache.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf-cache"))
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    source = _readme_tour()
    test = doctest.DocTestParser().get_doctest(source, {}, "README.md tour", "README.md", 0)
    assert len(test.examples) >= 10, "the tour's ```python blocks were not found"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    output: list[str] = []
    runner.run(test, out=output.append)
    assert runner.failures == 0, "".join(output)
    assert 'class="qt"' in (tmp_path / "page.html").read_text(encoding="utf-8")  # a quotation is marked
