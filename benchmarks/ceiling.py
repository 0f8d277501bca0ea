"""The human ceiling of the drafter's figures: one annotation pass scored by ``jsec evaluate``'s scorer against another.

``jsec agreement`` compares two independent passes id for id, so the same new speaker under two slugs
(``mireille-bissec``, ``mireille-bisseck``) is a disagreement. ``jsec evaluate`` scores the drafter more leniently: a
new entity it drafts counts as the gold's when its Arabic name is a run of whole words of the gold's name. This script
gives pass B to that scorer as if it were a draft of each article (its records, and as new entities the ones pass A's
registry lacks), against pass A, and the other way round: what a second human annotator would score, the figure
the drafter's goals should be read against.

    python benchmarks/ceiling.py benchmarks/data/heldout2 benchmarks/data/heldout2-pass-b --split test

Only aggregate figures are printed (the split is held back: its records are not to be read while tuning).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from jsec_data.article.stage import ArticleResult, Registry, process_article, read_registry
from jsec_data.evaluate import DEFAULT_THRESHOLD, Evaluation, Figures, evaluate_result, read_splits
from jsec_data.raw.files import discover_articles


def pass_as_draft(result: ArticleResult, registry: Registry, gold_registry: Registry) -> dict[str, Any]:
    """One article's records of a pass as a draft: the entities ``gold_registry`` lacks are its new ones."""
    known = {**registry.entities, **{e.entity_id: e for e in result.entities}}
    used = {i for q in result.quotations for i in q.speaker_ids} | {i for s in result.statements for i in s.speaker_ids}
    return {
        "quotations": [{"exact": q.text, "start": q.char_start, "speaker_ids": list(q.speaker_ids), "cue": q.cue}
                       for q in result.quotations],
        "statements": [{"exact": s.text, "start": s.char_start, "speaker_ids": list(s.speaker_ids), "cue": s.cue,
                        "mode": s.mode} for s in result.statements],
        "agreement_mentions": [{"exact": m.text, "start": m.char_start, "agreement_id": m.agreement_id,
                                "reported_status": m.reported_status} for m in result.agreement_mentions],
        "entities": [{"entity_id": i, "names_ar": list(known[i].names_ar)} for i in sorted(used)
                     if i not in gold_registry.entities and i in known],
    }


def score(gold: Path, other: Path, split: str) -> Evaluation:
    """``other``'s records scored against ``gold``'s, article by article, on ``split`` of ``gold``'s splits file."""
    today = dt.date.today()
    gold_registry, _ = read_registry(gold)
    other_registry, _ = read_registry(other)
    wanted = set(read_splits(gold / "splits.yaml").splits[split].articles)
    others = {s.article_id: s for s in discover_articles(other)[0]}
    evaluation = Evaluation(DEFAULT_THRESHOLD, Figures(0, 0, 0, 0, 0), Figures(0, 0, 0, 0, 0), split=split)
    for source in discover_articles(gold)[0]:
        if source.article_id not in wanted or source.article_id not in others:
            continue
        draft = pass_as_draft(process_article(others[source.article_id], other_registry, today), other_registry,
                              gold_registry)
        result = process_article(source, gold_registry, today)
        evaluation.add(source.article_id, evaluate_result(result, gold_registry, draft=draft))
    return evaluation


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pass_a", type=Path)
    parser.add_argument("pass_b", type=Path)
    parser.add_argument("--split", default="test")
    args = parser.parse_args()
    for gold, other, label in ((args.pass_a, args.pass_b, "B against A"), (args.pass_b, args.pass_a, "A against B")):
        e = score(gold, other, args.split)
        q, s = e.quotations, e.statements
        print(f"{label} ({len(e.articles)} articles): quotations P {q.precision:.2f} R {q.recall:.2f}, speaker "
              f"{q.label_accuracy:.2f} ({q.label_correct}/{q.matched}); statements F1 {s.f1:.2f}, speaker "
              f"{s.label_accuracy:.2f} ({s.label_correct}/{s.matched})")


if __name__ == "__main__":
    main()
