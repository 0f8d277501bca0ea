"""Arrow schemas derived from the Pydantic table models (never written by hand)."""

from __future__ import annotations

import datetime as dt
import types
import typing
from functools import cache
from typing import Any

import pyarrow as pa
from pydantic import BaseModel

from jsec_data.core.models import TABLE_MODELS


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


def arrow_type(annotation: Any) -> pa.DataType:
    """The Arrow type for a (non-null) Python annotation."""
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
        return pa.list_(arrow_type(item))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct(model_fields(annotation))
    raise TypeError(f"no Arrow type for {annotation!r}")


def model_fields(model: type[BaseModel]) -> list[pa.Field]:
    """Arrow fields for a model's fields, in declaration order, with descriptions."""
    fields = []
    for name, info in model.model_fields.items():
        _, nullable = unwrap_annotation(info.annotation)
        metadata = {b"description": info.description.encode()} if info.description else None
        fields.append(pa.field(name, arrow_type(info.annotation), nullable=nullable, metadata=metadata))
    return fields


@cache
def table_schema(name: str) -> pa.Schema:
    """The Arrow schema of a table.

    >>> table_schema("quotations").field("speaker_ids").type
    ListType(list<item: string>)
    """
    model = TABLE_MODELS[name]
    return pa.schema(model_fields(model), metadata={b"jsec_data.table": name.encode()})
