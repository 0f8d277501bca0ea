"""Phase 2: the silver pass groups duplicates and near-copies exactly as ``jsec ingest``'s
``NearCopyIndex`` does (same candidates, same rule, same tie-break), only faster."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import numpy as np

from jsec_data.ingest import SAUDINEWSNET
from jsec_data.ingest.nearcopy import NearCopyIndex
from jsec_data.silver.config import SilverConfig
from jsec_data.silver.group import group_candidates, minhash_signature
from jsec_data.silver.screen import SIGNED_BY_GROUPING, ScreenTask, screen_file, spill_batches

from .conftest import LICENCE, synthetic_records


def _with_copies(count: int, seed: int) -> list[dict[str, Any]]:
    """Synthetic articles, and reprints of some: a paragraph dropped, added or reworded; some verbatim."""
    originals = synthetic_records(count, seed)
    rng = random.Random(seed)
    records = list(originals)
    for number, base in enumerate(rng.sample(originals, count // 2)):
        lines = base["content"].split("\n")
        change = number % 4
        if change == 0 and len(lines) > 3:
            lines.pop(rng.randrange(len(lines)))
        elif change == 1:
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(originals)["content"].split("\n")[0])
        elif change == 2:
            lines[0] = "قالت الصحيفة " + lines[0]
        records.append({**base, "url": f"{base['url']}/reprint-{number}", "content": "\n".join(lines),
                        "title": base["title"] if change == 3 else f"{base['title']} - {number}"})
    rng.shuffle(records)
    return records


def _reference(spills: list[str]) -> tuple[list[str], dict[str, list[tuple[str, float]]], int, int]:
    """ingest's rule with ingest's index: kept ids in order, copies per kept id, near-copies, duplicates."""
    index = NearCopyIndex()
    kept: list[str] = []
    copies: dict[str, list[tuple[str, float]]] = {}
    by_text: dict[str, str] = {}
    seen: set[str] = set()
    near = duplicates = 0
    for spill in spills:
        for batch in spill_batches(spill, ["article_id", "url", "digest", "shingles"]):
            for article_id, url, digest, raw in zip(*batch.to_pydict().values(), strict=True):
                if article_id in seen:
                    continue
                seen.add(article_id)
                hashes = np.frombuffer(raw, dtype=np.uint32).copy()
                if digest in by_text:
                    duplicates += 1
                    copies.setdefault(by_text[digest], []).append((url, 1.0))
                    continue
                match = index.find(hashes)
                if match is not None:
                    near += 1
                    copies.setdefault(match.article_id, []).append((url, round(match.jaccard, 3)))
                    continue
                kept.append(article_id)
                by_text[digest] = article_id
                index.add(article_id, hashes)
    return kept, copies, near, duplicates


def test_groups_are_the_ones_ingest_s_near_copy_index_makes(tmp_path: Path) -> None:
    records = _with_copies(80, seed=11)
    for index in range(3):
        part = records[index * len(records) // 3:(index + 1) * len(records) // 3]
        (tmp_path / f"part-{index}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part),
                                                      encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    config = SilverConfig(SAUDINEWSNET, LICENCE, None, True, 2.0, "test", str(work), str(tmp_path / "out"))
    screened = [screen_file(config, ScreenTask(i, str(tmp_path / f"part-{i}.jsonl"), f"part-{i}.jsonl")) for i in range(3)]
    grouping = group_candidates(screened)
    spills = [out.spill for out in screened if out.spill]
    kept, copies, near, duplicates = _reference(spills)
    assert near > 10 and duplicates > 3  # the corpus does exercise both
    assert (grouping.counts["near_copies"], grouping.counts["duplicates"], grouping.counts["kept"]) == (near, duplicates, len(kept))
    ids: list[str] = []
    for file, row in zip(grouping.files, grouping.rows, strict=True):
        batch = list(spill_batches(spills[file], ["article_id"]))[row // 256]
        ids.append(batch.column("article_id")[row % 256].as_py())
    assert ids == kept
    mine = {ids[position]: [(copy[0], copy[3]) for copy in found] for position, found in grouping.copies.items()}
    assert mine == copies


def test_a_files_first_candidates_are_signed_by_the_grouping_the_rest_by_their_task(tmp_path: Path) -> None:
    records = synthetic_records(SIGNED_BY_GROUPING + 8, seed=5)
    (tmp_path / "part.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    config = SilverConfig(SAUDINEWSNET, LICENCE, None, True, 2.0, "test", str(work), str(tmp_path / "out"))
    out = screen_file(config, ScreenTask(0, str(tmp_path / "part.jsonl"), "part.jsonl"))
    assert out.spill is not None
    rows = [row for batch in spill_batches(out.spill, ["shingles", "minhash"]) for row in batch.to_pylist()]
    assert len(rows) == len(records)
    unsigned = [row for row in rows if not row["minhash"]]
    assert len(unsigned) == SIGNED_BY_GROUPING and rows[:SIGNED_BY_GROUPING] == unsigned  # spares a worker datasketch
    for row in rows[SIGNED_BY_GROUPING:]:  # what the task signed is what the grouping would
        assert row["minhash"] == minhash_signature(np.frombuffer(row["shingles"], dtype=np.uint32))
