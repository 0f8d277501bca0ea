"""Helpers that answer common research questions in a line or two (issue 19).

Every function works on the shipped tables (or the build folder ``path`` names, as the
``load_*`` functions do) and returns a ``pyarrow.Table``; ``.to_pandas()`` gives a DataFrame.
The two column helpers, :func:`with_sentences` and :func:`with_speaker_countries`, also take
a pandas DataFrame and then return one. Nothing here imports pandas.

* :func:`sentence_around` / :func:`with_sentences`: the sentence(s) around a span;
* :func:`entity_country` / :func:`with_speaker_countries`: the state a speaker acts for;
* :func:`quotations_by`: quotations by a state's officials, with their sentences;
* :func:`agreements_table`: one row per agreement with its dates and mention counts;
* :func:`partnership_network`: who is party to agreements with whom, as node and edge tables.

>>> from jsec_data.research import quotations_by
>>> japan = quotations_by("JPN")
>>> all(q["text"] in q["sentence"] for q in japan.to_pylist())
True

See ``docs/research.md`` for the three research journeys these helpers were written for.
"""

from __future__ import annotations

import bisect
import os
import re
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa

__all__ = [
    "SENTENCE_STOPS",
    "Network",
    "agreements_table",
    "entity_country",
    "partnership_network",
    "quotations_by",
    "sentence_around",
    "with_sentences",
    "with_speaker_countries",
]

_Path = str | os.PathLike[str] | None
#: A pyarrow Table, or a pandas DataFrame (returned as the same kind).
_Frame = TypeVar("_Frame")

# --- sentences ---------------------------------------------------------------------------

#: Characters that end a sentence (with any run of them: ``؟!``, ``...``), besides a newline.
SENTENCE_STOPS = ".!?؟…"
# Marks that close a quotation or a bracket: right after a stop they stay with the sentence.
# (Reversed curly quotes, ”…“, are common in the corpus, so “ can close too; « never does.)
_CLOSERS = "\"'”“„’‘»›)]}"
# A newline, or a run of stops with the closing marks after it, followed by white space or the
# end of the text: "2.5" or "غدًا.لذلك" is not an end, and neither is the Arabic comma ، or ؛.
_END_RE = re.compile(r"\n|[" + re.escape(SENTENCE_STOPS) + r"]+[" + re.escape(_CLOSERS) + r"]*(?=\s|\Z)")


def _is_abbreviation(text: str, match: re.Match[str]) -> bool:
    """A single full stop after a lone letter (``د.`` for doctor, ``U.S.``) is not a sentence end."""
    stop = match.start()
    if text[stop:match.end()].rstrip(_CLOSERS) != "." or stop == 0 or not text[stop - 1].isalpha():
        return False
    return stop == 1 or not (text[stop - 2].isalnum())


class _Sentences:
    """The sentences of one text: cut points that tile it into pieces, one sentence each."""

    __slots__ = ("cuts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        cuts = [0]
        for match in _END_RE.finditer(text):
            if match.group() == "\n":
                cuts.append(match.start())  # the newline leads the next piece (white space, trimmed)
            elif not _is_abbreviation(text, match):
                cuts.append(match.end())  # the stop and its closing marks end this piece
        self.cuts = sorted(set(cuts))

    def _piece(self, position: int) -> int:
        return bisect.bisect_right(self.cuts, position) - 1

    def _trimmed(self, piece: int) -> tuple[int, int]:
        start = self.cuts[piece]
        end = self.cuts[piece + 1] if piece + 1 < len(self.cuts) else len(self.text)
        chunk = self.text[start:end]
        stripped = chunk.strip()
        if not stripped:
            return end, start  # only white space: the span alone decides
        first = start + (len(chunk) - len(chunk.lstrip()))
        return first, first + len(stripped)

    def around(self, start: int, end: int) -> tuple[int, int]:
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) is not inside a text of {len(self.text)} characters")
        if start == end:  # an empty span belongs to the sentence it touches on its left
            if start == 0 and self.text.startswith("\n"):
                return 0, 0  # nothing on its left, and a newline on its right
            first = last = self._piece(max(start - 1, 0))
        else:
            first, last = self._piece(start), self._piece(end - 1)
        return min(self._trimmed(first)[0], start), max(self._trimmed(last)[1], end)


