"""``jsec evaluate``: the extractor measured against the gold annotations.

For every article of a raw folder whose gold annotations pass the build's checks,
the draft of :func:`jsec_data.extract.draft.extract_text` (given the registry, never the
article's own annotation file) is compared with the gold records:

* a predicted span **matches** a gold span of the same article when their Jaccard
  overlap (shared code points / code points in either) is at least the threshold
  (0.5); pairs are matched one to one, greedily, best overlap first;
* precision = matched / predicted, recall = matched / gold, F1 their harmonic mean;
  the *exact* figures count only identical spans;
* speaker accuracy = matched quotations whose speaker set equals the gold set (a
  speaker the draft proposes as a new entity counts as right when its Arabic name is
  one of the gold entity's names, or a word of one); agreement accuracy = matched
  mentions with the gold agreement id; status accuracy likewise.

The definitions are repeated in docs/extractor.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from jsec_data.article.stage import ArticleResult, Registry, process_article
from jsec_data.core.anchor import Anchor, resolve
from jsec_data.core.models import EntityRecord
from jsec_data.core.text import normalize_for_matching
from jsec_data.raw.files import discover_articles
from jsec_data.release.card import EVALUATION_PLACEHOLDER, EXTRACTOR_DOC_URL

DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True)
class Figures:
    """Span-level figures for one record kind, with the accuracy of a label on matched spans."""

    gold: int
    predicted: int
    matched: int
    exact: int
    label_correct: int  # speakers (quotations) or agreement ids (mentions) right on matched spans
    status_correct: int = 0  # reported_status right on matched mentions

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def exact_precision(self) -> float:
        return _ratio(self.exact, self.predicted)

    @property
    def exact_recall(self) -> float:
        return _ratio(self.exact, self.gold)

    @property
    def label_accuracy(self) -> float:
        return _ratio(self.label_correct, self.matched)

    @property
    def status_accuracy(self) -> float:
        return _ratio(self.status_correct, self.matched)

    def __add__(self, other: Figures) -> Figures:
        return Figures(*(a + b for a, b in zip(astuple_(self), astuple_(other), strict=True)))

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "exact_precision": round(self.exact_precision, 4),
                "exact_recall": round(self.exact_recall, 4), "label_accuracy": round(self.label_accuracy, 4),
                "status_accuracy": round(self.status_accuracy, 4)}


def astuple_(figures: Figures) -> tuple[int, ...]:
    return (figures.gold, figures.predicted, figures.matched, figures.exact, figures.label_correct, figures.status_correct)


@dataclass
class Evaluation:
    """The extractor's figures over a raw folder, in total and per article."""

    threshold: float
    quotations: Figures
    agreement_mentions: Figures
    articles: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # articles whose gold does not pass the build checks
    per_article: dict[str, dict[str, Figures]] = field(default_factory=dict)

    def add(self, article_id: str, figures: Mapping[str, Figures] | None, *, keep_per_article: bool = True) -> None:
        """Count one article: its figures, or None when it was skipped."""
        if figures is None:
            self.skipped.append(article_id)
            return
        self.articles.append(article_id)
        if keep_per_article:
            self.per_article[article_id] = dict(figures)
        self.quotations += figures["quotations"]
        self.agreement_mentions += figures["agreement_mentions"]

    def merge(self, other: Evaluation) -> None:
        """Add another evaluation's articles (in order) and totals."""
        self.articles.extend(other.articles)
        self.skipped.extend(other.skipped)
        self.per_article.update(other.per_article)
        self.quotations += other.quotations
        self.agreement_mentions += other.agreement_mentions

    def to_dict(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "matching": "one-to-one greedy on Jaccard overlap of code-point spans",
            "articles": self.articles,
            "skipped": self.skipped,
            "quotations": self.quotations.to_dict(),
            "agreement_mentions": self.agreement_mentions.to_dict(),
            "per_article": {a: {k: f.to_dict() for k, f in v.items()} for a, v in self.per_article.items()},
        }


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap / union of two half-open spans.

    >>> jaccard((0, 10), (5, 15))
    0.3333333333333333
    """
    overlap = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return overlap / union if union else 0.0


def match_spans(gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]],
                threshold: float = DEFAULT_THRESHOLD) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, best overlap first, overlap >= threshold."""
    pairs = sorted(
        ((jaccard(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted)),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matches = []
    for score, gi, pi in pairs:
        if score < threshold or score == 0:
            break
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        matches.append((gi, pi))
    return sorted(matches)


def evaluate_extractor(raw_dir: Path | str = "raw", *, threshold: float = DEFAULT_THRESHOLD,
                       today: dt.date | None = None) -> Evaluation:
    """Run the extractor on every gold-annotated article of ``raw_dir`` and score it."""
    from jsec_data.article.stage import read_registry

    raw = Path(raw_dir)
    today = today or dt.date.today()
    registry, _ = read_registry(raw)
    evaluation = Evaluation(threshold, Figures(0, 0, 0, 0, 0), Figures(0, 0, 0, 0, 0))
    sources, _ = discover_articles(raw)
    for source in sources:
        if source.annotation is None:
            continue
        result = process_article(source, registry, today)
        evaluation.add(result.article_id, evaluate_result(result, registry, threshold))
    return evaluation


def evaluate_result(result: ArticleResult, registry: Registry,
                    threshold: float = DEFAULT_THRESHOLD) -> dict[str, Figures] | None:
    """The extractor's figures on one processed gold article; None when its gold does not pass the build's checks.

    ``jsec build`` calls this on the results it already has (so the card's figures
    cost one extraction per article, not a second pass over the corpus).
    """
    if result.article is None or any(i.severity == "error" for i in result.issues):
        return None
    article = result.article
    overrides: dict[int, str] = {}
    for segment in article.segments:  # the gold segmentation (with metadata overrides)
        line = article.text.count("\n", 0, segment.start) + 1
        overrides[line] = segment.kind
    from jsec_data.extract.draft import extract_text  # here: the build imports this module, and needs the extractor only with --evaluate

    draft = extract_text(article.text, article.article_id, registry, overrides)
    entities = {**registry.entities, **{e.entity_id: e for e in result.entities}}
    proposed = {e["entity_id"]: e for e in draft["entities"]}

    gold_q = [(q.start, q.end) for q in result.quotations]
    pred_q = [_span(article.text, r) for r in draft["quotations"]]
    q_matches = match_spans(gold_q, pred_q, threshold)
    quotes = _figures(gold_q, pred_q, q_matches, sum(
        1 for gi, pi in q_matches
        if _same_speakers(result.quotations[gi].speaker_ids, draft["quotations"][pi]["speaker_ids"], entities, proposed)
    ))
    gold_m = [(m.start, m.end) for m in result.agreement_mentions]
    pred_m = [_span(article.text, r) for r in draft["agreement_mentions"]]
    m_matches = match_spans(gold_m, pred_m, threshold)
    pairs = [(result.agreement_mentions[gi], draft["agreement_mentions"][pi]) for gi, pi in m_matches]
    mentions = _figures(gold_m, pred_m, m_matches, sum(1 for g, d in pairs if g.agreement_id == d["agreement_id"]),
                        sum(1 for g, d in pairs if g.reported_status == d["reported_status"]))
    return {"quotations": quotes, "agreement_mentions": mentions}


def _span(text: str, record: dict[str, Any]) -> tuple[int, int]:
    found = resolve(text, record["exact"], record.get("prefix"), record.get("suffix"), record.get("start"))
    if isinstance(found, Anchor):
        return found.start, found.end
    return (0, 0)  # pragma: no cover - drafts always resolve (tested)


def _figures(gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]], matches: Sequence[tuple[int, int]],
             label_correct: int, status_correct: int = 0) -> Figures:
    return Figures(gold=len(gold), predicted=len(predicted), matched=len(matches),
                   exact=len(set(gold) & set(predicted)), label_correct=label_correct, status_correct=status_correct)


