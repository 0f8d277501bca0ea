"""The silver layer: the extractor's drafts over whole corpora, in the gold tables' schemas (``jsec silver``).

:func:`silver` reads a corpus with the ingest stage's readers, normalisation, relevance filter and
near-copy grouping, drafts every kept article with the extractor, and writes sharded Parquet
tables (articles with provenance, quotations, statements, agreement mentions, proposed entities
and agreements), every row marked machine-made (``origin``, ``extractor_version``), with a
summary, an issues list and a dataset card of its own (Hugging Face configs ``silver``,
``silver_<table>``). It runs on the shared executor (:mod:`jsec_data.core.executor`): in this
process, on local worker processes or on Dask, with the same bytes whatever runs it. It never
writes to a raw/ folder. See docs/scale.md.

>>> from jsec_data.silver import silver  # doctest: +SKIP
>>> result = silver(["corpus/"], "silver", licence="CC-BY-NC-SA-4.0")  # doctest: +SKIP
>>> result.summary["counts"]["kept"], result.exit_code  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = ["SILVER_TABLES", "SilverProgress", "SilverResult", "config_name", "extractor_version", "read_evaluation",
           "silver", "silver_card", "silver_configs", "silver_schema"]

_LAZY = {
    "SILVER_TABLES": "jsec_data.silver.schema",
    "extractor_version": "jsec_data.silver.schema",
    "silver_schema": "jsec_data.silver.schema",
    "SilverProgress": "jsec_data.silver.run",
    "SilverResult": "jsec_data.silver.run",
    "silver": "jsec_data.silver.run",
    "config_name": "jsec_data.silver.card",
    "read_evaluation": "jsec_data.silver.card",
    "silver_card": "jsec_data.silver.card",
    "silver_configs": "jsec_data.silver.card",
}

if TYPE_CHECKING:  # pragma: no cover
    from jsec_data.silver.card import config_name, read_evaluation, silver_card, silver_configs
    from jsec_data.silver.run import SilverProgress, SilverResult, silver
    from jsec_data.silver.schema import SILVER_TABLES, extractor_version, silver_schema


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'jsec_data.silver' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
