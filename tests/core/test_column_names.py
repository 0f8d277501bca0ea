"""Column names: usable unquoted in SQL; the deprecated aliases (``start``, ``end``) equal their new columns."""

from __future__ import annotations

import datetime as dt
import re

import pyarrow as pa
import pytest
from pydantic import ValidationError

from jsec_data.core.arrow import record_schema, table_schema, unwrap_annotation, with_deprecated_columns
from jsec_data.core.models import (
    DEPRECATED_ALIASES,
    TABLE_MODELS,
    QuotationRecord,
    Segment,
    deprecated_aliases,
    deprecated_description,
    table_columns,
)
from jsec_data.core.tables import TABLE_NAMES
from jsec_data.load import iter_records, load_table

# Reserved words (identifiers that must be quoted) of common SQL engines: DuckDB's `reserved` keywords
# (`SELECT keyword_name FROM duckdb_keywords() WHERE keyword_category = 'reserved'`), PostgreSQL's reserved
# ones (appendix C, "reserved" and "reserved (can be function or type)") and BigQuery's. (SQL:2016 reserves
# far more, `language` and `start` among them, which none of these engines refuses.)
DUCKDB = """all analyse analyze and any array as asc asymmetric both case cast check collate column constraint
create default deferrable desc describe distinct do else end except false fetch for foreign from grant group
having in initially intersect into lateral leading limit not null offset on only or order pivot pivot_longer
pivot_wider placing primary qualify references returning select show some summarize symmetric table then to
trailing true union unique unpivot using variadic when where window with"""
POSTGRES = """all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate
collation column concurrently constraint create cross current_catalog current_date current_role current_schema
current_time current_timestamp current_user default deferrable desc distinct do else end except false fetch for
foreign freeze from full grant group having ilike in initially inner intersect into is isnull join lateral leading
left like limit localtime localtimestamp natural not notnull null offset on only or order outer overlaps placing
primary references returning right select session_user similar some symmetric system_user table tablesample then
to trailing true union unique user using variadic verbose when where window with"""
BIGQUERY = """all and any array as asc assert_rows_modified at between by case cast collate contains create cross
cube current default define desc distinct else end enum escape except exclude exists extract false fetch following
for from full group grouping groups hash having if ignore in inner intersect interval into is join lateral left
like limit lookup merge natural new no not null nulls of on or order outer over partition preceding proto qualify
range recursive respect right rollup rows select set some struct tablesample then to treat true unbounded union
unnest using when where window with within"""
RESERVED = frozenset((DUCKDB + " " + POSTGRES + " " + BIGQUERY).split())
IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


def _names(fields: list[pa.Field], prefix: str = "") -> list[tuple[str, str]]:
    """(path, name) of every column and struct member, lists looked through."""
    found = []
    for field in fields:
        found.append((f"{prefix}{field.name}", field.name))
        data_type = field.type
        while pa.types.is_list(data_type):
            data_type = data_type.value_type
        if pa.types.is_struct(data_type):
            found.extend(_names(list(data_type), f"{prefix}{field.name}."))
    return found


def test_the_reserved_word_lists_catch_the_old_names() -> None:
    assert "end" in RESERVED and "select" in RESERVED and "char_end" not in RESERVED


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_every_column_name_works_unquoted_in_sql(table: str) -> None:
    deprecated = set(DEPRECATED_ALIASES.values())
    bad = [path for path, name in _names(list(table_schema(table)))
           if name not in deprecated and (name in RESERVED or not IDENTIFIER.match(name))]
    assert not bad, f"column names that SQL engines refuse unquoted: {bad}"


def test_duckdb_selects_every_column_unquoted() -> None:
    duckdb = pytest.importorskip("duckdb")  # in the test extra; not a dependency of the package
    from jsec_data.load import data_dir

    deprecated = set(DEPRECATED_ALIASES.values())
    for table in TABLE_NAMES:
        names = [f.name for f in table_schema(table) if f.name not in deprecated]
        path = (data_dir() / "data" / f"{table}.parquet").as_posix()
        rows = duckdb.sql(f"SELECT {', '.join(names)} FROM read_parquet('{path}')").fetchall()
        assert len(rows) == load_table(table).num_rows


