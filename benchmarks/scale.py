"""Peak memory of ``jsec build`` at a large size, and ``jsec validate`` on its records.

The long-running half of ``run.py`` on its own (meant for ``nohup``): generate (or
reuse) a corpus of N articles, run ``jsec build --jobs 1`` in a fresh process and
report its wall time and own peak RSS, then optionally ``jsec validate`` of every
annotation file against pydantic's ``validate_json`` of the same records (the floor
of run.py). Deletes the build output; the corpus is kept only with ``--keep``.

    nohup python benchmarks/scale.py --articles 105000 --validate --json scale.json > scale.log 2>&1 &
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402  (run.py lives beside this script)

# `jsec build` as shipped, also printing its own peak RSS just before the dataset-card
# step (which reads tables back), so the per-article stage's memory can be told apart.
PHASED_BUILD = r"""
import resource, sys
import jsec_data.release.card as card
_write = card.write_dataset_repo
def _phased(*args, **kwargs):
    print("PEAK_BEFORE_CARD_KIB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr, flush=True)
    return _write(*args, **kwargs)
card.write_dataset_repo = _phased
from jsec_data.cli import main
sys.argv[0] = "jsec"
main()
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="jsec build peak RSS at scale, and jsec validate vs its floor")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/jsec-bench"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--validate", action="store_true", help="also time jsec validate against its floor")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus")
    parser.add_argument("--no-build", action="store_true", help="skip the build (time jsec validate only)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    raw = run.corpus(args.workdir, args.articles, args.seed)
    out = args.workdir / f"scale-out-{args.articles}"
    figures: dict[str, Any] = {"machine": run.machine(), "articles": args.articles, "jobs": args.jobs}
    if not args.no_build:
        _build(raw, out, args.jobs, figures)
    if args.validate:
        run.warm(raw)  # the same start for the floor and for jsec validate
        floor = run.child_json(run.VALIDATE_FLOOR, str(raw / "annotations"))
        figures["validate_records"], figures["validate_floor_s"] = floor["records"], floor["floor"]
        print(json.dumps(figures), flush=True)
        run.warm(raw)
        check = run.run_child([run.PY, "-m", "jsec_data.cli", "validate", str(raw / "annotations"), "--raw", str(raw),
                               "--jobs", str(args.jobs)])
        if check["rc"] not in (0, 1):
            raise RuntimeError(f"validate failed: {check['stderr']}")
        figures["validate_s"], figures["validate_peak_mib"], figures["validate_rc"] = check["wall"], check["peak_mib"], check["rc"]
        figures["validate_ratio"] = check["wall"] / floor["floor"]
        print(json.dumps(figures), flush=True)
    if not args.keep:
        shutil.rmtree(raw, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


def _build(raw: Path, out: Path, jobs: int, figures: dict[str, Any]) -> None:
    """``jsec build`` in a fresh process: wall time, peak RSS, and peak RSS before the card step."""
    shutil.rmtree(out, ignore_errors=True)
    run.warm(raw)
    build = run.run_child([run.PY, "-c", PHASED_BUILD, "build", "--raw", str(raw), "--out", str(out),
                           "--jobs", str(jobs), "--no-cache"])  # a full build, every time
    if build["rc"] != 0:
        raise RuntimeError(f"build failed: {build['stderr']}")
    shutil.rmtree(out, ignore_errors=True)
    figures["build_wall_s"], figures["build_peak_mib"] = build["wall"], build["peak_mib"]
    before_card = [line.split()[1] for line in build["stderr"].splitlines() if line.startswith("PEAK_BEFORE_CARD_KIB")]
    figures["build_peak_before_card_mib"] = int(before_card[-1]) / 1024 if before_card else None
    print(json.dumps(figures), flush=True)


if __name__ == "__main__":
    sys.exit(main())
