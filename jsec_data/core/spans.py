"""Matching the spans of two annotations (gold and draft, or two passes) one to one by their overlap.

Used by ``jsec evaluate`` (:mod:`jsec_data.evaluate`) and ``jsec agreement`` (:mod:`jsec_data.agreement`).
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["DEFAULT_THRESHOLD", "jaccard", "match_spans"]

#: The overlap (Jaccard) two spans need to match.
DEFAULT_THRESHOLD = 0.5


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap / union of two half-open spans.

    >>> jaccard((0, 10), (5, 15))
    0.3333333333333333
    """
    overlap = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return overlap / union if union else 0.0


def match_spans(gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]],
                threshold: float = DEFAULT_THRESHOLD) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, best overlap first, overlap >= threshold."""
    pairs = sorted(
        ((jaccard(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted)),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matches = []
    for score, gi, pi in pairs:
        if score < threshold or score == 0:
            break
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        matches.append((gi, pi))
    return sorted(matches)