def _same_speakers(gold: Iterable[str], predicted: Iterable[str], entities: Mapping[str, EntityRecord],
                   proposed: dict[str, dict[str, Any]]) -> bool:
    resolved = set()
    for speaker in predicted:
        if speaker in entities or speaker not in proposed:
            resolved.add(speaker)
            continue
        name = normalize_for_matching(proposed[speaker]["names_ar"][0])
        match = next((gid for gid in gold if gid in entities and any(
            name == normalize_for_matching(n) or name in normalize_for_matching(n).split()
            for n in entities[gid].names_ar)), speaker)
        resolved.add(match)
    return resolved == set(gold)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def format_table(evaluation: Evaluation) -> str:
    """The figures as a plain-text table for the terminal."""
    header = f"{'':<20}{'gold':>6}{'pred':>6}{'match':>7}{'P':>7}{'R':>7}{'F1':>7}{'exactP':>8}{'exactR':>8}{'label acc':>11}"
    lines = [f"jsec extract vs gold: {len(evaluation.articles)} article(s), "
             f"Jaccard >= {evaluation.threshold}, one-to-one greedy matching", header]
    for name, figures, label in (("quotations", evaluation.quotations, "speaker"),
                                 ("agreement_mentions", evaluation.agreement_mentions, "agreement")):
        lines.append(f"{name:<20}{figures.gold:>6}{figures.predicted:>6}{figures.matched:>7}{figures.precision:>7.2f}"
                     f"{figures.recall:>7.2f}{figures.f1:>7.2f}{figures.exact_precision:>8.2f}{figures.exact_recall:>8.2f}"
                     f"{figures.label_accuracy:>8.2f} ({label})")
    lines.append(f"mention status accuracy on matched mentions: {evaluation.agreement_mentions.status_accuracy:.2f}")
    if evaluation.skipped:
        lines.append("skipped (gold does not pass jsec build checks): " + ", ".join(evaluation.skipped))
    if not evaluation.articles:
        lines.append("no gold-annotated articles found")
    return "\n".join(lines)


