"""The registry as the speaker rules read it: states, office holders, bodies, heads and surnames.

Built once per registry (:func:`registry_people` keeps the last one) together with the cache of
speaker phrases parsed against it, so that a corpus of articles drafted with one registry pays
for this once.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

from jsec_data.core.models import ACRONYM_ID_PATTERN
from jsec_data.core.text import normalize_for_matching
from jsec_data.extract.names import Gazetteers, last_or_new
from jsec_data.extract.people import Country, Phrase, people_words

if TYPE_CHECKING:  # pragma: no cover
    from jsec_data.article.stage import Registry

__all__ = ["PARSE_CACHE", "PARSE_KEY", "Parsed", "RegistryPeople", "registry_people"]

_ACRONYM_RE = re.compile(ACRONYM_ID_PATTERN)


class Parsed(NamedTuple):
    """A speaker window's words (start, end, word in the matching form), its phrase and its registry names."""

    tokens: tuple[tuple[int, int, str], ...]
    words: tuple[str, ...]
    phrase: Phrase | None
    found: tuple[tuple[int, int, str], ...]


PARSE_KEY = 160  # characters of a speaker window that can matter (14 words and an apposition)
PARSE_CACHE = 50_000


class RegistryPeople(NamedTuple):
    """What the speaker rules look up in a registry, built once per registry (with the phrases parsed against it)."""

    states: dict[str, Country]  # registry state (and international organisation) id -> country
    country_of: dict[str, str | None]  # entity id -> the state or organisation it speaks for
    holders: tuple[tuple[str, str, str | None], ...]  # (person id, role, country) of people with a role
    bodies: tuple[tuple[str, tuple[str, ...], str | None], ...]  # (body id, names in matching form, country)
    heads: dict[str, tuple[str, ...]]  # first word of a name (without ال) -> entity ids, for definite descriptions
    kinds: dict[str, str]
    surnames: dict[str, tuple[tuple[str, str], ...]]  # last word of a person's name of 2+ words -> (id, that name)
    parsed: dict[str, Parsed]  # speaker window -> its parse (see Speakers._parse)
    chosen: dict[tuple[str, bool], tuple[tuple[str, ...], int]]  # (window, new names) -> registry speakers, stop


def registry_people(registry: Registry, gazetteers: Gazetteers | None = None) -> RegistryPeople:
    """The registry's people and bodies as the speaker rules read them (kept while the registry is unchanged).

    ``gazetteers``: ``registry_gazetteers(registry)``, when the caller has it: the same object
    as last time means the same entity records, so the check is not made twice per article.
    """
    if gazetteers is not None and _LAST_PEOPLE and _LAST_PEOPLE[0] is gazetteers:
        kept: RegistryPeople = _LAST_PEOPLE[1]
        return kept
    entities = list(registry.entities.values())
    names = [entity.names_ar for entity in entities]
    people = last_or_new("people", [entities, names], lambda: _registry_people(registry))
    if gazetteers is not None:
        _LAST_PEOPLE[:] = [gazetteers, people]
    return people


#: [the gazetteers, the RegistryPeople built with them] (see registry_people).
_LAST_PEOPLE: list[Any] = []


def _registry_people(registry: Registry) -> RegistryPeople:
    lists = people_words()
    entities = registry.entities
    states: dict[str, Country] = {}
    for entity in entities.values():
        if entity.kind == "state" or (entity.kind == "organization" and entity.affiliation_id is None
                                      and _ACRONYM_RE.match(entity.entity_id)):
            known = lists.countries.get(entity.entity_id)
            states[entity.entity_id] = Country(entity.entity_id, known.en if known else entity.name_en)
    country_of: dict[str, str | None] = {}
    for entity_id in entities:
        current: str | None = entity_id
        for _ in range(8):
            if current is None or current in states or current not in entities:
                break
            current = entities[current].affiliation_id
        country_of[entity_id] = current if current in states else None
    holders = tuple((e.entity_id, e.role, country_of[e.entity_id]) for e in entities.values()
                    if e.kind == "person" and e.role)
    bodies = tuple((e.entity_id, tuple(normalize_for_matching(n) for n in e.names_ar), country_of[e.entity_id])
                   for e in entities.values() if e.kind in ("organization", "group", "unknown", "document"))
    heads: dict[str, list[str]] = {}
    surnames: dict[str, list[tuple[str, str]]] = {}
    for entity in entities.values():
        for name in entity.names_ar:
            words = normalize_for_matching(name).split()
            if len(words) > 1:
                head = words[0][2:] if words[0].startswith("ال") else words[0]
                if entity.entity_id not in heads.setdefault(head, []):
                    heads[head].append(entity.entity_id)
                if entity.kind == "person":
                    surnames.setdefault(words[-1], []).append((entity.entity_id, " ".join(words)))
    return RegistryPeople(states, country_of, holders, bodies, {k: tuple(v) for k, v in heads.items()},
                          {e.entity_id: e.kind for e in entities.values()}, {k: tuple(v) for k, v in surnames.items()},
                          {}, {})
