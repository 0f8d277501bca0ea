"""Benchmark of ``jsec ingest`` (jsec_data.ingest.ingest) against the floor of reading the same files.

Each figure is measured in a fresh process pinned to one core, in the same run:

* **floor**: ``json.load(gzip.open(path, "rt", encoding="utf-8"))`` of every corpus file;
* **ingest 1x**: ``ingest(corpus, fresh raw)`` (default: on-topic records only), its time
  (the call, imports of its lazy modules included) and the process's peak RSS;
* **ingest 4x**: the same records four times over, URLs made distinct (``#copyN``), streamed
  from one generated gzip JSON array in a temporary folder: peak RSS should not grow.

It also reports what the 1x ingest kept, the near-copy groups it found and the members of
the Wikileaks group (the 2015 story of US spying on Japan).

    python benchmarks/ingest.py --corpus ../shared/corpora/saudinewsnet --json ingest.json
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PY = sys.executable
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "saudinewsnet"
LICENCE = "CC-BY-NC-SA-4.0"
WIKILEAKS_URL = "http://www.aleqt.com/2015/07/31/article_977761.html"


def _pin() -> None:
    """One core (the first one this process may use), where the OS allows it."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _peak_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.name.endswith(".json.gz"))


# ------------------------------------------------------------------------------ children


def child_floor(corpus: Path) -> dict[str, Any]:
    _pin()
    start = time.perf_counter()
    records = 0
    for path in _corpus_files(corpus):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            records += len(json.load(handle))
    return {"seconds": time.perf_counter() - start, "records": records, "peak_mib": _peak_mib()}


def child_ingest(inputs: list[Path], raw: Path, keep_all: bool) -> dict[str, Any]:
    _pin()
    start = time.perf_counter()
    from jsec_data.ingest import ingest

    report = ingest(inputs, raw, licence=LICENCE, keep_all=keep_all)
    seconds = time.perf_counter() - start
    groups: dict[str, list[str]] = {}
    for skipped in report.skipped:
        if skipped.reason in ("near-copy", "duplicate") and skipped.of:
            groups.setdefault(skipped.of, []).append(skipped.url or f"{skipped.file} record {skipped.record}")
    kept_urls = {a.article_id: a.url for a in report.kept_articles}
    wikileaks = next((article_id for article_id, url in kept_urls.items() if url == WIKILEAKS_URL), None)
    return {
        "seconds": seconds,
        "peak_mib": _peak_mib(),
        "read": report.read, "kept": report.kept, "near_copies": report.near_copies, "duplicates": report.duplicates,
        "off_topic": report.off_topic, "rejected": report.rejected, "already_present": report.already_present,
        "issue_codes": _count(i.code for i in report.issues),
        "near_copy_groups": {f"{kept_urls.get(k)} ({k})": v for k, v in groups.items()},
        "wikileaks_group": ([WIKILEAKS_URL, *groups.get(wikileaks, [])] if wikileaks else []),
        "kept_urls": sorted(u or "" for u in kept_urls.values()),
    }


def child_ingest_without_relevance(inputs: list[Path], raw: Path) -> dict[str, Any]:
    """The same run with the relevance filter replaced by a stub that finds every record off-topic.

    What is left: reading, normalising, the checks and the bookkeeping of skipped records
    (the part of the run this package does, the relevance filter aside).
    """
    _pin()
    import jsec_data.ingest.relevance as relevance
    from jsec_data.ingest import ingest

    def off_topic(title: str, text: str, *, min_score: float = 0.0) -> Any:
        return relevance.Relevance(0.0, False, ("japan: none",))

    relevance.assess = off_topic  # type: ignore[assignment]
    relevance.screen = off_topic  # type: ignore[assignment]
    start = time.perf_counter()
    report = ingest(inputs, raw, licence=LICENCE)
    return {"seconds": time.perf_counter() - start, "peak_mib": _peak_mib(), "read": report.read}


def child_relevance(corpus: Path) -> dict[str, Any]:
    """``assess`` alone over every record's normalised title and text (normalised outside the timing)."""
    _pin()
    from jsec_data.ingest.normalise import normalise_text, normalise_title
    from jsec_data.ingest.relevance import assess

    pairs = []
    for path in _corpus_files(corpus):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            pairs.extend((normalise_title(r["title"]), normalise_text(r["content"])) for r in json.load(handle))
    assess("", "")  # loads the lexicons
    start = time.perf_counter()
    on_topic = sum(assess(title, text).on_topic for title, text in pairs if text)
    return {"seconds": time.perf_counter() - start, "on_topic": on_topic}


