"""Measure the relevance filter of ``jsec ingest`` against its labelled sample.

Reads the SaudiNewsNet corpus (one ``YYYY-MM-DD.json.gz`` per crawl day, a JSON array each)
and ``benchmarks/data/relevance_labels.jsonl`` (one labelled record per line: ``file`` and
``index`` locate it in the corpus, ``label`` is ``on``/``off``, ``split`` is ``dev``/``test``),
scores every labelled record with :func:`jsec_data.ingest.relevance.assess`, and prints
precision, recall, F1 and the confusion counts per split. Then it runs the filter over every
record of the corpus: time per article and how many records it keeps.

    python benchmarks/relevance.py                      # dev and test, plus the corpus pass
    python benchmarks/relevance.py --split dev --errors # while tuning: dev only, with its errors
    python benchmarks/relevance.py --json               # the same figures as JSON

Tune on dev only; run test once the lexicons and the threshold are fixed (docs/relevance.md).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from jsec_data.ingest.relevance import DEFAULT_MIN_SCORE, assess

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet"
DEFAULT_LABELS = ROOT / "benchmarks" / "data" / "relevance_labels.jsonl"


def read_corpus(corpus: Path) -> dict[str, list[dict[str, Any]]]:
    """Every day file of the corpus: its name -> its records (in file order)."""
    files = sorted(corpus.glob("*.json.gz"))
    if not files:
        raise SystemExit(f"no *.json.gz under {corpus} (pass --corpus DIR)")
    out: dict[str, list[dict[str, Any]]] = {}
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            out[path.name] = json.load(fh)
    return out


def read_labels(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def figures(rows: Sequence[tuple[bool, bool]]) -> dict[str, float | int]:
    """Precision, recall, F1 and confusion counts of (gold on, predicted on) pairs."""
    tp = sum(1 for gold, pred in rows if gold and pred)
    fp = sum(1 for gold, pred in rows if not gold and pred)
    fn = sum(1 for gold, pred in rows if gold and not pred)
    tn = len(rows) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"n": len(rows), "on": tp + fn, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def evaluate(corpus: dict[str, list[dict[str, Any]]], labels: Sequence[dict[str, Any]], splits: Sequence[str],
             min_score: float) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for split in splits:
        rows: list[tuple[bool, bool]] = []
        errors: list[dict[str, Any]] = []
        for label in labels:
            if label["split"] != split:
                continue
            record = corpus[label["file"]][label["index"]]
            if record["url"] != label["url"]:
                raise SystemExit(f"label does not match the corpus: {label['file']}[{label['index']}] is {record['url']}")
            verdict = assess(record.get("title") or "", record.get("content") or "", min_score=min_score)
            gold = label["label"] == "on"
            rows.append((gold, verdict.on_topic))
            if gold != verdict.on_topic:
                errors.append({"url": label["url"], "gold": label["label"], "score": verdict.score,
                               "title": label["title"], "why_gold": label["reason"], "reasons": list(verdict.reasons)})
        results[split] = {**figures(rows), "errors": sorted(errors, key=lambda e: e["url"])}
    return results


def corpus_pass(corpus: dict[str, list[dict[str, Any]]], min_score: float, repeat: int) -> dict[str, Any]:
    """Time :func:`assess` over every record (best of ``repeat`` passes) and count what it keeps."""
    records = [(r.get("title") or "", r.get("content") or "") for day in corpus.values() for r in day]
    chars = sum(len(t) + len(c) for t, c in records)
    kept = 0
    totals: list[float] = []
    for _ in range(repeat):
        kept = 0
        start = time.perf_counter()
        for title, text in records:
            if assess(title, text, min_score=min_score).on_topic:
                kept += 1
        totals.append(time.perf_counter() - start)
    best = min(totals)
    return {"records": len(records), "kept": kept, "seconds": round(best, 3),
            "ms_per_article": round(1000 * best / len(records), 4),
            "mean_chars": round(chars / len(records)), "passes": [round(t, 3) for t in totals],
            "median_pass_seconds": round(statistics.median(totals), 3)}


def iter_report(result: dict[str, Any], show_errors: bool) -> Iterator[str]:
    yield f"relevance filter, min_score {result['min_score']}"
    for split in ("dev", "test"):
        if split not in result["splits"]:
            continue
        f = result["splits"][split]
        yield (f"  {split:<4} n={f['n']:<4} on={f['on']:<3} P={f['precision']:.3f} R={f['recall']:.3f} F1={f['f1']:.3f}"
               f"   tp={f['tp']} fp={f['fp']} fn={f['fn']} tn={f['tn']}")
        if show_errors:
            for e in f["errors"]:
                yield f"    {e['gold']:>3} score {e['score']:+.2f}  {e['url']}"
                yield f"        {e['title']}"
                yield f"        gold: {e['why_gold']}"
                yield "        " + "; ".join(e["reasons"])
    if "corpus" in result:
        c = result["corpus"]
        yield (f"  corpus: {c['records']} records (mean {c['mean_chars']} chars), kept {c['kept']}; "
               f"{c['ms_per_article']:.4f} ms per article (best of {len(c['passes'])} passes, {c['seconds']} s)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of YYYY-MM-DD.json.gz (default: %(default)s)")
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS, help="labelled sample (default: %(default)s)")
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both", help="which half to score (default: both)")
    parser.add_argument("--min-score", type=float, default=DEFAULT_MIN_SCORE, help="threshold (default: DEFAULT_MIN_SCORE)")
    parser.add_argument("--errors", action="store_true", help="list every error with the filter's reasons")
    parser.add_argument("--no-corpus-pass", action="store_true", help="skip timing the filter over the whole corpus")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the corpus for the timing (default: 3)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    corpus = read_corpus(args.corpus)
    labels = read_labels(args.labels)
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    result: dict[str, Any] = {"min_score": args.min_score, "labels": str(args.labels),
                              "splits": evaluate(corpus, labels, splits, args.min_score)}
    if not args.no_corpus_pass:
        result["corpus"] = corpus_pass(corpus, args.min_score, max(1, args.repeat))
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for line in iter_report(result, args.errors):
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
