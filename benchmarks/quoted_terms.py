"""How many of the drafter's quotations are quotations: names and terms in quote marks (issue 18, item 3).

``benchmarks/data/quoted-terms/labels.jsonl`` holds 627 quoted spans that the round-3 drafter drafted
as quotations in SaudiNewsNet articles outside ``raw/`` and the held-out split, each labelled blind
(``quotation`` or ``not``, guidelines §5) by an annotator who saw neither the drafter nor the item's
stratum. Two random samples of 300 articles with quote marks (``sample`` 1 and 2, 6 articles in
both); in each, every span round 4 dropped (stratum ``dropped``, weight 1) and 150 of those it kept
(stratum ``kept``, weight = kept / 150), so weighted counts estimate the round-3 population.

This script drafts the labelled articles with the current drafter and reports, per sample, the
estimated precision of round 3 and now, and the share of round 3's real quotations still drafted
(a span counts as drafted when a quotation has its text with the same 20 characters before it and
10 after). Sample 1 was tuned on; sample 2 was measured once before two fixes (docs/extractor.md).

    python benchmarks/quoted_terms.py --corpus ../shared/corpora/saudinewsnet

Source: SaudiNewsNet (Mazen A. Alhagri, 2015), CC BY-NC-SA 4.0; each article belongs to its newspaper.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
from collections.abc import Sequence
from pathlib import Path

from jsec_data.article.stage import read_registry
from jsec_data.core.anchor import Anchor, resolve
from jsec_data.extract.draft import extract_text

HERE = Path(__file__).resolve().parent
LABELS = HERE / "data" / "quoted-terms" / "labels.jsonl"
ROOT = HERE.parent


def _key(exact: str, before: str, after: str) -> tuple[str, str, str]:
    return exact, before[-20:], after[:10]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="SaudiNewsNet folder (*.json.gz)")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    urls = {row["url"] for row in rows}
    texts: dict[str, str] = {}
    for path in sorted(args.corpus.glob("*.json.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for record in json.load(handle):
                if record.get("url") in urls and record.get("content"):
                    texts.setdefault(record["url"], record["content"])
    missing = urls - set(texts)
    if missing:
        raise SystemExit(f"{len(missing)} labelled article(s) not in {args.corpus}")
    registry = read_registry(ROOT / "raw")[0]
    drafted: dict[str, collections.Counter[tuple[str, str, str]]] = {}
    for number, url in enumerate(sorted(urls)):
        text = texts[url]
        found: collections.Counter[tuple[str, str, str]] = collections.Counter()
        for quotation in extract_text(text, f"{number:016x}", registry)["quotations"]:
            anchor = resolve(text, quotation["exact"], quotation.get("prefix"), quotation.get("suffix"), quotation.get("start"))
            if isinstance(anchor, Anchor):
                found[_key(quotation["exact"], text[max(0, anchor.start - 50):anchor.start], text[anchor.end:anchor.end + 30])] += 1
        drafted[url] = found
    result = {}
    for sample in sorted({row["sample"] for row in rows}):
        weights: collections.Counter[str] = collections.Counter()
        for row in (r for r in rows if r["sample"] == sample):
            now = drafted[row["url"]][_key(row["exact"], row["before"], row["after"])] > 0
            weights[row["label"]] += row["weight"]
            if now:
                weights[f"{row['label']} drafted"] += row["weight"]
        quotations, names = weights["quotation"], weights["not"]
        kept_q, kept_n = weights["quotation drafted"], weights["not drafted"]
        result[sample] = {"round3_precision": round(quotations / (quotations + names), 3),
                          "precision": round(kept_q / (kept_q + kept_n), 3) if kept_q + kept_n else None,
                          "quotations_still_drafted": round(kept_q / quotations, 3),
                          "names_and_terms_still_drafted": round(kept_n / names, 3)}
        print(f"sample {sample}: precision {result[sample]['round3_precision']:.2f} (round 3) -> "
              f"{result[sample]['precision']:.2f} (now); quotations still drafted {kept_q / quotations:.3f}, "
              f"names and terms still drafted {kept_n / names:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
