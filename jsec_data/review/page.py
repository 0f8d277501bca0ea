"""One article as a self-contained HTML page: its text right to left, every annotation drawn on it.

The page has no script, loads nothing (the stylesheet is inline, fonts are the reader's
own) and works opened from a file. Its parts:

* a header with the article's facts, a banner when the annotation is a draft, a legend;
* the problems reported for the article (raw folder only), each located;
* the text: one block per paragraph of ``segments`` (boilerplate greyed), statements,
  quotations, agreement mentions, names of the entities they refer to and located
  problems as nested elements (:func:`jsec_data.review.spans.nest`), each with a tooltip
  (``title``) giving the record's id, speakers (entity names and their affiliation's
  name), cue, mode or reported status, and note;
* a table per kind of record, each id linking to the record's place in the text.

Output is a function of the records only: the same input gives the same bytes.
"""

from __future__ import annotations

import functools
import html
import os
import string
from collections.abc import Iterable, Sequence
from importlib import resources

from jsec_data.core.models import (
    BOILERPLATE_KINDS,
    AgreementMentionRecord,
    EntityRecord,
    QuotationRecord,
    StatementRecord,
)
from jsec_data.review.source import ArticleView, view
from jsec_data.review.spans import Mark, nest

__all__ = ["describe", "legend_html", "name_spans", "records_html", "render_article", "render_view", "stylesheet", "template", "text_html"]

AnyRecord = StatementRecord | QuotationRecord | AgreementMentionRecord

#: (class, label, explanation) of each thing the text can show, in the legend's order.
LEGEND: tuple[tuple[str, str, str], ...] = (
    ("st", "statement", "a reported statement's content span (label: id, speakers, cue, mode)"),
    ("qt", "quotation", "quoted words, without their quote marks (label: id, speakers, cue)"),
    ("mn", "agreement", "an agreement mention (label: id, agreement, reported status)"),
    ("nm", "name", "a name of an entity the records refer to"),
    ("warn", "problem", "a problem located in the text (e.g. an unbalanced quote mark)"),
    ("st has-issue", "record with a problem", "a record the build reports a problem for"),
    ("st draft", "draft", "proposed by jsec extract, or the whole annotation is a draft"),
    ("boiler", "boilerplate", "page furniture (never annotated)"),
)
_PROCLITICS = "وفبلك"


@functools.cache
def template(name: str) -> str:
    """A file of ``templates/`` (package data)."""
    return resources.files("jsec_data.review").joinpath("templates").joinpath(name).read_text(encoding="utf-8")


def stylesheet() -> str:
    """The pages' CSS (inlined into every page)."""
    return template("review.css")


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _local(article_id: str, record_id: str) -> str:
    return record_id.removeprefix(f"{article_id}-")


# ------------------------------------------------------------------------- describing


def _entity_name(view: ArticleView, entity_id: str) -> str:
    entity = view.entities.get(entity_id)
    return entity.name_en if entity else entity_id


def _entity_long(view: ArticleView, entity_id: str) -> str:
    """``Name (role; affiliation's name)``, or the id marked unknown."""
    entity = view.entities.get(entity_id)
    if entity is None:
        return f"{entity_id} (unknown entity)"
    extra = [entity.role] if entity.role else []
    if entity.affiliation_id:
        extra.append(_entity_name(view, entity.affiliation_id))
    return entity.name_en + (f" ({'; '.join(extra)})" if extra else "")


def _speakers(view: ArticleView, ids: Sequence[str]) -> str:
    return "; ".join(_entity_long(view, i) for i in ids)


def _short_speakers(view: ArticleView, ids: Sequence[str]) -> str:
    return ", ".join(_entity_name(view, i) for i in ids)


def _issue_lines(view: ArticleView, record_id: str) -> list[str]:
    return [f"{i.severity}: {i.message} ({i.code})" for i in view.record_issues.get(record_id, [])]


def _draft_line(view: ArticleView, record: AnyRecord) -> list[str]:
    if view.record_is_draft(record):
        return ["DRAFT: proposed by jsec extract; check it"]
    return ["DRAFT: the article's annotation is not reviewed"] if view.is_draft else []