def _count(values: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def child_import() -> dict[str, Any]:
    start = time.perf_counter()
    import jsec_data.ingest.pipeline  # the modules ingest() loads
    import jsec_data.ingest.relevance  # noqa: F401
    from jsec_data.ingest.nearcopy import NearCopyIndex

    NearCopyIndex()  # imports datasketch (and scipy, which it imports)
    return {"seconds": time.perf_counter() - start}


# ------------------------------------------------------------------------------ parent


@functools.cache
def _environment() -> dict[str, str]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import compiled  # beside this script

    return compiled.environment()  # the package byte-compiled, as installed (benchmarks/compiled.py)


def _run_child(args: Sequence[str]) -> dict[str, Any]:
    out = subprocess.run([PY, __file__, "--child", *args], capture_output=True, text=True, check=False,
                         env=_environment())
    if out.returncode != 0:
        raise RuntimeError(f"child {args[0]} failed:\n{out.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def make_multiple(corpus: Path, copies: int, target: Path) -> int:
    """One gzip JSON array of every corpus record ``copies`` times, URLs distinct; written as a stream."""
    count = 0
    with gzip.open(target, "wt", encoding="utf-8", compresslevel=1) as out:
        out.write("[\n")
        for copy in range(copies):
            for path in _corpus_files(corpus):
                with gzip.open(path, "rt", encoding="utf-8") as handle:
                    records = json.load(handle)
                for record in records:
                    if copy:
                        record = {**record, "url": f"{record['url']}#copy{copy}"}
                    out.write((",\n" if count else "") + json.dumps(record, ensure_ascii=False))
                    count += 1
        out.write("\n]\n")
    return count


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of YYYY-MM-DD.json.gz files")
    parser.add_argument("--copies", type=int, default=4, help="the large run: the corpus this many times (default 4)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of floor and 1x ingest (the median is reported)")
    parser.add_argument("--keep-all", action="store_true", help="ingest every record (--all), not only on-topic ones")
    parser.add_argument("--workdir", type=Path, default=None, help="where temporary raw folders go (default: a temp dir)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here as JSON")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        if kind == "floor":
            result = child_floor(Path(rest[0]))
        elif kind == "ingest":
            result = child_ingest([Path(p) for p in rest[2:]], Path(rest[0]), rest[1] == "all")
        elif kind == "ingest-without-relevance":
            result = child_ingest_without_relevance([Path(p) for p in rest[1:]], Path(rest[0]))
        elif kind == "relevance":
            result = child_relevance(Path(rest[0]))
        else:
            result = child_import()
        print(json.dumps(result, ensure_ascii=False))
        return 0

    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        print(f"no corpus at {corpus} (pass --corpus)", file=sys.stderr)
        return 2
    mode = "all" if args.keep_all else "on-topic"
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(dir=args.workdir, prefix="jsec-ingest-bench-") as tmp:
        work = Path(tmp)
        floors, ingests, bare, assess = [], [], [], []
        for round_ in range(args.repeat):  # interleaved, so that a slow minute weighs on every figure alike
            floors.append(_run_child(["floor", str(corpus)]))
            ingests.append(_run_child(["ingest", str(work / f"raw-1x-{round_}"), mode, str(corpus)]))
            bare.append(_run_child(["ingest-without-relevance", str(work / f"raw-bare-{round_}"), str(corpus)]))
            assess.append(_run_child(["relevance", str(corpus)]))
        imports = _run_child(["import"])
        floor = sorted(f["seconds"] for f in floors)[len(floors) // 2]
        one = sorted(ingests, key=lambda r: r["seconds"])[len(ingests) // 2]
        without = sorted(r["seconds"] for r in bare)[len(bare) // 2]
        relevance_alone = sorted(r["seconds"] for r in assess)[len(assess) // 2]
        big_input = work / f"corpus-{args.copies}x.json.gz"
        generated = make_multiple(corpus, args.copies, big_input)
        many = _run_child(["ingest", str(work / f"raw-{args.copies}x"), mode, str(big_input)])
    ratio = one["seconds"] / floor
    rows.append({"figure": "floor: json.load(gzip.open(...)) of every file", "seconds": round(floor, 3),
                 "rounds": [round(f["seconds"], 3) for f in floors], "peak_mib": round(floors[0]["peak_mib"], 1)})
    rows.append({"figure": f"ingest 1x ({one['read']:,} records, {mode})", "seconds": round(one["seconds"], 3),
                 "rounds": [round(r["seconds"], 3) for r in ingests], "ratio_to_floor": round(ratio, 2),
                 "peak_mib": round(one["peak_mib"], 1)})
    rows.append({"figure": "  of which: imports of the lazy modules (datasketch pulls scipy)",
                 "seconds": round(imports["seconds"], 3)})
    rows.append({"figure": "ingest 1x with the relevance filter stubbed out (every record off-topic)",
                 "seconds": round(without, 3), "rounds": [round(r["seconds"], 3) for r in bare],
                 "ratio_to_floor": round(without / floor, 2)})
    rows.append({"figure": "relevance.assess alone, every record (normalised beforehand)", "seconds": round(relevance_alone, 3),
                 "rounds": [round(r["seconds"], 3) for r in assess]})
    rows.append({"figure": f"ingest {args.copies}x ({generated:,} records, one generated file)",
                 "seconds": round(many["seconds"], 3), "peak_mib": round(many["peak_mib"], 1),
                 "peak_ratio_to_1x": round(many["peak_mib"] / one["peak_mib"], 2)})
    result = {
        "command": " ".join([Path(PY).name, *sys.argv]),
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
                    "processor": platform.processor()},
        "rows": rows,
        "ingest_1x": {k: v for k, v in one.items() if k not in ("seconds", "peak_mib")},
        "ingest_many": {k: many[k] for k in ("read", "kept", "near_copies", "duplicates", "off_topic", "rejected")},
    }
    for row in rows:
        extra = "".join(f"  {key}={row[key]}" for key in ("ratio_to_floor", "peak_mib", "peak_ratio_to_1x") if key in row)
        print(f"{row['figure']:<70} {row['seconds']:>8.3f} s{extra}")
    print(f"kept {one['kept']} of {one['read']:,}; near-copy groups: {len(one['near_copy_groups'])}; "
          f"Wikileaks group: {one['wikileaks_group']}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
