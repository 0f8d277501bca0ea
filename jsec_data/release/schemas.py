"""JSON Schemas and the README's table reference, derived from the models.

``schema/`` holds one ``<name>.schema.json`` per table record and per raw file
format; :func:`write_schemas` regenerates it and a test fails when it is stale.
"""

from __future__ import annotations

import json
import typing
from pathlib import Path

import pyarrow as pa
from pydantic import BaseModel

from jsec_data.core.arrow import arrow_type, table_schema, unwrap_annotation
from jsec_data.core.models import (
    DEPRECATED_ALIASES,
    DEPRECATED_UNTIL,
    FILE_MODELS,
    TABLE_MODELS,
    SplitsFile,
    deprecated_aliases,
    table_columns,
)
from jsec_data.raw.waivers import WaiversFile

#: raw/ files beside the article files and registries: the waivers and the evaluation splits.
OTHER_RAW_FILE_MODELS: dict[str, type[BaseModel]] = {"waivers_file": WaiversFile, "splits_file": SplitsFile}

SCHEMA_ID_BASE = "https://github.com/jsec-data/jsec-data/schema/"


def schema_documents() -> dict[str, str]:
    """File name -> JSON text of every schema, stable and newline-terminated."""
    documents: dict[str, str] = {}
    for name, model in {**TABLE_MODELS, **FILE_MODELS, **OTHER_RAW_FILE_MODELS}.items():
        schema = model.model_json_schema(mode="validation")
        document = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{SCHEMA_ID_BASE}{name}.schema.json",
            **schema,
        }
        documents[f"{name}.schema.json"] = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    return documents


def write_schemas(out_dir: Path | str = "schema") -> list[Path]:
    """Write every schema into ``out_dir``; remove stale ``*.schema.json`` files. Returns the paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    documents = schema_documents()
    for stale in out.glob("*.schema.json"):
        if stale.name not in documents:
            stale.unlink()
    written = []
    for file_name, text in documents.items():
        path = out / file_name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(out_dir: Path | str = "schema") -> list[str]:
    """Names of schema files that are missing, different or no longer generated."""
    out = Path(out_dir)
    documents = schema_documents()
    stale = [n for n, text in documents.items() if not (out / n).is_file() or (out / n).read_text(encoding="utf-8") != text]
    stale += [p.name for p in out.glob("*.schema.json") if p.name not in documents]
    return sorted(stale)


def _readable(data_type: pa.DataType) -> str:
    if pa.types.is_list(data_type):
        return f"list<{_readable(data_type.value_type)}>"
    if pa.types.is_struct(data_type):
        return "struct<" + ", ".join(f"{f.name}: {_readable(f.type)}" for f in data_type) + ">"
    if pa.types.is_date32(data_type):
        return "date"
    return str(data_type)


def table_schema_type(annotation: object) -> str:
    """Readable type of a model field, e.g. ``list<string>`` or ``string (nullable)``."""
    base, nullable = unwrap_annotation(annotation)
    if typing.get_origin(base) is typing.Literal:
        kind = "string: " + " \\| ".join(str(v) for v in typing.get_args(base))
    else:
        kind = _readable(arrow_type(base))
    return kind + (" (nullable)" if nullable else "")


def _aliased_places() -> list[str]:
    """Where the deprecated aliases are: tables, and struct columns as ``table.column``."""
    places = []
    for name, model in TABLE_MODELS.items():
        if deprecated_aliases(model):
            places.append(f"`{name}`")
        for column, info in model.model_fields.items():
            base, _ = unwrap_annotation(info.annotation)
            if typing.get_origin(base) is list:
                base, _ = unwrap_annotation(typing.get_args(base)[0])
            if isinstance(base, type) and issubclass(base, BaseModel) and deprecated_aliases(base):
                places.append(f"`{name}.{column}`")
    return places


def deprecated_columns_markdown() -> str:
    """The table reference's note on the deprecated column aliases (empty when there are none)."""
    if not DEPRECATED_ALIASES:
        return ""
    old = " and ".join(f"`{name}`" for name in DEPRECATED_ALIASES.values())
    new = " and ".join(f"`{name}`" for name in DEPRECATED_ALIASES)
    return (f"**Deprecated columns.** {old} are now {new} (names SQL engines such as DuckDB and PostgreSQL take unquoted: `end` is a "
            f"reserved word). Until {DEPRECATED_UNTIL} the tables also carry the old names, with the same values, "
            f"after the other columns ({', '.join(_aliased_places())}); use the new ones.\n")


def table_reference_markdown() -> str:
    """The README's table reference: every table, column, type and meaning (deprecated aliases last)."""
    lines: list[str] = [deprecated_columns_markdown()] if DEPRECATED_ALIASES else []
    for name, model in TABLE_MODELS.items():
        schema = table_schema(name)
        lines.append(f"### `{name}`\n")
        lines.append(f"{(model.__doc__ or '').strip()}\n")
        lines.append("| column | type | meaning |")
        lines.append("| --- | --- | --- |")
        for field_name, info in table_columns(model).items():
            assert schema.field(field_name) is not None
            description = (info.description or "").replace("|", "\\|").replace("\n", " ")
            lines.append(f"| `{field_name}` | {table_schema_type(info.annotation)} | {description} |")
        lines.append("")
    return "\n".join(lines)


def model_for(name: str) -> type[BaseModel]:
    """The model behind a table or raw file format name."""
    return {**TABLE_MODELS, **FILE_MODELS}[name]


README_START, README_END = "<!-- table-reference:start -->", "<!-- table-reference:end -->"


def update_readme_reference(readme: Path | str) -> bool:
    """Replace the README's table reference (between its markers); True if it changed."""
    path = Path(readme)
    text = path.read_text(encoding="utf-8")
    if README_START not in text or README_END not in text:
        raise ValueError(f"{path} has no {README_START} ... {README_END} markers")
    head, rest = text.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    updated = f"{head}{README_START}\n\n{table_reference_markdown().strip()}\n\n{README_END}{tail}"
    if updated != text:
        path.write_text(updated, encoding="utf-8")
    return updated != text


def write_issue_codes(path: Path | str) -> bool:
    """Write the issue-code page (from :data:`jsec_data.core.issues.CATALOGUE`); True if it changed."""
    from jsec_data.core.issues import issue_codes_markdown

    path = Path(path)
    text = issue_codes_markdown()
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