def test_the_aliases_are_defined_once_and_come_after_the_model_fields() -> None:
    assert DEPRECATED_ALIASES == {"char_start": "start", "char_end": "end"}
    with_aliases = {name for name, model in TABLE_MODELS.items() if deprecated_aliases(model)}
    assert with_aliases == {"quotations", "statements", "agreement_mentions"}
    for name, model in TABLE_MODELS.items():
        schema, fields = table_schema(name), list(model.model_fields)
        assert schema.names == [*fields, *deprecated_aliases(model)]
        assert record_schema(name).names == fields
        for old, new in deprecated_aliases(model).items():
            assert schema.field(old).type == schema.field(new).type
            assert schema.field(old).metadata[b"description"].decode() == deprecated_description(new)
            assert "Deprecated alias of `char" in deprecated_description(new)
    segment = table_schema("articles").field("segments").type.value_type
    assert [f.name for f in segment] == ["kind", "char_start", "char_end", "start", "end"]
    assert list(table_columns(Segment)) == ["kind", "char_start", "char_end", "start", "end"]


def _check_aliases(table: pa.Table, name: str) -> int:
    """Assert every deprecated alias of ``table`` (columns and struct members) equals its column; count them."""
    checked = 0
    for old, new in deprecated_aliases(TABLE_MODELS[name]).items():
        assert table.column(old).equals(table.column(new)), (name, old)
        checked += 1
    if name == "articles":
        segments = pa.concat_arrays(table.column("segments").chunks).flatten()
        for old, new in DEPRECATED_ALIASES.items():
            assert segments.field(old).equals(segments.field(new)), ("segments", old)
            checked += 1
    return checked


def test_each_alias_equals_its_new_column_in_the_shipped_tables() -> None:
    checked = sum(_check_aliases(load_table(name), name) for name in TABLE_NAMES)
    assert checked == 4 * len(DEPRECATED_ALIASES)  # segments, quotations, statements, agreement_mentions


def test_with_deprecated_columns_adds_the_aliases_to_a_sliced_batch_of_model_rows() -> None:
    records = list(iter_records("articles"))[:3]
    batch = pa.RecordBatch.from_pylist([r.model_dump() for r in records], schema=record_schema("articles")).slice(1)
    conformed = with_deprecated_columns("articles", batch)
    assert conformed.schema.equals(table_schema("articles"), check_metadata=True)
    assert conformed.to_pylist() == load_table("articles").slice(1, 2).to_pylist()
    empty = record_schema("quotations").empty_table().to_batches(max_chunksize=1) or [
        pa.RecordBatch.from_pylist([], schema=record_schema("quotations"))]
    assert with_deprecated_columns("quotations", empty[0]).schema.equals(table_schema("quotations"), check_metadata=True)


def test_models_take_the_aliases_on_input() -> None:
    row = load_table("quotations").slice(0, 1).to_pylist()[0]
    assert {"start", "end", "char_start", "char_end"} <= set(row)
    record = QuotationRecord.model_validate(row)  # a table row, both names
    assert (record.char_start, record.char_end) == (row["char_start"], row["char_end"])
    old = {key: value for key, value in row.items() if key not in ("char_start", "char_end")}
    assert QuotationRecord.model_validate(old) == record  # a row of an earlier release: the old names only
    assert "start" not in record.model_dump()
    with pytest.raises(ValidationError, match="deprecated alias of `char_end`"):
        QuotationRecord.model_validate({**row, "end": row["char_end"] + 1})
    segment = Segment.model_validate({"kind": "body", "char_start": 1, "char_end": 2, "start": 1, "end": 2})
    assert segment == Segment(kind="body", char_start=1, char_end=2)


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_iter_records_reads_the_tables_with_their_aliases(table: str) -> None:
    records = list(iter_records(table))
    assert len(records) == load_table(table).num_rows


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_date_columns_are_arrow_dates(table: str) -> None:
    schema = table_schema(table)
    for name, info in TABLE_MODELS[table].model_fields.items():
        base, _ = unwrap_annotation(info.annotation)
        if base is dt.date:
            assert schema.field(name).type == pa.date32(), (table, name)
            assert load_table(table).schema.field(name).type == pa.date32(), (table, name)
