"""Which field of a source record gives each canonical field of an article (``--field``, mapping files)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from jsec_data.core.errors import UsageError

__all__ = ["CANONICAL_FIELDS", "SAUDINEWSNET", "FieldMapping", "IngestUsageError", "load_mapping"]

CANONICAL_FIELDS = ("text", "url", "title", "outlet", "byline", "retrieved", "published")


class IngestUsageError(UsageError, ValueError):
    """The ingest cannot run as asked (a bad field mapping or licence): a usage error, exit code 2."""


@dataclass(frozen=True)
class FieldMapping:
    """Which source field gives each canonical field (None: the source has none).

    The defaults are SaudiNewsNet's. ``collection`` names the corpus in the metadata
    (and selects its outlet names and default attribution).
    """

    text: str | None = "content"
    url: str | None = "url"
    title: str | None = "title"
    outlet: str | None = "source"
    byline: str | None = "author"
    retrieved: str | None = "date_extracted"
    published: str | None = None  # SaudiNewsNet has no publication date: date_extracted is a crawl time
    collection: str | None = "SaudiNewsNet"

    def sources(self) -> dict[str, str]:
        """Canonical field -> source field, for the mapped fields."""
        return {name: source for name in CANONICAL_FIELDS if (source := getattr(self, name)) is not None}


SAUDINEWSNET = FieldMapping()


def load_mapping(fields: Iterable[str] = (), mapping_file: str | os.PathLike[str] | None = None,
                 *, base: FieldMapping = SAUDINEWSNET) -> FieldMapping:
    """``base`` changed by a mapping file (YAML or JSON object) and then by ``NAME=SOURCE_FIELD`` overrides.

    ``NAME=`` (nothing after ``=``) unmaps a field; ``collection=NAME`` names the corpus.
    Any change to the SaudiNewsNet defaults drops the collection name unless one is given
    (it would otherwise label another corpus as SaudiNewsNet). Raises :class:`IngestUsageError`.

    >>> load_mapping(["text=body", "url=link"]).text, load_mapping(["text=body"]).collection
    ('body', None)
    """
    changes: dict[str, str | None] = {}
    if mapping_file is not None:
        changes.update(_read_mapping_file(Path(mapping_file)))
    for spec in fields:
        name, sep, source = spec.partition("=")
        if not sep:
            raise IngestUsageError(f"--field {spec!r}: write NAME=SOURCE_FIELD, e.g. --field text=body")
        changes[name.strip()] = source.strip() or None
    unknown = sorted(set(changes) - {*CANONICAL_FIELDS, "collection"})
    if unknown:
        raise IngestUsageError(f"unknown field name(s) {', '.join(unknown)}: the names are "
                               f"{', '.join(CANONICAL_FIELDS)} (and collection)")
    if not changes:
        return base
    if "collection" not in changes and any(changes[name] != getattr(base, name) for name in changes):
        changes["collection"] = None
    mapping = replace(base, **changes)
    if mapping.text is None:
        raise IngestUsageError("the text field cannot be unmapped: every article needs a text (--field text=FIELD)")
    return mapping


def _read_mapping_file(path: Path) -> dict[str, str | None]:
    import yaml  # only here: most runs have no mapping file

    try:
        value = yaml.safe_load(path.read_text(encoding="utf-8"))  # JSON is YAML
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise IngestUsageError(f"cannot read the mapping file {str(path)!r}: {exc}") from None
    if not isinstance(value, dict) or not all(isinstance(k, str) and (v is None or isinstance(v, str))
                                              for k, v in value.items()):
        raise IngestUsageError(f"the mapping file {str(path)!r} must be one object of NAME: SOURCE_FIELD strings "
                               "(e.g. text: body)")
    return dict(value)
