"""Where the build cache lives, and whether it keeps a card figure: light enough for ``jsec build`` to ask
before it imports the build's libraries (pyarrow, pydantic), to decide whether to start a figure process."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["CACHE_DIRNAME", "FIGURES_DIRNAME", "default_cache_dir", "keeps_a_figure"]

#: The cache folder's name, beside the output folder.
CACHE_DIRNAME = ".jsec-cache"
#: The card's figure of the last build, ``<digest of what it was drawn from>.png`` (checksummed).
FIGURES_DIRNAME = "figures"


def default_cache_dir(out_dir: Path | str) -> Path:
    """``.jsec-cache`` in the folder that holds the output folder.

    >>> default_cache_dir("/data/jsec/dataset").as_posix()
    '/data/jsec/.jsec-cache'
    """
    return Path(os.path.abspath(out_dir)).parent / CACHE_DIRNAME  # noqa: PTH100 (no symbolic link resolved)


def keeps_a_figure(cache_dir: Path | str) -> bool:
    """Whether the cache holds a figure from an earlier build (the next build likely draws the same one).

    Only a file name is looked at: whether the figure is whole, and drawn from the same network, the
    build checks when it knows the network (``BuildCache.kept_figure``).
    """
    try:
        with os.scandir(os.path.join(cache_dir, FIGURES_DIRNAME)) as entries:  # noqa: PTH118
            return any(entry.name.endswith(".png") for entry in entries)
    except OSError:
        return False
