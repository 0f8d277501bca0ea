"""The package's shape: stages import each other only through public names, and the build stays
free of the extractor and the evaluation."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "jsec_data"


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) for every ``from jsec_data... import name`` in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.module, alias.name) for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("jsec_data")
            for alias in node.names]


def test_no_private_name_crosses_a_subpackage() -> None:
    crossings = []
    for path in PACKAGE.rglob("*.py"):
        here = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        for module, name in _imports(path):
            if name.startswith("_") and not name.startswith("__") and _stage(module) != _stage(here):
                crossings.append(f"{here} imports {module}.{name}")
    assert not crossings


def test_no_module_is_longer_than_700_lines() -> None:
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 700}
    assert not long


def test_every_subpackage_declares_its_public_surface() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), init
        assert any(isinstance(n, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in n.targets)
                   for n in tree.body), init


def test_the_build_imports_neither_the_extractor_nor_the_evaluation() -> None:
    code = ("import sys, jsec_data.build.dataset, jsec_data.validate\n"
            "print(sorted(m for m in sys.modules if m.startswith(('jsec_data.extract', 'jsec_data.evaluate'))))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_every_test_folder_is_collected_by_the_default_run() -> None:
    """pytest skips folders whose names match ``norecursedirs`` (by default also every "build"): none of
    the folders under tests/ may match, or their tests silently never run in CI."""
    import fnmatch

    import pytest

    tomllib = pytest.importorskip("tomllib")  # (Python 3.11+)
    options = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    patterns = options["norecursedirs"]  # (without it pytest's default list applies, "build" included)
    folders = [p for p in (PACKAGE.parent / "tests").rglob("*") if p.is_dir() and "__pycache__" not in p.parts
               and any(p.glob("test_*.py"))]
    assert any(p.name == "build" for p in folders)
    assert not [p for p in folders for pattern in patterns if fnmatch.fnmatch(p.name, pattern)]
