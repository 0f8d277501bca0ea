"""Benchmarks of jsec-data against what the hardware allows, measured in the same run.

Every figure is printed next to its floor, both measured here on the same data,
each in a fresh process (peak memory is the child's own ``ru_maxrss`` from wait4):

* build of N articles vs the floor: reading every raw file plus writing the same
  tables with pyarrow (same compression, row groups) straight from prepared columns;
* peak RSS of the build at each size (should stay flat);
* ``jsec validate`` on the corpus's annotation records vs pydantic ``validate_json``
  of the same records (as one JSON array, after YAML -> JSON outside the timing);
* ``load_quotations()`` of a million rows vs a bare ``pyarrow.parquet.read_table``;
* ``import jsec_data`` and ``jsec --help`` wall time;
* extraction throughput (MB/s of Arabic text, one core) when jsec_data.extract.draft exists.

    python benchmarks/run.py --sizes 10000 100000 --workdir /tmp/jsec-bench --json results.json
"""

from __future__ import annotations

import argparse
import contextlib
import functools
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


@functools.cache
def _environment() -> dict[str, str]:
    return compiled.environment()  # the package byte-compiled, as installed (benchmarks/compiled.py)


def run_child(argv: Sequence[str], env: dict[str, str] | None = None, stdout: Any = subprocess.DEVNULL) -> dict[str, Any]:
    """Run a fresh process; wall seconds, its own peak RSS (MiB) and exit code."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(argv), stdout=stdout, stderr=subprocess.PIPE, env={**_environment(), **(env or {})})
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"wall": wall, "peak_mib": usage.ru_maxrss / 1024, "rc": proc.returncode, "stderr": stderr[-2000:]}


def child_json(code: str, *args: str) -> dict[str, Any]:
    """Run ``code`` in a fresh interpreter; it prints one JSON line (its own timings)."""
    out = subprocess.run([PY, "-c", code, *args], capture_output=True, text=True, check=False, env=_environment())
    if out.returncode != 0:
        raise RuntimeError(f"child failed: {out.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def warm(folder: Path) -> None:
    """Read every file once, so that the build and its floor both start from a warm page cache.

    On the benchmark VM the kernel reclaims cold page cache quickly (DAMON), and a file read
    from disk cost ~0.2 ms instead of ~15 us; without this the first command timed pays for it.
    """
    for path in folder.rglob("*"):
        if path.is_file():
            path.read_bytes()


def corpus(workdir: Path, size: int, seed: int) -> Path:
    """The generated raw/ folder of ``size`` articles (reused if already complete)."""
    raw = workdir / f"raw-{size}"
    stamp = raw / ".generated"
    if not (stamp.is_file() and stamp.read_text() == f"{size}:{seed}"):
        generate.generate(raw, size, seed)
        stamp.write_text(f"{size}:{seed}")
    return raw


# `jsec build` as a user runs it, dataset card included (without --evaluate, its
# default: the extractor's scores are the release build's extra, timed separately
# with --full-build-sizes).
DATA_BUILD = r"""
import sys
from jsec_data.cli import main
sys.argv[0] = "jsec"
main()
"""

FLOOR = r"""
import json, sys, time
from pathlib import Path
import pyarrow as pa, pyarrow.parquet as pq
from jsec_data.build.writer import ROW_GROUP_ROWS, ZSTD_LEVEL
raw, ref, out = map(Path, sys.argv[1:4])
out.mkdir(parents=True, exist_ok=True)
# Prepared columns (outside the timing): the rows the build produced, as Python lists.
tables = {p.stem: pq.read_table(p) for p in sorted((ref / "data").glob("*.parquet"))}
columns = {name: (t.schema, t.to_pydict()) for name, t in tables.items()}
del tables
start = time.perf_counter()
size = 0
for path in sorted(raw.rglob("*")):
    if path.is_file():
        size += len(path.read_bytes())
read = time.perf_counter() - start
for name, (schema, data) in columns.items():
    table = pa.Table.from_pydict(data, schema=schema)
    pq.write_table(table, out / f"{name}.parquet", row_group_size=ROW_GROUP_ROWS, compression="zstd",
                   compression_level=ZSTD_LEVEL, write_statistics=True, use_dictionary=True)