def describe(view: ArticleView, record: AnyRecord) -> tuple[str, str]:
    """(label, tooltip) of a record: the label is drawn before it, the tooltip shows on hover."""
    local = _local(view.article_id, _record_id(record))
    draft = "draft · " if view.is_draft or view.record_is_draft(record) else ""
    if isinstance(record, StatementRecord):
        lines = [f"statement {record.statement_id}", f"speakers: {_speakers(view, record.speaker_ids)}",
                 f"cue: {record.cue or '(none)'}", f"mode: {record.mode}"]
        if record.topic_ids:
            lines.append(f"topics: {', '.join(_entity_name(view, i) for i in record.topic_ids)}")
        label = f"{draft}{local} · {_short_speakers(view, record.speaker_ids)} · {record.mode}"
    elif isinstance(record, QuotationRecord):
        lines = [f"quotation {record.quotation_id}", f"speakers: {_speakers(view, record.speaker_ids)}",
                 f"cue: {record.cue or '(none)'}", f"fragment: {'yes' if record.is_fragment else 'no'}"]
        if record.statement_id:
            lines.append(f"statement: {record.statement_id}")
        label = f"{draft}{local} · {_short_speakers(view, record.speaker_ids)}" + (f" · {record.cue}" if record.cue else "")
    else:
        agreement = view.agreements.get(record.agreement_id)
        name = f"{agreement.name_en} ({record.agreement_id})" if agreement else f"{record.agreement_id} (unknown agreement)"
        lines = [f"agreement mention {record.mention_id}", f"agreement: {name}", f"reported status: {record.reported_status}"]
        label = f"{draft}{local} · {record.agreement_id} · {record.reported_status}"
    if record.note:
        lines.append(f"note: {record.note}")
    lines += _draft_line(view, record) + _issue_lines(view, _record_id(record))
    return label, "\n".join(lines)


def _records(view: ArticleView) -> list[AnyRecord]:
    records: list[AnyRecord] = [*view.statements, *view.quotations, *view.mentions]
    return records


def _record_id(record: AnyRecord) -> str:
    if isinstance(record, StatementRecord):
        return record.statement_id
    if isinstance(record, QuotationRecord):
        return record.quotation_id
    return record.mention_id


# ---------------------------------------------------------------------------- marks


def _segment_marks(view: ArticleView) -> list[Mark]:
    """Paragraphs as blocks and the white space between them as hidden gaps: they partition the text."""
    assert view.article is not None
    text = view.article.text
    marks: list[Mark] = []
    position = 0
    for index, segment in enumerate(sorted(view.article.segments, key=lambda s: (s.char_start, s.char_end))):
        if segment.char_start > position:
            marks.append(Mark(position, segment.char_start, f"gap{index}", attrs=(("class", "gap"),), layer=0))
        classes = f"seg seg-{segment.kind}" + (" boiler" if segment.kind in BOILERPLATE_KINDS else "")
        title = f"paragraph {index + 1}: {segment.kind}" + (" (boilerplate)" if segment.kind in BOILERPLATE_KINDS else "")
        marks.append(Mark(segment.char_start, segment.char_end, f"p{index + 1}", tag="div", layer=0,
                          attrs=(("class", classes), ("data-kind", segment.kind), ("title", title))))
        position = max(position, segment.char_end)
    if position < len(text):
        marks.append(Mark(position, len(text), "gap-end", attrs=(("class", "gap"),), layer=0))
    return marks


def _record_marks(view: ArticleView) -> list[Mark]:
    marks = []
    for rank, css, records in ((1, "st", view.statements), (2, "qt", view.quotations), (3, "mn", view.mentions)):
        for record in records:
            record_id = _record_id(record)
            label, title = describe(view, record)
            classes = css + (" draft" if view.record_is_draft(record) else "") + (
                " has-issue" if record_id in view.record_issues else "")
            marks.append(Mark(record.char_start, record.char_end, record_id, rank=rank,
                              attrs=(("class", classes), ("title", title)),
                              first_attrs=(("id", record_id), ("data-label", label))))
    return marks


def _is_letter(char: str) -> bool:
    return char.isalpha() or "\u064b" <= char <= "\u065f" or char == "\u0670"


