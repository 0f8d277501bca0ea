"""Inter-annotator agreement between two independent annotation passes (``jsec agreement``).

A **pass** is one or more raw folders (one per annotator of that pass; each a valid raw
folder with ``articles/``, ``annotations/``, ``metadata/``, ``entities.yaml`` and
``agreements.yaml``). Every annotated article of a folder is run through the build's own
per-article stage (:func:`jsec_data.article.stage.process_article`), which resolves each
TextQuoteSelector to code-point offsets. Articles are **paired by article id**: an article
is compared when both passes annotated it (it has an annotation file), the stage found no
error in either, and both passes hold the same text. Unlike ``jsec build``, an entity or
agreement declared in another annotation file of the same folder counts as known. Articles annotated by one pass only,
and articles skipped, are listed with the reason.

Figures, all summed over the paired articles (micro averages):

* **a, b**: records (or entity ids, or articles) in pass a and in pass b.
* **matched**: pairs of records of the same article and layer whose spans overlap with a
  Jaccard index (shared code points / code points in either span) of at least the
  threshold (0.5), paired one to one, greedily, best overlap first
  (:func:`jsec_data.evaluate.match_spans`, as ``jsec evaluate`` does).
* **exact**: pairs of records with identical offsets (start and end).
* **overlap F1** = 2 * matched / (a + b); **exact F1** = 2 * exact / (a + b). Either is the
  harmonic mean of precision and recall with either pass taken as the reference, so it
  does not matter which pass is called a. Undefined (None) when a + b = 0.
* **label accuracy**: on matched pairs, the share whose label is the same in both passes
  (undefined when nothing matched):

  - *speaker*: the same set of ``speaker_ids`` (order ignored; ids compared as written);
  - *cue*: the identical reporting-verb string (both null counts as the same);
  - *mode* (statements): direct, indirect or mixed;
  - *is_fragment* (quotations);
  - *agreement* (agreement mentions): the same ``agreement_id``;
  - *status* (agreement mentions): the same ``reported_status``.

* **Cohen's kappa** for the closed-vocabulary labels (mode, is_fragment, status and the
  event date's precision), on the same pairs: kappa = (p_o - p_e) / (1 - p_e), where p_o is
  the observed agreement and p_e = sum over categories of p_a(c) * p_b(c), the agreement
  expected by chance from each pass's own category frequencies (:func:`cohen_kappa`).
  Undefined (None) when there are no pairs or when p_e = 1 (both passes used one and the
  same category throughout).
* **entities**: per article, the set of entity ids used anywhere in its records (speakers
  of statements and quotations, topics of statements); a = sum of the set sizes in pass a,
  b likewise, matched = exact = sum of the intersections; F1 = 2 * matched / (a + b). Ids
  are slugs compared as written, so the same person spelled ``fumio-kishida`` by one pass
  and ``kishida-fumio`` by the other counts as a disagreement (here, and in speaker and
  agreement accuracy).
* **metadata**: per paired article, ``event_date`` agreement = the same date *and* the same
  precision (both null counts as the same); a = b = matched = paired articles. Cohen's
  kappa is given for the precision (day, month, year or none).

The **disagreement tally** counts each disagreement once: a record found by one pass only
(no span of the other pass overlaps it), a record whose spans overlap but below the
threshold (split or merged differently), a matched pair whose boundaries differ, each label
that differs on a matched pair, each entity id used by one pass only and each event date
that differs; with up to three examples (article id and what each pass has) per type.
A difference of ids that is only a difference of spelling is still counted in the figures,
but tallied apart when the two records share a name (an Arabic name in matching form, or
the English name compared word for word, case-folded): "same speaker under different
ids", "same entity, different ids", "same agreement under different ids". The
definitions are repeated in docs/agreement.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from jsec_data.article.stage import ArticleResult, Registry, process_article, read_registry
from jsec_data.core.models import AgreementRecord, AnnotationFile, EntityRecord
from jsec_data.core.text import normalize_for_matching
from jsec_data.evaluate import DEFAULT_THRESHOLD, jaccard, match_spans
from jsec_data.raw.files import discover_articles
from jsec_data.raw.yamlfiles import read_model_file

__all__ = [
    "DEFAULT_THRESHOLD",
    "LAYERS",
    "Agreement",
    "Disagreement",
    "Example",
    "LabelAgreement",
    "LayerAgreement",
    "cohen_kappa",
    "compare_passes",
    "split_pass_arguments",
]

#: The layers compared, in the order they are reported.
LAYERS: tuple[str, ...] = ("quotations", "statements", "agreement_mentions", "entities", "metadata")
#: Examples kept per disagreement type.
MAX_EXAMPLES = 3

LayerKind = Literal["spans", "sets", "articles"]


# ------------------------------------------------------------------------- figures


def cohen_kappa(pairs: Iterable[tuple[Hashable, Hashable]]) -> float | None:
    """Cohen's kappa of two raters' labels on the same items, given as (label a, label b) pairs.

    None when there are no pairs, or when chance agreement is 1 (both raters used one and
    the same label for every item), where kappa is undefined.

    >>> cohen_kappa([("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 + [("no", "no")] * 15)
    0.4
    """
    items = list(pairs)
    n = len(items)
    if not n:
        return None
    agree = sum(1 for x, y in items if x == y)
    counts_a = Counter(x for x, _ in items)
    counts_b = Counter(y for _, y in items)
    chance = sum(count * counts_b[label] for label, count in counts_a.items())  # p_e * n^2, exact in integers
    if chance == n * n:
        return None
    return (agree * n - chance) / (n * n - chance)


def _f1(matched: int, a: int, b: int) -> float | None:
    return 2 * matched / (a + b) if a + b else None


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@dataclass(frozen=True)
class LabelAgreement:
    """How often one label is the same in both passes, on the pairs compared."""

    name: str
    agree: int
    total: int
    kappa: float | None = None  # closed-vocabulary labels only
    has_kappa: bool = False

    @property
    def accuracy(self) -> float | None:
        """agree / total; None when nothing was compared."""
        return self.agree / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"agree": self.agree, "total": self.total, "accuracy": _r(self.accuracy)}
        if self.has_kappa:
            out["kappa"] = _r(self.kappa)
        return out


@dataclass(frozen=True)
class LayerAgreement:
    """The figures of one layer (see the module docstring for the definitions)."""

    name: str
    kind: LayerKind  # spans (matched by overlap), sets (entity ids) or articles (metadata)
    a: int
    b: int
    matched: int
    exact: int
    labels: tuple[LabelAgreement, ...] = ()

    @property
    def exact_f1(self) -> float | None:
        """2 * exact / (a + b): identical spans (spans) or identical ids (sets); None for metadata."""
        return None if self.kind == "articles" else _f1(self.exact, self.a, self.b)

    @property
    def overlap_f1(self) -> float | None:
        """2 * matched / (a + b), spans matched at Jaccard >= threshold; None for the other layers."""
        return _f1(self.matched, self.a, self.b) if self.kind == "spans" else None

    def label(self, name: str) -> LabelAgreement:
        """The label called ``name`` (KeyError if the layer has none)."""
        for label in self.labels:
            if label.name == name:
                return label
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "a": self.a, "b": self.b, "matched": self.matched, "exact": self.exact,
                "exact_f1": _r(self.exact_f1), "overlap_f1": _r(self.overlap_f1),
                "labels": {label.name: label.to_dict() for label in self.labels}}


@dataclass(frozen=True)
class Example:
    """One disagreement: the article, what pass a has and what pass b has (None: nothing)."""

    article_id: str
    a: str | None
    b: str | None
    text: str | None = None  # a label difference: the span it is on (pass a's); two ids: the name they share

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "a": self.a, "b": self.b, "text": self.text}


@dataclass
class Disagreement:
    """One type of disagreement of one layer, how often it occurred, and the first examples."""

    layer: str
    kind: str
    count: int = 0
    examples: list[Example] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"layer": self.layer, "kind": self.kind, "count": self.count,
                "examples": [example.to_dict() for example in self.examples]}


@dataclass
class Agreement:
    """Agreement between two annotation passes, per layer, with the disagreement tally."""

    threshold: float
    pass_a: list[str]
    pass_b: list[str]
    layers: dict[str, LayerAgreement]
    articles: list[str] = field(default_factory=list)  # compared (annotated in both passes)
    only_a: list[str] = field(default_factory=list)  # annotated in pass a only
    only_b: list[str] = field(default_factory=list)  # annotated in pass b only
    skipped: dict[str, str] = field(default_factory=dict)  # article id -> why it was not compared
    disagreements: list[Disagreement] = field(default_factory=list)  # most common first
    per_article: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Everything as JSON-able data."""
        return {
            "threshold": self.threshold,
            "matching": "one-to-one greedy on Jaccard overlap of code-point spans",
            "pass_a": self.pass_a,
            "pass_b": self.pass_b,
            "articles": self.articles,
            "only_a": self.only_a,
            "only_b": self.only_b,
            "skipped": self.skipped,
            "layers": {name: layer.to_dict() for name, layer in self.layers.items()},
            "disagreements": [d.to_dict() for d in self.disagreements],
            "per_article": self.per_article,
        }

    def markdown(self, *, top: int | None = 10, width: int = 70) -> str:
        """A table per layer and the disagreement tally, as Markdown (no heading, to embed anywhere).

        ``top``: disagreement types listed (None: all); ``width``: characters of example text kept.
        """
        lines = [
            f"{len(self.articles)} article(s) annotated independently in both passes; spans match when their "
            f"Jaccard overlap of code points is at least {self.threshold} (one to one, greedy); *exact* counts "
            "identical offsets only; label accuracies and kappa are on matched pairs.",
            "",
        ]
        if self.only_a or self.only_b or self.skipped:
            notes = []
            if self.only_a:
                notes.append("annotated in pass a only: " + ", ".join(f"`{a}`" for a in self.only_a))
            if self.only_b:
                notes.append("annotated in pass b only: " + ", ".join(f"`{a}`" for a in self.only_b))
            notes.extend(f"skipped `{a}`: {why}" for a, why in self.skipped.items())
            lines += ["Not compared: " + "; ".join(notes) + ".", ""]
        lines += ["| layer | a | b | matched | exact F1 | overlap F1 | label accuracy | Cohen's κ |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
        for layer in self.layers.values():
            accuracies = "; ".join(f"{label.name} {_fmt(label.accuracy)} ({label.agree}/{label.total})"
                                   for label in layer.labels) or "–"
            kappas = "; ".join(f"{label.name} {_fmt(label.kappa)}" for label in layer.labels if label.has_kappa) or "–"
            lines.append(f"| {layer.name} | {layer.a} | {layer.b} | {layer.matched} | {_fmt(layer.exact_f1)} | "
                         f"{_fmt(layer.overlap_f1)} | {accuracies} | {kappas} |")
        lines.append("")
        shown = self.disagreements if top is None else self.disagreements[:top]
        if not shown:
            lines.append("No disagreements.")
            return "\n".join(lines)
        more = f" ({len(shown)} of {len(self.disagreements)} types)" if len(shown) < len(self.disagreements) else ""
        lines += [f"Most common disagreements{more}:", "", "| # | layer | disagreement | count |", "| ---: | --- | --- | ---: |"]
        lines += [f"| {i} | {d.layer} | {d.kind} | {d.count} |" for i, d in enumerate(shown, 1)]
        lines += ["", "Examples (a = pass a, b = pass b, – = nothing):", ""]
        for i, d in enumerate(shown, 1):
            lines.append(f"{i}. **{d.layer}: {d.kind}** ({d.count})")
            for example in d.examples:
                where = "sharing the name" if d.layer == "entities" else "on"
                on = f" {where} «{_clip(example.text, width)}»" if example.text is not None else ""
                lines.append(f"    - `{example.article_id}`{on}: a: {_show(example.a, width)} · b: {_show(example.b, width)}")
        return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _clip(text: str, width: int) -> str:
    flat = " ".join(text.split()).replace("|", "\\|")
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _show(value: str | None, width: int) -> str:
    return "–" if value is None else f"«{_clip(value, width)}»"


# ------------------------------------------------------------------------- reading


@dataclass
class _Annotated:
    """One article as one pass annotated it."""

    folder: Path
    result: ArticleResult
    entities: Mapping[str, EntityRecord]  # every entity known in its folder, for names
    agreements: Mapping[str, AgreementRecord]  # every agreement known in its folder, for names


def _declared(path: Path) -> tuple[list[EntityRecord], list[AgreementRecord]]:
    parsed = read_model_file(path, AnnotationFile, path.name)[0]
    return (list(parsed.entities), list(parsed.agreements)) if parsed is not None else ([], [])


def _read_pass(folders: Sequence[Path], name: str, today: dt.date,
               skipped: dict[str, str]) -> dict[str, _Annotated]:
    """Every annotated article of a pass's folders, processed by the build's stage; errors go to ``skipped``."""
    found: dict[str, _Annotated] = {}
    for folder in folders:
        if not (folder / "articles").is_dir():
            raise ValueError(f"pass {name}: {str(folder)!r} is not a raw folder (no articles/ in it)")
        registry, registry_issues = read_registry(folder, today)
        sources = [source for source in discover_articles(folder)[0] if source.annotation is not None]
        declared = {source.article_id: _declared(Path(str(source.annotation))) for source in sources}
        known = dict(registry.entities)
        known_agreements = dict(registry.agreements)
        for entities, agreements in declared.values():
            known.update((e.entity_id, e) for e in entities if e.entity_id not in known)
            known_agreements.update((g.agreement_id, g) for g in agreements if g.agreement_id not in known_agreements)
        registry_errors = [i for i in registry_issues if i.severity == "error"]
        for source in sources:
            if source.article_id in found:
                skipped.setdefault(source.article_id, f"annotated twice in pass {name} "
                                   f"({found[source.article_id].folder} and {folder})")
                continue
            # Entities and agreements another file of the same folder declares count as known
            # (more lenient than `jsec build`, which wants them in the registry or the file
            # itself): the records are the same either way, and an annotator may have declared
            # a new entity once, in the first of their files that needs it.
            others = [d for article_id, d in declared.items() if article_id != source.article_id]
            extra_entities = {e.entity_id: e for entities, _ in others for e in entities}
            extra_agreements = {a.agreement_id: a for _, agreements in others for a in agreements}
            own_entities = {e.entity_id for e in declared[source.article_id][0]}
            own_agreements = {a.agreement_id for a in declared[source.article_id][1]}
            article_registry = Registry(
                entities={**{k: v for k, v in extra_entities.items() if k not in own_entities}, **registry.entities},
                agreements={**{k: v for k, v in extra_agreements.items() if k not in own_agreements}, **registry.agreements},
                entity_files=registry.entity_files, agreement_files=registry.agreement_files,
            )
            result = process_article(source, article_registry, today)
            errors = registry_errors + [i for i in result.issues if i.severity == "error"]
            if result.article is None or errors:
                first = errors[0] if errors else None
                why = f"{first.file}: {first.code}: {first.message}" if first else "the article could not be read"
                skipped[source.article_id] = f"pass {name} ({folder}) does not pass the build's checks ({why})"
            found[source.article_id] = _Annotated(folder, result, known, known_agreements)
    return found


# ------------------------------------------------------------------------- comparing


class _Span(Protocol):
    @property
    def char_start(self) -> int: ...
    @property
    def char_end(self) -> int: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class _Label:
    name: str
    get: Callable[[Any], Hashable]
    show: Callable[[Any], str]
    kind: str  # the disagreement type when it differs
    kappa: bool = False


def _speakers(record: Any) -> frozenset[str]:
    return frozenset(record.speaker_ids)


def _show_set(value: Any) -> str:
    return ", ".join(sorted(value))


def _show_value(value: Any) -> str:
    return "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


_SPEAKER = _Label("speaker", _speakers, _show_set, "different speaker")
_CUE = _Label("cue", lambda r: r.cue, _show_value, "different cue")
_AGREEMENT = _Label("agreement", lambda r: r.agreement_id, _show_value, "linked to a different agreement")
_SPAN_LABELS: dict[str, tuple[_Label, ...]] = {
    "quotations": (_SPEAKER, _CUE, _Label("is_fragment", lambda r: r.is_fragment, _show_value, "is_fragment differs", True)),
    "statements": (_SPEAKER, _CUE, _Label("mode", lambda r: r.mode, _show_value, "mode differs", True)),
    "agreement_mentions": (
        _AGREEMENT,
        _Label("status", lambda r: r.reported_status, _show_value, "status differs", True),
    ),
}


@dataclass
class _Tally:
    counts: dict[tuple[str, str], Disagreement] = field(default_factory=dict)

    def add(self, layer: str, kind: str, example: Example) -> None:
        entry = self.counts.setdefault((layer, kind), Disagreement(layer, kind))
        entry.count += 1
        if len(entry.examples) < MAX_EXAMPLES:
            entry.examples.append(example)

    def ranked(self) -> list[Disagreement]:
        return sorted(self.counts.values(), key=lambda d: (-d.count, LAYERS.index(d.layer), d.kind))


@dataclass
class _Counts:
    a: int = 0
    b: int = 0
    matched: int = 0
    exact: int = 0
    pairs: dict[str, list[tuple[Hashable, Hashable]]] = field(default_factory=dict)

    def add(self, other: _Counts) -> None:
        self.a += other.a
        self.b += other.b
        self.matched += other.matched
        self.exact += other.exact

    def as_dict(self) -> dict[str, int]:
        return {"a": self.a, "b": self.b, "matched": self.matched, "exact": self.exact}


def _compare_spans(layer: str, article_id: str, a: _Annotated, b: _Annotated,
                   threshold: float, counts: _Counts, tally: _Tally) -> _Counts:
    records_a: Sequence[_Span] = getattr(a.result, layer)
    records_b: Sequence[_Span] = getattr(b.result, layer)
    spans_a = [(r.char_start, r.char_end) for r in records_a]
    spans_b = [(r.char_start, r.char_end) for r in records_b]
    matches = match_spans(spans_a, spans_b, threshold)
    here = _Counts(len(spans_a), len(spans_b), len(matches), len(set(spans_a) & set(spans_b)))
    counts.add(here)
    for ai, bi in matches:
        record_a, record_b = records_a[ai], records_b[bi]
        if spans_a[ai] != spans_b[bi]:
            tally.add(layer, "span boundary differs", Example(article_id, record_a.text, record_b.text))
        for label in _SPAN_LABELS[layer]:
            value_a, value_b = label.get(record_a), label.get(record_b)
            counts.pairs.setdefault(label.name, []).append((value_a, value_b))
            if value_a != value_b:
                kind = label.kind
                if label is _SPEAKER and _same_under_other_ids(value_a, value_b, a, b):
                    kind = "same speaker under different ids"
                elif label is _AGREEMENT and _agreement_names(a.agreements.get(str(value_a))) & _agreement_names(
                        b.agreements.get(str(value_b))):
                    kind = "same agreement under different ids"
                tally.add(layer, kind, Example(article_id, label.show(value_a), label.show(value_b), record_a.text))
    matched_a = {ai for ai, _ in matches}
    matched_b = {bi for _, bi in matches}
    for index, record in enumerate(records_a):
        if index not in matched_a:
            overlaps = any(jaccard(spans_a[index], span) > 0 for span in spans_b)
            tally.add(layer, _unmatched_kind(overlaps), Example(article_id, record.text, None))
    for index, record in enumerate(records_b):
        if index not in matched_b:
            overlaps = any(jaccard(span, spans_b[index]) > 0 for span in spans_a)
            tally.add(layer, _unmatched_kind(overlaps), Example(article_id, None, record.text))
    return here


def _same_under_other_ids(ids_a: Any, ids_b: Any, a: _Annotated, b: _Annotated) -> bool:
    """Whether two different speaker sets name the same entities, only under other ids (a shared name)."""
    _, left_a, left_b = _twins(ids_a - ids_b, ids_b - ids_a, a.entities, b.entities)
    return not left_a and not left_b


def _unmatched_kind(overlaps: bool) -> str:
    return "spans overlap below the threshold (split or merged differently)" if overlaps else "found by one pass only"


def _used_entities(result: ArticleResult) -> set[str]:
    used = {s for statement in result.statements for s in (*statement.speaker_ids, *statement.topic_ids)}
    return used | {s for quotation in result.quotations for s in quotation.speaker_ids}


def _names(entity: EntityRecord | None) -> dict[str, str]:
    """An entity's names in matching form (Arabic folded; English case-folded, words only) -> as written."""
    if entity is None:
        return {}
    names = {"en:" + " ".join(re.findall(r"[^\W_]+", entity.name_en.casefold())): entity.name_en}
    names.update((normalize_for_matching(n), n) for n in entity.names_ar)
    return names


def _agreement_names(agreement: AgreementRecord | None) -> set[str]:
    """An agreement's English and Arabic names in matching form."""
    if agreement is None:
        return set()
    names = {"en:" + " ".join(re.findall(r"[^\W_]+", agreement.name_en.casefold()))}
    return names | ({normalize_for_matching(agreement.name_ar)} if agreement.name_ar else set())


def _shared_name(x: str, entities_x: Mapping[str, EntityRecord], y: str, entities_y: Mapping[str, EntityRecord]) -> str | None:
    """A name entity ``x`` of one pass shares with entity ``y`` of the other (as ``x``'s pass writes it), else None."""
    names_x, names_y = _names(entities_x.get(x)), _names(entities_y.get(y))
    shared = sorted(set(names_x) & set(names_y))
    return names_x[shared[0]] if shared else None


def _twins(ids_a: Iterable[str], ids_b: Iterable[str], entities_a: Mapping[str, EntityRecord],
           entities_b: Mapping[str, EntityRecord]) -> tuple[list[tuple[str, str, str]], list[str], list[str]]:
    """Pair ids of one pass with ids of the other that share a name: (pairs with the name, unpaired a, unpaired b)."""
    pairs: list[tuple[str, str, str]] = []
    left_a: list[str] = []
    left_b = sorted(ids_b)
    for x in sorted(ids_a):
        found = next(((y, name) for y in left_b if (name := _shared_name(x, entities_a, y, entities_b)) is not None), None)
        if found is None:
            left_a.append(x)
        else:
            left_b.remove(found[0])
            pairs.append((x, found[0], found[1]))
    return pairs, left_a, left_b


def _show_entity(entity_id: str, entities: Mapping[str, EntityRecord]) -> str:
    entity = entities.get(entity_id)
    return f"{entity_id} ({entity.name_en})" if entity is not None else entity_id


def _compare_entities(article_id: str, a: _Annotated, b: _Annotated, counts: _Counts, tally: _Tally) -> _Counts:
    used_a, used_b = _used_entities(a.result), _used_entities(b.result)
    common = used_a & used_b
    here = _Counts(len(used_a), len(used_b), len(common), len(common))
    counts.add(here)
    pairs, left_a, left_b = _twins(used_a - common, used_b - common, a.entities, b.entities)
    for x, y, name in pairs:
        tally.add("entities", "same entity, different ids",
                  Example(article_id, _show_entity(x, a.entities), _show_entity(y, b.entities), name))
    for x in left_a:
        tally.add("entities", "entity used by one pass only", Example(article_id, _show_entity(x, a.entities), None))
    for y in left_b:
        tally.add("entities", "entity used by one pass only", Example(article_id, None, _show_entity(y, b.entities)))
    return here


_Date = tuple[dt.date | None, str | None]  # (event_date, precision)


def _event_date(result: ArticleResult) -> _Date:
    article = result.article
    return (article.event_date, article.event_date_precision) if article is not None else (None, None)


def _show_date(value: _Date) -> str:
    date, precision = value
    return "null" if date is None else f"{date.isoformat()} ({precision})"


def _label(name: str, pairs: Sequence[tuple[Hashable, Hashable]], kappa: bool) -> LabelAgreement:
    agree = sum(1 for x, y in pairs if x == y)
    return LabelAgreement(name, agree, len(pairs), cohen_kappa(pairs) if kappa else None, kappa)


def split_pass_arguments(tokens: Sequence[str]) -> tuple[list[Path], list[Path]]:
    """The two passes' folders from command-line words ``A_DIR... --against B_DIR...``.

    For ``jsec agreement``, whose arguments are read as one list so that several folders
    may follow a single ``--against``. ``--against=B_DIR`` is accepted too. Raises
    ValueError unless ``--against`` occurs once, with at least one folder on each side.

    >>> pass_a, pass_b = split_pass_arguments(["a1", "a2", "--against", "b1", "b2"])
    >>> [str(p) for p in pass_a], [str(p) for p in pass_b]
    (['a1', 'a2'], ['b1', 'b2'])
    """
    words: list[str] = []
    for token in tokens:
        words.extend(["--against", token.removeprefix("--against=")] if token.startswith("--against=") else [token])
    if words.count("--against") != 1:
        raise ValueError("give the folders of pass a, then --against and the folders of pass b "
                         "(jsec agreement A_DIR... --against B_DIR...)")
    at = words.index("--against")
    first, second = words[:at], words[at + 1:]
    if not first or not second:
        raise ValueError("each pass needs at least one raw folder (jsec agreement A_DIR... --against B_DIR...)")
    unknown = [w for w in (*first, *second) if w.startswith("--")]
    if unknown:
        raise ValueError(f"unknown option {unknown[0]!r}")
    return [Path(w) for w in first], [Path(w) for w in second]


def compare_passes(pass_a: Sequence[Path | str], pass_b: Sequence[Path | str], *,
                   threshold: float = DEFAULT_THRESHOLD, today: dt.date | None = None) -> Agreement:
    """Compare two independent annotation passes, each given as its annotators' raw folders.

    Articles are paired by article id; see the module docstring for every figure.
    ``today`` is the date the stage checks event dates against (default: today).
    Raises ValueError for an empty pass, a folder without ``articles/`` or a threshold
    outside (0, 1].
    """
    if not pass_a or not pass_b:
        raise ValueError("each pass needs at least one raw folder")
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    today = today or dt.date.today()
    folders_a, folders_b = [Path(p) for p in pass_a], [Path(p) for p in pass_b]
    skipped: dict[str, str] = {}
    read_a = _read_pass(folders_a, "a", today, skipped)
    read_b = _read_pass(folders_b, "b", today, skipped)
    both = sorted(set(read_a) & set(read_b))
    for article_id in both:
        text_a, text_b = (read[article_id].result.article for read in (read_a, read_b))
        if article_id not in skipped and text_a is not None and text_b is not None and text_a.text != text_b.text:
            skipped[article_id] = "the two passes hold different texts for this article"
    counts = {layer: _Counts() for layer in LAYERS}
    tally = _Tally()
    agreement = Agreement(threshold, [str(p) for p in folders_a], [str(p) for p in folders_b], {},
                          only_a=sorted(set(read_a) - set(read_b) - set(skipped)),
                          only_b=sorted(set(read_b) - set(read_a) - set(skipped)),
                          skipped={k: skipped[k] for k in sorted(skipped)})
    date_pairs: list[tuple[_Date, _Date]] = []
    for article_id in both:
        if article_id in skipped:
            continue
        a, b = read_a[article_id], read_b[article_id]
        agreement.articles.append(article_id)
        per_article: dict[str, dict[str, int]] = {}
        for layer in ("quotations", "statements", "agreement_mentions"):
            here = _compare_spans(layer, article_id, a, b, threshold, counts[layer], tally)
            per_article[layer] = here.as_dict()
        per_article["entities"] = _compare_entities(article_id, a, b, counts["entities"], tally).as_dict()
        date_a, date_b = _event_date(a.result), _event_date(b.result)
        date_pairs.append((date_a, date_b))
        if date_a != date_b:
            tally.add("metadata", "event date differs", Example(article_id, _show_date(date_a), _show_date(date_b)))
        agreement.per_article[article_id] = per_article
    for layer in ("quotations", "statements", "agreement_mentions"):
        c = counts[layer]
        labels = tuple(_label(label.name, c.pairs.get(label.name, []), label.kappa) for label in _SPAN_LABELS[layer])
        agreement.layers[layer] = LayerAgreement(layer, "spans", c.a, c.b, c.matched, c.exact, labels)
    c = counts["entities"]
    agreement.layers["entities"] = LayerAgreement("entities", "sets", c.a, c.b, c.matched, c.exact)
    n = len(agreement.articles)
    precision_pairs = [(x[1], y[1]) for x, y in date_pairs]
    agreement.layers["metadata"] = LayerAgreement("metadata", "articles", n, n, n, n, (
        _label("event_date", date_pairs, False), _label("event_date_precision", precision_pairs, True)))
    agreement.disagreements = tally.ranked()
    return agreement
