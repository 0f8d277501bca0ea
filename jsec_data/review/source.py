"""What a review page shows, read from a build folder or straight from a raw folder.

:class:`ArticleView` holds one article with its records, the entities and agreements they
name, and (from a raw folder only) the problems the build and ``jsec validate`` report
for it. From a build folder the tables are read with :mod:`jsec_data.load`; from a raw
folder the build's per-article stage (:func:`~jsec_data.article.stage.process_article`)
runs on the article's files, so an article that is not built yet, or does not build,
can be looked at with its problems.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsec_data.core.errors import UsageError
from jsec_data.core.issues import Issue
from jsec_data.core.models import (
    BOILERPLATE_KINDS,
    AgreementMentionRecord,
    AgreementRecord,
    AnnotationFile,
    ArticleRecord,
    EntityRecord,
    QuotationRecord,
    StatementRecord,
)
from jsec_data.core.text import line_col

__all__ = ["ArticleNotFoundError", "ArticleView", "TextWarning", "view", "views", "views_from_build", "views_from_raw"]

#: A record (or an entity or agreement it names) whose note says this was drafted by the extractor.
DRAFT_NOTE = re.compile(r"proposed by jsec extract", re.IGNORECASE)
_FIELD_RECORD = re.compile(r"^(statements|quotations|agreement_mentions)\[(\d+)\]")
_PREFIX = {"statements": "statement", "quotations": "quotation", "agreement_mentions": "mention"}


class ArticleNotFoundError(UsageError, LookupError):
    """The article id is not in the build or raw folder."""


@dataclass(frozen=True)
class TextWarning:
    """A problem located in the article text: ``text[start:end]`` (one character, usually)."""

    start: int
    end: int
    severity: str
    code: str
    message: str


@dataclass
class ArticleView:
    """One article as a review page shows it."""

    article_id: str
    article: ArticleRecord | None
    statements: list[StatementRecord] = field(default_factory=list)
    quotations: list[QuotationRecord] = field(default_factory=list)
    mentions: list[AgreementMentionRecord] = field(default_factory=list)
    entities: Mapping[str, EntityRecord] = field(default_factory=dict)
    agreements: Mapping[str, AgreementRecord] = field(default_factory=dict)
    #: Every problem reported for the article's files (raw folder only), in report order.
    issues: list[Issue] = field(default_factory=list)
    #: Problems located in the text, drawn inline.
    text_warnings: list[TextWarning] = field(default_factory=list)
    #: Record id -> problems reported for that record in the annotation file.
    record_issues: dict[str, list[Issue]] = field(default_factory=dict)
    #: Where the records come from, for the page's header.
    source: str = ""

    @property
    def is_draft(self) -> bool:
        """The whole annotation is a draft (machine draft or not yet reviewed)."""
        return self.article is not None and self.article.annotation_status == "draft"

    def record_is_draft(self, record: StatementRecord | QuotationRecord | AgreementMentionRecord) -> bool:
        """The record, or an entity or agreement it names, was proposed by ``jsec extract``."""
        notes = [record.note]
        if isinstance(record, AgreementMentionRecord):
            agreement = self.agreements.get(record.agreement_id)
            notes.append(agreement.note if agreement else None)
        else:
            notes.extend(e.note for e in (self.entities.get(i) for i in record.speaker_ids) if e is not None)
        return any(note and DRAFT_NOTE.search(note) for note in notes)


# ----------------------------------------------------------------------------- build


def _rows(table: Any) -> Iterator[dict[str, Any]]:
    for batch in table.to_batches(max_chunksize=4096):
        yield from batch.to_pylist()


def _article_rows(name: str, path: Path, article_ids: Sequence[str] | None) -> Iterator[dict[str, Any]]:
    import pyarrow.compute as pc

    from jsec_data.load import load_table

    table = load_table(name, path=path)
    if article_ids is not None:
        table = table.filter(pc.is_in(table["article_id"], value_set=_string_array(article_ids)))
    return _rows(table)


def _string_array(values: Sequence[str]) -> Any:
    import pyarrow as pa

    return pa.array(list(values), type=pa.string())


def views_from_build(path: str | os.PathLike[str] | None = None,
                     article_ids: Sequence[str] | None = None) -> list[ArticleView]:
    """Views of the articles of a build folder (``None``: the installed tables), in article id order.

    ``article_ids`` limits the views to those articles; an id that is not in the build
    raises :class:`ArticleNotFoundError`.
    """
    from jsec_data.load import DATA_DIR_ENV, data_dir

    folder = data_dir(path)
    # The installed tables are named without their install path, so their pages are the same bytes on every machine.
    label = f"build folder {folder}" if path is not None or os.environ.get(DATA_DIR_ENV) else "installed tables"
    articles = {r["article_id"]: ArticleRecord.model_validate(r) for r in _article_rows("articles", folder, article_ids)}
    if article_ids is not None and len(articles) < len(set(article_ids)):
        import pyarrow.parquet as pq

        known = pq.ParquetFile(folder / "data" / "articles.parquet").read(columns=["article_id"])
        _check_found(article_ids, known.column("article_id").to_pylist(), f"build folder {folder}")
    entities = {r["entity_id"]: EntityRecord.model_validate(r) for r in _article_rows("entities", folder, None)}
    agreements = {r["agreement_id"]: AgreementRecord.model_validate(r) for r in _article_rows("agreements", folder, None)}
    views = {article_id: ArticleView(article_id, article, entities=entities, agreements=agreements,
                                     source=label) for article_id, article in sorted(articles.items())}
    for row in _article_rows("statements", folder, article_ids):
        views[row["article_id"]].statements.append(StatementRecord.model_validate(row))
    for row in _article_rows("quotations", folder, article_ids):
        views[row["article_id"]].quotations.append(QuotationRecord.model_validate(row))
    for row in _article_rows("agreement_mentions", folder, article_ids):
        views[row["article_id"]].mentions.append(AgreementMentionRecord.model_validate(row))
    return list(views.values())


def _check_found(wanted: Sequence[str] | None, found: Iterable[str], where: str) -> None:
    found = list(found)
    for article_id in wanted or ():
        if article_id not in found:
            close = difflib.get_close_matches(article_id, found, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]}?" if close else ""
            raise ArticleNotFoundError(f"article {article_id} is not in the {where}{hint}")


# ------------------------------------------------------------------------------- raw


def views_from_raw(raw_dir: str | os.PathLike[str], article_ids: Sequence[str] | None = None,
                   today: dt.date | None = None) -> list[ArticleView]:
    """Views of the articles of a raw folder, each run through the build's per-article stage.

    Every problem the stage reports for the article's files is kept, with the unbalanced
    quote marks ``jsec validate`` reports, so that a contributor sees them on the page.
    """
    from jsec_data.article.stage import process_article, read_registry
    from jsec_data.raw.files import discover_articles

    raw = Path(raw_dir)
    if not raw.is_dir():
        raise UsageError(f"raw folder {str(raw)!r} does not exist")
    today = today or dt.date.today()
    registry, registry_issues = read_registry(raw, today)
    sources, _ = discover_articles(raw)
    _check_found(article_ids, [s.article_id for s in sources], f"raw folder {raw}")
    if article_ids is not None:
        sources = [s for s in sources if s.article_id in set(article_ids)]
    views = []
    for source in sources:
        result = process_article(source, registry, today)
        entities = {**registry.entities, **{e.entity_id: e for e in result.entities}}
        agreements = {**registry.agreements, **{a.agreement_id: a for a in result.agreements}}
        view = ArticleView(source.article_id, result.article, statements=result.statements, quotations=result.quotations,
                           mentions=result.agreement_mentions, entities=entities, agreements=agreements,
                           issues=[*registry_issues, *result.issues], source=f"raw folder {raw} (not built)")
        _locate_issues(view, source.path.name, Path(source.annotation) if source.annotation else None)
        views.append(view)
    return views


def _locate_issues(view: ArticleView, article_file: str, annotation_file: Path | None) -> None:
    """Put the view's problems where the page can draw them: in the text, or on a record."""
    article = view.article
    if article is None:
        return
    text = article.text
    for problem in view.issues:
        if problem.file == f"articles/{article_file}" and problem.line is not None:
            start = _offset(text, problem.line, problem.column or 1)
            view.text_warnings.append(TextWarning(start, min(start + 1, len(text)), problem.severity, problem.code,
                                                  problem.message))
    view.text_warnings.extend(_quote_warnings(article))
    view.issues.extend(Issue(f"articles/{article_file}", *line_col(text, w.start), "warning", w.code, w.message,
                             hint="check whether a quote mark is missing; a quotation's span excludes its marks")
                       for w in view.text_warnings if w.code == "quote-unbalanced")
    if annotation_file is None:
        return
    ids = _local_ids(annotation_file)
    for problem in view.issues:
        match = _FIELD_RECORD.match(problem.field or "")
        if problem.file != f"annotations/{annotation_file.name}" or match is None:
            continue
        local = ids.get((match.group(1), int(match.group(2))))
        if local is not None:
            view.record_issues.setdefault(f"{view.article_id}-{local}", []).append(problem)


