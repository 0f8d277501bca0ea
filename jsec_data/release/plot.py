"""The card's figure: Japan's partnership network, drawn from the agreements table.

Needs the optional ``plot`` extra (matplotlib). The layout is fixed (Japan in the
centre, the other parties on a circle in id order) and the PNG carries no
timestamp or software version, so two builds give the same bytes.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

CENTRE = "JPN"
#: One colour per agreement kind (Okabe-Ito palette, readable with colour-blindness).
_PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]


def matplotlib_available() -> bool:
    """True when the ``plot`` extra is installed."""
    import importlib.util

    return importlib.util.find_spec("matplotlib") is not None


def network_edges(agreements: list[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    """(party, party, kind, agreement_id) for every pair of parties of every agreement, sorted.

    >>> network_edges([{"agreement_id": "a", "kind": "memorandum", "parties": ["JPN", "GBR"]}])
    [('GBR', 'JPN', 'memorandum', 'a')]
    """
    edges = []
    for agreement in agreements:
        parties = sorted(set(agreement["parties"]))
        for i, first in enumerate(parties):
            for second in parties[i + 1 :]:
                edges.append((first, second, agreement["kind"], agreement["agreement_id"]))
    return sorted(edges)


def draw_partnership_network(agreements: list[dict[str, Any]], names: dict[str, str], out: Path) -> bool:
    """Draw the network into ``out`` (PNG); False when matplotlib is missing or there is nothing to draw."""
    edges = network_edges(agreements)
    if not edges or not matplotlib_available():
        return False
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    nodes = sorted({party for edge in edges for party in edge[:2]})
    outer = [n for n in nodes if n != CENTRE]
    positions: dict[str, tuple[float, float]] = {}
    if CENTRE in nodes:
        positions[CENTRE] = (0.0, 0.0)
    for index, node in enumerate(outer):
        angle = math.pi / 2 - 2 * math.pi * index / max(len(outer), 1)
        positions[node] = (math.cos(angle), math.sin(angle))
    kinds = sorted({edge[2] for edge in edges})
    colours = {kind: _PALETTE[i % len(_PALETTE)] for i, kind in enumerate(kinds)}

    # The default style, not the user's matplotlibrc, so the bytes do not depend on the machine's settings.
    with rc_context(rc={"font.family": "DejaVu Sans", "font.size": 9, "svg.hashsalt": "jsec"}):
        figure = Figure(figsize=(8, 8), dpi=100)
        FigureCanvasAgg(figure)
        axes = figure.add_axes((0.02, 0.12, 0.96, 0.84))
        axes.set_xlim(-1.45, 1.45)
        axes.set_ylim(-1.35, 1.35)
        axes.set_aspect("equal")
        axes.axis("off")
        per_pair: dict[tuple[str, str], int] = defaultdict(int)
        for first, second, kind, _ in edges:
            count = per_pair[(first, second)]
            per_pair[(first, second)] += 1
            # Several agreements between the same parties fan out as arcs.
            bend = 0.0 if count == 0 else 0.15 * ((count + 1) // 2) * (1 if count % 2 else -1)
            axes.add_patch(FancyArrowPatch(positions[first], positions[second], arrowstyle="-",
                                           connectionstyle=f"arc3,rad={bend}", color=colours[kind],
                                           linewidth=2.0, alpha=0.85, shrinkA=14, shrinkB=14))
        for node in nodes:
            x, y = positions[node]
            axes.scatter([x], [y], s=900 if node == CENTRE else 500, color="#FFFFFF",
                         edgecolors="#333333", linewidths=1.5, zorder=3)
            axes.text(x, y, node, ha="center", va="center", fontsize=8, zorder=4, fontweight="bold")
            label = names.get(node)
            if label and label != node:
                axes.text(x, y - 0.15, label, ha="center", va="top", fontsize=7, color="#333333", zorder=4)
        axes.set_title("Japan's security partnerships in the corpus (agreements table)", fontsize=11)
        handles = [Line2D([0], [0], color=colours[k], linewidth=2.5, label=k.replace("_", " ")) for k in kinds]
        figure.legend(handles=handles, loc="lower center", ncol=min(3, len(handles)), frameon=False, fontsize=8)
        out.parent.mkdir(parents=True, exist_ok=True)
        # No "Software" entry (it names the matplotlib version); PNGs from Agg carry no date.
        figure.savefig(out, format="png", metadata={"Software": None})
    return True



def serve_figure() -> None:
    """The figure process's main: import matplotlib, then draw the job read from stdin; answer on stdout.

    The job is JSON ``{"agreements": [...], "names": {...}, "out": path}``; the answer is
    ``{"drawn": bool}``, or ``{"error": message}`` (the build then draws it itself).
    """
    try:
        if matplotlib_available():
            import matplotlib.backends.backend_agg
            import matplotlib.figure
            import matplotlib.patches  # noqa: F401  (the imports are the point: done while the build runs)
        job = json.loads(sys.stdin.buffer.read() or b"null")
        if job is None:  # the build ended without asking (a failed build)
            return
        answer: dict[str, Any] = {"drawn": draw_partnership_network(job["agreements"], job["names"], Path(job["out"]))}
    except Exception as exc:  # any failure: the build falls back to drawing in its own process
        answer = {"error": f"{type(exc).__name__}: {exc}"}
    sys.stdout.write(json.dumps(answer))


#: From this many articles on, the card's figure is drawn by a process started with the
#: build (matplotlib's import then overlaps other work); a small build draws it itself,
#: which is cheaper than starting a process.
FIGURE_PROCESS_MIN_ARTICLES = 1000


def start_figure_process(articles: int) -> FigureProcess | None:
    """A :class:`FigureProcess` for a build of ``articles`` articles; None for a small one (or none possible)."""
    if articles < FIGURE_PROCESS_MIN_ARTICLES or not matplotlib_available():
        return None
    try:
        return FigureProcess()
    except (OSError, ValueError):  # no usable interpreter to start (an embedded Python): draw in-process
        return None


def early_figure_process(raw_dir: Path) -> FigureProcess | None:
    """:func:`start_figure_process` for ``raw_dir``, counting its article files by name (one listing).

    ``jsec build`` calls it before importing the build's libraries (about 0.3 s on one core):
    matplotlib's import then runs on the core that leaves idle, not beside the workers.
    """
    try:
        with os.scandir(raw_dir / "articles") as entries:
            articles = sum(1 for entry in entries if entry.name.endswith(".txt"))
    except OSError:
        return None
    return start_figure_process(articles)


class FigureProcess:
    """Draws the card's figure in a separate Python process started early in a build.

    matplotlib's import and the drawing take about a second; started at the beginning,
    the process imports matplotlib while the articles are processed, so only the
    drawing is left at the end. It is a plain ``python -c`` subprocess (not
    multiprocessing's spawn, which re-runs the caller's main script), and it draws
    exactly what :func:`draw_partnership_network` draws here, which is also the
    fallback when the process fails.
    """

    def __init__(self) -> None:
        package_parent = str(Path(__file__).resolve().parent.parent)  # the same jsec_data as this process
        env = {"OPENBLAS_NUM_THREADS": "1",  # matplotlib imports numpy; its BLAS threads would spin for nothing
               **os.environ, "PYTHONPATH": os.pathsep.join(p for p in (package_parent, os.environ.get("PYTHONPATH")) if p)}
        self._submitted: dict[str, Any] | None = None  # the job sent by submit(), if any
        self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
            [sys.executable, "-c", "from jsec_data.release.plot import serve_figure; serve_figure()"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
        )

    def submit(self, agreements: list[dict[str, Any]], names: dict[str, str], out: Path) -> None:
        """Send the job now, so that the drawing overlaps what the build still has to do.

        :meth:`draw` with the same job then only collects the answer; with another job
        (the tables turned out different) the process is stopped and the figure drawn here.
        """
        process = self._process
        if process is None or self._submitted is not None or process.stdin is None:
            return
        job = {"agreements": agreements, "names": names, "out": str(out)}
        try:
            process.stdin.write(json.dumps(job).encode())
            process.stdin.close()
        except OSError:  # the process died: draw() falls back
            return
        process.stdin = None  # sent and closed: communicate() now only reads the answer
        self._submitted = job

    def draw(self, agreements: list[dict[str, Any]], names: dict[str, str], out: Path) -> bool:
        """:func:`draw_partnership_network` in the figure process (or here, if that fails)."""
        process, self._process = self._process, None
        submitted, self._submitted = self._submitted, None
        if process is not None:
            job = {"agreements": agreements, "names": names, "out": str(out)}
            try:
                if submitted is None:
                    output = process.communicate(json.dumps(job).encode(), timeout=_TIMEOUT_S)[0]
                elif submitted == job:
                    output = process.communicate(timeout=_TIMEOUT_S)[0]
                else:
                    raise ValueError("the submitted job is not this one")
                answer = json.loads(output or b"{}")
                drawn = answer.get("drawn") if isinstance(answer, dict) else None
                if isinstance(drawn, bool):
                    return drawn
            except (OSError, ValueError, subprocess.TimeoutExpired):
                process.kill()
                process.wait()
        return draw_partnership_network(agreements, names, out)

    def close(self) -> None:
        """Stop the process if it still waits for a figure (a build that failed before its card)."""
        process, self._process = self._process, None
        submitted, self._submitted = self._submitted, None
        if process is not None:
            if submitted is not None:  # drawing a figure nobody will use
                process.kill()
            try:
                process.communicate(b"" if submitted is None else None, timeout=_TIMEOUT_S)
            except subprocess.TimeoutExpired:  # pragma: no cover - a hung figure process
                process.kill()
                process.wait()


_TIMEOUT_S = 120
