"""Phase 2 of the silver pass, in the main process: which candidates are kept, which are copies.

The candidates are read back from the spill files in input order and grouped as ``jsec ingest``
groups them: a record whose article id (its URL's digest) was seen already is a repeat; one whose
stored text a kept article has is an exact duplicate (similarity 1.0); one that is a near-copy of
a kept article is recorded on that article; every other candidate is kept. So the first printing
in input order is kept, whatever ran the screening.

Near-copies are found exactly as :class:`jsec_data.ingest.nearcopy.NearCopyIndex` finds them: the
same word shingles and MinHash (:data:`~jsec_data.ingest.nearcopy.NUM_PERM` permutations, seed
:data:`~jsec_data.ingest.nearcopy.SEED`), the same LSH bands
(:data:`~jsec_data.ingest.nearcopy.LSH_BANDS` x :data:`~jsec_data.ingest.nearcopy.LSH_ROWS`: a kept
article is a candidate when one band of its signature equals the record's), then the same exact
Jaccard and containment rule (:func:`~jsec_data.ingest.nearcopy.compare`,
:func:`~jsec_data.ingest.nearcopy.is_near_copy`) and tie-break (higher Jaccard, then smaller id).
Two things differ, for speed only: the signatures are computed by the screening tasks (in
parallel) and sent in the spill files (but for each file's first
:data:`~jsec_data.silver.screen.SIGNED_BY_GROUPING` candidates, signed here), and the band table is a plain dictionary keyed by the band's
bytes (datasketch's index cost 15 s of this process for SaudiNewsNet's 30,000 records, this one
under a second). The tests check the groups against ``NearCopyIndex``'s.

Memory: the kept articles' shingle sets and band keys (a few kB an article), the id and
text-digest sets (about 200 bytes a candidate): this phase grows with the articles kept, not with
the records read (see docs/scale.md for a cluster's way).
"""

from __future__ import annotations

import functools
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from jsec_data.ingest.nearcopy import LSH_BANDS, LSH_ROWS, NUM_PERM, SEED, compare, is_near_copy
from jsec_data.silver.screen import ScreenOut, spill_batches

__all__ = ["Copy", "Grouping", "group_candidates", "minhash_signature"]

_KEY_COLUMNS = ["article_id", "url", "digest", "shingles", "minhash", "outlet", "retrieved", "source_record_sha256"]
_BAND_BYTES = LSH_ROWS * 8

#: A near-copy or duplicate as recorded on the kept article: (source_url, outlet_id, retrieved as
#: given, similarity, source_record_sha256); made a NearCopy by the draft task.
Copy = tuple[str | None, str | None, str | None, float, str]


def _identity(value: Any) -> Any:
    return value


@functools.cache
def _template() -> Any:
    from datasketch import MinHash  # type: ignore[import-untyped]

    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_identity)


def minhash_signature(text_shingles: npt.NDArray[np.uint32]) -> bytes:
    """The bands' part of the text's MinHash signature (``LSH_BANDS * LSH_ROWS`` uint64 values), as
    ``jsec ingest``'s index computes it (the shingle hashes fed to the permutations as they are)."""
    if not len(text_shingles):
        return b""
    signature = _template().copy()
    signature.update_batch(text_shingles.tolist())
    return bytes(signature.hashvalues[:LSH_BANDS * LSH_ROWS].astype(np.uint64).tobytes())


class _BandIndex:
    """Kept articles by band: band number and bytes -> the kept articles (positions) with that band."""

    def __init__(self) -> None:
        self.tables: list[dict[bytes, list[int]]] = [{} for _ in range(LSH_BANDS)]
        self.sets: dict[int, npt.NDArray[np.uint32]] = {}
        self.ids: dict[int, str] = {}

    def find(self, article_shingles: npt.NDArray[np.uint32], signature: bytes) -> tuple[int, float] | None:
        """The kept article (position, Jaccard) this text is a near-copy of, if any."""
        if not len(article_shingles) or not self.sets:
            return None
        candidates: set[int] = set()
        for band, table in enumerate(self.tables):
            found = table.get(signature[band * _BAND_BYTES:(band + 1) * _BAND_BYTES])
            if found:
                candidates.update(found)
        best: tuple[int, float] | None = None
        for position in candidates:
            jaccard, containment = compare(article_shingles, self.sets[position])
            if is_near_copy(jaccard, containment) and (
                    best is None or jaccard > best[1] or (jaccard == best[1] and self.ids[position] < self.ids[best[0]])):
                best = (position, jaccard)
        return best

    def add(self, position: int, article_id: str, article_shingles: npt.NDArray[np.uint32], signature: bytes) -> None:
        if not len(article_shingles):
            return
        self.sets[position] = article_shingles
        self.ids[position] = article_id
        for band, table in enumerate(self.tables):
            table.setdefault(signature[band * _BAND_BYTES:(band + 1) * _BAND_BYTES], []).append(position)


@dataclass
class Grouping:
    """The kept candidates (input file index and row in its spill file, in input order), and the
    copies recorded against each kept article (by its position in ``files``/``rows``)."""

    files: array[int] = field(default_factory=lambda: array("I"))
    rows: array[int] = field(default_factory=lambda: array("I"))
    copies: dict[int, list[Copy]] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)  # kept, near_copies, duplicates, repeated

    def __len__(self) -> int:
        return len(self.files)


def group_candidates(screened: Iterable[ScreenOut]) -> Grouping:
    """Group the candidates of ``screened`` (screening results, in input order; consumed as they come)."""
    grouping = Grouping()
    index = _BandIndex()
    seen_ids: set[str] = set()
    by_text: dict[str, int] = {}  # digest of a kept text -> its position
    for out in screened:
        if out.spill is None:
            continue
        row = 0
        for batch in spill_batches(out.spill, _KEY_COLUMNS):
            columns = batch.to_pydict()
            for article_id, url, digest, text_shingles, signature, outlet, retrieved, record_sha in zip(
                    *(columns[name] for name in _KEY_COLUMNS), strict=True):
                if article_id in seen_ids:
                    grouping.counts["repeated"] += 1
                elif digest in by_text:
                    grouping.counts["duplicates"] += 1
                    grouping.copies.setdefault(by_text[digest], []).append((url, outlet, retrieved, 1.0, record_sha))
                else:
                    hashes = np.frombuffer(text_shingles, dtype=np.uint32)
                    signature = signature or minhash_signature(hashes)  # (a file's first candidates: see screen)
                    match = index.find(hashes, signature)
                    if match is not None:
                        grouping.counts["near_copies"] += 1
                        grouping.copies.setdefault(match[0], []).append(
                            (url, outlet, retrieved, round(match[1], 3), record_sha))
                    else:
                        position = len(grouping.files)
                        grouping.files.append(out.index)
                        grouping.rows.append(row)
                        grouping.counts["kept"] += 1
                        by_text[digest] = position
                        index.add(position, article_id, hashes.copy(), signature)
                seen_ids.add(article_id)
                row += 1
    return grouping