def evaluation_failed_markdown(exc: BaseException | str) -> str:
    """The card's note when the evaluation crashed (``exc`` or its ``Type: first line`` summary)."""
    detail = exc if isinstance(exc, str) else (
        f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
    return f"**{EVALUATION_PLACEHOLDER}.** The evaluation could not run for this build ({detail})."


def render_evaluation(evaluation: Evaluation) -> str | None:
    """An evaluation as the card's Markdown; None if no article was annotated."""
    if not evaluation.articles:
        return None
    rows = []
    for name, figures, label in (("quotations", evaluation.quotations, "speaker"),
                                 ("agreement_mentions", evaluation.agreement_mentions, "agreement id")):
        rows.append(f"| `{name}` | {figures.gold} | {figures.predicted} | {figures.matched} | {figures.precision:.2f} | "
                    f"{figures.recall:.2f} | {figures.f1:.2f} | {figures.exact_precision:.2f} | {figures.exact_recall:.2f} | "
                    f"{figures.label_accuracy:.2f} ({label}) |")
    skipped = (f" Skipped (gold does not pass the build's checks): {', '.join(evaluation.skipped)}."
               if evaluation.skipped else "")
    return (f"The extractor (`jsec extract`) drafts annotations for a person to correct; nothing in the tables is a "
            f"machine prediction. Measured by `jsec evaluate` on the {len(evaluation.articles)} gold-annotated "
            f"article(s) of this build: a predicted span matches a gold span when their Jaccard overlap of code "
            f"points is at least {evaluation.threshold} (one-to-one, greedy); *exact* counts identical spans only; "
            f"the label accuracy is over matched spans. Definitions: [docs/extractor.md]({EXTRACTOR_DOC_URL}).{skipped}\n\n"
            "| table | gold | predicted | matched | P | R | F1 | exact P | exact R | label accuracy |\n"
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n" + "\n".join(rows) + "\n\n"
            f"Reported-status accuracy on matched agreement mentions: "
            f"{evaluation.agreement_mentions.status_accuracy:.2f}. With so few articles these figures are indicative only.")


def card_markdown(raw_dir: Path | str = "raw", *, today: dt.date | None = None) -> str | None:
    """The dataset card's section on the extractor for ``raw_dir`` (for ``jsec build --evaluate``).

    None when no article has gold annotations (the card then says the extractor was not
    measured); a crashing extractor never blocks a build: the section then says what happened.
    """
    try:
        return render_evaluation(evaluate_extractor(raw_dir, today=today))
    except Exception as exc:
        return evaluation_failed_markdown(exc)
