"""The relevance filter of ``jsec ingest``: behaviour pinned on real excerpts and on properties.

Runs without the corpus: the excerpts are in tests/fixtures/ingest/relevance_excerpt.jsonl
(SaudiNewsNet, CC BY-NC-SA 4.0; see the README there).
"""

from __future__ import annotations

import dataclasses
import gzip
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jsec_data.core.text import normalize_for_matching
from jsec_data.ingest.normalise import normalise_text, normalise_title
from jsec_data.ingest.relevance import DEFAULT_MIN_SCORE, Relevance, assess, screen

ROOT = Path(__file__).resolve().parents[2]
EXCERPTS = ROOT / "tests" / "fixtures" / "ingest" / "relevance_excerpt.jsonl"


def _excerpts() -> list[dict[str, Any]]:
    with EXCERPTS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


RECORDS = _excerpts()
BY_KIND = {
    "trap": next(r for r in RECORDS if r["reason"].startswith("trap")),
    "trade": next(r for r in RECORDS if "trade" in r["reason"]),
    "iran": next(r for r in RECORDS if "Iran" in r["reason"]),
    "wikileaks": next(r for r in RECORDS if "Wikileaks" in r["reason"]),
    "history": next(r for r in RECORDS if "historical debate" in r["reason"]),
    "f35": next(r for r in RECORDS if "F-35" in r["reason"]),
}


# ------------------------------------------------------------------ real excerpts


@pytest.mark.parametrize("record", RECORDS, ids=[f"{r['label']}-{r['source']}-{r['index']}" for r in RECORDS])
def test_excerpt_decision_matches_its_label(record: dict[str, Any]) -> None:
    verdict = assess(record["title"], record["text"])
    assert verdict.on_topic == (record["label"] == "on"), verdict.reasons


def test_dry_land_is_not_japan_and_is_reported_as_a_trap() -> None:
    verdict = assess(BY_KIND["trap"]["title"], BY_KIND["trap"]["text"])
    assert verdict.score == 0.0 and not verdict.on_topic
    assert verdict.reasons[0] == "japan: none"
    assert any(r.startswith('trap:"') and "يابس" in r and r.endswith(" ignored") for r in verdict.reasons)


def test_trade_talks_naming_japan_in_the_title_are_off_topic() -> None:
    verdict = assess(BY_KIND["trade"]["title"], BY_KIND["trade"]["text"])
    assert not verdict.on_topic
    assert any(r.startswith("japan:title") for r in verdict.reasons)
    assert any(r.startswith("off-topic:economy") for r in verdict.reasons)


def test_passing_mention_in_an_iran_story_is_off_topic_for_the_other_country() -> None:
    verdict = assess(BY_KIND["iran"]["title"], BY_KIND["iran"]["text"])
    assert not verdict.on_topic
    assert any(r.startswith('focus:"إيران"') for r in verdict.reasons)


def test_japan_in_title_and_security_terms_are_explained() -> None:
    verdict = assess(BY_KIND["wikileaks"]["title"], BY_KIND["wikileaks"]["text"])
    assert verdict.on_topic
    assert verdict.reasons[0] == 'japan:title "اليابان"'
    assert any(r.startswith('security:"ويكيليكس"') for r in verdict.reasons)


def test_military_words_without_japans_security_agenda_are_capped() -> None:
    verdict = assess(BY_KIND["history"]["title"], BY_KIND["history"]["text"])
    assert not verdict.on_topic
    assert any("no anchor term" in r for r in verdict.reasons)


def test_one_mention_of_a_base_in_japan_keeps_little_of_a_military_story() -> None:
    verdict = assess(BY_KIND["f35"]["title"], BY_KIND["f35"]["text"])
    assert not verdict.on_topic
    assert "japan:mentions x1" in verdict.reasons


# -------------------------------------------------------------- matching rules


def test_clitics_are_stripped_in_general() -> None:
    # conjunction + preposition + article, "لل", a pronoun suffix, the accusative alef
    verdict = assess("", "وللقوات اليابانية دستورها، ودستورا سلميا، وباليابان حلفاؤها وبالدفاع الجماعي.")
    labels = " ".join(verdict.reasons)
    for expected in ('"قوات"', '"دستور"', '"دستور سلمي"', '"الدفاع الجماعي"'):
        assert expected in labels, (expected, verdict.reasons)
    assert "japan:mentions x2" in verdict.reasons


def test_words_match_whole_not_as_substrings() -> None:
    # "بين" (between) is not the yen, "اليابسة" is not Japan, "تركيب" is not Turkey
    verdict = assess("اليابان", "تم تركيب جسر بين اليابسة والجزيرة في اليابان.")
    assert not any("الين" in r for r in verdict.reasons)
    assert "japan:mentions x2" in verdict.reasons
    assert any(r.startswith('trap:"اليابسه"') for r in verdict.reasons)


