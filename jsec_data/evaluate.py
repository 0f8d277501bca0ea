"""``jsec evaluate``: the extractor measured against the gold annotations.

For every article of a raw folder whose gold annotations pass the build's checks (or,
with a split, every article of that split of ``raw/splits.yaml`` found in the folder),
the draft of :func:`jsec_data.extract.draft.extract_text` (given the registry, never the
article's own annotation file) is compared with the gold records, layer by layer:

* a predicted span **matches** a gold span of the same layer and article when their
  Jaccard overlap (shared code points / code points in either) is at least the
  threshold (0.5); pairs are matched one to one, greedily, best overlap first;
* precision = matched / predicted, recall = matched / gold, F1 their harmonic mean;
  the *exact* figures count only identical spans;
* on matched quotations and statements: **speaker accuracy** (the speaker set equals the
  gold set; a speaker the draft proposes as a new entity counts as a gold entity whose
  Arabic name holds its name as whole words in a row, and stands for one gold entity per
  article), **cue accuracy** (the same cue as written, or both null) and, for statements,
  **mode accuracy**; on matched agreement mentions: agreement-id accuracy (the same id; an agreement the draft
  proposes as new counts as the gold's when the gold's is new to the drafter too, and stands for one gold agreement
  per article) and status accuracy;
* end to end, precision / recall / F1 of **cues**, **speakers** (statements whose span matches
  one with the same cue, the same speakers) and **agreement links**.

With a split, each story is drafted with the registry **as a contributor adding it would find
it**: what only that story's gold uses (no other article, kept affiliation or party) is withheld
(``withheld_entities``, ``withheld_agreements`` in the JSON; ``full_registry=True``: the whole
registry). An article no story names is its own story; scoring reads the whole registry.
Definitions in full: docs/extractor.md.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, astuple, dataclass, field, replace
from pathlib import Path
from typing import Any

from jsec_data.article.stage import ArticleResult, Registry, process_article
from jsec_data.core.anchor import Anchor, resolve
from jsec_data.core.errors import UsageError
from jsec_data.core.models import ArticleRecord, EntityRecord, EvaluationSplit, SplitsFile
from jsec_data.core.spans import DEFAULT_THRESHOLD, jaccard, match_spans
from jsec_data.core.text import normalize_for_matching
from jsec_data.raw.files import ArticleSource, discover_articles
from jsec_data.release.card import EVALUATION_PLACEHOLDER, EXTRACTOR_DOC_URL

__all__ = ["ANCHORS", "DEFAULT_THRESHOLD", "SPEAKER_ERRORS", "SPLITS_NAME", "Counts", "Evaluation", "Figures", "SpeakerErrors",
           "SplitError", "card_markdown", "draft_of", "evaluate_extractor", "evaluate_result", "evaluation_failed_markdown",
           "format_table", "jaccard", "match_spans", "read_splits", "record_span", "render_evaluation", "same_speakers",
           "story_drafters", "withheld_records"]

#: The splits file's name in a raw folder.
SPLITS_NAME = "splits.yaml"
#: The span layers, in the order they are reported.
SPAN_LAYERS = ("quotations", "statements", "agreement_mentions")
#: The end-to-end layers.
LINK_LAYERS = ("cues", "speakers", "agreement_links")


class SplitError(UsageError):
    """No usable splits file, or a split it does not name."""


@dataclass(frozen=True)
class Figures:
    """Span-level figures for one record kind, with the accuracy of its labels on matched spans."""

    gold: int
    predicted: int
    matched: int
    exact: int
    label_correct: int  # speakers (quotations, statements) or agreement ids (mentions) right on matched spans
    status_correct: int = 0  # reported_status right on matched mentions
    cue_correct: int = 0  # the cue right on matched quotations and statements
    mode_correct: int = 0  # the mode right on matched statements

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def exact_precision(self) -> float:
        return _ratio(self.exact, self.predicted)

    @property
    def exact_recall(self) -> float:
        return _ratio(self.exact, self.gold)

    @property
    def exact_f1(self) -> float:
        return _f1(self.exact_precision, self.exact_recall)

    @property
    def label_accuracy(self) -> float:
        return _ratio(self.label_correct, self.matched)

    @property
    def status_accuracy(self) -> float:
        return _ratio(self.status_correct, self.matched)

    @property
    def cue_accuracy(self) -> float:
        return _ratio(self.cue_correct, self.matched)

    @property
    def mode_accuracy(self) -> float:
        return _ratio(self.mode_correct, self.matched)

    def __add__(self, other: Figures) -> Figures:
        return Figures(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), **{name: round(getattr(self, name), 4) for name in (
            "precision", "recall", "f1", "exact_precision", "exact_recall", "exact_f1", "label_accuracy",
            "status_accuracy", "cue_accuracy", "mode_accuracy")}}


@dataclass(frozen=True)
class Counts:
    """End-to-end figures: records right in span and label, over the predicted and the gold records."""

    gold: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        return _ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.correct, self.gold)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.gold + other.gold, self.predicted + other.predicted, self.correct + other.correct)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


#: Why a matched quotation's or statement's speaker is wrong (``SpeakerErrors`` fields), as the text table says it.
SPEAKER_ERRORS = {
    "unknown": "the drafter found no speaker", "registry_wrong": "another registry entity",
    "registry_for_new": "a registry entity, the gold's is new to the drafter",
    "new_for_registry": "a new entity, the gold's is in the registry",
    "new_unmatched": "a new entity, the gold's is new too (another name, or another speaker)",
    "several": "several speakers on either side, not the same"}


@dataclass(frozen=True)
class SpeakerErrors:
    """Matched quotations and statements whose speakers are wrong, by kind of error (see SPEAKER_ERRORS)."""

    unknown: int = 0
    registry_wrong: int = 0
    registry_for_new: int = 0
    new_for_registry: int = 0
    new_unmatched: int = 0
    several: int = 0

    @property
    def total(self) -> int:
        return sum(astuple(self))

    def __add__(self, other: SpeakerErrors) -> SpeakerErrors:
        return SpeakerErrors(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "total": self.total}


def _zero_figures() -> Figures:
    return Figures(0, 0, 0, 0, 0)


def _zero_counts() -> Counts:
    return Counts(0, 0, 0)


@dataclass
class Evaluation:
    """The extractor's figures over a raw folder (or one split of it), in total and per article."""

    threshold: float
    quotations: Figures
    agreement_mentions: Figures
    statements: Figures = field(default_factory=_zero_figures)
    cues: Counts = field(default_factory=_zero_counts)
    speakers: Counts = field(default_factory=_zero_counts)
    agreement_links: Counts = field(default_factory=_zero_counts)
    speaker_errors: SpeakerErrors = field(default_factory=SpeakerErrors)
    articles: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # articles whose gold does not pass the build checks
    split: str | None = None  # the split evaluated (None: every gold article of the folder)
    split_description: str | None = None  # the splits file's account of that split (how held back it is)
    not_found: list[str] = field(default_factory=list)  # the split's articles that are not in the folder
    unannotated: list[str] = field(default_factory=list)  # the split's articles in the folder without gold
    per_article: dict[str, dict[str, Figures | Counts | SpeakerErrors]] = field(default_factory=dict)
    #: Registry records the drafter was not given (only this split's gold uses them); None: the whole registry.
    withheld_entities: list[str] | None = None
    withheld_agreements: list[str] | None = None

    def add(self, article_id: str, figures: Mapping[str, Figures | Counts | SpeakerErrors] | None, *,
            keep_per_article: bool = True) -> None:
        """Count one article: its figures, or None when it was skipped."""
        if figures is None:
            self.skipped.append(article_id)
            return
        self.articles.append(article_id)
        if keep_per_article:
            self.per_article[article_id] = dict(figures)
        for name, value in figures.items():
            setattr(self, name, getattr(self, name) + value)

    def merge(self, other: Evaluation) -> None:
        """Add another evaluation's articles (in order) and totals."""
        self.articles.extend(other.articles)
        self.skipped.extend(other.skipped)
        self.not_found.extend(other.not_found)
        self.unannotated.extend(other.unannotated)
        self.per_article.update(other.per_article)
        for name in (*SPAN_LAYERS, *LINK_LAYERS, "speaker_errors"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def to_dict(self) -> dict[str, Any]:
        from jsec_data.extract import extractor_version

        data: dict[str, Any] = {
            "extractor_version": extractor_version(),
            "threshold": self.threshold,
            "matching": "one-to-one greedy on Jaccard overlap of code-point spans",
        }
        if self.split is not None:
            data["split"] = self.split
        if self.split_description is not None:
            data["split_description"] = self.split_description
        if self.withheld_entities is not None:
            data["registry"] = "withheld"
            data["withheld_entities"] = self.withheld_entities
            data["withheld_agreements"] = self.withheld_agreements or []
        else:
            data["registry"] = "full"
        data.update({
            "articles": self.articles,
            "skipped": self.skipped,
            "not_found": self.not_found,
            "unannotated": self.unannotated,
            **{name: getattr(self, name).to_dict() for name in (*SPAN_LAYERS, *LINK_LAYERS, "speaker_errors")},
            "per_article": {a: {k: f.to_dict() for k, f in v.items()} for a, v in self.per_article.items()},
        })
        return data


def read_splits(path: Path | str) -> SplitsFile:
    """``raw/splits.yaml`` (a :class:`~jsec_data.core.models.SplitsFile`); :class:`SplitError` if unusable."""
    from jsec_data.raw.yamlfiles import read_model_file

    file = Path(path)
    if not file.is_file():
        raise SplitError(f"no splits file {str(file)!r} (pass --splits FILE)")
    splits, _, issues = read_model_file(file, SplitsFile, str(file))
    if splits is None:
        problems = "; ".join(f"line {i.line}: {i.message}" if i.line else i.message for i in issues[:3])
        raise SplitError(f"{file} is not a valid splits file: {problems}")
    return splits


def _split(raw: Path, split: str, splits: Path | str | SplitsFile | None) -> EvaluationSplit:
    if not isinstance(splits, SplitsFile):
        splits = read_splits(splits if splits is not None else raw / SPLITS_NAME)
    if split not in splits.splits:
        raise SplitError(f"no split {split!r}; the splits are: {', '.join(splits.splits)}")
    return splits.splits[split]


def evaluate_extractor(raw_dir: Path | str = "raw", *, threshold: float = DEFAULT_THRESHOLD,
                       today: dt.date | None = None, split: str | None = None,
                       splits: Path | str | SplitsFile | None = None, full_registry: bool = False) -> Evaluation:
    """Run the extractor on the gold-annotated articles of ``raw_dir`` and score it.

    With ``split``, only that split's articles (from ``splits``: a splits file, or its path;
    by default ``raw_dir/splits.yaml``) are drafted and scored; those not in the folder are
    listed in ``not_found``, those there without an annotation file in ``unannotated``; and
    each story of the split is drafted with the registry without what only that story's gold
    uses (:func:`withheld_records`), unless ``full_registry``.
    """
    from jsec_data.article.stage import read_registry

    raw = Path(raw_dir)
    chosen_split = _split(raw, split, splits) if split is not None else None
    wanted = list(chosen_split.articles) if chosen_split is not None else None
    today = today or dt.date.today()
    registry, _ = read_registry(raw)
    evaluation = Evaluation(threshold, _zero_figures(), _zero_figures(), split=split,
                            split_description=chosen_split.description if chosen_split is not None else None)
    sources, _ = discover_articles(raw)
    by_id = {source.article_id: source for source in sources}
    if wanted is not None:
        evaluation.not_found = [a for a in wanted if a not in by_id]
        evaluation.unannotated = [a for a in wanted if a in by_id and by_id[a].annotation is None]
        chosen = set(wanted)
        sources = [source for source in sources if source.article_id in chosen]
    if chosen_split is not None and not full_registry:
        _evaluate_by_story(evaluation, chosen_split, registry, by_id, threshold, today)
        return evaluation
    for source in sources:
        if source.annotation is None:
            continue
        result = process_article(source, registry, today)
        evaluation.add(result.article_id, evaluate_result(result, registry, threshold))
    return evaluation


def _evaluate_by_story(evaluation: Evaluation, split: EvaluationSplit, registry: Registry,
                       by_id: Mapping[str, ArticleSource], threshold: float, today: dt.date) -> None:
    """Score the split's articles story by story, each with the registry its story's gold did not add to."""
    results = {article_id: process_article(source, registry, today)
               for article_id, source in by_id.items() if source.annotation is not None}
    withheld: tuple[set[str], set[str]] = (set(), set())
    scored: dict[str, dict[str, Figures | Counts | SpeakerErrors] | None] = {}
    for inside, drafter in story_drafters(split, registry, results):
        withheld[0].update(set(registry.entities) - set(drafter.entities))
        withheld[1].update(set(registry.agreements) - set(drafter.agreements))
        for result in inside:
            scored[result.article_id] = evaluate_result(result, registry, threshold, drafter)
    for article_id in by_id:  # (in the folder's order, as without withholding)
        if article_id in scored:
            evaluation.add(article_id, scored[article_id])
    evaluation.withheld_entities, evaluation.withheld_agreements = sorted(withheld[0]), sorted(withheld[1])


def story_drafters(split: EvaluationSplit, registry: Registry,
                   results: Mapping[str, ArticleResult]) -> Iterator[tuple[list[ArticleResult], Registry]]:
    """Each story of ``split`` (its articles among ``results``) with the registry its drafter reads: ``registry``
    without what only that story's gold uses (:func:`withheld_records`)."""
    story_of = {a: name for name, ids in split.stories.items() for a in ids}
    stories: dict[str, list[str]] = {}
    for article_id in split.articles:
        if article_id in results:
            stories.setdefault(story_of.get(article_id, article_id), []).append(article_id)
    for members in stories.values():
        inside = [results[a] for a in members]
        entities, agreements = withheld_records(registry, inside, [r for a, r in results.items() if a not in members])
        yield inside, replace(registry, entities={k: v for k, v in registry.entities.items() if k not in entities},
                              agreements={k: v for k, v in registry.agreements.items() if k not in agreements})


def _references(result: ArticleResult) -> tuple[set[str], set[str]]:
    """The registry ids an article's gold refers to: entities (speakers, topics) and agreements."""
    entities = {i for statement in result.statements for i in (*statement.speaker_ids, *statement.topic_ids)}
    entities |= {i for quotation in result.quotations for i in quotation.speaker_ids}
    entities |= {e.affiliation_id for e in result.entities if e.affiliation_id}
    entities |= {p for a in result.agreements for p in a.parties}
    agreements = {m.agreement_id for m in result.agreement_mentions if m.agreement_id}
    return entities, agreements


def withheld_records(registry: Registry, inside: Iterable[ArticleResult],
                     others: Iterable[ArticleResult]) -> tuple[set[str], set[str]]:
    """Registry entities and agreements that only the ``inside`` articles' gold uses.

    A record is withheld when an inside article refers to it and no other article does,
    unless a record that stays needs it (a kept entity's ``affiliation_id``, a kept
    agreement's party): what a contributor adding the inside articles would not find.
    """
    used_inside: tuple[set[str], set[str]] = (set(), set())
    used_elsewhere: tuple[set[str], set[str]] = (set(), set())
    for results, used in ((inside, used_inside), (others, used_elsewhere)):
        for result in results:
            entities, agreements = _references(result)
            used[0].update(entities)
            used[1].update(agreements)
    entities = {i for i in used_inside[0] - used_elsewhere[0] if i in registry.entities}
    agreements = {i for i in used_inside[1] - used_elsewhere[1] if i in registry.agreements}
    while True:  # a record that stays keeps what it refers to
        needed = {e.affiliation_id for k, e in registry.entities.items() if k not in entities and e.affiliation_id}
        needed |= {p for k, a in registry.agreements.items() if k not in agreements for p in a.parties}
        if not needed & entities:
            return entities, agreements
        entities -= needed


def evaluate_result(result: ArticleResult, registry: Registry, threshold: float = DEFAULT_THRESHOLD,
                    drafter_registry: Registry | None = None,
                    draft: Mapping[str, Any] | None = None) -> dict[str, Figures | Counts | SpeakerErrors] | None:
    """The extractor's figures on one processed gold article; None when its gold does not pass the build's checks.

    ``jsec build`` calls this on the results it already has (one extraction per article for the card). The drafter
    reads ``drafter_registry`` (default: ``registry``), the gold ``registry``; ``draft``: records to score instead.
    """
    if result.article is None or any(i.severity == "error" for i in result.issues):
        return None
    article = result.article
    if draft is None:
        draft = draft_of(article, drafter_registry or registry)
    entities = {**registry.entities, **{e.entity_id: e for e in result.entities}}
    proposed = {e["entity_id"]: e for e in draft["entities"]}
    text = article.text

    errors: Counter[str] = Counter()
    known = set((drafter_registry or registry).entities)
    aligned: dict[str, str] = {}  # a drafted new entity -> the gold entity it was taken for

    def speakers_right(gold: Iterable[str], predicted: Iterable[str]) -> bool:
        right = same_speakers(gold, predicted, entities, proposed, aligned)
        if not right:
            errors[_speaker_error(list(gold), list(predicted), known)] += 1
        return right

    gold_q = [(q.char_start, q.char_end) for q in result.quotations]
    pred_q = [record_span(text, r) for r in draft["quotations"]]
    q_pairs = [(result.quotations[gi], draft["quotations"][pi]) for gi, pi in match_spans(gold_q, pred_q, threshold)]
    quotes = _figures(gold_q, pred_q, len(q_pairs),
                      label_correct=sum(speakers_right(g.speaker_ids, d["speaker_ids"]) for g, d in q_pairs),
                      cue_correct=sum(_same_cue(g.cue, d.get("cue")) for g, d in q_pairs))

    drafted = draft.get("statements") or []
    gold_s = [(s.char_start, s.char_end) for s in result.statements]
    pred_s = [record_span(text, r) for r in drafted]
    s_pairs = [(result.statements[gi], drafted[pi]) for gi, pi in match_spans(gold_s, pred_s, threshold)]
    right_speakers = sum(speakers_right(g.speaker_ids, d["speaker_ids"]) for g, d in s_pairs)
    statements = _figures(gold_s, pred_s, len(s_pairs), label_correct=right_speakers,
                          cue_correct=sum(_same_cue(g.cue, d.get("cue")) for g, d in s_pairs),
                          mode_correct=sum(g.mode == d.get("mode") for g, d in s_pairs))
    cues = Counts(gold=sum(s.cue is not None for s in result.statements),
                  predicted=sum(d.get("cue") is not None for d in drafted),
                  correct=sum(g.cue is not None and _same_cue(g.cue, d.get("cue")) for g, d in s_pairs))
    speakers = Counts(gold=len(gold_s), predicted=len(pred_s), correct=right_speakers)

    gold_m = [(m.char_start, m.char_end) for m in result.agreement_mentions]
    pred_m = [record_span(text, r) for r in draft["agreement_mentions"]]
    m_pairs = [(result.agreement_mentions[gi], draft["agreement_mentions"][pi])
               for gi, pi in match_spans(gold_m, pred_m, threshold)]
    new_agreements = {a["agreement_id"] for a in draft.get("agreements") or []}
    agreed: dict[str, str] = {}  # a drafted new agreement -> the gold agreement it was taken for
    known_agreements = set((drafter_registry or registry).agreements)
    linked = sum(_same_agreement(g.agreement_id, d["agreement_id"], known_agreements, new_agreements, agreed) for g, d in m_pairs)
    mentions = _figures(gold_m, pred_m, len(m_pairs), label_correct=linked,
                        status_correct=sum(g.reported_status == d["reported_status"] for g, d in m_pairs))
    links = Counts(gold=len(gold_m), predicted=len(pred_m), correct=linked)
    return {"quotations": quotes, "statements": statements, "agreement_mentions": mentions,
            "cues": cues, "speakers": speakers, "agreement_links": links, "speaker_errors": SpeakerErrors(**errors)}


def draft_of(article: ArticleRecord, registry: Registry) -> dict[str, Any]:
    """The drafter's draft of a processed gold article, read with ``registry`` and the gold's own segmentation."""
    from jsec_data.extract.draft import extract_text  # (here: the build imports this module; the extractor only with --evaluate)

    overrides = {article.text.count("\n", 0, segment.char_start) + 1: segment.kind for segment in article.segments}
    return extract_text(article.text, article.article_id, registry, overrides)


def _speaker_error(gold: list[str], predicted: list[str], known: set[str]) -> str:
    """The kind of a wrong speaker (a key of SPEAKER_ERRORS); ``known``: the ids of the registry the drafter read."""
    if not predicted or all(p.endswith("-unknown-speaker") for p in predicted):
        return "unknown"
    if len(gold) != 1 or len(predicted) != 1:
        return "several"
    return {(True, True): "registry_wrong", (True, False): "registry_for_new", (False, True): "new_for_registry",
            (False, False): "new_unmatched"}[(predicted[0] in known, gold[0] in known)]


def record_span(text: str, record: Mapping[str, Any]) -> tuple[int, int]:
    """Where a draft record (its text-quote selector) stands in ``text``, as code-point offsets."""
    found = resolve(text, record["exact"], record.get("prefix"), record.get("suffix"), record.get("start"))
    if isinstance(found, Anchor):
        return found.start, found.end
    return (0, 0)  # pragma: no cover - drafts always resolve (tested)


def _figures(gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]], matched: int, **labels: int) -> Figures:
    return Figures(gold=len(gold), predicted=len(predicted), matched=matched, exact=len(set(gold) & set(predicted)),
                   **{"label_correct": 0, **labels})


