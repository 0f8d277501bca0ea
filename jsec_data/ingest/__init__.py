"""Ingesting real news corpora into ``raw/`` (``jsec ingest``); see docs/ingest.md.

>>> from jsec_data.ingest import ingest, load_mapping  # doctest: +SKIP
>>> report = ingest(["corpus/"], "raw", licence="CC-BY-NC-SA-4.0")  # doctest: +SKIP
>>> report.kept, report.exit_code  # doctest: +SKIP

Only :mod:`~jsec_data.ingest.normalise` (standard library) is imported with the package;
the rest loads on first use, so that importing it (or ``jsec_data``) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from jsec_data.ingest.normalise import normalise_text, normalise_title, stored_article

__all__ = [
    "INGEST_CODES",
    "SAUDINEWSNET",
    "FieldMapping",
    "IngestProgress",
    "IngestReport",
    "IngestUsageError",
    "KeptArticle",
    "ReadProblem",
    "SkippedRecord",
    "SkippedRun",
    "SourceRecord",
    "ingest",
    "iter_records",
    "load_mapping",
    "normalise_text",
    "normalise_title",
    "stored_article",
]

_LAZY = {
    "INGEST_CODES": "jsec_data.ingest.codes",
    "SAUDINEWSNET": "jsec_data.ingest.mapping",
    "FieldMapping": "jsec_data.ingest.mapping",
    "IngestUsageError": "jsec_data.ingest.mapping",
    "ReadProblem": "jsec_data.ingest.readers",
    "SourceRecord": "jsec_data.ingest.readers",
    "iter_records": "jsec_data.ingest.readers",
    "load_mapping": "jsec_data.ingest.mapping",
    "IngestProgress": "jsec_data.ingest.pipeline",
    "IngestReport": "jsec_data.ingest.pipeline",
    "KeptArticle": "jsec_data.ingest.pipeline",
    "SkippedRecord": "jsec_data.ingest.pipeline",
    "SkippedRun": "jsec_data.ingest.pipeline",
    "ingest": "jsec_data.ingest.pipeline",
}

if TYPE_CHECKING:  # pragma: no cover
    from jsec_data.ingest.codes import INGEST_CODES
    from jsec_data.ingest.mapping import SAUDINEWSNET, FieldMapping, IngestUsageError, load_mapping
    from jsec_data.ingest.pipeline import IngestProgress, IngestReport, KeptArticle, SkippedRecord, SkippedRun, ingest
    from jsec_data.ingest.readers import ReadProblem, SourceRecord, iter_records


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'jsec_data.ingest' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
