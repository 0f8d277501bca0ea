"""Entity names for the extractor: gazetteers of the registry's Arabic names, and slugs for new ones."""

from __future__ import annotations

import functools
import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

from jsec_data.core.text import normalize_with_map
from jsec_data.extract.lexicon import DataError, load_data

if TYPE_CHECKING:  # pragma: no cover
    from jsec_data.article.stage import Registry

__all__ = ["Gazetteer", "Gazetteers", "last_or_new", "registry_gazetteers", "slugify"]


@functools.cache
def _transliteration() -> dict[str, str]:
    """Letter -> Latin letters, from ``data/transliteration.yaml``."""
    letters = load_data("transliteration").get("letters")
    if not isinstance(letters, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in letters.items()):
        raise DataError("data/transliteration.yaml: letters must map each letter to a string")
    return dict(letters)


def slugify(name: str) -> str:
    """A lowercase ASCII slug for an Arabic (or Latin) name; may be empty.

    >>> slugify("زاك كوبر")
    'zak-kwbr'
    """
    letters = _transliteration()
    out = []
    for char in unicodedata.normalize("NFKD", name):
        if char in letters:
            out.append(letters[char])
        elif char.isascii() and char.isalnum():
            out.append(char.lower())
        elif char.isspace() or char in "-_":
            out.append("-")
    return re.sub(r"-+", "-", "".join(out)).strip("-")


class Gazetteer:
    """Normalised Arabic names -> entity id, longest names first.

    Matching looks each token up in an index of the first-token forms a name may take
    (with و/ب/ل/ف attached, or ال written as لل), so it costs one dict look-up per
    token instead of a scan of every name over every position.
    """

    def __init__(self) -> None:
        self.names: list[tuple[list[str], str]] = []
        self._seen: set[tuple[tuple[str, ...], str]] = set()
        self._index: dict[str, list[tuple[int, list[str], str]]] | None = None

    def add(self, name: str, entity_id: str) -> None:
        tokens = normalize_with_map(unicodedata.normalize("NFC", name))[0].split()
        key = (tuple(tokens), entity_id)
        if tokens and key not in self._seen:
            self._seen.add(key)
            self.names.append((tokens, entity_id))
            self._index = None

    def _first_index(self) -> dict[str, list[tuple[int, list[str], str]]]:
        if self._index is None:
            # Stable sort by length: names of one length keep the order they were added in.
            self.names.sort(key=lambda item: -len(item[0]))
            index: dict[str, list[tuple[int, list[str], str]]] = {}
            for order, (name, entity_id) in enumerate(self.names):
                want = name[0]
                forms = {want, *(prefix + want for prefix in "وبلف")}
                if want.startswith("ال"):
                    forms.add("لل" + want[2:])
                for form in forms:
                    index.setdefault(form, []).append((order, name, entity_id))
            self._index = index
        return self._index

    def match_start(self, tokens: Sequence[str]) -> tuple[int, str] | None:
        """(size, entity id) of the longest name at ``tokens[0]`` (as ``match`` would take it there), or None."""
        if not tokens:
            return None
        index = self._index if self._index is not None else self._first_index()
        for _, name, entity_id in index.get(tokens[0], ()):  # (longest names first)
            size = len(name)
            if size <= len(tokens) and (size == 1 or list(tokens[1:size]) == name[1:]):
                return size, entity_id
        return None

    def starts(self, token: str) -> bool:
        """Whether a name may start at ``token`` (with و/ب/ل/ف attached or not)."""
        return token in (self._index if self._index is not None else self._first_index())

    def match(self, tokens: Sequence[str]) -> list[tuple[int, int, str]]:
        """Non-overlapping (first token, past-last token, entity id) matches, allowing و/ب/ل/ف prefixes.

        Names are tried longest first (then in the order added), each left to right,
        and a match may not overlap one already taken. None starts right after بن/ابن/بنت (a
        father's name inside another name: سلمان بن عبد العزيز names no «عبد العزيز»).
        """
        index = self._index if self._index is not None else self._first_index()
        candidates: list[tuple[int, int, int, str]] = []
        count = len(tokens)
        # Most tokens start no name: the positions of those that may are picked in C.
        for position in itertools.compress(range(count), map(index.__contains__, tokens)):
            if position and tokens[position - 1] in _PATRONYMIC:
                continue  # سلمان بن عبد العزيز: a father's name inside another's, not a mention of its bearer
            for order, name, entity_id in index[tokens[position]]:
                size = len(name)
                if position + size <= count and (size == 1 or list(tokens[position + 1:position + size]) == name[1:]):
                    candidates.append((order, position, size, entity_id))
        if len(candidates) < 2:
            return [(position, position + size, entity_id) for _, position, size, entity_id in candidates]
        candidates.sort()
        found: list[tuple[int, int, str]] = []
        taken = [False] * count
        for _, position, size, entity_id in candidates:
            if any(taken[position:position + size]):
                continue
            found.append((position, position + size, entity_id))
            taken[position:position + size] = [True] * size
        return sorted(found)


