"""The research helpers: sentences around spans, speakers' states, agreements and the network.

Checked on small made-up texts and entity tables, by properties over random Arabic-like text,
and as invariants of the shipped data (never its counts or newest ids, which grow).
"""

from __future__ import annotations

import doctest
import subprocess
import sys
from collections import Counter
from itertools import combinations
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jsec_data
from jsec_data.load import data_dir
from jsec_data.research import (
    SENTENCE_STOPS,
    agreements_table,
    entity_country,
    partnership_network,
    quotations_by,
    sentence_around,
    with_sentences,
    with_speaker_countries,
)

from .conftest import ROOT

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويةءأإآى"
ALPHABET = LETTERS + "ً ّ" + "  \n" + ".!?؟…" + "،؛," + "\"“”«»'()" + "0123456789" + "ab"


def _text(sentences: list[str], separators: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentences joined by the separators, and where each one is."""
    text, where = "", []
    for sentence, separator in zip(sentences, separators, strict=True):
        where.append((len(text), len(text) + len(sentence)))
        text += sentence + separator
    return text, where


# --- sentence_around: examples --------------------------------------------------------------


def _sentence(text: str, word: str) -> str:
    at = text.index(word)
    start, end = sentence_around(text, at, at + len(word))
    return text[start:end]


def test_arabic_question_mark_ends_a_sentence_and_arabic_comma_does_not() -> None:
    text = "هل ستوقع اليابان؟ قال الوزير، في طوكيو، إن الاتفاق قريب."
    assert _sentence(text, "اليابان") == "هل ستوقع اليابان؟"
    assert _sentence(text, "طوكيو") == "قال الوزير، في طوكيو، إن الاتفاق قريب."


@pytest.mark.parametrize("stop", [".", "!", "?", "؟", "…", "...", "؟!"])
def test_every_stop_ends_a_sentence(stop: str) -> None:
    text = f"الأولى هنا{stop} الثانية هنا"
    assert _sentence(text, "الأولى") == f"الأولى هنا{stop}"
    assert _sentence(text, "الثانية") == "الثانية هنا"


@pytest.mark.parametrize(("close", "open_"), [("»", "«"), ("”", "“"), ("“", "”"), ('"', '"')])
def test_closing_quote_after_the_stop_stays_with_its_sentence_and_the_opening_one_goes_with_the_next(close: str, open_: str) -> None:
    text = f"قال: {open_}نحن مستعدون.{close} {open_}ثم غادر.{close}"
    assert _sentence(text, "مستعدون") == f"قال: {open_}نحن مستعدون.{close}"
    assert _sentence(text, "غادر") == f"{open_}ثم غادر.{close}"


def test_a_newline_ends_a_sentence_without_a_stop() -> None:
    text = "عنوان بلا نقطة\nطوكيو – قال الوزير كلاما"
    assert _sentence(text, "عنوان") == "عنوان بلا نقطة"
    assert _sentence(text, "الوزير") == "طوكيو – قال الوزير كلاما"


@pytest.mark.parametrize("text", ["ارتفع الإنفاق 2.5 مرة هذا العام.", "قال د. أحمد إن الأمر مهم.", "قالت الولايات U.S. إنها مستعدة.",
                                  "كتب عنوانا في السطر.التالي بلا فراغ."])
def test_no_sentence_end_inside_numbers_abbreviations_or_without_a_following_space(text: str) -> None:
    assert _sentence(text, "مهم" if "مهم" in text else text.split()[1]) == text


def test_a_span_over_several_sentences_gets_all_of_them() -> None:
    text = "قبلها جملة. “ما يحدث اليوم. يحدث غدا” قال. بعدها جملة."
    assert _sentence(text, "ما يحدث اليوم. يحدث غدا") == "“ما يحدث اليوم. يحدث غدا” قال."


def test_an_empty_span_belongs_to_the_sentence_it_touches_on_its_left() -> None:
    text = "الأولى. الثانية."
    assert sentence_around(text, len("الأولى."), len("الأولى.")) == (0, len("الأولى."))
    assert sentence_around(text, 0, 0) == (0, len("الأولى."))
    assert sentence_around("", 0, 0) == (0, 0)
    assert sentence_around("\nالأولى.", 0, 0) == (0, 0)  # nothing on its left


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (3, 2), (0, 99)])
def test_a_span_outside_the_text_is_an_error(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="not inside"):
        sentence_around("نص قصير", start, end)


# --- sentence_around: properties ------------------------------------------------------------


@st.composite
def text_and_span(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(st.text(alphabet=ALPHABET, max_size=120))
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return text, start, end


@given(text_and_span())
@settings(max_examples=400, deadline=None)
def test_the_span_always_lies_inside_its_sentence(case: tuple[str, int, int]) -> None:
    text, start, end = case
    first, last = sentence_around(text, start, end)
    assert 0 <= first <= start <= end <= last <= len(text)
    # Only the span itself may cross a newline, or begin or end with white space.
    assert "\n" not in text[first:start] and "\n" not in text[end:last]
    assert first == start or not text[first].isspace()
    assert last == end or not text[last - 1].isspace()


@given(text_and_span())
@settings(max_examples=400, deadline=None)
def test_the_sentence_around_a_sentence_is_itself(case: tuple[str, int, int]) -> None:
    text, start, end = case
    first, last = sentence_around(text, start, end)
    assert sentence_around(text, first, last) == (first, last)


@given(text_and_span())
@settings(max_examples=200, deadline=None)
def test_the_sentence_grows_only_up_to_a_sentence_end(case: tuple[str, int, int]) -> None:
    text, start, end = case
    _, last = sentence_around(text, start, end)
    rest = text[last:].split("\n", 1)[0]
    ends_with_stop = last > 0 and text[last - 1:last] in SENTENCE_STOPS + "\"'”“„’‘»›)]}"
    assert last == end or ends_with_stop or not rest.strip()


WORD = st.text(alphabet=LETTERS, min_size=2, max_size=7)


@st.composite
def sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORD, min_size=1, max_size=6))
    if len(words) > 2 and draw(st.booleans()):
        words[1] = "«" + words[1] + "»،"  # a quoted word and an Arabic comma inside the sentence
    body = " ".join(words) + draw(st.sampled_from([".", "!", "?", "؟", "…", "...", "؟!"]))
    quote = draw(st.sampled_from(["", "«»", "“”", "””", '""']))
    return quote[:1] + body + quote[1:]


@given(st.lists(sentence(), min_size=1, max_size=5), st.data())
@settings(max_examples=300, deadline=None)
def test_spans_inside_made_up_sentences_get_exactly_those_sentences(sentences: list[str], data: st.DataObject) -> None:
    separators = [data.draw(st.sampled_from([" ", "  ", "\n", " \n ", "\n\n"])) for _ in sentences]
    text, where = _text(sentences, separators)
    i = data.draw(st.integers(0, len(where) - 1))
    j = data.draw(st.integers(i, len(where) - 1))
    start = data.draw(st.integers(where[i][0], where[i][1] - 1))
    end = data.draw(st.integers(max(start, where[j][0]) + 1, where[j][1]))
    assert sentence_around(text, start, end) == (where[i][0], where[j][1])


# --- with_sentences ---------------------------------------------------------------------------


@given(st.text(alphabet=ALPHABET, max_size=80), st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=8))
@settings(max_examples=100, deadline=None)
def test_with_sentences_gives_sentence_around_for_each_row(text: str, pairs: list[tuple[int, int]]) -> None:
    spans = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in pairs]
    table = pa.table({"article_id": ["a"] * len(spans), "char_start": [s for s, _ in spans], "char_end": [e for _, e in spans]},
                     schema=pa.schema([("article_id", pa.string()), ("char_start", pa.int32()), ("char_end", pa.int32())]))
    result = with_sentences(table, articles=pa.table({"article_id": ["a"], "text": [text]}))
    expected = [sentence_around(text, s, e) for s, e in spans]
    assert list(zip(result.column("sentence_start").to_pylist(), result.column("sentence_end").to_pylist(), strict=True)) == expected
    assert result.column("sentence").to_pylist() == [text[s:e] for s, e in expected]
    assert result.select(["article_id", "char_start", "char_end"]).equals(table)


@pytest.mark.parametrize("table", ["quotations", "statements", "agreement_mentions"])
def test_every_shipped_span_lies_inside_its_sentence(table: str) -> None:
    texts = dict(zip(*jsec_data.load_articles().select(["article_id", "text"]).to_pydict().values(), strict=True))
    rows = with_sentences(jsec_data.load_table(table)).to_pylist()
    assert rows
    for row in rows:
        assert row["sentence_start"] <= row["char_start"] <= row["char_end"] <= row["sentence_end"]
        assert row["sentence"] == texts[row["article_id"]][row["sentence_start"]:row["sentence_end"]]
        assert row["text"] in row["sentence"]


def test_column_helpers_take_a_dataframe_and_return_one_with_its_index() -> None:
    pytest.importorskip("pandas")
    arrow = with_speaker_countries(with_sentences(jsec_data.load_quotations()))
    frame = jsec_data.load_quotations().to_pandas().iloc[::-1]  # a reversed index survives
    result = with_speaker_countries(with_sentences(frame))
    assert type(result) is type(frame) and list(result.index) == list(frame.index)
    assert result.sentence.tolist() == arrow.column("sentence").to_pylist()[::-1]
    assert [list(c) for c in result.speaker_countries] == arrow.column("speaker_countries").to_pylist()[::-1]
    assert "sentence" not in frame.columns  # the input is left as it was


def test_helpers_say_what_is_missing() -> None:
    with pytest.raises(KeyError, match="no column 'char_start'"):
        with_sentences(pa.table({"article_id": ["x"]}))
    with pytest.raises(KeyError, match="not in the articles table"):
        with_sentences(pa.table({"article_id": ["no-such-article"], "char_start": [0], "char_end": [0]}))
    with pytest.raises(TypeError, match=r"pyarrow\.Table or a pandas\.DataFrame"):
        with_speaker_countries([{"speaker_ids": ["JPN"]}])


# --- entity_country and with_speaker_countries ------------------------------------------------


def _entities(rows: list[tuple[str, str, str | None]]) -> pa.Table:
    return pa.table({"entity_id": [r[0] for r in rows], "kind": [r[1] for r in rows], "affiliation_id": [r[2] for r in rows]},
                    schema=pa.schema([("entity_id", pa.string()), ("kind", pa.string()), ("affiliation_id", pa.string())]))


MADE_UP = _entities([
    ("JPN", "state", None), ("ministry", "organization", "JPN"), ("force", "organization", "ministry"),
    ("officer", "person", "force"), ("alliance", "organization", None), ("chief", "person", "alliance"),
    ("loop-a", "organization", "loop-b"), ("loop-b", "organization", "loop-a"), ("into-loop", "person", "loop-a"),
    ("self", "group", "self"), ("dangling", "person", "nowhere"),
])


@pytest.mark.parametrize(("entity_id", "country"), [
    ("JPN", "JPN"), ("ministry", "JPN"), ("officer", "JPN"), ("alliance", None), ("chief", None),
    ("loop-a", None), ("into-loop", None), ("self", None), ("dangling", None),
])
def test_entity_country_follows_affiliations_up_to_a_state_and_survives_cycles(entity_id: str, country: str | None) -> None:
    assert entity_country(entity_id, MADE_UP) == country


def test_entity_country_of_an_unknown_id_is_an_error() -> None:
    with pytest.raises(KeyError, match="not an entity id"):
        entity_country("Japan", MADE_UP)


def test_entity_country_reads_a_dataframe_with_missing_affiliations() -> None:
    pytest.importorskip("pandas")
    frame = MADE_UP.to_pandas()
    assert [entity_country(e, frame) for e in frame.entity_id] == [entity_country(e, MADE_UP) for e in frame.entity_id]


def test_speaker_countries_keep_speaker_order_each_state_once_and_drop_the_stateless() -> None:
    table = pa.table({"speaker_ids": [["officer", "chief", "JPN", "ministry"], ["chief"], []]})
    result = with_speaker_countries(table, entities=MADE_UP)
    assert result.column("speaker_countries").to_pylist() == [["JPN"], [], []]


def test_shipped_entities_resolve_to_a_state_or_none() -> None:
    entities = jsec_data.load_entities().to_pylist()
    kind = {e["entity_id"]: e["kind"] for e in entities}
    table = jsec_data.load_entities()
    for entity in entities:
        country = entity_country(entity["entity_id"], table)
        assert country is None or kind[country] == "state"
        if entity["kind"] == "state":
            assert country == entity["entity_id"]
        elif entity["affiliation_id"] is not None and kind[entity["affiliation_id"]] == "state":
            assert country == entity["affiliation_id"]
        elif entity["affiliation_id"] is not None:
            assert country == entity_country(entity["affiliation_id"], table)


@pytest.mark.parametrize("table", ["quotations", "statements"])
def test_shipped_speaker_countries_are_the_speakers_states(table: str) -> None:
    entities = jsec_data.load_entities()
    for row in with_speaker_countries(jsec_data.load_table(table)).to_pylist():
        states = [entity_country(s, entities) for s in row["speaker_ids"]]
        assert row["speaker_countries"] == list(dict.fromkeys(s for s in states if s is not None))


# --- quotations_by ----------------------------------------------------------------------------


def test_quotations_by_a_state_are_exactly_those_with_a_speaker_acting_for_it() -> None:
    entities = jsec_data.load_entities()
    japan = quotations_by("JPN")
    expected = [q["quotation_id"] for q in jsec_data.load_quotations().to_pylist()
                if any(entity_country(s, entities) == "JPN" for s in q["speaker_ids"])]
    assert japan.column("quotation_id").to_pylist() == expected and expected
    assert all(q["text"] in q["sentence"] for q in japan.to_pylist())
    assert japan.select(jsec_data.load_quotations().column_names).schema.equals(jsec_data.load_quotations().schema)


def test_quotations_by_without_sentences_has_no_sentence_columns() -> None:
    table = quotations_by("JPN", with_sentence=False)
    assert table.column_names[-1] == "speaker_countries" and "sentence" not in table.column_names
    assert table.num_rows == quotations_by("JPN").num_rows


def test_quotations_by_reviewed_only_keeps_reviewed_articles() -> None:
    status = dict(zip(*jsec_data.load_articles().select(["article_id", "annotation_status"]).to_pydict().values(), strict=True))
    reviewed = quotations_by("JPN", reviewed_only=True).column("quotation_id").to_pylist()
    everything = quotations_by("JPN").to_pylist()
    assert reviewed == [q["quotation_id"] for q in everything if status[q["article_id"]] == "reviewed"]


@pytest.mark.parametrize("country", ["Japan", "jpn", "NATO", "fumio-kishida"])
def test_quotations_by_something_other_than_a_state_is_an_error(country: str) -> None:
    with pytest.raises(ValueError, match=r"not the id of a state.*JPN"):
        quotations_by(country)


def test_helpers_read_the_build_folder_path_names() -> None:
    assert quotations_by("JPN", path=data_dir()).equals(quotations_by("JPN"))
    assert agreements_table(path=data_dir()).equals(agreements_table())
    assert partnership_network(path=data_dir()) == partnership_network()


# --- agreements_table -------------------------------------------------------------------------


def test_agreements_table_has_one_row_per_agreement_with_its_registry_facts() -> None:
    registry = jsec_data.load_agreements()
    table = agreements_table()
    assert table.select(["agreement_id", "name_en", "kind", "parties", "signed_date"]).to_pylist() == \
        registry.select(["agreement_id", "name_en", "kind", "parties", "signed_date"]).to_pylist()
    names = {e["entity_id"]: e["name_en"] for e in jsec_data.load_entities().to_pylist()}
    assert all(r["party_names"] == [names[p] for p in r["parties"]] for r in table.to_pylist())
    assert str(table.schema.field("signed_date").type) == "date32[day]"


@pytest.mark.parametrize("reviewed_only", [False, True])
def test_agreements_table_counts_and_dates_agree_with_the_mentions(reviewed_only: bool) -> None:
    articles = {a["article_id"]: a for a in jsec_data.load_articles().to_pylist()}
    mentions = [m for m in jsec_data.load_agreement_mentions().to_pylist()
                if not reviewed_only or articles[m["article_id"]]["annotation_status"] == "reviewed"]
    for row in agreements_table(reviewed_only=reviewed_only).to_pylist():
        mine = [m["article_id"] for m in mentions if m["agreement_id"] == row["agreement_id"]]
        dates = [articles[a]["event_date"] for a in mine if articles[a]["event_date"] is not None]
        assert row["mention_count"] == len(mine) and row["article_count"] == len(set(mine)) <= row["mention_count"]
        assert row["first_mention_date"] == (min(dates) if dates else None)
        assert row["last_mention_date"] == (max(dates) if dates else None)
    assert sum(agreements_table(reviewed_only=reviewed_only).column("mention_count").to_pylist()) == len(mentions)


# --- partnership_network ----------------------------------------------------------------------


def _agreements() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = jsec_data.load_agreements().to_pylist()
    return rows


def test_network_edges_are_the_party_pairs_of_each_agreement() -> None:
    edges = partnership_network().edges.to_pylist()
    expected = Counter(pair for a in _agreements() for pair in combinations(sorted(set(a["parties"])), 2))
    assert Counter({(e["source"], e["target"]): e["weight"] for e in edges}) == expected  # a trilateral gives three
    kind = {a["agreement_id"]: a["kind"] for a in _agreements()}
    parties = {a["agreement_id"]: set(a["parties"]) for a in _agreements()}
    for edge in edges:
        assert edge["source"] < edge["target"] and edge["weight"] == len(edge["agreement_ids"]) == len(edge["kinds"])
        assert edge["kinds"] == [kind[a] for a in edge["agreement_ids"]]
        assert all({edge["source"], edge["target"]} <= parties[a] for a in edge["agreement_ids"])
    assert [e["weight"] for e in edges] == sorted((e["weight"] for e in edges), reverse=True)


def test_network_nodes_are_every_party_with_its_agreement_count() -> None:
    network = partnership_network()
    entities = {e["entity_id"]: e for e in jsec_data.load_entities().to_pylist()}
    counts = Counter(p for a in _agreements() for p in set(a["parties"]))
    nodes = network.nodes.to_pylist()
    assert {n["entity_id"]: n["agreement_count"] for n in nodes} == counts
    assert all(n["name_en"] == entities[n["entity_id"]]["name_en"] and n["kind"] == entities[n["entity_id"]]["kind"] for n in nodes)
    ends = {e["source"] for e in network.edges.to_pylist()} | {e["target"] for e in network.edges.to_pylist()}
    assert ends <= set(counts)


def test_network_of_some_kinds_keeps_only_those_agreements() -> None:
    kinds = {"reciprocal_access_agreement"}
    network = partnership_network(kinds=kinds)
    assert network.edges.num_rows >= 1
    assert all(set(e["kinds"]) <= kinds for e in network.edges.to_pylist())
    assert partnership_network(kinds=[]).edges.num_rows == 0


# --- the package and the docs -----------------------------------------------------------------


def test_importing_the_helpers_loads_neither_pandas_nor_pyarrow() -> None:
    code = "import sys, jsec_data, jsec_data.research\nprint(sorted(m for m in ('pandas', 'pyarrow') if m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_the_journeys_in_docs_research_md_run_as_shown() -> None:
    pytest.importorskip("pandas")
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    try:
        result = doctest.testfile(str(ROOT / "docs" / "research.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    finally:
        plt.close("all")
    assert result.failed == 0 and result.attempted >= 10
