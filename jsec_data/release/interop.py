"""Metadata for other ecosystems, derived from the models: Croissant and a Frictionless Data Package.

Both describe the Parquet files of one build folder, take their checksums and row
counts from its manifest, and are written beside it by :func:`jsec_data.release.card.write_dataset_repo`.
Neither needs ``mlcroissant`` or ``frictionless`` to be generated (only to be validated).
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import Any

from pydantic import BaseModel

from jsec_data.core.arrow import unwrap_annotation
from jsec_data.core.models import PRIMARY_KEYS, TABLE_MODELS, table_columns
from jsec_data.release import project

DATASET_NAME = "jsec-data"
TITLE = "jsec-data: Arabic news on Japan's security partnerships"
DESCRIPTION = (
    "A curated, structured corpus of Arabic news reporting on Japan's security and defence partnerships: "
    "articles, reported statements, direct quotations with their speakers, agreements and their mentions, "
    "and the entities they refer to. Every span is a pair of Unicode code-point offsets into articles.text."
)
HOMEPAGE = project.REPOSITORY
ANNOTATION_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
PARQUET_MEDIA_TYPE = "application/vnd.apache.parquet"
#: What Croissant readers (mlcroissant, the Hub) recognise as Parquet.
CROISSANT_PARQUET_FORMAT = "application/x-parquet"
#: Columns whose name is not another table's primary key but which refer to one anyway.
EXTRA_REFERENCES: dict[tuple[str, str], str] = {("entities", "affiliation_id"): "entities"}

#: The JSON-LD context of Croissant 1.1 (as published with the specification).
CROISSANT_CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}


def foreign_keys(table: str) -> dict[str, str]:
    """Scalar column -> referenced table, for one table.

    A column named like another table's primary key refers to that table; list
    columns (``speaker_ids``, ``parties``) are left out because neither format can
    declare a foreign key on a list.

    >>> foreign_keys("quotations")
    {'article_id': 'articles', 'statement_id': 'statements'}
    """
    owner = {key: name for name, key in PRIMARY_KEYS.items()}
    result: dict[str, str] = {}
    for column, info in TABLE_MODELS[table].model_fields.items():
        base, _ = unwrap_annotation(info.annotation)
        if typing.get_origin(base) is list:
            continue
        target = EXTRA_REFERENCES.get((table, column)) or owner.get(column)
        if target is not None and not (target == table and column == PRIMARY_KEYS[table]):
            result[column] = target
    return result


# ------------------------------------------------------------------------ Croissant


def _croissant_type(annotation: Any) -> str:
    if annotation is bool:
        return "sc:Boolean"
    if annotation is int:
        return "sc:Integer"
    if annotation is float:
        return "sc:Float"
    if annotation is dt.date:
        return "sc:Date"
    if annotation is dt.datetime:
        return "sc:DateTime"
    return "sc:Text"  # str and Literal


def _croissant_field(record_set: str, file_id: str, column: str, info: Any, parent: str | None = None) -> dict[str, Any]:
    base, _ = unwrap_annotation(info.annotation)
    is_array = typing.get_origin(base) is list
    if is_array:
        (base,) = typing.get_args(base)
        base, _ = unwrap_annotation(base)
    field_id = f"{record_set}/{parent}/{column}" if parent else f"{record_set}/{column}"
    field: dict[str, Any] = {"@type": "cr:Field", "@id": field_id, "name": column,
                             "description": info.description or ""}
    if isinstance(base, type) and issubclass(base, BaseModel):
        field["subField"] = [_croissant_field(record_set, file_id, name, sub, column)
                             for name, sub in table_columns(base).items()]
    else:
        field["dataType"] = _croissant_type(base)
    if is_array:
        field["isArray"] = True
        field["arrayShape"] = "-1"
    if parent is None:
        field["source"] = {"fileObject": {"@id": file_id}, "extract": {"column": column}}
    else:  # a member of a struct column: its parent's column, then the member by name
        field["source"] = {"fileObject": {"@id": file_id}, "extract": {"column": parent},
                           "transform": {"jsonPath": column}}
    return field


def croissant(manifest: dict[str, Any], *, citation: str | None = None,
              licence: str | list[str] = ANNOTATION_LICENSE_URL, published: dt.date | None = None) -> dict[str, Any]:
    """The Croissant 1.1 JSON-LD document of a build, one RecordSet per table, with the RAI properties.

    ``published``: the ``datePublished`` (the newest date the data holds, :func:`jsec_data.release.card.data_date`;
    never the build's clock, so two builds give the same bytes).
    """
    distribution: list[dict[str, Any]] = []
    record_sets: list[dict[str, Any]] = []
    for table, model in TABLE_MODELS.items():
        entry = manifest["tables"][table]
        file_id = f"{table}-parquet"
        distribution.append({
            "@type": "cr:FileObject",
            "@id": file_id,
            "name": file_id,
            "description": f"The {table} table ({entry['rows']} rows).",
            "contentUrl": entry["path"],
            "contentSize": f"{entry['bytes']} B",
            "encodingFormat": CROISSANT_PARQUET_FORMAT,
            "sha256": entry["sha256"],
        })
        fields = [_croissant_field(table, file_id, name, info) for name, info in table_columns(model).items()]
        references = foreign_keys(table)
        for field in fields:
            target = references.get(field["name"])
            # A self-reference (entities.affiliation_id) would make a cycle in the
            # readers' operation graph; the Data Package still declares it.
            if target is not None and target != table:
                field["references"] = {"field": {"@id": f"{target}/{PRIMARY_KEYS[target]}"}}
        record_sets.append({
            "@type": "cr:RecordSet",
            "@id": table,
            "name": table,
            "description": (model.__doc__ or "").strip(),
            "key": {"@id": f"{table}/{PRIMARY_KEYS[table]}"},
            "field": fields,
        })
    document: dict[str, Any] = {
        "@context": CROISSANT_CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.1",
        "name": DATASET_NAME,
        "alternateName": TITLE,
        "description": DESCRIPTION,
        "url": HOMEPAGE,
        "version": manifest["version"],
        "license": licence,
        "creator": {"@type": "sc:Organization", "name": project.CREATOR, "url": project.REPOSITORY},
        "inLanguage": "ar",
        "keywords": ["Arabic", "news", "Japan", "security", "quotations", "speaker attribution"],
        # Responsible AI (Croissant RAI 1.0): the datasheet of jsec_data.release.project.
        "rai:dataCollection": project.DATA_COLLECTION,
        "rai:dataCollectionType": ["Manual Human Curation", "Secondary Data Analysis"],
        "rai:dataAnnotationProtocol": project.ANNOTATION_PROTOCOL,
        "rai:dataAnnotationPlatform": ["Text files in the repository (YAML), checked by `jsec validate` and `jsec build`"],
        "rai:annotatorDemographics": [project.ANNOTATORS],
        "rai:machineAnnotationTools": ["AI assistants (large language model sessions) annotating under the guidelines",
                                       "jsec extract (rule-based drafter; drafts only)"],
        "rai:dataBiases": project.DATA_BIASES,
        "rai:dataLimitations": project.DATA_LIMITATIONS,
        "rai:dataUseCases": project.DIRECT_USES,
        "rai:personalSensitiveInformation": project.PERSONAL_SENSITIVE_INFORMATION,
        "rai:dataReleaseMaintenancePlan": project.TAKEDOWN,
        "distribution": distribution,
        "recordSet": record_sets,
    }
    if published is not None:
        document["datePublished"] = published.isoformat()
    if citation:
        document["citeAs"] = citation
    return document


# ---------------------------------------------------------------- Frictionless


def _table_schema_field(column: str, info: Any) -> dict[str, Any]:
    base, nullable = unwrap_annotation(info.annotation)
    field: dict[str, Any] = {"name": column, "description": info.description or ""}
    constraints: dict[str, Any] = {}
    if typing.get_origin(base) is list:
        # frictionless reads Parquet through pandas, where a list cell is a numpy array
        # that its "array" type rejects; "any" validates, the description says what it holds.
        field["type"] = "any"
        field["description"] = f"{field['description']} (a list: {_readable_list(base)})".lstrip()
    elif isinstance(base, type) and issubclass(base, BaseModel):
        field["type"] = "object"
    elif typing.get_origin(base) is typing.Literal:
        field["type"] = "string"
        constraints["enum"] = list(typing.get_args(base))
    else:
        field["type"] = {bool: "boolean", int: "integer", float: "number", dt.date: "date",
                         dt.datetime: "datetime"}.get(base, "string")
    for item in info.metadata:  # pydantic keeps Field(pattern=..., ge=...) here
        pattern = getattr(item, "pattern", None)
        if pattern is not None and field["type"] == "string":
            constraints["pattern"] = pattern.removeprefix("^").removesuffix("$")
        if getattr(item, "ge", None) is not None and field["type"] == "integer":
            constraints["minimum"] = item.ge
    if not nullable:
        constraints["required"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def _readable_list(annotation: Any) -> str:
    (item,) = typing.get_args(annotation)
    item, _ = unwrap_annotation(item)
    if isinstance(item, type) and issubclass(item, BaseModel):
        return "objects with " + ", ".join(table_columns(item))
    return "strings" if item is str or typing.get_origin(item) is typing.Literal else getattr(item, "__name__", str(item))


def datapackage(manifest: dict[str, Any], *, licences: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The Frictionless Data Package (v1 descriptors) of a build, with primary and foreign keys."""
    resources: list[dict[str, Any]] = []
    for table, model in TABLE_MODELS.items():
        entry = manifest["tables"][table]
        schema: dict[str, Any] = {
            "fields": [_table_schema_field(name, info) for name, info in table_columns(model).items()],
            "primaryKey": [PRIMARY_KEYS[table]],
        }
        keys = [{"fields": [column], "reference": {"resource": target, "fields": [PRIMARY_KEYS[target]]}}
                for column, target in foreign_keys(table).items()]
        if keys:
            schema["foreignKeys"] = keys
        resources.append({
            "name": table,
            "title": table,
            "description": (model.__doc__ or "").strip(),
            "path": entry["path"],
            "format": "parquet",
            "mediatype": PARQUET_MEDIA_TYPE,
            # From the manifest. frictionless (5.x) neither hashes nor counts a Parquet source, so it
            # reports "byte-count" for every such resource: validate with skip_errors=["byte-count"].
            "bytes": entry["bytes"],
            "hash": f"sha256:{entry['sha256']}",
            "schema": schema,
        })
    return {
        "name": DATASET_NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "version": manifest["version"],
        "homepage": HOMEPAGE,
        "contributors": [{"title": project.CREATOR, "path": project.REPOSITORY, "role": "author"}],
        "licenses": licences or [{"name": "CC-BY-4.0", "path": ANNOTATION_LICENSE_URL,
                                  "title": "Creative Commons Attribution 4.0 (annotations; news texts: see LICENSE)"}],
        "keywords": ["Arabic", "news", "Japan", "security", "quotations"],
        "resources": resources,
    }
