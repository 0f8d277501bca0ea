"""What every task of the silver pass needs (sent once to each worker): the options and the registry."""

from __future__ import annotations

from dataclasses import dataclass, field

from jsec_data.article.stage import Registry
from jsec_data.ingest import FieldMapping

__all__ = ["SilverConfig"]


@dataclass(frozen=True)
class SilverConfig:
    """The read-only context of the silver tasks. Paths are absolute: workers may run elsewhere
    (a Dask cluster sharing the file system)."""

    mapping: FieldMapping
    licence: str
    attribution: str | None
    keep_all: bool
    min_score: float
    extractor_version: str
    work_dir: str  # spill files of the screening, removed at the end
    out_dir: str  # the output folder being written (a temporary sibling of --out)
    outlets: dict[str, str] = field(default_factory=dict)  # outlet id -> display name
    registry: Registry = field(default_factory=Registry)
