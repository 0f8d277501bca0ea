"""The word lists the phrase rules read: offices, bodies, descriptions, countries and names.

Package data (``data/offices.yaml``, ``data/countries.yaml``, ``data/names.yaml``, with the title, stop and cue word
lists of :mod:`jsec_data.extract.lexicon` and :mod:`jsec_data.extract.cues`), read once into :class:`PeopleWords`
in the matching form; :mod:`jsec_data.extract.people` reads phrases with them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from jsec_data.core.text import normalize_for_matching
from jsec_data.extract.cues import verb_forms
from jsec_data.extract.lexicon import DataError, load_data, matching_words, stop_words, title_words

__all__ = ["Country", "Office", "PeopleWords", "people_words"]


class Office(NamedTuple):
    """An office (or a body): its English label, and the pattern its holders' registry ``role`` matches."""

    en: str
    role: re.Pattern[str] | None  # None for a body
    head: tuple[str, ...] = ()  # its first Arabic form's words (وزاره الخارجيه): what a registry name of it starts with


class Country(NamedTuple):
    """A state (or the EU) that an adjective names."""

    entity_id: str
    en: str


class PeopleWords(NamedTuple):
    """The word lists the phrase rules read, in the matching form."""

    offices: Mapping[str, Sequence[tuple[tuple[str, ...], Office]]]  # first word -> (words, office), longest first
    bodies: Mapping[str, Sequence[tuple[tuple[str, ...], Office]]]
    body_forms: frozenset[str]  # every body phrase, joined by spaces: generic names
    adjectives: Mapping[str, Sequence[tuple[tuple[str, ...], Country]]]  # first word -> (words, country)
    countries: Mapping[str, Country]  # id -> country
    state_names: Mapping[str, Country]  # a state's name or capital (matching form, words joined by a space) -> country
    state_openings: frozenset[str]  # the first words of the state names of two words or more (جنوب of جنوب السودان)
    singular: frozenset[str]  # descriptions of one person (مصدر، الخبير)
    plural: frozenset[str]  # descriptions of several (المسؤولون، خبراء)
    documents: frozenset[str]  # documents and findings that speak (بيان، استطلاعات)
    organisations: frozenset[str]  # kinds of body followed by its name (موقع ويكيليكس، وكالة كيودو)
    issued: frozenset[str]  # what a speaker issues (بيانا، كلمة، بتصريح): never a name's word
    introducers: frozenset[str]  # words after which a quoted text is a name
    heads: frozenset[str]  # construct-state nouns (without ال) after which a quoted text is a body's name
    given_with_al: frozenset[str]  # given names written with ال (الحبيب، المنجي): may start a name
    media: frozenset[str]  # names of news media and platforms: a quoted text that is one is a name
    max_name_words: int
    generic: frozenset[str]  # names that name many bodies: never a registry name
    titles: frozenset[str]
    stops: frozenset[str]
    verbs: frozenset[str]  # the reporting cues, with و/ف attached or not: never part of a name


def _phrases(entries: Any, file: str, role: bool) -> dict[str, list[tuple[tuple[str, ...], Office]]]:
    if not isinstance(entries, list) or not all(isinstance(e, dict) and isinstance(e.get("ar"), list)
                                                and isinstance(e.get("en"), str) for e in entries):
        raise DataError(f"data/{file}.yaml: a list of entries with ar (a list) and en expected")
    found: dict[str, list[tuple[tuple[str, ...], Office]]] = {}
    for entry in entries:
        pattern = re.compile(entry["role"], re.IGNORECASE) if role and entry.get("role") else None
        office = Office(entry["en"], pattern, tuple(normalize_for_matching(entry["ar"][0]).split()))
        for phrase in entry["ar"]:
            words = tuple(normalize_for_matching(phrase).split())
            found.setdefault(words[0], []).append((words, office))
    for options in found.values():
        options.sort(key=lambda item: -len(item[0]))  # stable: the file's order among equal lengths
    return found