def name_spans(text: str, names: Iterable[tuple[str, str]], regions: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, entity id) of each whole-word occurrence of a name inside ``regions``.

    A name may carry one proclitic letter (و ف ب ل ك); longer names win over the names
    they contain; the result is sorted and never overlaps.
    """
    taken: list[tuple[int, int, str]] = []
    for name, entity_id in sorted(set(names), key=lambda n: (-len(n[0]), n[0], n[1])):
        for region_start, region_end in regions:
            position = text.find(name, region_start, region_end)
            while position >= 0:
                end = position + len(name)
                before = text[position - 1] if position > region_start else " "
                clitic = before in _PROCLITICS and (position - 1 <= region_start or not _is_letter(text[position - 2]))
                whole = (not _is_letter(before) or clitic) and (end >= region_end or not _is_letter(text[end]))
                if whole and not any(s < end and position < e for s, e, _ in taken):
                    taken.append((position, end, entity_id))
                position = text.find(name, position + 1, region_end)
    return sorted(taken)


def _name_marks(view: ArticleView) -> list[Mark]:
    assert view.article is not None
    ids: set[str] = set()
    for statement in view.statements:
        ids.update(statement.speaker_ids, statement.topic_ids)
    for quotation in view.quotations:
        ids.update(quotation.speaker_ids)
    for mention in view.mentions:
        agreement = view.agreements.get(mention.agreement_id)
        ids.update(agreement.parties if agreement else ())
    entities: list[EntityRecord] = [view.entities[i] for i in sorted(ids) if i in view.entities]
    regions = [(s.char_start, s.char_end) for s in view.article.segments if s.kind not in BOILERPLATE_KINDS]
    names = [(name, e.entity_id) for e in entities for name in e.names_ar if len(name) >= 2]
    marks = []
    for start, end, entity_id in name_spans(view.article.text, names, regions):
        entity = view.entities[entity_id]
        title = f"name of {_entity_long(view, entity_id)}\nentity: {entity_id} ({entity.kind})"
        marks.append(Mark(start, end, f"name-{start}-{end}", rank=4,
                          attrs=(("class", "nm"), ("data-entity", entity_id), ("title", title))))
    return marks


def _warning_marks(view: ArticleView) -> list[Mark]:
    return [Mark(w.start, w.end, f"warn-{index}", rank=5,
                 attrs=(("class", f"warn sev-{w.severity}"), ("title", f"{w.severity}: {w.message} ({w.code})")))
            for index, w in enumerate(sorted(view.text_warnings, key=lambda w: (w.start, w.end, w.code, w.message)), 1)]


def text_html(view: ArticleView, *, entity_names: bool = True) -> str:
    """The article element: the text with every mark nested in it."""
    assert view.article is not None
    marks = _segment_marks(view) + _record_marks(view) + _warning_marks(view)
    if entity_names:
        marks += _name_marks(view)
    body = nest(view.article.text, marks)
    return f'<article id="article-text" class="text" dir="rtl" lang="ar">{body}</article>'


# --------------------------------------------------------------------------- sections


def legend_html() -> str:
    """The legend's items."""
    return "".join(f'<li><span class="swatch {css}">{_e(name)}</span>{_e(meaning)}</li>\n' for css, name, meaning in LEGEND)


def _meta(view: ArticleView) -> str:
    article = view.article
    rows: list[tuple[str, str]] = [("article", f"<code>{_e(view.article_id)}</code>")]
    if article is not None:
        outlet = article.outlet_name or article.outlet or article.outlet_id
        rows += [
            ("outlet", _e(outlet) if outlet else '<span class="muted">unknown</span>'),
            ("agency", _e(article.original_agency) if article.original_agency else '<span class="muted">unknown</span>'),
            ("event date", _e(f"{article.event_date} ({article.event_date_precision})") if article.event_date
             else '<span class="muted">unknown</span>'),
            ("annotation", _e(article.annotation_status)),
            ("records", _e(f"{len(view.statements)} statements, {len(view.quotations)} quotations, "
                           f"{len(view.mentions)} agreement mentions")),
            ("source file", f"<code>{_e(article.source_file)}</code>"),
        ]
        if article.source_url:
            rows.append(("address", f"<code>{_e(article.source_url)}</code>"))
    rows.append(("read from", _e(view.source)))
    return "".join(f"<dt>{name}</dt><dd>{value}</dd>\n" for name, value in rows)


def _problems(view: ArticleView) -> str:
    if not view.issues:
        return ""
    items = []
    for problem in view.issues:
        where = f" [{problem.field}]" if problem.field else ""
        hint = f'<span class="hint-line">hint: {_e(problem.hint)}</span>' if problem.hint else ""
        items.append(f'<li><code>{_e(problem.location())}</code> <span class="sev-{_e(problem.severity)}">{_e(problem.severity)}</span>: '
                     f"{_e(problem.message)}{_e(where)} (<code>{_e(problem.code)}</code>){hint}</li>\n")
    errors = sum(1 for p in view.issues if p.severity == "error")
    return (f'<section class="problems"><h2>Problems: {errors} error(s), {len(view.issues) - errors} warning(s)</h2>\n'
            f"<ul>\n{''.join(items)}</ul>\n</section>\n")


