"""Near-copies: the same story printed by several outlets with small edits.

Texts are compared on their **matching form** (:func:`jsec_data.core.text.normalize_for_matching`:
hamza, ta marbuta, alef maksura, diacritics and tatweel folded), cut into word tokens
(``\\w+``: punctuation, quote marks and the spacing around them do not count) and then into
overlapping shingles of :data:`SHINGLE_WORDS` words, each hashed to 32 bits (CRC-32 of its
words, so the result never depends on the process or the platform). MinHash signatures
(:data:`NUM_PERM` permutations, fixed seed) in a ``datasketch.MinHashLSH`` index find the
candidates cheaply; each candidate is then checked on the exact shingle sets:

* **Jaccard** ``|A & B| / |A | B|`` at least :data:`MIN_JACCARD` (a reprint with small edits), or
* Jaccard at least :data:`MIN_JACCARD_CONTAINED` **and containment** ``|A & B| / min(|A|, |B|)``
  at least :data:`MIN_CONTAINMENT` (one version holds nearly all of the other: a paragraph
  dropped or added).

The thresholds were tuned on SaudiNewsNet (docs/ingest.md has the figures). Only kept
articles are indexed, so a group is a star around its first printing: every near-copy
is compared with the kept articles, never with another near-copy, and cannot chain.
"""

from __future__ import annotations

import functools
import re
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jsec_data.core.text import normalize_for_matching

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "LSH_BANDS",
    "LSH_ROWS",
    "MIN_CONTAINMENT",
    "MIN_JACCARD",
    "MIN_JACCARD_CONTAINED",
    "NUM_PERM",
    "SEED",
    "SHINGLE_WORDS",
    "Match",
    "NearCopyIndex",
    "compare",
    "is_near_copy",
    "shingles",
]

#: Words per shingle: 3 separates reprints from distinct reports on one topic best (2 lets
#: shared phrases weigh too much, 4-5 let each small edit break too many shingles).
SHINGLE_WORDS = 3
#: MinHash permutations, and the LSH bands x rows using them: a pair at Jaccard 0.5 becomes a
#: candidate with probability 1 - (1 - 0.5^3)^42 = 0.996, at 0.4 with 0.94, at 0.35 with 0.84,
#: at 0.1 (unrelated texts) with 0.04. Each band costs about 300 bytes per indexed article
#: (datasketch keeps a set per bucket): 42 bands, 12 kB an article.
NUM_PERM = 128
LSH_BANDS, LSH_ROWS = 42, 3
SEED = 1
MIN_JACCARD = 0.5
MIN_JACCARD_CONTAINED = 0.35
MIN_CONTAINMENT = 0.85

_WORD = re.compile(r"\w+")
# Odd 64-bit multipliers that mix the three word hashes of a shingle into one value.
_MIX = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9)

def shingles(text: str) -> npt.NDArray[np.uint32]:
    """The sorted, distinct 32-bit hashes of ``text``'s word shingles (fewer words than a shingle: one shingle)."""
    import numpy as np

    words = _WORD.findall(normalize_for_matching(text))
    if not words:
        return np.zeros(0, dtype=np.uint32)
    hashes = np.fromiter((zlib.crc32(word.encode("utf-8")) for word in words), dtype=np.uint64, count=len(words))
    count = max(1, len(words) - SHINGLE_WORDS + 1)
    mixed = np.zeros(count, dtype=np.uint64)
    for offset in range(min(SHINGLE_WORDS, len(words))):
        mixed += hashes[offset:offset + count] * np.uint64(_MIX[offset])  # wraps modulo 2**64, as meant
    mixed ^= mixed >> np.uint64(29)
    mixed *= np.uint64(_MIX[2])
    return np.unique((mixed >> np.uint64(32)).astype(np.uint32))


@dataclass(frozen=True)
class Match:
    """The kept article a text is a near-copy of, and how similar they are."""

    article_id: str
    jaccard: float
    containment: float


def compare(a: npt.NDArray[np.uint32], b: npt.NDArray[np.uint32]) -> tuple[float, float]:
    """(Jaccard, containment in the smaller) of two shingle sets from :func:`shingles`."""
    import numpy as np

    if not len(a) or not len(b):
        return 0.0, 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common), common / min(len(a), len(b))


def is_near_copy(jaccard: float, containment: float) -> bool:
    """The decision rule (see the module docstring)."""
    return jaccard >= MIN_JACCARD or (jaccard >= MIN_JACCARD_CONTAINED and containment >= MIN_CONTAINMENT)


def _identity(value: Any) -> Any:
    return value


class NearCopyIndex:
    """Kept articles' shingle sets, with a MinHash LSH index over them."""

    def __init__(self) -> None:
        # Imported with the first index (`import jsec_data` stays light); datasketch has no type hints.
        from datasketch import MinHashLSH  # type: ignore[import-untyped]

        self._lsh = MinHashLSH(num_perm=NUM_PERM, params=(LSH_BANDS, LSH_ROWS))
        self._sets: dict[str, npt.NDArray[np.uint32]] = {}

    def __len__(self) -> int:
        return len(self._sets)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._sets

    def add(self, article_id: str, text_shingles: npt.NDArray[np.uint32]) -> None:
        """Index a kept article (an article already indexed is left as it is)."""
        if article_id in self._sets or not len(text_shingles):
            return
        self._sets[article_id] = text_shingles
        self._lsh.insert(article_id, _minhash(text_shingles), check_duplication=False)

    def find(self, text_shingles: npt.NDArray[np.uint32]) -> Match | None:
        """The most similar kept article that ``text_shingles`` is a near-copy of, if any.

        Ties go to the smaller article id, so the result does not depend on the LSH's order.
        """
        if not len(text_shingles) or not self._sets:
            return None
        best: Match | None = None
        for candidate in self._lsh.query(_minhash(text_shingles)):
            jaccard, containment = compare(text_shingles, self._sets[candidate])
            if is_near_copy(jaccard, containment) and (
                    best is None or jaccard > best.jaccard or (jaccard == best.jaccard and candidate < best.article_id)):
                best = Match(candidate, jaccard, containment)
        return best


def _minhash(text_shingles: npt.NDArray[np.uint32]) -> Any:
    # The shingles are hashes already: the identity hash function feeds them to the permutations.
    signature = _template().copy()  # a copy shares the permutations (making them anew costs as much as the rest)
    signature.update_batch(text_shingles.tolist())
    return signature


@functools.lru_cache(maxsize=1)
def _template() -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_identity)