def _with_article(words: str) -> set[str]:
    """A word with and without ال (and ال written after و)."""
    bare = words[2:] if words.startswith("ال") else words
    return {bare, "ال" + bare}


def _adjective_forms(adjective: str) -> list[tuple[str, ...]]:
    """The forms of a nisba adjective (matching form, masculine singular without ال): gender, number, ال.

    >>> _adjective_forms("صيني")[:3]
    [('صيني',), ('الصيني',), ('صينيه',)]
    """
    return [tuple(article + word + ending for word in adjective.split())
            for ending in ("", "ه", "ون", "ين", "ان") for article in ("", "ال")]


@functools.cache
def people_words() -> PeopleWords:
    """The office, body, country and name lists, read once."""
    offices_data = load_data("offices")
    offices = _phrases(offices_data.get("offices"), "offices", role=True)
    bodies = _phrases(offices_data.get("bodies"), "offices", role=False)
    descriptions = offices_data.get("descriptions")
    if not isinstance(descriptions, dict) or not all(isinstance(descriptions.get(k), str)
                                                     for k in ("singular", "plural", "documents", "issued", "organisations")):
        raise DataError("data/offices.yaml: descriptions must hold singular, plural, documents, issued and organisations"
                        " word lists")
    singular = {form for word in matching_words(descriptions["singular"].split()) for form in _with_article(word)}
    plural = {form for word in matching_words(descriptions["plural"].split()) for form in _with_article(word)}
    countries_data = load_data("countries").get("countries")
    if not isinstance(countries_data, list):
        raise DataError("data/countries.yaml: countries must be a list")
    adjectives: dict[str, list[tuple[tuple[str, ...], Country]]] = {}
    countries: dict[str, Country] = {}
    state_names: dict[str, Country] = {}
    for entry in countries_data:
        country = Country(entry["id"], entry["en"])
        countries[country.entity_id] = country
        for name in entry.get("names", ()):
            state_names[normalize_for_matching(name)] = country
        for adjective in entry["adjectives"]:
            for words in _adjective_forms(normalize_for_matching(adjective)):
                adjectives.setdefault(words[0], []).append((words, country))
    for options in adjectives.values():
        options.sort(key=lambda item: -len(item[0]))
    names = load_data("names")
    if not all(isinstance(names.get(key), str) for key in ("introducers", "heads", "generic", "media")):
        raise DataError("data/names.yaml: introducers, heads, media and generic must be word lists")
    introducers = {form for word in matching_words(names["introducers"].split()) for form in _with_article(word)}
    body_forms = frozenset(" ".join(words) for options in bodies.values() for words, _ in options)
    generic = matching_words(name.strip() for name in names["generic"].split("|") if name.strip()) | body_forms
    return PeopleWords(offices=offices, bodies=bodies, body_forms=body_forms, adjectives=adjectives, countries=countries,
                       state_names=state_names,
                       state_openings=frozenset(name.split(" ", 1)[0] for name in state_names if " " in name),
                       singular=frozenset(singular), plural=frozenset(plural),
                       documents=matching_words(descriptions["documents"].split()),
                       organisations=frozenset(form for word in matching_words(descriptions["organisations"].split())
                                               for form in _with_article(word)),
                       issued=frozenset(prefix + word + ending for word in matching_words(descriptions["issued"].split())
                                        for prefix in ("", "ال", "ب", "بال") for ending in ("", "ا")),
                       introducers=frozenset(introducers), heads=matching_words(names["heads"].split()),
                       given_with_al=matching_words(str(names.get("given_names_with_al", "")).split()),
                       media=matching_words(name.strip() for name in names["media"].split("|") if name.strip()),
                       max_name_words=int(names.get("max_name_words", 6)), generic=generic,
                       titles=title_words(), stops=stop_words(),
                       verbs=verb_forms())
