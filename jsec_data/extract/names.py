"""Entity names for the extractor: gazetteers of the registry's Arabic names, and slugs for new ones."""

from __future__ import annotations

import functools
import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

from jsec_data.core.text import normalize_with_map

_TRANSLIT = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ء": "", "ؤ": "u", "ئ": "i", "ب": "b", "ت": "t", "ث": "th", "ج": "j",
    "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d",
    "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ة": "a", "و": "w", "ي": "y", "ى": "a", "پ": "p", "چ": "ch", "ڤ": "v", "گ": "g", "ی": "y",
}


def slugify(name: str) -> str:
    """A lowercase ASCII slug for an Arabic (or Latin) name; may be empty.

    >>> slugify("زاك كوبر")
    'zak-kwbr'
    """
    out = []
    for char in unicodedata.normalize("NFKD", name):
        if char in _TRANSLIT:
            out.append(_TRANSLIT[char])
        elif char.isascii() and char.isalnum():
            out.append(char.lower())
        elif char.isspace() or char in "-_":
            out.append("-")
    return re.sub(r"-+", "-", "".join(out)).strip("-")


class _Gazetteer:
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

    def match(self, tokens: Sequence[str]) -> list[tuple[int, int, str]]:
        """Non-overlapping (first token, past-last token, entity id) matches, allowing و/ب/ل/ف prefixes.

        Names are tried longest first (then in the order added), each left to right,
        and a match may not overlap one already taken.
        """
        index = self._first_index()
        candidates: list[tuple[int, int, int, str]] = []
        count = len(tokens)
        # Most tokens start no name: the positions of those that may are picked in C.
        for position in itertools.compress(range(count), map(index.__contains__, tokens)):
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


_ENTITY_ID, _ENTITY_KIND, _ENTITY_NAMES = map(operator.attrgetter, ("entity_id", "kind", "names_ar"))
_T = TypeVar("_T")
# name -> (the columns a value was built from, copied; the value): see _last_or_new.
_LAST_BUILT: dict[str, tuple[list[list[Any]], Any]] = {}


def _last_or_new(name: str, columns: list[list[Any]], build: Callable[[], _T]) -> _T:
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


@functools.lru_cache(maxsize=8)
def _gazetteers(entities: tuple[tuple[str, str, tuple[str, ...]], ...]) -> tuple[_Gazetteer, _Gazetteer, _Gazetteer]:
    """People, parties and persons gazetteers for (entity id, kind, Arabic names) of a registry (memoised)."""
    people, parties, persons = _Gazetteer(), _Gazetteer(), _Gazetteer()
    for entity_id, kind, names in entities:
        for name in names:
            people.add(name, entity_id)
            if kind == "person":
                persons.add(name, entity_id)
            if kind in ("state", "organization"):
                parties.add(name, entity_id)
    for gazetteer in (people, parties, persons):
        gazetteer._first_index()
    return people, parties, persons