def _same_cue(gold: str | None, predicted: str | None) -> bool:
    """The same reporting verb as written (tanwin and other marks aside), or both null."""
    if gold is None or predicted is None:
        return gold is predicted
    return normalize_for_matching(gold) == normalize_for_matching(predicted)


def _same_agreement(gold: str | None, drafted: str | None, known: set[str], new: set[str], aligned: dict[str, str]) -> bool:
    """The same agreement: the same id, or a new one the draft proposes for a gold one the drafter's registry lacks, the
    first it was taken for in the article (``aligned``: drafted id -> gold id), as speakers new to both are."""
    if gold == drafted or gold is None or drafted not in new or gold in known:
        return gold == drafted
    return aligned.setdefault(drafted, gold) == gold


def same_speakers(gold: Iterable[str], predicted: Iterable[str], entities: Mapping[str, EntityRecord],
                   proposed: dict[str, dict[str, Any]], aligned: dict[str, str]) -> bool:
    """Whether the drafted speakers are the gold's: a new entity drafted is a gold one whose name holds its name as words
    in a row (محمد عمر in الملا محمد عمر), the first it was taken for in the article (``aligned``), never two."""
    resolved = set()
    for speaker in predicted:
        if speaker in entities or speaker not in proposed:
            resolved.add(speaker)
            continue
        words = _name_words(proposed[speaker]["names_ar"][0])
        match = next((gid for gid in gold if gid in entities and aligned.get(speaker, gid) == gid and any(
            _in_a_row(words, _name_words(n)) for n in entities[gid].names_ar)), speaker)
        if match != speaker:
            aligned[speaker] = match
        resolved.add(match)
    return resolved == set(gold)


