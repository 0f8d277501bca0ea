"""Arrow schemas derived from the Pydantic table models (never written by hand).

A table's schema (:func:`table_schema`, what its Parquet file holds) is its model's fields, then
the deprecated aliases of those that have one (:data:`jsec_data.core.models.DEPRECATED_ALIASES`),
in structs too. The rows the models make have the fields alone (:func:`record_schema`);
:func:`with_deprecated_columns` adds the aliases to a batch of them without copying a value.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from functools import cache
from typing import Any

import pyarrow as pa
from pydantic import BaseModel

from jsec_data.core.models import DEPRECATED_ALIASES, TABLE_MODELS, table_columns

_NEW_NAMES = {old: new for new, old in DEPRECATED_ALIASES.items()}


def unwrap_annotation(annotation: Any) -> tuple[Any, bool]:
    """Strip Annotated and Optional; return (type, nullable)."""
    nullable = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            nullable = nullable or len(args) < len(typing.get_args(annotation))
            if len(args) != 1:
                raise TypeError(f"unsupported union {annotation!r}")
            annotation = args[0]
        else:
            return annotation, nullable


def arrow_type(annotation: Any, *, aliases: bool = True) -> pa.DataType:
    """The Arrow type for a (non-null) Python annotation (structs with their deprecated aliases unless ``aliases`` is false)."""
    annotation, _ = unwrap_annotation(annotation)
    origin = typing.get_origin(annotation)
    if origin is typing.Literal or annotation is str:
        return pa.string()
    if annotation is bool:
        return pa.bool_()
    if annotation is int:
        return pa.int32()
    if annotation is float:
        return pa.float64()
    if annotation is dt.date:
        return pa.date32()
    if annotation is dt.datetime:
        return pa.timestamp("ms")  # Parquet has no second unit: ms round-trips unchanged
    if origin is list:
        (item,) = typing.get_args(annotation)
        # Items stay nullable in Arrow (the usual list type every reader expects);
        # the models already refuse null items.
        return pa.list_(arrow_type(item, aliases=aliases))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct(model_fields(annotation, aliases=aliases))
    raise TypeError(f"no Arrow type for {annotation!r}")


def model_fields(model: type[BaseModel], *, aliases: bool = True) -> list[pa.Field]:
    """Arrow fields for a model's fields, in declaration order, with descriptions; then (unless ``aliases``
    is false) its deprecated aliases (:func:`jsec_data.core.models.table_columns`)."""
    fields = []
    for name, info in (table_columns(model) if aliases else model.model_fields).items():
        _, nullable = unwrap_annotation(info.annotation)
        metadata = {b"description": info.description.encode()} if info.description else None
        fields.append(pa.field(name, arrow_type(info.annotation, aliases=aliases), nullable=nullable, metadata=metadata))
    return fields


@cache
def table_schema(name: str) -> pa.Schema:
    """The Arrow schema of a table.

    >>> table_schema("quotations").field("speaker_ids").type
    ListType(list<item: string>)
    """
    model = TABLE_MODELS[name]
    return pa.schema(model_fields(model), metadata={b"jsec_data.table": name.encode()})


@cache
def record_schema(name: str) -> pa.Schema:
    """The Arrow schema of the rows a table's model makes: :func:`table_schema` without the deprecated aliases.

    >>> table_schema("quotations").names[-2:], record_schema("quotations").names[-1]
    (['start', 'end'], 'note')
    """
    model = TABLE_MODELS[name]
    return pa.schema(model_fields(model, aliases=False), metadata={b"jsec_data.table": name.encode()})


def with_deprecated_columns(name: str, batch: pa.RecordBatch) -> pa.RecordBatch:
    """A batch of :func:`record_schema` as one of :func:`table_schema`: each deprecated alias (in structs
    too) is its column's own array, so the two always hold the same values."""
    schema = table_schema(name)
    if batch.schema.equals(schema):
        return batch
    columns = dict(zip(batch.schema.names, batch.columns, strict=True))
    arrays = [_conform(columns[field.name] if field.name in columns else columns[_NEW_NAMES[field.name]], field.type)
              for field in schema]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _conform(array: pa.Array, target: pa.DataType) -> pa.Array:
    """``array`` as ``target`` (the same type with the deprecated aliases of its structs added)."""
    if array.type.equals(target):
        return array
    mask = array.is_null() if array.null_count else None
    if pa.types.is_list(target):
        values = _conform(array.values, target.value_type)
        return pa.ListArray.from_arrays(array.offsets, values, type=target, mask=mask)
    if pa.types.is_struct(target):
        children = dict(zip((f.name for f in array.type), array.flatten(), strict=True))
        return pa.StructArray.from_arrays(
            [_conform(children[f.name] if f.name in children else children[_NEW_NAMES[f.name]], f.type) for f in target],
            fields=list(target), mask=mask)
    raise TypeError(f"cannot make {array.type} into {target}")