total = time.perf_counter() - start
print(json.dumps({"floor": total, "read": read, "write": total - read, "bytes": size}))
"""

VALIDATE_FLOOR = r"""
import json, sys, time
from pathlib import Path
import yaml
from pydantic import TypeAdapter
from jsec_data.core.models import AnnotationFile
folder = Path(sys.argv[1])
values = []
for path in sorted(folder.iterdir()):
    text = path.read_text(encoding="utf-8")
    values.append(json.loads(text) if path.suffix == ".json" else yaml.load(text, Loader=yaml.CSafeLoader))
payload = json.dumps(values, ensure_ascii=False, default=str).encode()
records = sum(len(v.get(t, [])) for v in values for t in ("statements", "quotations", "agreement_mentions"))
del values
adapter = TypeAdapter(list[AnnotationFile])
start = time.perf_counter()
adapter.validate_json(payload)
print(json.dumps({"floor": time.perf_counter() - start, "records": records, "files": len(list(folder.iterdir()))}))
"""

LOAD = r"""
import json, sys, time
start = time.perf_counter()
if sys.argv[1] == "jsec":
    import jsec_data
    table = jsec_data.load_quotations(path=sys.argv[2])
else:
    import pyarrow.parquet as pq
    table = pq.read_table(sys.argv[2] + "/data/quotations.parquet")
print(json.dumps({"seconds": time.perf_counter() - start, "rows": table.num_rows}))
"""

EXTRACT = r"""
import json, sys, time
from pathlib import Path
from jsec_data.article.stage import read_registry
from jsec_data.extract.draft import extract_text
from jsec_data.core.text import decode_article
raw, limit = Path(sys.argv[1]), int(sys.argv[2])
registry, _ = read_registry(raw)
files = sorted((raw / "articles").iterdir())[:limit]
texts = [(f.name.rsplit("_", 1)[-1][:16], decode_article(f.read_bytes())) for f in files]
size = sum(len(t.encode("utf-8")) for _, t in texts)
start = time.perf_counter()
for article_id, text in texts:
    extract_text(text, article_id, registry)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "bytes": size, "articles": len(texts)}))
"""


def make_quotations(ref_build: Path, target: Path, rows: int) -> int:
    """A build folder whose quotations table has ``rows`` rows (copies of real rows, new ids)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    sys.path.insert(0, str(HERE.parent))
    from jsec_data.build.writer import ROW_GROUP_ROWS, ZSTD_LEVEL

    base = pq.read_table(ref_build / "data" / "quotations.parquet")
    (target / "data").mkdir(parents=True, exist_ok=True)
    path = target / "data" / "quotations.parquet"
    written = 0
    with pq.ParquetWriter(path, base.schema, compression="zstd", compression_level=ZSTD_LEVEL, write_statistics=True,
                          use_dictionary=True) as writer:
        copy = 0
        while written < rows:
            chunk = base.slice(0, min(base.num_rows, rows - written))
            ids = pa.array([f"{q}-c{copy}" for q in chunk.column("quotation_id").to_pylist()], pa.string())
            chunk = chunk.set_column(0, chunk.schema.field(0), ids)
            writer.write_table(chunk, row_group_size=ROW_GROUP_ROWS)
            written += chunk.num_rows
            copy += 1
    return written


def median_of(n: int, fn: Any) -> float:
    return float(statistics.median(fn() for _ in range(n)))