#: "son of", "daughter of" (matching form): the name after them is a father's.
_PATRONYMIC = frozenset({"بن", "ابن", "بنت"})


class Gazetteers(NamedTuple):
    """The registry's names, by what the rules look for."""

    people: Gazetteer  # every entity (a speaker may be a person or a body)
    parties: Gazetteer  # states and organisations (parties to agreements)
    persons: Gazetteer  # people only (a subject read from elsewhere in the sentence)


_ENTITY_ID, _ENTITY_KIND, _ENTITY_NAMES = map(operator.attrgetter, ("entity_id", "kind", "names_ar"))
_T = TypeVar("_T")
# name -> (the columns a value was built from, copied; the value): see last_or_new.
_LAST_BUILT: dict[str, tuple[list[list[Any]], Any]] = {}


def last_or_new(name: str, columns: list[list[Any]], build: Callable[[], _T]) -> _T:
    """``build()``, or the value it gave last time for ``name`` if ``columns`` are unchanged.

    ``columns`` are what ``build`` reads from the registry, as lists: the records (frozen
    models), and their fields that are lists (which could change in place). The builders
    are memoised on a tuple of rows, but building and hashing that tuple for every article
    cost more than the rest of the article's set-up; lists compare in C (by identity
    first). A field that is itself a list is copied when kept, so a change in place shows.
    """
    last = _LAST_BUILT.get(name)
    if last is not None and last[0] == columns:
        return cast(_T, last[1])
    value = build()
    _LAST_BUILT[name] = ([[list(item) if isinstance(item, list) else item for item in column] for column in columns], value)
    return value


def registry_gazetteers(registry: Registry) -> Gazetteers:
    """The gazetteers of ``registry``'s entities: read-only once built, so articles share them."""
    entities = list(registry.entities.values())
    names = list(map(_ENTITY_NAMES, entities))
    return last_or_new("gazetteers", [entities, names], lambda: _gazetteers(tuple(
        zip(map(_ENTITY_ID, entities), map(_ENTITY_KIND, entities), map(tuple, names), strict=True)
    )))


@functools.lru_cache(maxsize=8)
def _gazetteers(entities: tuple[tuple[str, str, tuple[str, ...]], ...]) -> Gazetteers:
    """The gazetteers for (entity id, kind, Arabic names) of a registry (memoised).

    A name that names many bodies (وزارة الخارجية، الحكومة: ``data/names.yaml``) or more than
    one registry entity is left out: it would give one body, or one person, for all.
    """
    from jsec_data.extract.people import people_words

    generic = people_words().generic
    owners: dict[str, set[str]] = {}
    for entity_id, _, names in entities:
        for name in names:
            owners.setdefault(" ".join(normalize_with_map(unicodedata.normalize("NFC", name))[0].split()), set()).add(entity_id)
    people, parties, persons = Gazetteer(), Gazetteer(), Gazetteer()
    for entity_id, kind, names in entities:
        for name in names:
            key = " ".join(normalize_with_map(unicodedata.normalize("NFC", name))[0].split())
            if key in generic or len(owners[key]) > 1:
                continue
            people.add(name, entity_id)
            if kind == "person":
                persons.add(name, entity_id)
            if kind in ("state", "organization"):
                parties.add(name, entity_id)
    for gazetteer in (people, parties, persons):
        gazetteer._first_index()
    return Gazetteers(people, parties, persons)
