"""The extractor's word lists: the YAML files in ``jsec_data/extract/data/``, each read once, on first use.

Nothing is read at import (``jsec validate`` imports the quote rules, ``import jsec_data``
nothing of this), and each file is parsed at most once per process, so every article
drafted shares the lists. The files say what each list is for; the rule modules turn
them into the sets and patterns they search with (:func:`jsec_data.extract.cues.cue_words`,
:func:`jsec_data.extract.agreements.agreement_words`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jsec_data.core.text import normalize_for_matching

__all__ = ["DATA_DIR", "DataError", "complementisers", "load_data", "manner_words", "matching_words", "not_family_names",
           "prepositions", "related_by", "said_nouns", "stop_words", "title_words"]

#: The data files' folder (package data: installed beside the modules).
DATA_DIR = Path(__file__).resolve().parent / "data"


class DataError(ValueError):
    """A data file of the extractor does not hold what the rules need."""


@functools.cache
def load_data(name: str) -> Any:
    """``data/<name>.yaml`` of this package, parsed (shared: callers must not change it).

    Read from beside the module (importlib.resources would add its own import to every
    ``jsec extract``); libyaml's loader where PyYAML has it.
    """
    import yaml

    text = (DATA_DIR / f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def matching_words(words: Iterable[str]) -> frozenset[str]:
    """``words`` in their matching form (see :func:`jsec_data.core.text.normalize_for_matching`)."""
    return frozenset(normalize_for_matching(word) for word in words)


def _grouped_words(name: str, key: str) -> frozenset[str]:
    """The words of every group under ``key`` in ``data/<name>.yaml`` (group -> space-separated words)."""
    groups = load_data(name).get(key)
    if not isinstance(groups, dict) or not all(isinstance(words, str) for words in groups.values()):
        raise DataError(f"data/{name}.yaml: {key} must map each group to space-separated words")
    return matching_words(word for words in groups.values() for word in words.split())


@functools.cache
def stop_words() -> frozenset[str]:
    """Words that end a speaker's name after a cue, or an agreement mention (data/stopwords.yaml)."""
    return _grouped_words("stopwords", "stop_words")


@functools.cache
def complementisers() -> frozenset[str]:
    """"That" and its forms (إن، أن، بأنه ...) that start what was said (data/statements.yaml), matching form."""
    return matching_words(load_data("statements")["complementisers"].split())


@functools.cache
def said_nouns() -> frozenset[str]:
    """Verbal nouns that open what a verb such as أكد reports (أهمية، ضرورة ...): stop words that start an object
    (data/stopwords.yaml, group ``said_nouns``), matching form."""
    return _stop_group("said_nouns")


@functools.cache
def manner_words() -> frozenset[str]:
    """How something was said (بشدة، بوضوح، مازحا ...): the stop words of group ``manner`` (data/stopwords.yaml),
    matching form."""
    return _stop_group("manner")


@functools.cache
def prepositions() -> frozenset[str]:
    """Prepositions, alone or with a pronoun (في، على، عليه ...): the stop words of groups ``prepositions`` and
    ``pronoun_prepositions`` (data/stopwords.yaml), matching form."""
    return _stop_group("prepositions") | _stop_group("pronoun_prepositions")


def _stop_group(name: str) -> frozenset[str]:
    group = load_data("stopwords")["stop_words"].get(name)
    if not isinstance(group, str):
        raise DataError(f"data/stopwords.yaml: stop_words must have a group {name} (space-separated words)")
    return matching_words(group.split())


@functools.cache
def not_family_names() -> frozenset[str]:
    """Definite nouns in ي that are titles, descriptions or groups, not family names (المفتي، الأهالي): data/names.yaml,
    matching form."""
    return _names_list("not_family_names")


@functools.cache
def related_by() -> frozenset[str]:
    """Participles that say what a body belongs or is close to (التابعة، المنضوية، الموالية), with a preposition after
    them: data/names.yaml, matching form."""
    return _names_list("related_by")


def _names_list(key: str) -> frozenset[str]:
    """A word list of data/names.yaml (space-separated words), in the matching form."""
    words = load_data("names").get(key)
    if not isinstance(words, str):
        raise DataError(f"data/names.yaml: {key} must be space-separated words")
    return matching_words(words.split())


@functools.cache
def title_words() -> frozenset[str]:
    """Words that describe a speaker without naming them: titles, roles, bodies (data/titles.yaml)."""
    return _grouped_words("titles", "titles")