def _name_words(name: str) -> list[str]:
    """A name's words as the scorer compares them: the matching form, without the article and with a sound plural's
    case ending unified (الانفصاليين for الانفصاليون، دبلوماسيين for دبلوماسيون: one group, written in another case)."""
    words = [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in normalize_for_matching(name).split()]
    return [w[:-2] + "ون" if w.endswith("ين") and len(w) > 4 else w for w in words]


def _in_a_row(words: list[str], name: list[str]) -> bool:
    return bool(words) and any(name[i:i + len(words)] == words for i in range(len(name) - len(words) + 1))


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _r(value: float, denominator: int) -> str:
    """A ratio to two places, or "–" when it is undefined (nothing to divide by: no prediction, no gold)."""
    return f"{value:.2f}" if denominator else "–"


_LABELS = {"quotations": "speaker", "statements": "speaker", "agreement_mentions": "agreement"}


def format_table(evaluation: Evaluation) -> str:
    """The figures as a plain-text table for the terminal."""
    where = f"split {evaluation.split}, " if evaluation.split is not None else ""
    lines = [f"jsec extract vs gold: {where}{len(evaluation.articles)} article(s), "
             f"Jaccard >= {evaluation.threshold}, one-to-one greedy matching",
             f"{'':<20}{'gold':>6}{'pred':>6}{'match':>7}{'P':>7}{'R':>7}{'F1':>7}{'exactP':>8}{'exactR':>8}"
             f"{'exactF1':>8}  label accuracy on matched spans"]
    for name in SPAN_LAYERS:
        figures: Figures = getattr(evaluation, name)
        labels = f"{_LABELS[name]} {_r(figures.label_accuracy, figures.matched)}"
        if name != "agreement_mentions":
            labels += f", cue {_r(figures.cue_accuracy, figures.matched)}"
        if name == "statements":
            labels += f", mode {_r(figures.mode_accuracy, figures.matched)}"
        if name == "agreement_mentions":
            labels += f", status {_r(figures.status_accuracy, figures.matched)}"
        p, r = figures.predicted, figures.gold
        lines.append(f"{name:<20}{figures.gold:>6}{figures.predicted:>6}{figures.matched:>7}{_r(figures.precision, p):>7}"
                     f"{_r(figures.recall, r):>7}{_r(figures.f1, p + r):>7}{_r(figures.exact_precision, p):>8}"
                     f"{_r(figures.exact_recall, r):>8}{_r(figures.exact_f1, p + r):>8}  {labels}")
    lines.append("end to end (span matched and label right):")
    for name, what in (("cues", "statement cues"), ("speakers", "statement speakers"),
                       ("agreement_links", "agreement links")):
        counts: Counts = getattr(evaluation, name)
        lines.append(f"{what:<20}{counts.gold:>6}{counts.predicted:>6}{counts.correct:>7}"
                     f"{_r(counts.precision, counts.predicted):>7}{_r(counts.recall, counts.gold):>7}"
                     f"{_r(counts.f1, counts.predicted + counts.gold):>7}")
    errors = evaluation.speaker_errors
    if errors.total:
        lines.append(f"wrong speakers on matched quotations and statements ({errors.total}): " + "; ".join(
            f"{SPEAKER_ERRORS[name]} {count}" for name, count in asdict(errors).items() if count))
    if evaluation.skipped:
        lines.append("skipped (gold does not pass jsec build checks): " + ", ".join(evaluation.skipped))
    if evaluation.not_found:
        lines.append(f"not found in the raw folder ({len(evaluation.not_found)}): " + ", ".join(evaluation.not_found))
    if evaluation.unannotated:
        lines.append(f"no gold annotation file ({len(evaluation.unannotated)}): " + ", ".join(evaluation.unannotated))
    if evaluation.withheld_entities is not None:
        lines.append(_withheld_sentence(evaluation))
    if not evaluation.articles:
        lines.append("no gold-annotated articles found")
    return "\n".join(lines)


