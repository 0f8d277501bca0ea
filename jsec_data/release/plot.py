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
from typing import Any, cast

CENTRE = "JPN"
#: Colour and line style of each agreement kind, fixed (the same kind looks the same in every build,
#: whichever kinds are present): the Okabe-Ito palette, readable with colour-blindness, with dashes
#: for the kinds beyond its eight colours. A kind added to the model without an entry here fails a test.
KIND_STYLES: dict[str, tuple[str, str]] = {
    "alliance_treaty": ("#0072B2", "-"),
    "reciprocal_access_agreement": ("#E69F00", "-"),
    "security_defence_partnership": ("#009E73", "-"),
    "security_framework": ("#D55E00", "-"),
    "memorandum": ("#CC79A7", "-"),
    "joint_statement": ("#56B4E9", "-"),
    "co_development": ("#F0E442", "-"),
    "acquisition_cross_servicing": ("#000000", "-"),
    "information_security": ("#0072B2", "--"),
    "equipment_technology_transfer": ("#D55E00", "--"),
    "other": ("#999999", ":"),
}
#: Longest line of a node's name label (characters); longer names wrap.
_LABEL_WIDTH = 22


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


def kind_style(kind: str) -> tuple[str, str]:
    """(colour, line style) of an agreement kind; an unknown kind is drawn as ``other``."""
    return KIND_STYLES.get(kind, KIND_STYLES["other"])


def draw_partnership_network(agreements: list[dict[str, Any]], names: dict[str, str], out: Path) -> bool:
    """Draw the network into ``out`` (PNG); False when matplotlib is missing or there is nothing to draw."""
    figure = partnership_figure(agreements, names)
    if figure is None:
        return False
    out.parent.mkdir(parents=True, exist_ok=True)
    # No "Software" entry (it names the matplotlib version); PNGs from Agg carry no date.
    figure.savefig(out, format="png", metadata={"Software": None})
    return True


def partnership_figure(agreements: list[dict[str, Any]], names: dict[str, str]) -> Any:
    """The network as a matplotlib ``Figure`` (None when matplotlib is missing or there is nothing to draw).

    Japan is in the centre, the other parties on a circle in id order; each party's name is
    written outward along its radius (wrapped), so labels never cross each other or the circle,
    however many parties there are. Codes of up to five characters (JPN, NATO) sit in the node.
    """
    edges = network_edges(agreements)
    if not edges or not matplotlib_available():
        return None
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    nodes = sorted({party for edge in edges for party in edge[:2]})
    outer = [n for n in nodes if n != CENTRE]
    positions: dict[str, tuple[float, float]] = {}
    angles: dict[str, float] = {}
    if CENTRE in nodes:
        positions[CENTRE] = (0.0, 0.0)
    for index, node in enumerate(outer):
        angle = math.pi / 2 - 2 * math.pi * index / max(len(outer), 1)
        angles[node] = angle
        positions[node] = (math.cos(angle), math.sin(angle))
    kinds = sorted({edge[2] for edge in edges}, key=lambda kind: (list(KIND_STYLES).index(kind) if kind in KIND_STYLES
                                                                  else len(KIND_STYLES), kind))

    # The default style, not the user's matplotlibrc, so the bytes do not depend on the machine's settings.
    with rc_context(rc={"font.family": "DejaVu Sans", "font.size": 9, "svg.hashsalt": "jsec"}):
        figure = Figure(figsize=(9, 9.5), dpi=100)
        FigureCanvasAgg(figure)
        axes = figure.add_axes((0.0, 0.14, 1.0, 0.80))
        axes.set_xlim(-1.85, 1.85)
        axes.set_ylim(-1.85, 1.85)
        axes.set_aspect("equal")
        axes.axis("off")
        per_pair: dict[tuple[str, str], int] = defaultdict(int)
        for first, second, kind, _ in edges:
            count = per_pair[(first, second)]
            per_pair[(first, second)] += 1
            # Several agreements between the same parties fan out as arcs.
            bend = 0.0 if count == 0 else 0.15 * ((count + 1) // 2) * (1 if count % 2 else -1)
            colour, style = kind_style(kind)
            axes.add_patch(FancyArrowPatch(positions[first], positions[second], arrowstyle="-",
                                           connectionstyle=f"arc3,rad={bend}", color=colour, linestyle=style,
                                           linewidth=2.0, alpha=0.85, shrinkA=12, shrinkB=12))
        for node in nodes:
            x, y = positions[node]
            axes.scatter([x], [y], s=700 if node == CENTRE else 420, color="#FFFFFF",
                         edgecolors="#333333", linewidths=1.5, zorder=3)
            short = len(node) <= 5
            if short:
                axes.text(x, y, node, ha="center", va="center", fontsize=7 if len(node) > 3 else 8, zorder=4,
                          fontweight="bold")
            name = names.get(node) or node
            label = name if short else f"{node}: {name}" if name != node else node
            if node == CENTRE:
                if label != node:
                    axes.text(x, y - 0.14, _wrap(label), ha="center", va="top", fontsize=7, color="#333333", zorder=4)
                continue
            angle = angles[node]
            right = math.cos(angle) >= -1e-9
            degrees = math.degrees(angle) if right else math.degrees(angle) + 180
            axes.text(1.13 * math.cos(angle), 1.13 * math.sin(angle), _wrap(label), ha="left" if right else "right",
                      va="center", rotation=degrees, rotation_mode="anchor", fontsize=7, color="#333333", zorder=4,
                      linespacing=1.0)
        axes.set_title("Japan's security partnerships in the corpus (agreements table)", fontsize=11)
        handles = [Line2D([0], [0], color=kind_style(k)[0], linestyle=cast(Any, kind_style(k)[1]), linewidth=2.5,
                          label=k.replace("_", " ")) for k in kinds]
        figure.legend(handles=handles, loc="lower center", ncol=min(3, len(handles)), frameon=False, fontsize=8)
    return figure


def _wrap(label: str) -> str:
    """A label on at most two lines of about :data:`_LABEL_WIDTH` characters (the rest shortened with …)."""
    import textwrap

    lines = textwrap.wrap(label, _LABEL_WIDTH, break_on_hyphens=False) or [label]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), _LABEL_WIDTH, placeholder="…")]
    return "\n".join(lines)



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
        """Stop the process if :meth:`draw` did not use it (a failed build, a figure kept from the last one).

        Killed, not asked to exit: it may still be importing matplotlib, which nobody would wait for,
        or drawing a submitted job into a file that must not change any more.
        """
        process, self._process = self._process, None
        self._submitted = None
        if process is not None:
            process.kill()
            process.communicate()


_TIMEOUT_S = 120
