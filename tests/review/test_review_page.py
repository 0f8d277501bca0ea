"""Review pages without a browser: every shipped article, escaping, nesting, drafts, problems, determinism."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import jsec_data
from jsec_data.core.errors import UsageError
from jsec_data.review import ArticleNotFoundError, render_article, render_view, write_review_site
from jsec_data.review.page import name_spans
from jsec_data.review.source import ArticleView, views_from_build, views_from_raw

from .conftest import ArticleText, read_article

ARTICLE = "0123456789abcdef"  # the fixture article: a draft with an unclosed quote mark
SCRIPT = '<script>alert("x")</script> & <b>نعم</b>'


@pytest.fixture(scope="module")
def shipped() -> list[ArticleView]:
    return views_from_build()


def _records(view: ArticleView) -> list[tuple[str, int, int]]:
    return ([(s.statement_id, s.char_start, s.char_end) for s in view.statements]
            + [(q.quotation_id, q.char_start, q.char_end) for q in view.quotations]
            + [(m.mention_id, m.char_start, m.char_end) for m in view.mentions])


def _assert_marked(view: ArticleView, page: ArticleText) -> None:
    """The text is the article's, each record's characters (and only they) lie in elements carrying its id."""
    assert view.article is not None
    assert page.text == view.article.text
    assert page.attrs["dir"] == "rtl" and page.attrs["lang"] == "ar"
    for record_id, start, end in _records(view):
        covered = [i for i in range(len(page.text)) if record_id in page.ids_at(i)]
        assert covered == list(range(start, end)), record_id
        pieces = page.pieces(record_id)
        assert [p.attrs.get("id") for p in pieces].count(record_id) == 1
        assert pieces[0].attrs["id"] == record_id and "data-label" in pieces[0].attrs


def _title(page: ArticleText, record_id: str) -> str:
    return page.pieces(record_id)[0].attrs["title"]


def test_every_shipped_article_renders_with_every_record_in_place(shipped: list[ArticleView]) -> None:
    assert len(shipped) == jsec_data.load_articles().num_rows
    for view in shipped:
        page = read_article(render_view(view))
        _assert_marked(view, page)
        for quotation in view.quotations:
            title = _title(page, quotation.quotation_id)
            assert quotation.quotation_id in title
            assert all(view.entities[s].name_en in title for s in quotation.speaker_ids)
            assert f"cue: {quotation.cue or '(none)'}" in title
        for statement in view.statements:
            assert f"mode: {statement.mode}" in _title(page, statement.statement_id)
        for mention in view.mentions:
            title = _title(page, mention.mention_id)
            assert f"reported status: {mention.reported_status}" in title
            assert view.agreements[mention.agreement_id].name_en in title
        assert view.article is not None
        boiler = {(e.attrs["data-kind"]) for e, _ in page.elements if "boiler" in e.attrs.get("class", "").split()}
        assert boiler == {s.kind for s in view.article.segments if s.kind not in ("title", "lead", "body")}


def test_speakers_resolve_to_names_and_affiliations(shipped: list[ArticleView]) -> None:
    view = next(v for v in shipped if v.article_id == "1e0cd23aaef11339")
    page = read_article(render_view(view))
    title = _title(page, "1e0cd23aaef11339-q2")
    assert "speakers: Jens Stoltenberg (" in title and "North Atlantic Treaty Organization" in title


def test_render_article_reads_the_installed_tables_by_default() -> None:
    page = render_article("1e0cd23aaef11339")
    assert 'dir="rtl"' in page and 'lang="ar"' in page
    assert "installed tables" in page
    assert render_article("1e0cd23aaef11339") == page  # same input, same bytes


def test_pages_are_self_contained(shipped: list[ArticleView]) -> None:
    page = render_view(shipped[0])
    links: list[str] = []

    class Links(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            assert tag not in ("script", "link", "img", "iframe", "object", "embed"), tag
            links.extend(v or "" for k, v in attrs if k in ("href", "src"))

    Links().feed(page)
    assert links and all(link.startswith("#") for link in links), links
    assert "url(" not in page and "@import" not in page and "@font-face" not in page


def _annotate(raw: Path, text: str) -> None:
    (raw / "annotations" / f"{ARTICLE}.yaml").write_text(text, encoding="utf-8")


def test_text_is_escaped(mini_raw: Path) -> None:
    article = next((mini_raw / "articles").glob(f"*{ARTICLE}.txt"))
    lines = article.read_text(encoding="utf-8").split("\n")
    lines.insert(4, f"وقال مارلز: {SCRIPT}")
    article.write_text("\n".join(lines), encoding="utf-8")
    annotation = (mini_raw / "annotations" / f"{ARTICLE}.yaml").read_text(encoding="utf-8")
    _annotate(mini_raw, annotation.replace("quotations:\n", f"  - id: s9\n    exact: '{SCRIPT}'\n    speaker_ids: [richard-marles]\n"
                                           "    cue: وقال\n    mode: direct\nquotations:\n", 1))
    html = render_article(ARTICLE, raw_dir=mini_raw)
    assert "<script" not in html and "<b>" not in html
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;نعم&lt;/b&gt;' in html  # the text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html  # the records table and tooltips
    view = views_from_raw(mini_raw, [ARTICLE])[0]
    assert any(s.text == SCRIPT for s in view.statements)
    _assert_marked(view, read_article(html))


def test_a_draft_article_is_marked_as_a_draft() -> None:
    from ..conftest import MINI_RAW

    html = render_article(ARTICLE, raw_dir=MINI_RAW)
    assert '<body class="article draft-article">' in html
    assert "DRAFT: this annotation has not been reviewed" in html
    page = read_article(html)
    label = page.pieces(f"{ARTICLE}-q1")[0].attrs["data-label"]
    assert label.startswith("draft · q1")
    assert "DRAFT" in _title(page, f"{ARTICLE}-q1")


def test_records_proposed_by_the_extractor_are_drafts_in_a_reviewed_article(mini_raw: Path) -> None:
    path = mini_raw / "annotations" / f"{ARTICLE}.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "    affiliation_id: JPN\n", "    affiliation_id: JPN\n    note: 'Proposed by jsec extract: check the English name.'\n", 1)
    text = text.replace("    reported_status: signed\n", "    reported_status: signed\n    note: Proposed by jsec extract.\n", 1)
    path.write_text(text + "review: reviewed\n", encoding="utf-8")
    html = render_article(ARTICLE, raw_dir=mini_raw)
    assert '<body class="article">' in html and "Some records are drafts proposed by jsec extract" in html
    page = read_article(html)
    drafts = {e.attrs["data-id"] for e, _ in page.elements if "draft" in e.attrs.get("class", "").split()}
    # s3 and q3 are spoken by the proposed entity, m1 carries the note itself
    assert drafts == {f"{ARTICLE}-s3", f"{ARTICLE}-q3", f"{ARTICLE}-m1"}
    assert page.pieces(f"{ARTICLE}-q3")[0].attrs["data-label"].startswith("draft · ")
    assert not page.pieces(f"{ARTICLE}-q1")[0].attrs["data-label"].startswith("draft")


def test_problems_from_a_raw_folder_are_listed_and_drawn_in_place(mini_raw: Path) -> None:
    path = mini_raw / "annotations" / f"{ARTICLE}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    is_fragment: true\n    statement_id: s2\n",
                                                             "    is_fragment: true\n    statement_id: s1\n"), encoding="utf-8")
    view = views_from_raw(mini_raw, [ARTICLE])[0]
    html = render_view(view)
    assert "Problems: 0 error(s), 2 warning(s)" in html
    page = read_article(html)
    assert view.article is not None
    warnings = [e for e, _ in page.elements if "warn" in e.attrs.get("class", "").split()]
    assert len(warnings) == 1 and "quote-unbalanced" in warnings[0].attrs["title"]
    marked = [i for i in range(len(page.text)) if any(e is warnings[0] for e in page.covers[i])]
    assert [view.article.text[i] for i in marked] == ['"']
    q2 = page.pieces(f"{ARTICLE}-q2")
    assert all("has-issue" in p.attrs["class"].split() for p in q2)
    assert "quotation-outside-statement" in q2[0].attrs["title"]


def test_an_unreadable_article_still_gets_a_page(mini_raw: Path) -> None:
    article = next((mini_raw / "articles").glob("*fedcba9876543210.txt"))
    article.write_bytes(b"\xff\xfe bad bytes")
    html = render_article("fedcba9876543210", raw_dir=mini_raw)
    assert "The article could not be read" in html and "invalid-utf8" in html
    assert 'id="article-text"' not in html


def test_unknown_articles_and_bad_sources_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(ArticleNotFoundError, match="did you mean 1e0cd23aaef11339"):
        render_article("1e0cd23aaef11338")
    with pytest.raises(UsageError, match="not both"):
        render_article("1e0cd23aaef11339", data=tmp_path, raw_dir=tmp_path)
    with pytest.raises(UsageError, match="run `jsec build`"):
        render_article("1e0cd23aaef11339", data=tmp_path)
    with pytest.raises(UsageError, match="does not exist"):
        render_article("1e0cd23aaef11339", raw_dir=tmp_path / "missing")


def test_names_are_whole_words_with_a_proclitic_and_longest_first() -> None:
    text = "قال ريتشارد مارلز ومارلز ومارلزي مارلزا"
    regions = [(0, len(text))]
    spans = name_spans(text, [("مارلز", "richard-marles"), ("ريتشارد مارلز", "richard-marles")], regions)
    assert [text[s:e] for s, e, _ in spans] == ["ريتشارد مارلز", "مارلز"]
    assert spans[1][0] == text.index("ومارلز") + 1


def test_entity_names_can_be_left_out(shipped: list[ArticleView]) -> None:
    assert 'class="nm"' in render_view(shipped[0])
    assert 'class="nm"' not in render_view(shipped[0], entity_names=False)


def test_the_site_has_a_page_per_article_and_an_index(tmp_path: Path) -> None:
    out = tmp_path / "site"
    paths = write_review_site(out)
    ids = sorted(jsec_data.load_articles().column("article_id").to_pylist())
    assert [p.name for p in paths] == ["index.html", *[f"{i}.html" for i in ids]]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'href="([0-9a-f]{16}\.html)"', index)[::2] == [f"{i}.html" for i in ids]
    assert "<td>14</td><td>10</td><td>1</td>" in index  # 1e0cd23aaef11339: statements, quotations, mentions
    page = (out / "1e0cd23aaef11339.html").read_text(encoding="utf-8")
    assert '<a href="index.html">all articles</a>' in page
    before = {p: p.read_bytes() for p in paths}
    assert write_review_site(out) == paths
    assert {p: p.read_bytes() for p in paths} == before  # deterministic


def test_the_site_from_a_raw_folder_counts_problems(tmp_path: Path) -> None:
    from ..conftest import MINI_RAW

    paths = write_review_site(tmp_path / "site", raw_dir=MINI_RAW)
    assert len(paths) == 3
    index = paths[0].read_text(encoding="utf-8")
    assert "0 error(s), 1 warning(s)" in index and '<tr class="draft">' in index