def _row(view: ArticleView, record: AnyRecord, cells: Sequence[str]) -> str:
    record_id = _record_id(record)
    classes = " ".join(c for c, on in (("draft", view.is_draft or view.record_is_draft(record)),
                                       ("has-issue", record_id in view.record_issues)) if on)
    problems = "<br>".join(_e(line) for line in _issue_lines(view, record_id))
    note = _e(record.note or "") + (f'<br><span class="sev-error">{problems}</span>' if problems else "")
    row_class = f' class="{classes}"' if classes else ""
    return (f'<tr{row_class}><td><a href="#{_e(record_id)}">{_e(_local(view.article_id, record_id))}</a></td>'
            f'<td class="ar" dir="rtl" lang="ar">{_e(record.text)}</td>'
            + "".join(f"<td>{cell}</td>" for cell in cells) + f"<td>{note}</td></tr>\n")


def _table(title: str, headings: Sequence[str], rows: Sequence[str]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in ("id", "text", *headings, "note"))
    body = "".join(rows) if rows else f'<tr><td colspan="{len(headings) + 3}" class="muted">none</td></tr>\n'
    return (f'<h3>{_e(title)} ({len(rows)})</h3>\n<table class="records">\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{body}</tbody>\n</table>\n")


def records_html(view: ArticleView) -> str:
    """A table per kind of record."""
    statements = [_row(view, s, [_e(_speakers(view, s.speaker_ids)), f'<span dir="rtl" lang="ar">{_e(s.cue or "")}</span>',
                                 _e(s.mode), _e(", ".join(_entity_name(view, i) for i in s.topic_ids))])
                  for s in view.statements]
    quotations = [_row(view, q, [_e(_speakers(view, q.speaker_ids)), f'<span dir="rtl" lang="ar">{_e(q.cue or "")}</span>',
                                 "yes" if q.is_fragment else "no",
                                 _e(_local(view.article_id, q.statement_id)) if q.statement_id else ""])
                  for q in view.quotations]
    mentions = []
    for m in view.mentions:
        agreement = view.agreements.get(m.agreement_id)
        code = f"<code>{_e(m.agreement_id)}</code>"
        name = f"{_e(agreement.name_en)} ({code})" if agreement else f"{code} (unknown agreement)"
        mentions.append(_row(view, m, [name, _e(m.reported_status)]))
    return ('<section class="record-tables">\n<h2>Records</h2>\n'
            + _table("Statements", ["speakers", "cue", "mode", "topics"], statements)
            + _table("Quotations", ["speakers", "cue", "fragment", "statement"], quotations)
            + _table("Agreement mentions", ["agreement", "reported status"], mentions)
            + "</section>\n")


# ------------------------------------------------------------------------------ pages


def render_view(view: ArticleView, *, entity_names: bool = True, index_href: str | None = None) -> str:
    """The page of one article view."""
    from jsec_data import __version__

    article = view.article
    heading = article.title if article is not None and article.title else view.article_id
    banner = ""
    if article is None:
        banner = '<p class="banner">The article could not be read: see the problems below.</p>\n'
    elif view.is_draft:
        banner = ('<p class="banner">DRAFT: this annotation has not been reviewed (machine draft or unchecked); '
                  "every record is marked as a draft.</p>\n")
    elif any(view.record_is_draft(r) for r in _records(view)):
        banner = '<p class="banner">Some records are drafts proposed by jsec extract (dashed orange outline).</p>\n'
    crumbs = f'<p class="crumbs"><a href="{_e(index_href)}">all articles</a></p>\n' if index_href else ""
    body_class = "article" + (" draft-article" if view.is_draft else "")
    fields = {
        "version": _e(__version__), "page_title": _e(f"{view.article_id}: {heading}"), "style": stylesheet(),
        "body_class": body_class, "crumbs": crumbs, "heading": _e(heading), "banner": banner, "meta": _meta(view),
        "legend": legend_html(), "problems": _problems(view),
        "text": text_html(view, entity_names=entity_names) if article is not None else '<p class="muted">(no text)</p>',
        "records": records_html(view) if article is not None else "", "source": _e(view.source),
    }
    return string.Template(template("page.html")).substitute(fields)


def render_article(article_id: str, *, data: str | os.PathLike[str] | None = None,
                   raw_dir: str | os.PathLike[str] | None = None, entity_names: bool = True) -> str:
    """One article as a self-contained HTML page.

    From the build folder ``data`` (default: the installed tables, or ``$JSEC_DATA_DIR``),
    or from the raw folder ``raw_dir`` (the build's per-article stage runs on the article's
    files, and the page lists and marks the problems found). Raises
    :class:`~jsec_data.review.source.ArticleNotFoundError` for an unknown id and
    :class:`~jsec_data.core.errors.UsageError` when both sources or a missing folder are given.

    >>> page = render_article("1e0cd23aaef11339")
    >>> 'dir="rtl"' in page and "1e0cd23aaef11339-q1" in page
    True
    """
    return render_view(view(article_id, data=data, raw_dir=raw_dir), entity_names=entity_names)
