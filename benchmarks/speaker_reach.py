"""Where the drafter's wrong speakers are: how often a split's gold speaker is among the draft's own candidates, or
named in the article at all. Upper bounds for any way of choosing among names, against the speakers the drafter chose.

For each quotation and statement the scorer matches (``jsec evaluate``'s matching, its registry withheld story by
story, its speaker comparison), three shares: the drafted speakers are right; every gold speaker is among the
entities the draft uses or proposes anywhere in the article (what re-ranking the draft's own candidates could reach);
every gold speaker is among them or named in the article under one of the gold's names (what a name finder and a
perfect choice could reach). Only totals are printed: the split may be held back.

    python benchmarks/speaker_reach.py benchmarks/data/heldout3 --split test
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jsec_data.article.stage import ArticleResult, Registry, process_article, read_registry
from jsec_data.core.models import EntityRecord
from jsec_data.core.text import normalize_for_matching
from jsec_data.evaluate import draft_of, match_spans, read_splits, record_span, same_speakers, story_drafters
from jsec_data.raw.files import discover_articles


def reach(result: ArticleResult, registry: Registry, drafter: Registry, counts: Counter[str]) -> None:
    """Count one article's matched records into ``counts`` (layer + ``matched``, ``right``, ``candidates``, ``named``)."""
    article = result.article
    assert article is not None
    draft = draft_of(article, drafter)
    entities: dict[str, EntityRecord] = {**registry.entities, **{e.entity_id: e for e in result.entities}}
    proposed: dict[str, dict[str, Any]] = {e["entity_id"]: e for e in draft["entities"]}
    records: list[Mapping[str, Any]] = [*draft["quotations"], *draft["statements"]]
    candidates = {i for record in records for i in record["speaker_ids"]} | set(proposed)
    words = f" {' '.join(normalize_for_matching(article.text).split())} "
    aligned: dict[str, str] = {}
    for layer, gold, drafted in (("quotations", result.quotations, draft["quotations"]),
                                 ("statements", result.statements, draft["statements"])):
        spans = [record_span(article.text, record) for record in drafted]
        for g, d in match_spans([(r.char_start, r.char_end) for r in gold], spans):
            speakers = list(gold[g].speaker_ids)
            among = all(s in candidates or any(same_speakers([s], [c], entities, proposed, {}) for c in proposed)
                        for s in speakers)
            named = all(s in entities and any(f" {normalize_for_matching(n).strip()} " in words
                                              for n in entities[s].names_ar) for s in speakers)
            counts[f"{layer} matched"] += 1
            counts[f"{layer} right"] += same_speakers(speakers, drafted[d]["speaker_ids"], entities, proposed, aligned)
            counts[f"{layer} candidates"] += among
            counts[f"{layer} named"] += among or named


def measure(folder: Path, split: str) -> tuple[int, Counter[str]]:
    """The counts over ``split`` of ``folder``'s splits file, each story drafted with the registry its gold did not add."""
    today = dt.date.today()
    registry, _ = read_registry(folder)
    chosen = read_splits(folder / "splits.yaml").splits[split]
    sources = {s.article_id: s for s in discover_articles(folder)[0] if s.annotation is not None}
    results = {a: process_article(source, registry, today) for a, source in sources.items()}
    results = {a: r for a, r in results.items() if r.article is not None and not any(i.severity == "error" for i in r.issues)}
    counts: Counter[str] = Counter()
    articles = 0
    for inside, drafter in story_drafters(chosen, registry, results):
        articles += len(inside)
        for result in inside:
            reach(result, registry, drafter, counts)
    return articles, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", type=Path, nargs="+")
    parser.add_argument("--split", default="test")
    args = parser.parse_args()
    total: Counter[str] = Counter()
    articles = 0
    for folder in args.folders:
        count, counts = measure(folder, args.split)
        articles += count
        total.update(counts)
    print(f"{articles} articles, split {args.split}")
    for layer in ("quotations", "statements"):
        matched = total[f"{layer} matched"]
        shares = ", ".join(f"{what} {total[f'{layer} {what}'] / matched:.2f}" if matched else f"{what} -"
                           for what in ("right", "candidates", "named"))
        print(f"{layer}: {matched} matched; {shares}")


if __name__ == "__main__":
    main()