def _withheld_sentence(evaluation: Evaluation) -> str:
    entities, agreements = len(evaluation.withheld_entities or ()), len(evaluation.withheld_agreements or ())
    return (f"Each story was drafted with the registry as a contributor adding it would find it: without the "
            f"entities and agreements that only that story's gold uses ({entities} entit{'y' if entities == 1 else 'ies'} "
            f"and {agreements} agreement{'' if agreements == 1 else 's'} over the split).")


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
    for name, label in (("quotations", "speaker"), ("statements", "speaker"), ("agreement_mentions", "agreement id")):
        figures: Figures = getattr(evaluation, name)
        p, r = figures.predicted, figures.gold
        rows.append(f"| `{name}` | {figures.gold} | {figures.predicted} | {figures.matched} | {_r(figures.precision, p)} | "
                    f"{_r(figures.recall, r)} | {_r(figures.f1, p + r)} | {_r(figures.exact_precision, p)} | "
                    f"{_r(figures.exact_recall, r)} | {_r(figures.label_accuracy, figures.matched)} ({label}) |")
    links = []
    for name, what in (("cues", "statement cues"), ("speakers", "statement speakers"), ("agreement_links", "agreement links")):
        counts: Counts = getattr(evaluation, name)
        links.append(f"| {what} | {counts.gold} | {counts.predicted} | {counts.correct} | "
                     f"{_r(counts.precision, counts.predicted)} | {_r(counts.recall, counts.gold)} | "
                     f"{_r(counts.f1, counts.predicted + counts.gold)} |")
    skipped = (f" Skipped (gold does not pass the build's checks): {', '.join(evaluation.skipped)}."
               if evaluation.skipped else "")
    count = len(evaluation.articles)
    what = f"{count} gold-annotated article{'s' if count != 1 else ''}"
    where = (f"the {what} of the `{evaluation.split}` split" if evaluation.split is not None
             else f"the {what} of this build")
    unscored = [f"{len(ids)} of the split's articles {why}" for ids, why in
                ((evaluation.not_found, "are not in this build"), (evaluation.unannotated, "have no gold annotation"))
                if ids]
    unscored_note = f" ({'; '.join(unscored)}: not scored)" if unscored else ""
    return (f"The extractor (`jsec extract`) drafts annotations for a person to correct; nothing in the tables is a "
            f"machine prediction. Measured by `jsec evaluate` on {where}{unscored_note}: a predicted span matches a gold "
            f"span when their Jaccard overlap of code "
            f"points is at least {evaluation.threshold} (one-to-one, greedy); *exact* counts identical spans only; "
            f"the label accuracy is over matched spans. Definitions: [docs/extractor.md]({EXTRACTOR_DOC_URL}).{skipped}\n\n"
            "| table | gold | predicted | matched | P | R | F1 | exact P | exact R | label accuracy |\n"
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n" + "\n".join(rows) + "\n\n"
            "End to end (a record counts when its span matches and its label is right):\n\n"
            "| what | gold | predicted | right | P | R | F1 |\n"
            "| --- | --- | --- | --- | --- | --- | --- |\n" + "\n".join(links) + "\n\n"
            + (_withheld_sentence(evaluation) + "\n\n" if evaluation.withheld_entities is not None else "")
            + _anchors_markdown(evaluation) +
            f"Cue accuracy on matched quotations {evaluation.quotations.cue_accuracy:.2f}, on matched statements "
            f"{evaluation.statements.cue_accuracy:.2f}; statement mode accuracy {evaluation.statements.mode_accuracy:.2f}; "
            f"reported-status accuracy on matched agreement mentions "
            f"{evaluation.agreement_mentions.status_accuracy:.2f}. With so few articles these figures are indicative only."
            + _speaker_errors_markdown(evaluation.speaker_errors)
            # The split's own account of how held back it is goes with its figures.
            + (f"\n\nThe `{evaluation.split}` split, as `{SPLITS_NAME}` describes it: {evaluation.split_description}"
               if evaluation.split_description else ""))