def _quote_warnings(article: ArticleRecord) -> list[TextWarning]:
    """Unbalanced quote marks in the report's paragraphs (the check ``jsec validate`` adds to the build's)."""
    from jsec_data.article.segment import split_paragraphs
    from jsec_data.extract.quotes import quote_balance_issues

    kinds = {(s.char_start, s.char_end): s.kind for s in article.segments}
    wanted = [p for p in split_paragraphs(article.text) if kinds.get((p.start, p.end)) not in BOILERPLATE_KINDS]
    return [TextWarning(offset, min(offset + 1, len(article.text)), "warning", "quote-unbalanced", message)
            for offset, message in quote_balance_issues(article.text, wanted)]


def _local_ids(path: Path) -> dict[tuple[str, int], str]:
    """(table, index) -> local id of every record the annotation file holds (when it parses)."""
    from jsec_data.raw.yamlfiles import read_model_file

    parsed, _, _ = read_model_file(path, AnnotationFile, path.name)
    if parsed is None:
        return {}
    return {(table, index): record.id for table in _PREFIX for index, record in enumerate(getattr(parsed, table))}


def _offset(text: str, line: int, column: int) -> int:
    """Code-point offset of a 1-based line and column (clamped to the text)."""
    start = 0
    for _ in range(line - 1):
        found = text.find("\n", start)
        if found < 0:
            return len(text)
        start = found + 1
    end = text.find("\n", start)
    return min(start + column - 1, len(text) if end < 0 else end)


# ---------------------------------------------------------------------------- either


def view(article_id: str, *, data: str | os.PathLike[str] | None = None,
         raw_dir: str | os.PathLike[str] | None = None) -> ArticleView:
    """One article's view, from ``raw_dir`` if given, else from the build folder ``data`` (default: installed)."""
    return views(data=data, raw_dir=raw_dir, article_ids=[article_id])[0]


def views(*, data: str | os.PathLike[str] | None = None, raw_dir: str | os.PathLike[str] | None = None,
          article_ids: Sequence[str] | None = None) -> list[ArticleView]:
    """Views from a raw folder or a build folder (not both)."""
    if data is not None and raw_dir is not None:
        raise UsageError("give a build folder (data, --path) or a raw folder (raw_dir, --raw), not both")
    if raw_dir is not None:
        return views_from_raw(raw_dir, article_ids)
    try:
        return views_from_build(data, article_ids)
    except FileNotFoundError as exc:  # not a build folder
        raise UsageError(str(exc)) from exc
