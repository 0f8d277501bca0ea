"""The drafter: ``jsec extract`` turns a new article into a draft annotation file.

Rule-based, deterministic and offline: quotations are found by pairing quote marks,
statements from the reporting verbs (قال، أضاف ...) and attributions (بحسب) with their
content, speakers by context (the registry's names, offices and bodies resolved with their
country, descriptions, carry-over), agreement mentions from a lexicon of agreement words
with their parties and a status read from the sentence; what the registry lacks is proposed
as new entities and agreements, under ids namespaced by the article. Every record of a draft
resolves in its article, so the draft passes ``jsec validate`` (with the drafts of any other
articles), but it is a starting point for a contributor, never gold: see docs/extractor.md.
:func:`extract_text` drafts an article's text, :func:`extract_file`
an article file (with the registry and overrides of its raw folder); the rules' word
lists are package data in ``jsec_data/extract/data/``. Importing this package loads
nothing more until one of its names is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = ["Cue", "Draft", "QuoteSpan", "extract_file", "extract_text", "extractor_version", "find_cues", "find_quotes",
           "quote_balance_issues", "slugify"]

_LAZY = {
    "Cue": "jsec_data.extract.cues",
    "Draft": "jsec_data.extract.draft",
    "QuoteSpan": "jsec_data.extract.quotes",
    "extract_file": "jsec_data.extract.draft",
    "extract_text": "jsec_data.extract.draft",
    "extractor_version": "jsec_data.extract.version",
    "find_cues": "jsec_data.extract.cues",
    "find_quotes": "jsec_data.extract.quotes",
    "quote_balance_issues": "jsec_data.extract.quotes",
    "slugify": "jsec_data.extract.names",
}

if TYPE_CHECKING:  # pragma: no cover
    from jsec_data.extract.cues import Cue, find_cues
    from jsec_data.extract.draft import Draft, extract_file, extract_text
    from jsec_data.extract.names import slugify
    from jsec_data.extract.quotes import QuoteSpan, find_quotes, quote_balance_issues
    from jsec_data.extract.version import extractor_version


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # once: later look-ups find it without this call
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