def _speaker_errors_markdown(errors: SpeakerErrors) -> str:
    """The wrong speakers on matched spans, by kind, as a sentence of the card ("" when there is none)."""
    if not errors.total:
        return ""
    kinds = "; ".join(f"{SPEAKER_ERRORS[name]}: {count}" for name, count in asdict(errors).items() if count)
    return f" Wrong speakers on matched quotations and statements ({errors.total}), by kind: {kinds}."


#: Published figures the extractor is read against (docs/extractor.md): (what, figure, our measure).
ANCHORS = (
    ("BBC Citron (English news, PARC 3.0): cue F1", "0.82", "statement cues F1"),
    ("BBC Citron: source F1", "0.82", "statement speakers F1"),
    ("BBC Citron: content F1, exact / overlap", "0.59 / 0.83", "statements exact F1 / F1"),
    ("rule-based Arabic attribution: precision / recall", "0.93 / 0.88", "statement speakers P / R"),
)


def _anchors_markdown(evaluation: Evaluation) -> str:
    """The anchors (published figures) next to this evaluation's comparable ones."""
    statements, cues, speakers = evaluation.statements, evaluation.cues, evaluation.speakers
    ours = (f"{cues.f1:.2f}", f"{speakers.f1:.2f}", f"{statements.exact_f1:.2f} / {statements.f1:.2f}",
            f"{speakers.precision:.2f} / {speakers.recall:.2f}")
    rows = "\n".join(f"| {what} | {figure} | {measure} | {mine} |" for (what, figure, measure), mine in zip(ANCHORS, ours,
                                                                                                         strict=True))
    return ("Next to published figures (other corpora and languages, so a rough guide only):\n\n"
            "| anchor | figure | our measure | here |\n| --- | --- | --- | --- |\n" + rows + "\n\n")


def card_markdown(raw_dir: Path | str = "raw", *, today: dt.date | None = None) -> str | None:
    """The dataset card's section on the extractor for ``raw_dir`` (for ``jsec build --evaluate``).

    On the held-back ``test`` split of ``raw_dir/splits.yaml`` when there is one (the rules
    are tuned on ``dev`` only), else on every gold article. None when no article has gold
    annotations (the card then says the extractor was not measured); a crashing extractor
    never blocks a build: the section then says what happened.
    """
    try:
        raw = Path(raw_dir)
        splits = read_splits(raw / SPLITS_NAME) if (raw / SPLITS_NAME).is_file() else None
        split = "test" if splits is not None and "test" in splits.splits else None
        return render_evaluation(evaluate_extractor(raw, today=today, split=split, splits=splits))
    except Exception as exc:
        return evaluation_failed_markdown(exc)