def bench(sizes: Sequence[int], workdir: Path, seed: int, jobs: Sequence[int], load_rows: int, repeat: int,
          extract_articles: int, full_build_sizes: Sequence[int] = (), build_repeat: int = 1,
          probe_steps: int = 10_000_000) -> dict[str, Any]:
    """Run every benchmark; return the figures (also printed as they come)."""
    workdir.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    results: dict[str, Any] = {"machine": machine(), "rows": rows}

    def row(figure: str, value: float, unit: str, floor: float | None, target: str, ok: bool | None) -> None:
        ratio = value / floor if floor else None
        entry = {"figure": figure, "value": value, "unit": unit, "floor": floor, "ratio": ratio, "target": target, "ok": ok}
        rows.append(entry)
        print(format_row(entry), flush=True)

    print(format_header(), flush=True)
    # The VM's speed for Python code, at the start and at the end: a figure with no floor
    # (MB/s, the --help wall) can only be compared across days through it.
    row(f"speed probe at the start ({probe_steps:,}-step loop)", python_probe(probe_steps, repeat), "s", None,
        "(the machine)", None)
    builds: dict[int, Path] = {}
    peaks: dict[int, float] = {}
    for size in sizes:
        raw = corpus(workdir, size, seed)
        first_out: Path | None = None
        runs: dict[int, list[float]] = {n: [] for n in jobs}
        floors: list[float] = []
        # Builds and floor interleaved, `repeat` rounds, medians reported: on a shared VM the
        # speed drifts by tens of percent within minutes, and a single pair of runs can land
        # on either side of a target.
        for _ in range(max(1, build_repeat)):
            for n in jobs:
                out = workdir / f"out-{size}-j{n}"
                shutil.rmtree(out, ignore_errors=True)
                warm(raw)
                # --no-cache: every round is a full build (the incremental cache is measured by rebuild.py).
                run = run_child([PY, "-c", DATA_BUILD, "build", "--raw", str(raw), "--out", str(out), "--jobs", str(n),
                                 "--no-cache"])
                if run["rc"] != 0:
                    raise RuntimeError(f"build failed: {run['stderr']}")
                runs[n].append(run["wall"])
                if n == 1:
                    peaks[size] = max(peaks.get(size, 0.0), run["peak_mib"])
                if first_out is None:
                    first_out = out
                elif out != first_out:
                    same = all((first_out / "data" / p.name).read_bytes() == p.read_bytes() for p in (out / "data").glob("*"))
                    if not same:
                        raise RuntimeError(f"--jobs {n} output differs from --jobs {jobs[0]}")
                    shutil.rmtree(out)
            assert first_out is not None
            floor_out = workdir / f"floor-{size}"
            warm(raw)
            floors.append(child_json(FLOOR, str(raw), str(first_out), str(floor_out))["floor"])
            shutil.rmtree(floor_out, ignore_errors=True)
        assert first_out is not None
        builds[size] = first_out
        floor = {"floor": statistics.median(floors)}
        walls = {n: statistics.median(values) for n, values in runs.items()}
        if build_repeat > 1:
            print(f"  (medians of {build_repeat}: builds {runs}, floors {[round(f, 3) for f in floors]})", flush=True)
        for n, wall in walls.items():
            row(f"build {size:,} articles, --jobs {n}", wall, "s", floor["floor"], "<= 3x floor", wall <= 3 * floor["floor"])
        if 1 in walls and 2 in walls:
            row(f"build {size:,} --jobs 2 speed-up", walls[1] / walls[2], "x", None, "close to 2x", walls[1] / walls[2] >= 1.7)
        if size in peaks:  # measured on the --jobs 1 build
            row(f"build {size:,} peak RSS (--jobs 1)", peaks[size], "MiB", None, "flat", None)
        if size in full_build_sizes:
            # The release build: the extractor scored on every gold article for the card.
            out = workdir / f"full-{size}"
            shutil.rmtree(out, ignore_errors=True)
            run = run_child([PY, "-m", "jsec_data.cli", "build", "--no-cache", "--raw", str(raw), "--out", str(out), "--evaluate",
                             "--jobs", str(max(jobs))])
            if run["rc"] != 0:
                raise RuntimeError(f"build failed: {run['stderr']}")
            shutil.rmtree(out, ignore_errors=True)
            row(f"build {size:,} --evaluate --jobs {max(jobs)}", run["wall"], "s", floor["floor"], "(not a target)",
                None)
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        growth = peaks[large] / peaks[small]
        row(f"peak RSS {large:,} / {small:,}", growth, "x", None, "<= 1.5x", growth <= 1.5)

    largest = max(sizes)
    raw = workdir / f"raw-{largest}"
    warm(raw)
    validate_floor = child_json(VALIDATE_FLOOR, str(raw / "annotations"))
    for n in jobs:
        warm(raw)
        run = run_child([PY, "-m", "jsec_data.cli", "validate", str(raw / "annotations"), "--raw", str(raw),
                         "--jobs", str(n)])
        if run["rc"] not in (0, 1):
            raise RuntimeError(f"validate failed: {run['stderr']}")
        row(f"jsec validate, {validate_floor['records']:,} records, --jobs {n}", run["wall"], "s",
            validate_floor["floor"], "<= 3x", run["wall"] <= 3 * validate_floor["floor"])

    load_dir = workdir / "load-quotations"
    shutil.rmtree(load_dir, ignore_errors=True)
    count = make_quotations(builds[largest], load_dir, load_rows)
    jsec = median_of(repeat, lambda: child_json(LOAD, "jsec", str(load_dir))["seconds"])
    bare = median_of(repeat, lambda: child_json(LOAD, "bare", str(load_dir))["seconds"])
    row(f"load_quotations() {count:,} rows", jsec, "s", bare, "<= 1.3x", jsec <= 1.3 * bare)
    shutil.rmtree(load_dir, ignore_errors=True)

    nothing = median_of(repeat, lambda: run_child([PY, "-c", "pass"])["wall"])
    imp = median_of(repeat, lambda: run_child([PY, "-c", "import jsec_data"])["wall"])
    jsec_script = Path(PY).parent / "jsec"
    help_cmd = [str(jsec_script), "--help"] if jsec_script.is_file() else [PY, "-m", "jsec_data.cli", "--help"]
    helped = median_of(repeat, lambda: run_child(help_cmd)["wall"])
    row("import jsec_data (process wall)", imp, "s", nothing, "cheap", None)
    row("jsec --help (process wall)", helped, "s", nothing, "< 0.25 s", helped < 0.25)

    ex = child_json(EXTRACT, str(workdir / f"raw-{min(sizes)}"), str(extract_articles))
    rate = ex["bytes"] / ex["seconds"] / 1e6
    row(f"extract throughput ({ex['articles']} articles, 1 core)", rate, "MB/s", None, ">= 5 MB/s", rate >= 5)
    row(f"speed probe at the end ({probe_steps:,}-step loop)", python_probe(probe_steps, repeat), "s", None,
        "(the machine)", None)
    return results