def test_history_words_are_reported_but_not_counted_as_security() -> None:
    verdict = assess("", "أحيت اليابان ذكرى الحرب العالمية الثانية والقنبلة الذرية.")
    assert any(r.startswith("history:") for r in verdict.reasons)
    assert not any(r.startswith('security:"حرب"') for r in verdict.reasons)
    assert verdict.score == 0.0


def test_insurer_named_tokyo_is_not_a_mention_of_japan() -> None:
    verdict = assess("", "وتصدر سهم الإنماء طوكيو مارين الارتفاعات في السوق.")
    assert verdict.reasons[0] == "japan: none"
    assert any(r.startswith("trap:") for r in verdict.reasons)


def test_html_entities_in_the_title_are_decoded() -> None:
    verdict = assess("&quot;اليابان&quot; تقر قوانين أمنية", "وافق البرلمان على قوانين الدفاع الجماعي.")
    assert verdict.reasons[0] == 'japan:title "اليابان"'


def test_empty_article_scores_zero_with_a_reason() -> None:
    verdict = assess("", "")
    assert verdict == Relevance(0.0, False, ("japan: none",))


# ------------------------------------------------------------------ the API


def test_threshold_only_moves_the_decision_not_the_score() -> None:
    record = BY_KIND["wikileaks"]
    low = assess(record["title"], record["text"], min_score=-100.0)
    high = assess(record["title"], record["text"], min_score=1e9)
    assert low.score == high.score and low.reasons == high.reasons
    assert low.on_topic and not high.on_topic


def test_default_threshold_is_a_positive_float() -> None:
    assert isinstance(DEFAULT_MIN_SCORE, float) and DEFAULT_MIN_SCORE > 0


def test_relevance_is_frozen() -> None:
    verdict = assess("", "")
    with pytest.raises(dataclasses.FrozenInstanceError):
        verdict.score = 1.0  # type: ignore[misc]


def test_lexicons_are_read_on_first_use_not_on_import() -> None:
    code = ("import jsec_data.ingest.relevance as r, sys; "
            "assert r._lexicon.cache_info().currsize == 0; r.assess('', 'اليابان'); "
            "assert r._lexicon.cache_info().currsize == 1; "
            "assert 'jsec_data.ingest.relevance' not in __import__('jsec_data').__dict__.get('__all__', [])")
    subprocess.run([sys.executable, "-c", code], check=True)


# --------------------------------------------------------------- properties

_HARAKAT = [chr(c) for c in range(0x064B, 0x0653)]  # fathatan .. sukun: never compose in NFC
_TATWEEL = "\u0640"


@settings(max_examples=60, deadline=None)
@given(index=st.integers(min_value=0, max_value=len(RECORDS) - 1), data=st.data())
def test_adding_diacritics_or_tatweel_never_changes_the_verdict(index: int, data: st.DataObject) -> None:
    record = RECORDS[index]
    text = record["text"]
    letters = [i for i, ch in enumerate(text) if "\u0621" <= ch <= "\u064a"]
    chosen = data.draw(st.lists(st.sampled_from(letters), max_size=40, unique=True))
    marks = data.draw(st.lists(st.sampled_from([*_HARAKAT, _TATWEEL]), min_size=len(chosen), max_size=len(chosen)))
    decorated = list(text)
    for position, mark in sorted(zip(chosen, marks, strict=True), reverse=True):
        decorated.insert(position + 1, mark)
    plain = assess(record["title"], text)
    fancy = assess(record["title"], "".join(decorated))
    assert (fancy.score, fancy.on_topic) == (plain.score, plain.on_topic)


_PIECES = [*"ابتثجحخدذرسشصضطظعغفقكلمنهوية ءأإآؤئى\n.،&", "اليابان ", "الياباني ", "طوكيو ", "اليابسة ", "الدفاع ", "قوات ",
           "الدستور السلمي ", "وزير ", "إيران ", "أسهم ", "الحرب العالمية الثانية ", "&quot;"]
_ARABIC = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)


@settings(max_examples=200, deadline=None)
@given(title=_ARABIC, text=_ARABIC, min_score=st.floats(min_value=-5, max_value=30, allow_nan=False))
def test_verdict_is_deterministic_explained_and_consistent(title: str, text: str, min_score: float) -> None:
    first = assess(title, text, min_score=min_score)
    again = assess(title, text, min_score=min_score)
    assert first == again
    assert first.reasons, "every verdict says why"
    assert first.on_topic == (first.score >= min_score)
    if first.on_topic and first.score > 0:
        assert any(r.startswith("japan:") and r != "japan: none" for r in first.reasons)


