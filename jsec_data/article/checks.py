"""Checks of one annotated span or reference that the guidelines ask for, with the help their issues give.

* :func:`word_cut`: a span must cover whole words (guidelines §2);
* :func:`ambiguity_help`: where an ambiguous `exact` occurs (line:column) and the shortest prefix or
  suffix that singles out each place;
* :func:`cross_reference_issues`: affiliations and parties that name no entity, located in the file
  that declares them (the registries' references, which the build checks across all files).
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from jsec_data.core.anchor import find_all
from jsec_data.core.issues import Issue, issue
from jsec_data.core.models import AgreementRecord, AgreementsFile, AnnotationFile, EntitiesFile, EntityRecord
from jsec_data.core.text import line_col
from jsec_data.raw.files import data_file
from jsec_data.raw.yamlfiles import Locator, field_path, locate, read_model_parts

__all__ = ["CLITIC_CONJUNCTIONS", "ambiguity_help", "cross_reference_issues", "word_cut"]


def _is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN"


#: One-letter conjunctions written onto the next word, which a span may leave out (guidelines §2).
CLITIC_CONJUNCTIONS = frozenset("وف")


def word_cut(text: str, start: int, end: int) -> tuple[str, str] | None:
    """Whether ``text[start:end]`` starts or ends inside a word: ("starts"/"ends", the word), else None.

    Letters, marks and digits of any script make words. A span may start after a conjunction
    و or ف written onto its first word (والتعاون -> التعاون), as the guidelines allow.

    >>> word_cut("قال والتعاون مهم", 5, 12) is None
    True
    >>> word_cut("قال بالتعاون مهم", 5, 12)
    ('starts', 'بالتعاون')
    >>> word_cut("قال التعاون مهم", 4, 9)
    ('ends', 'التعاون')
    """
    if start > 0 and start < len(text) and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
        word_start = start
        while word_start > 0 and _is_word_char(text[word_start - 1]):
            word_start -= 1
        if text[word_start:start] not in CLITIC_CONJUNCTIONS:
            return "starts", _word_at(text, start)
    if 0 < end < len(text) and _is_word_char(text[end - 1]) and _is_word_char(text[end]):
        return "ends", _word_at(text, end - 1)
    return None


def _word_at(text: str, offset: int) -> str:
    first, last = offset, offset
    while first > 0 and _is_word_char(text[first - 1]):
        first -= 1
    while last < len(text) and _is_word_char(text[last]):
        last += 1
    return text[first:last]


#: Longest prefix or suffix suggested to single out one occurrence of an ambiguous `exact`.
_MAX_CONTEXT = 60


def ambiguity_help(text: str, exact: str, prefix: str | None, suffix: str | None) -> tuple[str, str]:
    """The message and hint for an `exact` that occurs more than once: where (line:column in the
    article file), and for each place the shortest prefix or suffix, to a word boundary, that singles it out.

    >>> print(ambiguity_help("قال إن الاتفاقية مهمة، والاتفاقية مثال", "الاتفاقية", None, None)[1])
    add the prefix or suffix that singles out the one you mean: at 1:8, prefix: 'إن '; at 1:25, prefix: 'و'
    """
    candidates = [start for start in find_all(text, exact)
                  if (not prefix or text.endswith(prefix, 0, start)) and (not suffix or text.startswith(suffix, start + len(exact)))]
    places = [line_col(text, start) for start in candidates]
    shown = ", ".join(f"{line}:{column}" for line, column in places[:10]) + (", ..." if len(places) > 10 else "")
    message = f"exact text occurs {len(candidates)} times (at line:column {shown} of the article)"
    suggestions = []
    for start, (line, column) in list(zip(candidates, places, strict=True))[:5]:
        others = [other for other in candidates if other != start]
        choice = _unique_context(text, start, len(exact), others, prefix or "", suffix or "")
        suggestions.append(f"at {line}:{column}, {choice}" if choice else
                           f"at {line}:{column}, no prefix or suffix on its line singles it out")
    hint = "add the prefix or suffix that singles out the one you mean: " + "; ".join(suggestions)
    if len(candidates) > 5:
        hint += "; ..."
    return message, hint


def _unique_context(text: str, start: int, length: int, others: Sequence[int], prefix: str, suffix: str) -> str | None:
    """``suffix: '...'`` or ``prefix: '...'`` (the shorter) that holds at ``start`` and at none of ``others``."""
    end = start + length
    options = []
    for size in range(len(suffix) + 1, _MAX_CONTEXT + 1):
        if end + size > len(text) or "\n" in text[end:end + size]:
            break
        after = text[end:end + size]
        if not any(text.startswith(after, other + length) for other in others):
            while end + size < len(text) and text[end + size] != "\n" and not any(map(_is_word_char, text[end:end + size])):
                size += 1  # at least one word, not a bare space or comma
            while end + size < len(text) and _is_word_char(text[end + size - 1]) and _is_word_char(text[end + size]):
                size += 1  # to the end of the word
            options.append(("suffix", text[end:end + size]))
            break
    for size in range(len(prefix) + 1, _MAX_CONTEXT + 1):
        if start - size < 0 or "\n" in text[start - size:start]:
            break
        before = text[start - size:start]
        if not any(text.endswith(before, 0, other) for other in others):
            while start - size > 0 and text[start - size - 1] != "\n" and not any(map(_is_word_char, text[start - size:start])):
                size += 1  # at least one word, not a bare space or comma
            while start - size > 0 and _is_word_char(text[start - size]) and _is_word_char(text[start - size - 1]):
                size += 1  # to the start of the word
            options.append(("prefix", text[start - size:start]))
            break
    if not options:
        return None
    key, value = min(options, key=lambda option: len(option[1]))
    return f"{key}: '{value.replace(chr(39), chr(39) * 2)}'"


def cross_reference_issues(raw_dir: Path, entities: Mapping[str, EntityRecord], agreements: Mapping[str, AgreementRecord],
                           declared_in: Mapping[str, str], known: Collection[str] | None = None) -> list[Issue]:
    """Affiliations and parties that name no known entity, located in the file that declares the record.

    ``declared_in`` maps each id to where it is declared: a registry file name under ``raw_dir``
    (``entities.yaml``) or ``annotations/<article_id>``; ``known`` is every entity id that
    exists (default: ``entities``'s). Files are parsed again only to locate a problem (rare).
    """
    known = entities if known is None else known
    problems: list[tuple[str, str, str, str, int | None, str]] = []  # (declared in, table, id, field, position, unknown id)
    for entity in entities.values():
        if entity.affiliation_id and entity.affiliation_id not in known:
            problems.append((declared_in.get(entity.entity_id, "entities.yaml"), "entities", entity.entity_id,
                             "affiliation_id", None, entity.affiliation_id))
    for agreement in agreements.values():
        for place, party in enumerate(agreement.parties):
            if party not in known:
                problems.append((declared_in.get(agreement.agreement_id, "agreements.yaml"), "agreements",
                                 agreement.agreement_id, "parties", place, party))
    issues: list[Issue] = []
    located: dict[str, tuple[str, Locator, dict[tuple[str, str], int]]] = {}
    for where, table, record_id, field_name, position, unknown in problems:
        if where not in located:
            located[where] = _declaring_file(raw_dir, where)
        display, locator, indices = located[where]
        index = indices.get((table, record_id))
        loc: list[str | int] = [table, index, field_name] if index is not None else []
        if index is not None and position is not None:
            loc.append(position)
        line, column = locate(locator, loc) if loc else (None, None)
        close = difflib.get_close_matches(unknown, list(known), n=1, cutoff=0.75)
        what = "affiliation" if field_name == "affiliation_id" else "party"
        kind = "entity" if table == "entities" else "agreement"
        issues.append(issue(display, "unknown-entity", f"{kind} {record_id}: {what} {unknown!r} is not a known entity",
                            line=line, column=column, field=field_path(loc) if loc else field_name,
                            hint=(f"did you mean {close[0]!r}? " if close else "")
                            + "declare it in raw/entities.yaml, or fix the id"))
    return issues


def _declaring_file(raw_dir: Path, where: str) -> tuple[str, Locator, dict[tuple[str, str], int]]:
    """(display name, positions, (table, id) -> index) of the file ``where`` names (see :func:`cross_reference_issues`)."""
    folder, _, name = where.rpartition("/")
    path = data_file(raw_dir / folder, name) if folder == "annotations" and "." not in name else raw_dir / where
    if path is None:
        return where, {}, {}
    model: type[EntitiesFile] | type[AgreementsFile] | type[AnnotationFile] = (
        AnnotationFile if folder == "annotations" else AgreementsFile if "agreements" in path.stem else EntitiesFile)
    display = f"{folder}/{path.name}" if folder else path.name
    parsed, locator, _, salvaged = read_model_parts(path, model, display)
    source = parsed if parsed is not None else salvaged.model if salvaged is not None else None
    indices: dict[tuple[str, str], int] = {}
    for table, key in (("entities", "entity_id"), ("agreements", "agreement_id")):
        for position, record in enumerate(getattr(source, table, None) or []):
            index = position if salvaged is None or parsed is not None else salvaged.index(table, position)
            indices.setdefault((table, getattr(record, key)), index)
    return display, locator, indices
