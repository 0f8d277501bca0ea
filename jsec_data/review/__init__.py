"""Review pages: an annotated article as a self-contained HTML page, read without offsets.

:func:`render_article` draws one article's text right to left with its statements,
quotations, agreement mentions and the names they refer to as nested, coloured spans
(split where spans cross), with tooltips, a legend, drafts marked and, when read from a
raw folder, the build's problems in place; :func:`write_review_site` writes a page per
article and an index. Pages need no network and no script. See ``docs/review.md``.

Modules: :mod:`~jsec_data.review.spans` (overlapping spans as nested elements),
:mod:`~jsec_data.review.source` (what a page shows, from a build or a raw folder),
:mod:`~jsec_data.review.page` (one page), :mod:`~jsec_data.review.site` (the site).
"""

from jsec_data.review.page import render_article, render_view
from jsec_data.review.site import write_review_site
from jsec_data.review.source import ArticleNotFoundError, ArticleView

__all__ = ["ArticleNotFoundError", "ArticleView", "render_article", "render_view", "write_review_site"]
