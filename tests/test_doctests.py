"""The examples in the package's docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

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
