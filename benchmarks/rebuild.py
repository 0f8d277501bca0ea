"""Benchmark of the incremental build: ``jsec build`` after one edited annotation against a full build.

On a synthetic corpus from ``generate.py`` (10,000 articles by default), each figure in a fresh
``jsec build`` process, in the same run, ``--repeat`` rounds per ``--jobs`` value (medians):

* **full build**: ``jsec build --no-cache`` (every article processed; the floor of this figure);
* **rebuild after one edit**: one annotation file changed (a different one each round), then
  ``jsec build`` with the cache filled by the build before it: one article processed, the others
  read from ``.jsec-cache/``; goal: at most 0.2x the full build;
* **first build with the cache** (every article processed and stored) against the full build:
  what filling the cache costs.

After each rebuild the output folder is compared with the full build of the same files: they must
be byte-identical (the script stops otherwise).

    python benchmarks/rebuild.py --articles 10000 --jobs 1 2 --repeat 3 --workdir /tmp/jsec-bench --json rebuild.json
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import compiled  # noqa: E402  (beside this script too)
import generate  # noqa: E402  (the generator lives beside this script)

PY = sys.executable
JSEC = str(Path(PY).with_name("jsec"))


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _build(raw: Path, out: Path, jobs: int, *, cache: bool) -> dict[str, Any]:
    argv = [JSEC, "build", "--raw", str(raw), "--out", str(out), "--jobs", str(jobs), "--json"]
    if not cache:
        argv.append("--no-cache")
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_environment())
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    stdout = proc.stdout.read().decode() if proc.stdout else ""
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"jsec build failed: {stderr[-2000:]}")
    result = json.loads(stdout)
    return {"seconds": seconds, "peak_mib": usage.ru_maxrss / 1024, "cache": result.get("cache")}


@functools.cache
def _environment() -> dict[str, str]:
    return compiled.environment()  # the package byte-compiled, as installed (benchmarks/compiled.py)


def _edit(raw: Path, number: int) -> str:
    """Change one annotation file (its notes), as a reviewer would."""
    files = sorted((raw / "annotations").glob("*.yaml"))
    target = files[(number * 7919) % len(files)]
    text = target.read_text(encoding="utf-8")
    marker = f"reviewed in round {number}"
    text = text.replace("\nnotes:", f"\nnotes: {marker};", 1) if "\nnotes:" in text else text + f"notes: {marker}\n"
    target.write_text(text, encoding="utf-8")
    return target.name


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/jsec-bench"))
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    source = args.workdir / f"raw-{args.articles}"
    if not (source / "agreements.yaml").is_file():
        generate.generate(source, args.articles, seed=args.seed)
    work = args.workdir / "rebuild"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    raw = work / "raw"
    shutil.copytree(source, raw)
    rows: list[dict[str, Any]] = []
    for jobs in args.jobs:
        shutil.rmtree(work / ".jsec-cache", ignore_errors=True)
        cold = _build(raw, work / "cached", jobs, cache=True)  # fills the cache
        fulls, rebuilds, edits = [], [], []
        cold_full = _build(raw, work / "full", jobs, cache=False)
        for round_ in range(args.repeat):
            edits.append(_edit(raw, round_ + 100 * jobs))
            fulls.append(_build(raw, work / "full", jobs, cache=False))
            rebuilds.append(_build(raw, work / "cached", jobs, cache=True))
            cache = rebuilds[-1]["cache"]
            if (cache["reused"], cache["processed"]) != (args.articles - 1, 1):
                raise RuntimeError(f"the rebuild did not re-process exactly one article: {cache}")
            if _tree_digest(work / "full") != _tree_digest(work / "cached"):
                raise RuntimeError("the rebuild's output differs from the full build's")
        full = statistics.median(r["seconds"] for r in fulls)
        rebuild = statistics.median(r["seconds"] for r in rebuilds)
        rows.append({"figure": f"full build, {args.articles:,} articles, --no-cache, --jobs {jobs}", "seconds": round(full, 3),
                     "rounds": [round(r["seconds"], 2) for r in fulls], "peak_mib": round(fulls[0]["peak_mib"], 1)})
        rows.append({"figure": f"rebuild after one edited annotation, --jobs {jobs}", "seconds": round(rebuild, 3),
                     "rounds": [round(r["seconds"], 2) for r in rebuilds], "ratio_to_full": round(rebuild / full, 3),
                     "per_round_ratio": [round(r["seconds"] / f["seconds"], 3) for r, f in zip(rebuilds, fulls, strict=True)],
                     "peak_mib": round(rebuilds[0]["peak_mib"], 1), "edited": edits})
        rows.append({"figure": f"first build filling the cache, --jobs {jobs} (vs --no-cache)", "seconds": round(cold["seconds"], 3),
                     "ratio_to_full": round(cold["seconds"] / cold_full["seconds"], 3),
                     "no_cache_seconds": round(cold_full["seconds"], 3)})
    size = sum(p.stat().st_size for p in (work / ".jsec-cache").rglob("*") if p.is_file())
    result = {
        "command": " ".join([Path(PY).name, *sys.argv]),
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
                    "load_average": os.getloadavg()},
        "cache_bytes": size,
        "rows": rows,
    }
    for row in rows:
        extra = "  ".join(f"{key}={row[key]}" for key in ("ratio_to_full", "rounds", "peak_mib") if key in row)
        print(f"{row['figure']:<72} {row['seconds']:>7.2f} s  {extra}")
    print(f"cache size: {size / 2**20:.1f} MiB; every rebuild byte-identical to the full build")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
