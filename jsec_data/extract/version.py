"""The drafter's version: the package version and a digest of the drafter's code and word lists."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from jsec_data import __version__

__all__ = ["extractor_version"]


@functools.cache
def extractor_version() -> str:
    """``<package version>+extract.<first 12 hex digits of the SHA-256 of jsec_data/extract/**>``.

    Any edit to a rule or a word list changes it, so a figure measured with one drafter is
    never presented as another's.
    """
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".yaml", ".yml")
                       and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode() + b"\n")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return f"{__version__}+extract.{digest.hexdigest()[:12]}"
