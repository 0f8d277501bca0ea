"""Golden checks on the shipped gold tables: counts per article and specific records.

A change in the build, the segmentation or the data that moves any of these fails
loudly here. Expected values are written out by hand from the articles.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from jsec_data import load_table

# table -> article_id -> rows (from the gold annotation files, after review)
EXPECTED_COUNTS = {
    "statements": {"f4631beb2d4bc712": 21, "1e0cd23aaef11339": 14, "abf9a3ec4026fc84": 10,
                   "21805d7ab441cd75": 20, "e9c5731a151683e9": 16},
    "quotations": {"f4631beb2d4bc712": 6, "1e0cd23aaef11339": 10, "abf9a3ec4026fc84": 7,
                   "21805d7ab441cd75": 9, "e9c5731a151683e9": 8},
    "agreement_mentions": {"f4631beb2d4bc712": 2, "1e0cd23aaef11339": 1, "abf9a3ec4026fc84": 9,
                           "21805d7ab441cd75": 8, "e9c5731a151683e9": 17},
}
# Entities and agreements used by the seed articles; new articles may add more.
SEED_ENTITIES = 46
SEED_AGREEMENTS = 15
SEED_ARTICLES = set(EXPECTED_COUNTS["statements"])


def _rows(table: str) -> list[dict]:
    return load_table(table).to_pylist()


def _by_id(table: str, key: str) -> dict[str, dict]:
    return {row[key]: row for row in _rows(table)}


@pytest.mark.parametrize("table", list(EXPECTED_COUNTS))
def test_counts_per_seed_article(table: str) -> None:
    counts = Counter(row["article_id"] for row in _rows(table) if row["article_id"] in SEED_ARTICLES)
    assert dict(counts) == EXPECTED_COUNTS[table]


def test_seed_registry_counts() -> None:
    """Every entity and agreement the seed articles need, and none unused by them."""
    seed_rows = [row for table in EXPECTED_COUNTS for row in _rows(table) if row["article_id"] in SEED_ARTICLES]
    used_agreements = {row["agreement_id"] for row in seed_rows if "agreement_id" in row}
    assert len(used_agreements) == SEED_AGREEMENTS
    entities = _by_id("entities", "entity_id")
    agreements = _by_id("agreements", "agreement_id")
    used = {e for row in seed_rows for e in (row.get("speaker_ids") or []) + (row.get("topic_ids") or [])}
    used |= {party for a in used_agreements for party in agreements[a]["parties"]}
    used |= {entities[e]["affiliation_id"] for e in used if entities[e]["affiliation_id"]}
    assert len(used) == SEED_ENTITIES
    assert set(_by_id("articles", "article_id")) >= SEED_ARTICLES


def test_every_span_round_trips_and_every_reference_resolves() -> None:
    texts = {row["article_id"]: row["text"] for row in _rows("articles")}
    entities = set(_by_id("entities", "entity_id"))
    agreements = set(_by_id("agreements", "agreement_id"))
    statements = _by_id("statements", "statement_id")
    for table in EXPECTED_COUNTS:
        for row in _rows(table):
            assert texts[row["article_id"]][row["char_start"] : row["char_end"]] == row["text"], row
            assert set(row.get("speaker_ids") or []) <= entities
            assert set(row.get("topic_ids") or []) <= entities
            if table == "agreement_mentions":
                assert row["agreement_id"] in agreements
            if row.get("statement_id"):
                assert statements[row["statement_id"]]["article_id"] == row["article_id"]


def test_fragment_quote() -> None:
    quote = _by_id("quotations", "quotation_id")["1e0cd23aaef11339-q2"]
    assert quote["text"] == "الحفاظ على وحدتين وثابتين"
    assert quote["is_fragment"] is True and quote["speaker_ids"] == ["jens-stoltenberg"]


def test_quote_attributed_across_paragraphs() -> None:
    quote = _by_id("quotations", "quotation_id")["e9c5731a151683e9-q1"]
    text = _by_id("articles", "article_id")["e9c5731a151683e9"]["text"]
    assert quote["speaker_ids"] == ["zack-cooper"]
    assert quote["text"].startswith("لعقود من الزمان")
    # The speaker is named in an earlier paragraph, not in the quote's own.
    own_paragraph = text[text.rfind("\n", 0, quote["char_start"]) + 1 : quote["char_start"]]
    assert "كوبر" not in own_paragraph and "كوبر" in text[: quote["char_start"]]


def test_joint_statement_quote() -> None:
    quote = _by_id("quotations", "quotation_id")["1e0cd23aaef11339-q5"]
    assert sorted(quote["speaker_ids"]) == ["fumio-kishida", "jens-stoltenberg"]
    assert quote["text"].startswith("نسلط الضوء بقلق")
    assert quote["cue"] == "وقالوا"


def test_entity_with_two_spellings() -> None:
    stoltenberg = _by_id("entities", "entity_id")["jens-stoltenberg"]
    assert {"ستولتنبرج", "ستولتنبرغ"} <= set(stoltenberg["names_ar"])
    assert stoltenberg["kind"] == "person"
    blinken = _by_id("entities", "entity_id")["antony-blinken"]
    assert {"بلينكن", "بلينكين"} <= set(blinken["names_ar"])


def test_mention_reported_as_to_be_signed_differs_from_later_fact() -> None:
    mention = _by_id("agreement_mentions", "mention_id")["e9c5731a151683e9-m3"]
    assert mention["reported_status"] == "to_be_signed"
    agreement = _by_id("agreements", "agreement_id")[mention["agreement_id"]]
    assert agreement["kind"] == "reciprocal_access_agreement"
    assert sorted(agreement["parties"]) == ["GBR", "JPN"]
    assert agreement["signed_date"] == dt.date(2023, 1, 11)


def test_unclosed_quote_ends_with_its_sentence() -> None:
    # Guidelines: an unclosed quote ends where the quote really ends, final full stop left out.
    quote = _by_id("quotations", "quotation_id")["1e0cd23aaef11339-q4"]
    assert quote["text"].startswith("ما يحدث في أوروبا اليوم")
    assert quote["text"].endswith("وندافع عن الحرية والديمقراطية")
    text = _by_id("articles", "article_id")["1e0cd23aaef11339"]["text"]
    assert text[quote["char_end"] :].startswith(".\n")


def test_boilerplate_is_classified_and_kept_out_of_body() -> None:
    articles = _by_id("articles", "article_id")
    expected = {
        "f4631beb2d4bc712": {"see_also": 1, "related_list": 4, "lead": 1},
        "abf9a3ec4026fc84": {"see_also": 3, "lead": 2},
        "21805d7ab441cd75": {"subscribe": 2, "lead": 1},
        "e9c5731a151683e9": {"credit": 1, "social_follow": 1, "comment_form": 2},
        "1e0cd23aaef11339": {},
    }
    for article_id, kinds in expected.items():
        article = articles[article_id]
        counted = Counter(s["kind"] for s in article["segments"] if s["kind"] not in ("title", "body"))
        assert dict(counted) == kinds, article_id
        assert "شاهد ايضاً" not in article["body"] and "اترك تعليقاً" not in article["body"]
    assert articles["e9c5731a151683e9"]["body"].endswith("في هذا الوقت.")


def test_event_dates() -> None:
    articles = _by_id("articles", "article_id")
    assert (articles["f4631beb2d4bc712"]["event_date"], articles["f4631beb2d4bc712"]["event_date_precision"]) == (
        dt.date(2025, 4, 8), "day")
    assert articles["1e0cd23aaef11339"]["event_date"] == dt.date(2023, 1, 31)
    assert articles["abf9a3ec4026fc84"]["event_date"] == dt.date(2024, 7, 28)
    assert articles["21805d7ab441cd75"]["event_date"] == dt.date(2024, 11, 1)
    assert articles["e9c5731a151683e9"]["event_date_precision"] == "month"