def sentence_around(article_text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` of the sentence(s) of ``article_text`` that hold the span ``[start, end)``.

    A sentence ends at a newline, or at a run of ``. ! ? ؟ …`` followed by white space or the
    end of the text; quote marks and brackets right after the stop stay with the sentence it
    ends (``… غدًا.»``), an opening mark goes with the next one. Neither the Arabic comma ``،``
    nor the semicolon ``؛`` ends a sentence, nor a full stop inside a number (``2.5``) or after
    a lone letter (``د.``). A span over several sentences gets all of them. The range is
    trimmed of white space but always contains the span: ``start' <= start <= end <= end'``.
    Offsets are code points, as everywhere in the tables.

    >>> text = 'قال الوزير: «نعم». وأضاف أن الأمر «مهم، جدًا»؟ ثم غادر\\nالعنوان'
    >>> at = text.index("مهم")
    >>> start, end = sentence_around(text, at, at + 3)
    >>> text[start:end]
    'وأضاف أن الأمر «مهم، جدًا»؟'
    >>> text[slice(*sentence_around(text, 0, text.index("ثم") + 2))]
    'قال الوزير: «نعم». وأضاف أن الأمر «مهم، جدًا»؟ ثم غادر'
    """
    return _Sentences(article_text).around(start, end)


def with_sentences(table: _Frame, *, articles: pa.Table | None = None, path: _Path = None) -> _Frame:
    """``table`` with ``sentence``, ``sentence_start`` and ``sentence_end`` columns added.

    ``table`` is any table with ``article_id``, ``char_start`` and ``char_end`` (quotations, statements,
    agreement mentions), as a ``pyarrow.Table`` or a pandas DataFrame: the result is of the
    same kind, rows and order unchanged. Each row gets :func:`sentence_around` its span, in
    the text of its article (from ``articles``, else the loaded articles table). Each text is
    split once, however many spans it holds.

    >>> from jsec_data import load_statements
    >>> statements = with_sentences(load_statements())
    >>> statements.column_names[-3:]
    ['sentence', 'sentence_start', 'sentence_end']
    >>> all(s["sentence_start"] <= s["char_start"] <= s["char_end"] <= s["sentence_end"] for s in statements.to_pylist())
    True
    """
    article_ids, starts, ends = (_column(table, name) for name in ("article_id", "char_start", "char_end"))
    texts = _article_texts(articles, path)
    split: dict[str, _Sentences] = {}
    sentences: list[str] = []
    bounds: list[tuple[int, int]] = []
    for article_id, start, end in zip(article_ids, starts, ends, strict=True):
        sentences_of = split.get(article_id)
        if sentences_of is None:
            if article_id not in texts:
                raise KeyError(f"article {article_id!r} is not in the articles table")
            sentences_of = split[article_id] = _Sentences(texts[article_id])
        first, last = sentences_of.around(int(start), int(end))
        bounds.append((first, last))
        sentences.append(sentences_of.text[first:last])
    import pyarrow as pa

    return _add_columns(table, {
        "sentence": (sentences, pa.string()),
        "sentence_start": ([b[0] for b in bounds], pa.int32()),
        "sentence_end": ([b[1] for b in bounds], pa.int32()),
    })


# --- speakers and their states -----------------------------------------------------------


class _Affiliations:
    """Entity id -> (kind, affiliation id), and the state each entity acts for."""

    def __init__(self, entities: Any) -> None:
        ids, kinds, parents = (_column(entities, name) for name in ("entity_id", "kind", "affiliation_id"))
        self.kind = dict(zip(ids, kinds, strict=True))
        self.parent = {i: p for i, p in zip(ids, parents, strict=True) if isinstance(p, str)}  # pandas may give NaN for null
        self._country: dict[str, str | None] = {}

    def country(self, entity_id: str) -> str | None:
        if entity_id not in self.kind:
            raise KeyError(f"{entity_id!r} is not an entity id")
        if entity_id not in self._country:
            chain: list[str] = []
            current: str | None = entity_id
            found: str | None = None
            while current is not None and current not in chain:  # a cycle ends the walk with no state
                if current in self._country:
                    found = self._country[current]
                    break
                chain.append(current)
                if self.kind.get(current) == "state":
                    found = current
                    break
                current = self.parent.get(current)
            for link in chain:  # every entity on the way acts for the same state
                self._country[link] = found
        return self._country[entity_id]


def entity_country(entity_id: str, entities: pa.Table | None = None, *, path: _Path = None) -> str | None:
    """The state (its entity id, ISO alpha-3) ``entity_id`` acts for, or None.

    A state is its own country; anyone else's is found by following ``affiliation_id`` up
    (a defence force -> its ministry -> its state) to the first entity of kind ``state``.
    None when the chain ends before a state (NATO, its secretary general, a think tank) or
    loops. ``entities`` is the entities table (a pyarrow Table or a pandas DataFrame; default:
    the loaded one). An id that is not in it raises ``KeyError``. To resolve many ids, use
    :func:`with_speaker_countries`, which reads the table once.

    >>> entity_country("fumio-kishida"), entity_country("JPN"), entity_country("NATO")
    ('JPN', 'JPN', None)
    """
    return _Affiliations(_entities(entities, path)).country(entity_id)


def with_speaker_countries(table: _Frame, *, entities: pa.Table | None = None, path: _Path = None) -> _Frame:
    """``table`` with a ``speaker_countries`` column: the states its ``speaker_ids`` act for.

    For quotations or statements (any table with ``speaker_ids``), as a ``pyarrow.Table`` or a
    pandas DataFrame: the result is of the same kind. Each row's list holds the
    :func:`entity_country` of each speaker, in speaker order, each state once, speakers with no
    state left out (a joint statement by ``['JPN', 'NATO']`` gives ``['JPN']``).

    >>> from jsec_data import load_quotations
    >>> quotations = with_speaker_countries(load_quotations())
    >>> quotations.schema.field("speaker_countries").type
    ListType(list<item: string>)
    >>> any("JPN" in q["speaker_countries"] for q in quotations.to_pylist())
    True
    """
    affiliations = _Affiliations(_entities(entities, path))
    countries: list[list[str]] = []
    for speakers in _column(table, "speaker_ids"):
        found = (affiliations.country(s) for s in (speakers if speakers is not None else []))
        countries.append(list(dict.fromkeys(c for c in found if c is not None)))
    import pyarrow as pa

    return _add_columns(table, {"speaker_countries": (countries, pa.list_(pa.string()))})


def quotations_by(country: str = "JPN", *, with_sentence: bool = True, reviewed_only: bool = False,
                  path: _Path = None) -> pa.Table:
    """Quotations whose speakers include someone acting for ``country`` (a state's entity id).

    The quotations table, in its order, with ``speaker_countries`` (see
    :func:`with_speaker_countries`) and, unless ``with_sentence`` is false, ``sentence``,
    ``sentence_start`` and ``sentence_end`` (see :func:`with_sentences`). A joint quotation
    counts for each speaker's state. ``reviewed_only`` keeps articles whose annotations are
    reviewed (gold). A ``country`` that is not a state's id raises ``ValueError``.

    >>> japan = quotations_by("JPN")
    >>> japan.column_names[-4:]
    ['speaker_countries', 'sentence', 'sentence_start', 'sentence_end']
    >>> japan.num_rows >= 1 and all("JPN" in c for c in japan.column("speaker_countries").to_pylist())
    True
    """
    import pyarrow as pa

    from jsec_data.load import load_quotations

    entities = _entities(None, path)
    states = sorted(i for i, k in zip(_column(entities, "entity_id"), _column(entities, "kind"), strict=True) if k == "state")
    if country not in states:
        raise ValueError(f"{country!r} is not the id of a state; the states are: {', '.join(states)}")
    quotations = with_speaker_countries(load_quotations(path=path), entities=entities)
    keep = [country in c for c in _column(quotations, "speaker_countries")]
    if reviewed_only:
        reviewed = _reviewed_articles(path)
        keep = [k and a in reviewed for k, a in zip(keep, _column(quotations, "article_id"), strict=True)]
    quotations = quotations.filter(pa.array(keep, pa.bool_()))
    return with_sentences(quotations, path=path) if with_sentence else quotations


# --- agreements --------------------------------------------------------------------------


def agreements_table(*, reviewed_only: bool = False, path: _Path = None) -> pa.Table:
    """One row per agreement, tidy and ready to plot, in the agreements table's order.

    Columns: ``agreement_id``, ``name_en``, ``kind``, ``parties`` (entity ids) and
    ``party_names`` (their ``name_en``, in the same order), ``signed_date`` (date, null where
    not well established), ``mention_count`` (rows of ``agreement_mentions``) and
    ``article_count`` (articles mentioning it), and ``first_mention_date`` /
    ``last_mention_date``: the earliest and latest ``event_date`` of those articles (null when
    none is dated; a month- or year-precision date is the first day of its period).
    ``reviewed_only`` counts mentions in reviewed (gold) articles only.

    >>> from jsec_data.research import agreements_table
    >>> table = agreements_table()
    >>> table.column_names  # doctest: +NORMALIZE_WHITESPACE
    ['agreement_id', 'name_en', 'kind', 'parties', 'party_names', 'signed_date',
     'mention_count', 'article_count', 'first_mention_date', 'last_mention_date']
    >>> str(table.schema.field("signed_date").type), sum(table.column("mention_count").to_pylist()) >= 1
    ('date32[day]', True)
    """
    import pyarrow as pa

    from jsec_data.load import load_agreement_mentions, load_agreements, load_articles

    agreements = load_agreements(path=path)
    names = _names(_entities(None, path))
    articles = load_articles(path=path).select(["article_id", "event_date", "annotation_status"]).to_pylist()
    event_date = {a["article_id"]: a["event_date"] for a in articles}
    reviewed = {a["article_id"] for a in articles if a["annotation_status"] == "reviewed"}
    mentions: dict[str, list[str]] = {}
    for mention in load_agreement_mentions(path=path).select(["agreement_id", "article_id"]).to_pylist():
        if not reviewed_only or mention["article_id"] in reviewed:
            mentions.setdefault(mention["agreement_id"], []).append(mention["article_id"])
    rows = []
    for agreement in agreements.select(["agreement_id", "name_en", "kind", "parties", "signed_date"]).to_pylist():
        in_articles = mentions.get(agreement["agreement_id"], [])
        dates = sorted(d for d in (event_date.get(a) for a in set(in_articles)) if d is not None)
        rows.append({**agreement, "party_names": [names.get(p) for p in agreement["parties"]],
                     "mention_count": len(in_articles), "article_count": len(set(in_articles)),
                     "first_mention_date": dates[0] if dates else None, "last_mention_date": dates[-1] if dates else None})
    schema = pa.schema([
        ("agreement_id", pa.string()), ("name_en", pa.string()), ("kind", pa.string()),
        ("parties", pa.list_(pa.string())), ("party_names", pa.list_(pa.string())), ("signed_date", pa.date32()),
        ("mention_count", pa.int64()), ("article_count", pa.int64()),
        ("first_mention_date", pa.date32()), ("last_mention_date", pa.date32()),
    ])
    return pa.Table.from_pylist(rows, schema=schema)


class Network(NamedTuple):
    """Who is party to agreements with whom: ``nodes`` and ``edges`` (pyarrow Tables)."""

    nodes: pa.Table
    edges: pa.Table


def partnership_network(*, kinds: Iterable[str] | None = None, path: _Path = None) -> Network:
    """The partnership network as data: every pair of parties to an agreement is an edge.

    ``edges``: one row per unordered pair of entities that are parties to at least one
    agreement together (``source`` < ``target``), with ``source_name``, ``target_name``,
    ``weight`` (how many agreements they share), and ``agreement_ids`` and ``kinds`` (one entry
    per shared agreement, in the same order); heaviest first. ``nodes``: every party to an
    agreement, with ``entity_id``, ``name_en``, ``kind`` (of entity: state, organization, ...)
    and ``agreement_count`` (including agreements with a single party); most agreements first.
    ``kinds`` keeps only agreements of those kinds (e.g. ``["reciprocal_access_agreement"]``).
    A trilateral agreement gives three edges.

    >>> nodes, edges = partnership_network()
    >>> edges.column_names
    ['source', 'target', 'source_name', 'target_name', 'weight', 'agreement_ids', 'kinds']
    >>> nodes.column_names
    ['entity_id', 'name_en', 'kind', 'agreement_count']
    >>> japan_us = [e for e in edges.to_pylist() if {e["source"], e["target"]} == {"JPN", "USA"}]
    >>> japan_us[0]["weight"] >= 1 and "jpn-usa-security-treaty" in japan_us[0]["agreement_ids"]
    True
    """
    import pyarrow as pa

    from jsec_data.load import load_agreements

    wanted = None if kinds is None else set(kinds)
    entities = _entities(None, path)
    names = _names(entities)
    entity_kind = dict(zip(_column(entities, "entity_id"), _column(entities, "kind"), strict=True))
    counts: dict[str, int] = {}
    shared: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for agreement in load_agreements(path=path).select(["agreement_id", "kind", "parties"]).to_pylist():
        if wanted is not None and agreement["kind"] not in wanted:
            continue
        parties = sorted(set(agreement["parties"]))
        for party in parties:
            counts[party] = counts.get(party, 0) + 1
        for i, source in enumerate(parties):
            for target in parties[i + 1:]:
                shared.setdefault((source, target), []).append((agreement["agreement_id"], agreement["kind"]))
    edges = [{"source": s, "target": t, "source_name": names.get(s), "target_name": names.get(t), "weight": len(found),
              "agreement_ids": [a for a, _ in found], "kinds": [k for _, k in found]}
             for (s, t), found in sorted(shared.items(), key=lambda item: (-len(item[1]), item[0]))]
    nodes = [{"entity_id": e, "name_en": names.get(e), "kind": entity_kind.get(e), "agreement_count": n}
             for e, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    edge_schema = pa.schema([("source", pa.string()), ("target", pa.string()), ("source_name", pa.string()),
                             ("target_name", pa.string()), ("weight", pa.int64()),
                             ("agreement_ids", pa.list_(pa.string())), ("kinds", pa.list_(pa.string()))])
    node_schema = pa.schema([("entity_id", pa.string()), ("name_en", pa.string()), ("kind", pa.string()),
                             ("agreement_count", pa.int64())])
    return Network(pa.Table.from_pylist(nodes, schema=node_schema), pa.Table.from_pylist(edges, schema=edge_schema))


# --- plumbing ----------------------------------------------------------------------------


def _is_arrow(table: Any) -> bool:
    import pyarrow as pa

    return isinstance(table, pa.Table)


def _is_pandas(table: Any) -> bool:
    pandas = sys.modules.get("pandas")  # a DataFrame exists only if pandas is already imported
    return pandas is not None and isinstance(table, pandas.DataFrame)


def _column(table: Any, name: str) -> list[Any]:
    """One column of a pyarrow Table or a pandas DataFrame as Python values."""
    if _is_arrow(table):
        if name not in table.column_names:
            raise KeyError(f"the table has no column {name!r} (its columns: {', '.join(table.column_names)})")
        values: list[Any] = table.column(name).to_pylist()
        return values
    if _is_pandas(table):
        if name not in table.columns:
            raise KeyError(f"the DataFrame has no column {name!r} (its columns: {', '.join(map(str, table.columns))})")
        return list(table[name].tolist())
    raise TypeError(f"expected a pyarrow.Table or a pandas.DataFrame, not {type(table).__name__}")


def _add_columns(table: _Frame, columns: dict[str, tuple[Sequence[Any], Any]]) -> _Frame:
    """``table`` with ``columns`` (name -> (values, arrow type)) added or replaced, of the same kind."""
    if _is_pandas(table):
        frame: Any = table
        return frame.assign(**{name: list(values) for name, (values, _) in columns.items()})  # type: ignore[no-any-return]
    import pyarrow as pa

    result: Any = table
    for name, (values, arrow_type) in columns.items():
        array = pa.array(values, type=arrow_type)
        if name in result.column_names:
            result = result.set_column(result.column_names.index(name), name, array)
        else:
            result = result.append_column(name, array)
    return result  # type: ignore[no-any-return]


def _entities(entities: Any, path: _Path) -> Any:
    if entities is not None:
        return entities
    from jsec_data.load import load_entities

    return load_entities(path=path)


def _names(entities: Any) -> dict[str, str]:
    return dict(zip(_column(entities, "entity_id"), _column(entities, "name_en"), strict=True))


def _article_texts(articles: Any, path: _Path) -> dict[str, str]:
    if articles is None:
        from jsec_data.load import load_articles

        articles = load_articles(path=path)
    return dict(zip(_column(articles, "article_id"), _column(articles, "text"), strict=True))


def _reviewed_articles(path: _Path) -> set[str]:
    from jsec_data.load import load_articles

    articles = load_articles(path=path).select(["article_id", "annotation_status"]).to_pylist()
    return {a["article_id"] for a in articles if a["annotation_status"] == "reviewed"}
