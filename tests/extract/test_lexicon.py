"""The word lists are package data, read lazily and once; importing the extractor reads none of them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import jsec_data.extract
from jsec_data.extract import lexicon
from jsec_data.extract.agreements import agreement_words
from jsec_data.extract.cues import cue_words

DATA = Path(jsec_data.extract.__file__).resolve().parent / "data"  # package data, beside the modules
FILES = ["agreements", "countries", "cues", "names", "offices", "statements", "stopwords", "titles", "transliteration"]


def test_the_data_files_are_those_the_rules_read() -> None:
    assert lexicon.DATA_DIR == DATA
    assert sorted(p.stem for p in DATA.glob("*.yaml")) == FILES
    for name in FILES:
        text = (DATA / f"{name}.yaml").read_text(encoding="utf-8")
        assert text.startswith("# "), name  # each says what it is for
        assert lexicon.load_data(name) == yaml.safe_load(text)


def test_each_file_is_read_once() -> None:
    assert lexicon.load_data("cues") is lexicon.load_data("cues")
    assert cue_words() is cue_words() and agreement_words() is agreement_words()
    assert lexicon.stop_words() is lexicon.stop_words()


def test_importing_the_extractor_reads_no_data_file() -> None:
    code = ("import jsec_data, jsec_data.extract.quotes, jsec_data.extract.draft;"
            "from jsec_data.extract import lexicon;"
            "assert lexicon.load_data.cache_info().currsize == 0, lexicon.load_data.cache_info()")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_word_lists_are_folded_to_the_matching_form() -> None:
    # Written as a reader spells them (لدى، على), compared as the rules see the text.
    assert {"لدي", "علي", "الي", "ان,"} <= lexicon.stop_words()
    assert {"رييس", "مسوول", "وزير"} <= lexicon.title_words()


def test_a_broken_data_file_says_which(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "load_data", lambda name: {"titles": ["not", "groups"]})
    with pytest.raises(lexicon.DataError, match=r"data/titles\.yaml"):
        lexicon.title_words.__wrapped__()