# Fields as a feed may give them: white space of every kind, marks, tatweel and invisible characters
# inside words, decomposed letters (ا + madda is آ in NFC), entities, trap words and Japan words.
_RAW_PIECES = [*_PIECES, "\r\n", "\r", "\t", "\xa0", "\u2028", "\u0085", "   ", "\n\n  \n", "\u0640", "\u064e",
               "\u0651", "\u200b", "\u200f", "ا\u0653", "يـابان", "اليابَان", "طو\u200bكيو", "الإنماء طوكيو مارين ",
               "&amp;quot;", "&#1610;&#1575;&#1576;&#1575;&#1606;", "يابس", "نماء"]
_RAW = st.lists(st.sampled_from(_RAW_PIECES), max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(title=_RAW, text=_RAW, min_score=st.sampled_from([DEFAULT_MIN_SCORE, 0.0, -1.0, 5.0]))
def test_screening_fields_as_found_gives_the_verdict_on_the_normalised_fields(title: str, text: str,
                                                                               min_score: float) -> None:
    quick = screen(title, text, min_score=min_score)
    full = assess(normalise_title(title), normalise_text(text), min_score=min_score)
    if quick is not None:
        assert quick == full
    elif "&" not in title + text:  # None: Japan may be named (a needle of it occurs, maybe inside another word)
        assert "japan: none" not in full.reasons or any(n in normalize_for_matching(title + text) for n in
                                                        ("يابان", "طوكيو", "هيروشيما", "كيشيدا", "ناغازاكي", "اوكيناوا"))


def test_screening_leaves_articles_that_may_name_japan_to_assess() -> None:
    assert screen("", "قال وزير الدفاع اليـابانـي إن") is None  # tatweel inside the word: still Japan
    assert screen("", "زار طوكيو") is None
    assert screen("", "وصلت السفينة إلى اليابسة").reasons == ("japan: none", 'trap:"اليابسه" ignored')


def test_screening_a_lone_surrogate_from_a_json_escape_neither_fails_nor_joins_letters() -> None:
    # json.loads('"\\ud800"') gives one; the ingest rejects such a text after the screen.
    assert screen("", "زار اليابان \ud800") is None
    assert screen("", "اليا\ud800بان").reasons == ("japan: none",)


@settings(max_examples=40, deadline=None)
@given(index=st.integers(min_value=0, max_value=len(RECORDS) - 1))
def test_on_topic_verdicts_always_carry_reasons(index: int) -> None:
    record = RECORDS[index]
    verdict = assess(record["title"], record["text"])
    assert verdict.reasons
    if verdict.on_topic:
        assert any(r.startswith('japan:title') or r.startswith("japan:mentions") for r in verdict.reasons)
        assert any(r.startswith("security:") for r in verdict.reasons)


# ------------------------------------------------------------ the benchmark script


def _benchmark_module() -> ModuleType:
    path = ROOT / "benchmarks" / "relevance.py"
    spec = importlib.util.spec_from_file_location("jsec_bench_relevance", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_benchmark_script_measures_a_tiny_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    records = [{"source": r["source"], "url": r["url"], "date_extracted": "", "title": r["title"], "author": "",
                "content": r["text"]} for r in RECORDS]
    with gzip.open(corpus / "2015-07-21.json.gz", "wt", encoding="utf-8") as fh:
        json.dump(records, fh, ensure_ascii=False)
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join(json.dumps({"url": r["url"], "source": r["source"], "file": "2015-07-21.json.gz", "index": i,
                                          "title": r["title"], "label": r["label"], "reason": r["reason"],
                                          "split": "dev" if i % 2 else "test", "group": f"g{i}"}, ensure_ascii=False) + "\n"
                              for i, r in enumerate(RECORDS)), encoding="utf-8")
    bench = _benchmark_module()
    assert bench.main(["--corpus", str(corpus), "--labels", str(labels), "--json", "--repeat", "1"]) == 0
    result = json.loads(capsys.readouterr().out)
    on = sum(r["label"] == "on" for r in RECORDS)
    assert result["splits"]["dev"]["n"] + result["splits"]["test"]["n"] == len(RECORDS)
    assert result["splits"]["dev"]["on"] + result["splits"]["test"]["on"] == on
    assert result["corpus"]["records"] == len(RECORDS) and result["corpus"]["kept"] == on
    assert result["splits"]["dev"]["fp"] == result["splits"]["test"]["fp"] == 0
