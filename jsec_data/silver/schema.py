"""The silver tables' schemas: the gold tables' own, plus the columns that mark a row as machine-made.

Every silver table has the gold table's columns, in the gold order and types
(:func:`jsec_data.core.arrow.table_schema`), followed by:

* ``origin`` (string): always ``machine``: the row is a draft by the extractor, never reviewed;
* ``extractor_version`` (string): the package version and a digest of the extractor's code and
  word lists (``0.1.0+extract.<12 hex digits>``), so that drafts by different rules are told apart.

The proposal tables (``entities``, ``agreements``: what the drafts name that the registry lacks)
add two more, because one proposal row stands for every article that proposed it:

* ``article_count`` (int32): how many silver articles proposed it;
* ``first_article_id`` (string): the first of them, in input order (its fields are that article's).
"""

from __future__ import annotations

import functools

import pyarrow as pa

from jsec_data.core.arrow import table_schema
from jsec_data.core.tables import TABLE_NAMES
from jsec_data.extract import extractor_version

__all__ = ["MACHINE_COLUMNS", "PROPOSAL_COLUMNS", "PROPOSAL_TABLES", "SILVER_TABLES", "extractor_version", "silver_schema"]

#: The silver tables, in the gold order.
SILVER_TABLES: tuple[str, ...] = TABLE_NAMES
#: Tables of proposals (one row per proposed id, over all articles).
PROPOSAL_TABLES: tuple[str, ...] = ("entities", "agreements")
#: Per-article tables, in the order a draft task writes them.
ARTICLE_TABLES: tuple[str, ...] = tuple(name for name in SILVER_TABLES if name not in PROPOSAL_TABLES)

MACHINE_COLUMNS: tuple[pa.Field, ...] = (
    pa.field("origin", pa.string(), nullable=False,
             metadata={b"description": b"Always `machine`: a draft by the rule-based extractor, not reviewed."}),
    pa.field("extractor_version", pa.string(), nullable=False,
             metadata={b"description": b"Package version and digest of the extractor's code and word lists."}),
)
PROPOSAL_COLUMNS: tuple[pa.Field, ...] = (
    pa.field("article_count", pa.int32(), nullable=False,
             metadata={b"description": b"How many silver articles proposed this record."}),
    pa.field("first_article_id", pa.string(), nullable=False,
             metadata={b"description": b"The first article (in input order) that proposed it; its fields are that draft's."}),
)


@functools.cache
def silver_schema(name: str) -> pa.Schema:
    """A silver table's Arrow schema: the gold table's, then the machine (and proposal) columns.

    >>> silver_schema("quotations").names[-2:], silver_schema("entities").names[-2:]
    (['origin', 'extractor_version'], ['article_count', 'first_article_id'])
    """
    gold = table_schema(name)
    extra = MACHINE_COLUMNS + (PROPOSAL_COLUMNS if name in PROPOSAL_TABLES else ())
    return pa.schema([*gold, *extra], metadata={b"jsec_data.table": name.encode(), b"jsec_data.layer": b"silver"})
