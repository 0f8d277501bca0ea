"""Overlapping spans as properly nested HTML elements.

Annotations nest (a quotation inside its statement, a mention inside a quotation) but may
also cross (a mention that starts inside one statement and ends in the next). HTML
elements can only nest, so :func:`nest` cuts the text at every span boundary and, piece
by piece, keeps a stack of open elements in one fixed order; a span that crosses another
is closed and reopened, i.e. split into several elements that all carry its key.

The text between elements is escaped with :func:`html.escape`, so the concatenated text
content of the output is exactly the input text, whatever it holds (``<script>``, ``&``).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Mark", "attributes", "nest"]

#: Attributes as (name, value) pairs, written in the order given.
Attrs = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Mark:
    """One span to draw: ``text[start:end]`` wrapped in ``tag`` elements carrying ``key``.

    ``layer`` 0 is for marks that partition the text (paragraphs and the gaps between
    them): they are always outermost. Among the other marks, longer spans enclose
    shorter ones starting at the same place, and ``rank`` breaks ties (lower is outer).
    Every piece of the mark gets ``attrs`` and ``data-id`` (the key); the first piece also gets
    ``first_attrs`` (an ``id``, a label), the others the class ``cont``.
    """

    start: int
    end: int
    key: str
    tag: str = "span"
    attrs: Attrs = ()
    first_attrs: Attrs = ()
    layer: int = 1
    rank: int = 0

    def order(self) -> tuple[int, int, int, int, str]:
        """The nesting order: earlier is outer."""
        return (self.layer, self.start, -self.end, self.rank, self.key)


def attributes(attrs: Iterable[tuple[str, str]]) -> str:
    """`` name="value"`` for each pair, values escaped (quotes included)."""
    return "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in attrs)


def _open(mark: Mark, first: bool) -> str:
    attrs: list[tuple[str, str]] = list(mark.attrs)
    if first:
        attrs.extend(mark.first_attrs)
    else:
        attrs = [(name, f"{value} cont" if name == "class" else value) for name, value in attrs]
        if not any(name == "class" for name, _ in attrs):
            attrs.append(("class", "cont"))
    attrs.append(("data-id", mark.key))
    return f"<{mark.tag}{attributes(attrs)}>"


def nest(text: str, marks: Sequence[Mark]) -> str:
    """``text`` as escaped HTML with every mark's characters inside elements carrying its key.

    Marks must lie within the text (``0 <= start <= end <= len(text)``) and have distinct
    keys. An empty mark becomes one empty element at its position. Output depends only
    on the text and the set of marks, not on their order in ``marks``.
    """
    keys = [m.key for m in marks]
    if len(set(keys)) != len(keys):
        raise ValueError("marks must have distinct keys")
    for mark in marks:
        if not 0 <= mark.start <= mark.end <= len(text):
            raise ValueError(f"mark {mark.key!r} [{mark.start}, {mark.end}) lies outside the text (length {len(text)})")
    ordered = sorted(marks, key=Mark.order)
    boundaries = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    empty: dict[int, list[Mark]] = {}
    for mark in ordered:
        if mark.start == mark.end:
            empty.setdefault(mark.start, []).append(mark)
    spans = [m for m in ordered if m.start < m.end]
    out: list[str] = []
    stack: list[Mark] = []
    opened: set[str] = set()
    for left, right in zip(boundaries, [*boundaries[1:], len(text)], strict=True):
        for mark in empty.get(left, ()):
            out.append(_open(mark, True) + f"</{mark.tag}>")
        if left == right:
            continue  # the final boundary: only empty marks at the very end
        wanted = [m for m in spans if m.start <= left and right <= m.end]
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] is wanted[keep]:
            keep += 1
        for mark in reversed(stack[keep:]):
            out.append(f"</{mark.tag}>")
        del stack[keep:]
        for mark in wanted[keep:]:
            out.append(_open(mark, mark.key not in opened))
            opened.add(mark.key)
            stack.append(mark)
        out.append(html.escape(text[left:right], quote=False))
    for mark in reversed(stack):
        out.append(f"</{mark.tag}>")
    return "".join(out)
