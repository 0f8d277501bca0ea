"""Helpers for the review tests: read a page's article text back with the ids that cover each character."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]


@dataclass
class ArticleText:
    """What the article element holds: its text, and for each character the elements around it."""

    attrs: dict[str, str] = field(default_factory=dict)
    chars: list[str] = field(default_factory=list)
    covers: list[tuple[Element, ...]] = field(default_factory=list)
    elements: list[tuple[Element, tuple[Element, ...]]] = field(default_factory=list)  # (element, its ancestors)

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def ids_at(self, index: int) -> set[str]:
        return {e.attrs["data-id"] for e in self.covers[index] if "data-id" in e.attrs}

    def pieces(self, key: str) -> list[Element]:
        return [e for e, _ in self.elements if e.attrs.get("data-id") == key]


class _Reader(HTMLParser):
    def __init__(self, article_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.article_id = article_id
        self.result: ArticleText | None = None
        self.stack: list[Element] = []  # open elements inside the article
        self.inside = False
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if not self.inside:
            if values.get("id") == self.article_id:
                self.inside = True
                self.result = ArticleText(attrs=values)
            return
        if tag in VOID:
            self.errors.append(f"void element <{tag}> in the article text")
            return
        element = Element(tag, values)
        assert self.result is not None
        self.result.elements.append((element, tuple(self.stack)))
        self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        if not self.inside:
            return
        if not self.stack:
            if tag != "article":
                self.errors.append(f"</{tag}> closes the article")
            self.inside = False
            return
        opened = self.stack.pop()
        if opened.tag != tag:
            self.errors.append(f"</{tag}> closes <{opened.tag}>")

    def handle_data(self, data: str) -> None:
        if self.inside:
            assert self.result is not None
            self.result.chars.extend(data)
            self.result.covers.extend([tuple(self.stack)] * len(data))


def read_article(page: str, element_id: str = "article-text") -> ArticleText:
    """The element with id ``element_id`` of an HTML document; fails on badly nested tags."""
    reader = _Reader(element_id)
    reader.feed(page)
    reader.close()
    assert not reader.errors, reader.errors
    assert reader.result is not None, f"no element with id {element_id!r}"
    return reader.result

