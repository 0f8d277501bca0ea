"""Benchmark of ``jsec silver`` (jsec_data.silver.silver) against the floor of parsing the same records.

Every figure is measured in a fresh process, in the same run (wall time of the ``silver()`` call,
imports of its lazy modules and the start of any worker or cluster included):

* **floor**: parsing every record of the same files (``json.load`` of each gzip JSON array, or
  ``json.loads`` of each line of JSON Lines), one process pinned to one core;
* **SaudiNewsNet, default** (on-topic records drafted; relevance filter, near-copies): local
  ``--jobs 1`` and ``--jobs 2``, Dask ``--workers 1`` and ``--workers 2``, ``--repeat`` rounds
  interleaved (medians);
* **SaudiNewsNet, --all** (every record drafted: the extractor's share): the same four, once;
* **one core**: local ``--jobs 1`` against Dask ``--workers 1`` with the whole process tree pinned
  to one core (the cost of running on Dask), default and ``--all``;
* **synthetic, streamed**: N records (``--sizes``) made from SaudiNewsNet's (its titles, and
  paragraphs drawn at random from its texts, each with its own URL), in files of 10,000 JSON
  Lines records (gzip), through ``--jobs 2`` and Dask ``--workers 2`` (and ``--jobs 1`` at the first
  size): wall time, the driver's peak RSS and the largest worker's (``RUSAGE_CHILDREN``): flat from
  100k to 1M means memory does not grow with the input.

    python benchmarks/silver.py --corpus ../shared/corpora/saudinewsnet --workdir /tmp/jsec-silver-bench \\
        --sizes 100000 1000000 --json silver.json

Output of every run is checked to be byte-identical across the executors of one configuration.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PY = sys.executable
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "saudinewsnet"
LICENCE = "CC-BY-NC-SA-4.0"
RECORDS_PER_FILE = 10_000


def _pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _peaks() -> dict[str, float]:
    import resource

    return {"peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "children_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def _files(inputs: Sequence[Path]) -> list[Path]:
    out: list[Path] = []
    for path in inputs:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.is_file() and p.name.endswith((".gz", ".json", ".jsonl"))))
        else:
            out.append(path)
    return out


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


# ------------------------------------------------------------------------------ children


def child_floor(inputs: list[Path]) -> dict[str, Any]:
    _pin_one_core()
    start = time.perf_counter()
    records = 0
    for path in _files(inputs):
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as handle:
            if ".jsonl" in path.name:
                for line in handle:
                    if line.strip():
                        json.loads(line)
                        records += 1
            else:
                records += len(json.load(handle))
    return {"seconds": time.perf_counter() - start, "records": records, **_peaks()}


def child_silver(kind: str, count: int, keep_all: bool, pin: bool, out: Path, inputs: list[Path]) -> dict[str, Any]:
    if pin:
        _pin_one_core()  # inherited by every worker process started from here
    start = time.perf_counter()
    from jsec_data.core.executor import Parallelism
    from jsec_data.silver import silver

    parallel = Parallelism(jobs=count) if kind == "jobs" else Parallelism(workers=count)
    result = silver(inputs, out, licence=LICENCE, keep_all=keep_all, parallel=parallel)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "counts": result.summary["counts"], "digest": _tree_digest(out),
            "rows": {name: entry["rows"] for name, entry in result.summary["tables"].items()}, **_peaks()}


# ------------------------------------------------------------------------------ synthetic corpus


def make_synthetic(corpus: Path, size: int, folder: Path, seed: int = 0) -> Path:
    """``size`` records in files of RECORDS_PER_FILE (gzip JSON Lines); reused when complete."""
    done = folder / "COMPLETE"
    if done.is_file() and done.read_text() == f"{size} {seed}\n":
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    real: list[dict[str, Any]] = []
    for path in sorted(corpus.glob("*.json.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            real.extend(r for r in json.load(handle) if (r.get("content") or "").strip())
    pool = [line for r in real for line in r["content"].splitlines() if len(line.split()) >= 6]
    rng = random.Random(seed)
    for start in range(0, size, RECORDS_PER_FILE):
        lines = []
        for number in range(start, min(size, start + RECORDS_PER_FILE)):
            base = real[number % len(real)]
            body = "\n".join(rng.choice(pool) for _ in range(rng.randint(3, 8)))
            lines.append(json.dumps({**base, "url": f"{base.get('url') or 'https://example.org/'}#synthetic-{number}",
                                     "content": body}, ensure_ascii=False))
        (folder / f"part-{start // RECORDS_PER_FILE:05d}.jsonl.gz").write_bytes(
            gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), compresslevel=1, mtime=0))
    done.write_text(f"{size} {seed}\n")
    return folder


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
        raise RuntimeError(f"child {args[:5]} failed:\n{out.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _silver(work: Path, name: str, kind: str, count: int, keep_all: bool, inputs: Sequence[Path],
            pin: bool = False) -> dict[str, Any]:
    out = work / "out" / name
    shutil.rmtree(out, ignore_errors=True)
    result = _run_child(["silver", kind, str(count), "all" if keep_all else "default", "pin" if pin else "free",
                         str(out), *map(str, inputs)])
    shutil.rmtree(out, ignore_errors=True)
    return result


def _median(runs: Sequence[dict[str, Any]]) -> float:
    return statistics.median(r["seconds"] for r in runs)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of YYYY-MM-DD.json.gz files")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/jsec-silver-bench"))
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the default-mode runs (medians reported)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000], help="synthetic corpus sizes")
    parser.add_argument("--skip-all", action="store_true", help="skip the --all runs (every record drafted)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here as JSON")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        if kind == "floor":
            result = child_floor([Path(p) for p in rest])
        else:
            result = child_silver(rest[0], int(rest[1]), rest[2] == "all", rest[3] == "pin", Path(rest[4]),
                                  [Path(p) for p in rest[5:]])
        print(json.dumps(result, ensure_ascii=False))
        return 0

    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        print(f"no corpus at {corpus} (pass --corpus)", file=sys.stderr)
        return 2
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    probe = _probe()

    # SaudiNewsNet, default mode, interleaved rounds.
    configs = [("local --jobs 1", "jobs", 1), ("local --jobs 2", "jobs", 2), ("dask --workers 1", "dask", 1),
               ("dask --workers 2", "dask", 2)]
    floors: list[dict[str, Any]] = []
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name, _, _ in configs}
    pinned: dict[str, list[dict[str, Any]]] = {"local --jobs 1": [], "dask --workers 1": []}
    for _ in range(args.repeat):
        floors.append(_run_child(["floor", str(corpus)]))
        for name, kind, count in configs:
            runs[name].append(_silver(work, name.replace(" ", ""), kind, count, False, [corpus]))
        for name, kind in (("local --jobs 1", "jobs"), ("dask --workers 1", "dask")):
            pinned[name].append(_silver(work, "pinned", kind, 1, False, [corpus], pin=True))
    floor = _median(floors)
    records = floors[0]["records"]
    digests = {r["digest"] for group in (*runs.values(), *pinned.values()) for r in group}
    rows.append({"figure": f"floor: parse every record of SaudiNewsNet ({records:,} records), one core",
                 "seconds": round(floor, 3), "rounds": [round(f["seconds"], 2) for f in floors]})
    one = _median(runs["local --jobs 1"])
    for name, _, count in configs:
        seconds = _median(runs[name])
        rows.append({"figure": f"silver SaudiNewsNet (default: on-topic drafted), {name}", "seconds": round(seconds, 3),
                     "rounds": [round(r["seconds"], 2) for r in runs[name]], "ratio_to_floor": round(seconds / floor, 2),
                     "per_core_ratio_to_floor": round(seconds * count / floor, 2),
                     "speed_up_vs_jobs_1": round(one / seconds, 2),
                     "driver_peak_mib": round(runs[name][0]["peak_mib"], 1),
                     "worker_peak_mib": round(runs[name][0]["children_peak_mib"], 1)})
    local_pinned, dask_pinned = _median(pinned["local --jobs 1"]), _median(pinned["dask --workers 1"])
    rows.append({"figure": "one core, default: dask --workers 1 / local --jobs 1 (process tree pinned)",
                 "seconds": round(dask_pinned, 3), "local_seconds": round(local_pinned, 3),
                 "ratio": round(dask_pinned / local_pinned, 2),
                 "rounds": [[round(a["seconds"], 2), round(b["seconds"], 2)]
                            for a, b in zip(pinned["local --jobs 1"], pinned["dask --workers 1"], strict=True)]})
    counts = runs["local --jobs 1"][0]["counts"]

    all_counts = None
    if not args.skip_all:
        every: dict[str, dict[str, Any]] = {}
        for name, kind, count in configs:
            every[name] = _silver(work, "all-" + name.replace(" ", ""), kind, count, True, [corpus])
        every_pinned = {name: _silver(work, "all-pinned", kind, 1, True, [corpus], pin=True)
                        for name, kind in (("local --jobs 1", "jobs"), ("dask --workers 1", "dask"))}
        base = every["local --jobs 1"]["seconds"]
        for name, _, count in configs:
            seconds = every[name]["seconds"]
            rows.append({"figure": f"silver SaudiNewsNet --all (every record drafted), {name}", "seconds": round(seconds, 3),
                         "ratio_to_floor": round(seconds / floor, 2), "per_core_ratio_to_floor": round(seconds * count / floor, 2),
                         "speed_up_vs_jobs_1": round(base / seconds, 2),
                         "driver_peak_mib": round(every[name]["peak_mib"], 1),
                         "worker_peak_mib": round(every[name]["children_peak_mib"], 1)})
        rows.append({"figure": "one core, --all: dask --workers 1 / local --jobs 1 (process tree pinned)",
                     "seconds": round(every_pinned["dask --workers 1"]["seconds"], 3),
                     "local_seconds": round(every_pinned["local --jobs 1"]["seconds"], 3),
                     "ratio": round(every_pinned["dask --workers 1"]["seconds"] / every_pinned["local --jobs 1"]["seconds"], 2)})
        all_counts = every["local --jobs 1"]["counts"]
        digests_all = {r["digest"] for r in (*every.values(), *every_pinned.values())}
        assert len(digests_all) == 1, "the --all outputs differ between executors"

    for number, size in enumerate(args.sizes):
        folder = make_synthetic(corpus, size, work / f"synthetic-{size}")
        syn_floor = _run_child(["floor", str(folder)])
        configs_here = [("local --jobs 2", "jobs", 2), ("dask --workers 2", "dask", 2)]
        if number == 0:
            configs_here.insert(0, ("local --jobs 1", "jobs", 1))
        results = {name: _silver(work, f"synthetic-{size}", kind, count, False, [folder]) for name, kind, count in configs_here}
        for name, _, count in configs_here:
            run = results[name]
            rows.append({"figure": f"silver synthetic {size:,} records streamed, {name}", "seconds": round(run["seconds"], 2),
                         "floor_seconds": round(syn_floor["seconds"], 2), "ratio_to_floor": round(run["seconds"] / syn_floor["seconds"], 2),
                         "per_core_ratio_to_floor": round(run["seconds"] * count / syn_floor["seconds"], 2),
                         "speed_up_vs_jobs_1": round(results["local --jobs 1"]["seconds"] / run["seconds"], 2)
                         if "local --jobs 1" in results else None,
                         "driver_peak_mib": round(run["peak_mib"], 1), "worker_peak_mib": round(run["children_peak_mib"], 1),
                         "counts": run["counts"]})
        if len({r["digest"] for r in results.values()}) != 1:
            raise RuntimeError(f"the synthetic {size} outputs differ between executors")

    result = {
        "command": " ".join([Path(PY).name, *sys.argv]),
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
                    "processor": _processor(), "load_average": os.getloadavg()},
        "speed_probe_s": [probe, _probe()],
        "identical_outputs_default": len(digests) == 1,
        "counts_default": counts,
        "counts_all": all_counts,
        "rows": rows,
    }
    for row in rows:
        extra = "  ".join(f"{key}={row[key]}" for key in ("ratio_to_floor", "per_core_ratio_to_floor", "speed_up_vs_jobs_1",
                                                           "ratio", "driver_peak_mib", "worker_peak_mib") if key in row)
        print(f"{row['figure']:<86} {row['seconds']:>8.2f} s  {extra}")
    print(f"same bytes from every executor (default mode): {len(digests) == 1}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


def _probe() -> float:
    """A fixed Python loop in a fresh process (the machine's speed at this moment)."""
    out = subprocess.run([PY, "-c", "import time; t=time.perf_counter(); s=0\nfor i in range(10_000_000): s+=i\n"
                          "print(time.perf_counter()-t)"], capture_output=True, text=True, check=True)
    return round(float(out.stdout), 3)


def _processor() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


if __name__ == "__main__":
    sys.exit(main())
