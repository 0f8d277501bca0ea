"""A static review site: one page per article and an index, all offline.

:func:`write_review_site` writes ``index.html`` (title, outlet, event date, annotation
status, counts and problems of each article, with a link) and ``<article_id>.html`` for
every article, from a build folder or a raw folder, as :func:`~jsec_data.review.page.render_article`
does for one. Files are written whole and only when their bytes change; nothing else in
the folder is touched.
"""

from __future__ import annotations

import html
import os
import string
from pathlib import Path

from jsec_data.core.errors import UsageError
from jsec_data.review.page import render_view, stylesheet, template
from jsec_data.review.source import ArticleView, views

__all__ = ["INDEX_NAME", "index_html", "page_name", "write_review_site"]

INDEX_NAME = "index.html"


def page_name(article_id: str) -> str:
    """The file name of an article's page in the site."""
    return f"{article_id}.html"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def index_html(article_views: list[ArticleView], source: str) -> str:
    """The index page: one row per article, linking to its page."""
    from jsec_data import __version__

    rows = []
    for v in article_views:
        article = v.article
        title = article.title if article is not None and article.title else "(unreadable)"
        outlet = (article.outlet_name or article.outlet or article.outlet_id or "") if article else ""
        date = f"{article.event_date}" if article is not None and article.event_date else ""
        status = article.annotation_status if article is not None else "unreadable"
        errors = sum(1 for i in v.issues if i.severity == "error")
        problems = f"{errors} error(s), {len(v.issues) - errors} warning(s)" if v.issues else ""
        row_class = ' class="draft"' if v.is_draft else ""
        rows.append(f'<tr{row_class}><td><a href="{_e(page_name(v.article_id))}"><code>{_e(v.article_id)}</code></a></td>'
                    f'<td class="ar" dir="rtl" lang="ar"><a href="{_e(page_name(v.article_id))}">{_e(title)}</a></td>'
                    f"<td>{_e(outlet)}</td><td>{_e(date)}</td><td>{_e(status)}</td><td>{len(v.statements)}</td>"
                    f"<td>{len(v.quotations)}</td><td>{len(v.mentions)}</td><td>{_e(problems)}</td></tr>\n")
    fields = {"version": _e(__version__), "style": stylesheet(), "count": str(len(article_views)),
              "source": _e(source), "rows": "".join(rows)}
    return string.Template(template("index.html")).substitute(fields)


def _write(path: Path, content: str) -> None:
    data = content.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    partial.replace(path)


def write_review_site(out_dir: str | os.PathLike[str], *, data: str | os.PathLike[str] | None = None,
                      raw_dir: str | os.PathLike[str] | None = None, entity_names: bool = True) -> list[Path]:
    """Write a page per article and ``index.html`` into ``out_dir``; the paths written, index first.

    From the build folder ``data`` (default: the installed tables) or the raw folder
    ``raw_dir`` (not both). ``out_dir`` is created if needed.
    """
    found = views(data=data, raw_dir=raw_dir)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    source = found[0].source if found else (f"raw folder {raw_dir}" if raw_dir is not None else "build folder")
    paths = [out / INDEX_NAME]
    _write(paths[0], index_html(found, source))
    for v in found:
        path = out / page_name(v.article_id)
        _write(path, render_view(v, entity_names=entity_names, index_href=INDEX_NAME))
        paths.append(path)
    return paths