PROBE = r"""
import json, sys, time
start = time.perf_counter()
total = 0
for i in range(int(sys.argv[1])):
    total += i
print(json.dumps({"seconds": time.perf_counter() - start}))
"""


def python_probe(steps: int, repeat: int) -> float:
    """Seconds for a pure-Python loop of ``steps`` additions in a fresh process (median of ``repeat``)."""
    return median_of(repeat, lambda: child_json(PROBE, str(steps))["seconds"])


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    import pyarrow
    import pydantic

    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    memory = ""
    with contextlib.suppress(OSError):
        memory = Path("/proc/meminfo").read_text().splitlines()[0].split(":", 1)[1].strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": memory, "python": platform.python_version(),
            "pyarrow": pyarrow.__version__, "pydantic": pydantic.__version__, "platform": platform.platform()}


def format_header() -> str:
    return f"{'figure':<48} {'measured':>12} {'floor':>10} {'ratio':>7}  {'target':<12} ok"


def format_row(entry: dict[str, Any]) -> str:
    value = f"{entry['value']:.3f} {entry['unit']}"
    floor = f"{entry['floor']:.3f}" if entry["floor"] is not None else "-"
    ratio = f"{entry['ratio']:.2f}x" if entry["ratio"] is not None else "-"
    ok = {True: "yes", False: "NO", None: "-"}[entry["ok"]]
    return f"{entry['figure']:<48} {value:>12} {floor:>10} {ratio:>7}  {entry['target']:<12} {ok}"


def main(argv: Sequence[str] | None = None) -> int:
    """Command line; see the module docstring."""
    parser = argparse.ArgumentParser(description="jsec-data benchmarks against their floors")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/jsec-bench"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--load-rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--build-repeat", type=int, default=1,
                        help="Rounds of builds and floor, interleaved; the medians are reported.")
    parser.add_argument("--extract-articles", type=int, default=1000)
    parser.add_argument("--full-build-sizes", type=int, nargs="*", default=[],
                        help="Sizes at which to also time `jsec build --evaluate` (the release build).")
    parser.add_argument("--probe-steps", type=int, default=10_000_000,
                        help="Steps of the pure-Python speed probe run at the start and at the end.")
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    args = parser.parse_args(argv)
    results = bench(args.sizes, args.workdir, args.seed, args.jobs, args.load_rows, args.repeat, args.extract_articles,
                    args.full_build_sizes, args.build_repeat, args.probe_steps)
    results["command"] = "python benchmarks/run.py " + " ".join(sys.argv[1:] if argv is None else argv)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
