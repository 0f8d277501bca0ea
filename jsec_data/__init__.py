"""jsec-data: Arabic news on Japan's security and defence partnerships, as tables.

>>> import jsec_data
>>> jsec_data.load_quotations().num_rows > 0  # doctest: +SKIP
True

Importing the package is cheap: pyarrow, pydantic and datasets load only when a
function that needs them is first called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "TABLE_NAMES",
    "__version__",
    "agreements_table",
    "build_dataset",
    "citation",
    "data_dir",
    "entity_country",
    "iter_records",
    "load_agreement_mentions",
    "load_agreements",
    "load_articles",
    "load_entities",
    "load_hf",
    "load_quotations",
    "load_statements",
    "load_table",
    "partnership_network",
    "quotations_by",
    "sentence_around",
    "with_sentences",
    "with_speaker_countries",
]

from jsec_data.core.tables import TABLE_NAMES

_LAZY = {
    "build_dataset": "jsec_data.build.dataset",
    "citation": "jsec_data.load",
    "data_dir": "jsec_data.load",
    "iter_records": "jsec_data.load",
    "load_agreement_mentions": "jsec_data.load",
    "load_agreements": "jsec_data.load",
    "load_articles": "jsec_data.load",
    "load_entities": "jsec_data.load",
    "load_hf": "jsec_data.load",
    "load_quotations": "jsec_data.load",
    "load_statements": "jsec_data.load",
    "load_table": "jsec_data.load",
    "agreements_table": "jsec_data.research",
    "entity_country": "jsec_data.research",
    "partnership_network": "jsec_data.research",
    "quotations_by": "jsec_data.research",
    "sentence_around": "jsec_data.research",
    "with_sentences": "jsec_data.research",
    "with_speaker_countries": "jsec_data.research",
}

if TYPE_CHECKING:  # pragma: no cover
    from jsec_data.build.dataset import build_dataset
    from jsec_data.load import (
        citation,
        data_dir,
        iter_records,
        load_agreement_mentions,
        load_agreements,
        load_articles,
        load_entities,
        load_hf,
        load_quotations,
        load_statements,
        load_table,
    )
    from jsec_data.research import (
        agreements_table,
        entity_country,
        partnership_network,
        quotations_by,
        sentence_around,
        with_sentences,
        with_speaker_countries,
    )


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'jsec_data' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
