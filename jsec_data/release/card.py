"""The build folder as a Hugging Face dataset repository: card, configs and companion files.

:func:`write_dataset_repo` runs inside :func:`jsec_data.build.dataset.build_dataset`, after the
manifest and before the folder is swapped in. It writes

* ``README.md``: the dataset card; its YAML declares one config per table (``articles``
  is the default) and ``dataset_info`` with features derived from the Arrow schemas;
* ``croissant.json`` and ``datapackage.json`` (:mod:`jsec_data.release.interop`);
* ``LICENSE`` (the data terms) and, with the ``plot`` extra, ``figures/partnerships.png``;
* ``SHA256SUMS``: the checksum of every other file in the folder (``sha256sum -c`` format),
  since the manifest, written first, can only cover the Parquet files.

Everything is a function of the manifest and the tables, so two builds give the same bytes.

Stale caches: ``datasets`` keys its cache of a local folder on the card's metadata and
file patterns, not on file contents, so an unchanged card over changed Parquet files
would be served from the old cache. Each config therefore carries the table's content
hash in its ``description`` (a builder-config field that ``datasets`` hashes), so any
change of content gives new cache entries.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import string
import typing
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from jsec_data.core.models import PRIMARY_KEYS, TABLE_MODELS, table_columns
from jsec_data.core.tables import TABLE_NAMES
from jsec_data.raw.files import file_sha256
from jsec_data.raw.waivers import Waiver
from jsec_data.release import project
from jsec_data.release.interop import DESCRIPTION, HOMEPAGE, TITLE, croissant, datapackage
from jsec_data.release.licences import LicenceSummary, croissant_licence, datapackage_licences, licence_summary

#: Draws the network figure into a path: (agreements, entity names, out) -> drawn?
FigureDrawer = Callable[[list[dict[str, Any]], dict[str, str], Path], bool]

CARD_NAME = "README.md"
CROISSANT_NAME = "croissant.json"
DATAPACKAGE_NAME = "datapackage.json"
LICENSE_NAME = "LICENSE"
CHECKSUMS_NAME = "SHA256SUMS"
FIGURE_PATH = "figures/partnerships.png"
DEFAULT_CONFIG = "articles"
GUIDELINES_URL = f"{HOMEPAGE}/blob/main/docs/annotation-guidelines.md"
CHANGELOG_URL = f"{HOMEPAGE}/blob/main/CHANGELOG.md"
EXTRACTOR_DOC_URL = f"{HOMEPAGE}/blob/main/docs/extractor.md"
#: Marks the evaluation section while the extractor has not been measured (tests look for it).
EVALUATION_PLACEHOLDER = "NOT YET MEASURED"



def _licences(out_dir: Path, manifest: dict[str, Any]) -> LicenceSummary:
    return licence_summary(out_dir / manifest["tables"]["articles"]["path"])


def content_fingerprint(manifest: dict[str, Any]) -> str:
    """SHA-256 over the version and every table's checksum: changes whenever any row does."""
    lines = [f"version {manifest['version']}"]
    lines += [f"{name} {manifest['tables'][name]['sha256']}" for name in TABLE_NAMES]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def size_category(rows: int) -> str:
    """The Hub's size category for a number of examples."""
    for limit, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if rows < limit:
            return label
    return "1M<n<10M"


def dataset_features(table: str) -> Any:
    """The ``datasets.Features`` of a table as the card declares them: the Arrow schema's types, with
    each category column (a closed vocabulary: ``kind``, ``mode``, ``reported_status`` ...) a ``ClassLabel``."""
    import datasets

    return datasets.Features._from_yaml_list(feature_yaml(table))


def category_names(annotation: Any) -> list[str] | None:
    """The names of a category column (a ``Literal`` of strings, maybe optional), in the model's order; else None."""
    from jsec_data.core.arrow import unwrap_annotation

    base, _ = unwrap_annotation(annotation)
    if typing.get_origin(base) is typing.Literal and all(isinstance(arg, str) for arg in typing.get_args(base)):
        return list(typing.get_args(base))
    return None


def _feature_type(arrow_type: Any, annotation: Any) -> Any:
    """A Hugging Face feature type in the card's YAML form (what ``Features._to_yaml_list`` writes).

    ``annotation`` is the model's type of the same column: a ``Literal`` of strings becomes a
    ``class_label`` (``datasets`` turns the Parquet strings into its integers on loading).
    """
    import pyarrow as pa

    from jsec_data.core.arrow import unwrap_annotation

    base, _ = unwrap_annotation(annotation)
    if pa.types.is_list(arrow_type):
        (item,) = typing.get_args(base) or (None,)
        return {"list": _feature_type(arrow_type.value_type, item)}
    if pa.types.is_struct(arrow_type):
        fields = table_columns(base) if isinstance(base, type) and issubclass(base, BaseModel) else {}
        return {"struct": [{"name": f.name, **_as_feature(f.type, fields[f.name].annotation if f.name in fields else None)}
                           for f in arrow_type]}
    labels = category_names(annotation) if pa.types.is_string(arrow_type) else None
    if labels is not None:
        return {"class_label": {"names": {str(number): name for number, name in enumerate(labels)}}}
    names = {pa.string(): "string", pa.int32(): "int32", pa.int64(): "int64", pa.bool_(): "bool",
             pa.date32(): "date32", pa.float64(): "float64", pa.timestamp("ms"): "timestamp[ms]"}
    if arrow_type not in names:
        raise TypeError(f"no Hugging Face feature for Arrow type {arrow_type}")  # a new column type: add it here
    return names[arrow_type]


def _as_feature(arrow_type: Any, annotation: Any) -> dict[str, Any]:
    kind = _feature_type(arrow_type, annotation)
    if isinstance(kind, str) or "class_label" in kind:
        return {"dtype": kind}
    if "list" in kind and isinstance(kind["list"], dict) and "struct" in kind["list"]:
        return {"list": kind["list"]["struct"]}  # a list of structs is written as a list of fields
    feature: dict[str, Any] = kind
    return feature


def feature_yaml(table: str) -> list[dict[str, Any]]:
    """The card's ``features`` list for ``table``, derived from its Arrow schema and model.

    Written here instead of by ``datasets`` (whose import alone took 2-3 s of every
    build); a test checks that ``datasets`` reads it back and loads the tables with it.
    """
    from jsec_data.core.arrow import table_schema

    fields = table_columns(TABLE_MODELS[table])
    return [{"name": f.name, **_as_feature(f.type, fields[f.name].annotation)} for f in table_schema(table)]


def card_metadata(manifest: dict[str, Any], out_dir: Path, licences: LicenceSummary | None = None) -> dict[str, Any]:
    """The card's YAML front matter: Hub metadata, one config per table, ``dataset_info`` (``licences``: the
    articles table's summary, read from it when not given)."""
    tables = manifest["tables"]
    configs: list[dict[str, Any]] = []
    infos: list[dict[str, Any]] = []
    for name in TABLE_NAMES:
        entry = tables[name]
        config: dict[str, Any] = {"config_name": name, "data_files": [{"split": "train", "path": entry["path"]}]}
        if name == DEFAULT_CONFIG:
            config["default"] = True
        # Content hash in the config: see the module docstring (stale caches).
        config["description"] = f"jsec-data {manifest['version']} table {name}; content sha256 {entry['sha256']}"
        configs.append(config)
        arrow_bytes = entry["arrow_bytes"]  # recorded as the build wrote the table
        infos.append({
            "features": feature_yaml(name),
            "config_name": name,
            "splits": [{"name": "train", "num_bytes": arrow_bytes, "num_examples": entry["rows"]}],
            "download_size": entry["bytes"],
            "dataset_size": arrow_bytes,
        })
    return {
        "pretty_name": TITLE,
        "license": "other",
        "license_name": (_licences(out_dir, manifest) if licences is None else licences).hf_licence_name(),
        "license_link": LICENSE_NAME,
        "language": ["ar"],
        "multilinguality": ["monolingual"],
        "language_creators": ["found"],
        # The gold is made by AI-assistant annotators (see "Who are the annotators?" in the card).
        "annotations_creators": ["machine-generated"],
        "source_datasets": ["original"],
        "size_categories": [size_category(max(t["rows"] for t in tables.values()))],
        "task_categories": ["token-classification", "text-classification"],
        "tags": ["arabic", "news", "japan", "security", "defence", "quotation-attribution",
                 "speaker-attribution", "span-annotation", "international-agreements"],
        "configs": configs,
        "dataset_info": infos,
    }


def citation(manifest: dict[str, Any]) -> str:
    """BibTeX entry for this version; its year is the data's (``manifest["data_date"]``, see :func:`data_date`), if known."""
    key = "jsec_data_" + manifest["version"].replace(".", "_")
    year = str(manifest["data_date"])[:4] if manifest.get("data_date") else None
    return (f"@misc{{{key},\n  title = {{{{jsec-data}}: Arabic News on Japan's Security Partnerships}},\n"
            f"  author = {{{{{project.CREATOR}}}}},\n"
            + (f"  year = {{{year}}},\n" if year else "")
            + f"  howpublished = {{\\url{{{HOMEPAGE}}}}},\n"
            f"  note = {{Dataset version {manifest['version']}, content sha256 {content_fingerprint(manifest)}}},\n"
            f"  version = {{{manifest['version']}}}\n}}")


def data_date(out_dir: Path, manifest: dict[str, Any]) -> dt.date | None:
    """The newest date the data holds: of the articles' publication, retrieval and events, and the agreements' signatures.

    The card's citation year and Croissant's ``datePublished`` come from it, not from the
    clock, so that the same data gives the same bytes on any day. None for data without dates.
    """
    import pyarrow.parquet as pq

    articles = pq.ParquetFile(out_dir / manifest["tables"]["articles"]["path"]).read(
        columns=["published", "retrieved", "event_date"])
    agreements = pq.ParquetFile(out_dir / manifest["tables"]["agreements"]["path"]).read(columns=["signed_date"])
    dates: list[dt.date] = []
    for column in (articles.column("published"), articles.column("event_date"), agreements.column("signed_date")):
        dates.extend(value for value in column.to_pylist() if value is not None)
    dates.extend(value.date() for value in articles.column("retrieved").to_pylist() if value is not None)
    return max(dates, default=None)


def _record_data_date(out_dir: Path, manifest: dict[str, Any]) -> None:
    """Add ``data_date`` to the build's manifest (the dict and ``manifest.json``) when the build did not record it.

    The card, Croissant and ``jsec cite`` (which reads ``manifest.json``) then give the same year.
    Written before ``SHA256SUMS``, which covers the manifest as written here.
    """
    if "data_date" in manifest:
        return
    manifest["data_date"] = with_data_date(out_dir, manifest)["data_date"]
    path = out_dir / "manifest.json"
    if path.is_file():
        path.write_text(json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def with_data_date(out_dir: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    """``manifest`` with ``data_date`` (ISO, or None) added when it lacks it (a manifest read back from a build has none)."""
    if "data_date" in manifest:
        return manifest
    found = data_date(out_dir, manifest)
    return {**manifest, "data_date": found.isoformat() if found else None}


def _source_table(out_dir: Path, manifest: dict[str, Any]) -> str:
    """Where the texts come from, counted from the articles table."""
    import pyarrow.parquet as pq

    # ParquetFile.read, not read_table: read_table imports pyarrow.dataset (a tenth of a second) for one file.
    articles = pq.ParquetFile(out_dir / manifest["tables"]["articles"]["path"]).read(
        columns=["outlet", "original_agency", "translated_from", "event_date_precision"])
    lines = []
    for column, label in (("original_agency", "original agency or paper"), ("outlet", "outlet"),
                          ("translated_from", "translated from"), ("event_date_precision", "event date precision")):
        counts = Counter(value or "not stated" for value in articles.column(column).to_pylist())  # one column at a time
        listed = ", ".join(f"{value} ({n})" for value, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        lines.append(f"| {label} | {listed or '-'} |")
    return "| | articles |\n| --- | --- |\n" + "\n".join(lines)


def _figure(out_dir: Path, manifest: dict[str, Any], draw: FigureDrawer | None = None) -> str:
    """Draw the figure if possible (with ``draw``, else in this process); the card's text about it."""
    import pyarrow.parquet as pq

    from jsec_data.release.plot import draw_partnership_network, matplotlib_available

    draw = draw or draw_partnership_network

    agreements = pq.ParquetFile(out_dir / manifest["tables"]["agreements"]["path"]).read(
        columns=["agreement_id", "kind", "parties"]).to_pylist()
    entities = pq.ParquetFile(out_dir / manifest["tables"]["entities"]["path"]).read(columns=["entity_id", "name_en"]).to_pylist()
    names = {row["entity_id"]: row["name_en"] for row in entities}
    if draw(agreements, names, out_dir / FIGURE_PATH):
        return (f"![Japan's partnership network: parties as nodes, agreements as edges coloured by kind]({FIGURE_PATH})\n\n"
                "Parties are nodes, each agreement an edge between every pair of its parties, coloured by kind.")
    if not matplotlib_available():
        return ("_The figure of Japan's partnership network was not drawn: this build ran without matplotlib "
                "(install the `plot` extra, `pip install jsec-data[plot]`, and rebuild)._")
    return "_No agreement with two or more parties yet, so there is no network to draw._"


def _annotation_counts(out_dir: Path, manifest: dict[str, Any]) -> str:
    """How many articles are gold (reviewed), drafts, or not annotated, from ``articles.annotation_status``."""
    import pyarrow.parquet as pq

    statuses = Counter(pq.ParquetFile(out_dir / manifest["tables"]["articles"]["path"]).read(
        columns=["annotation_status"]).column("annotation_status").to_pylist())
    meaning = {"reviewed": "reviewed (gold)", "draft": "draft (not yet reviewed: not gold)", "none": "not annotated"}
    return "; ".join(f"{statuses[status]} {meaning[status]}" for status in ("reviewed", "draft", "none")
                     if statuses.get(status)) or "no articles"


def _waivers_section(waivers: Sequence[Waiver] | None) -> str:
    """The card's list of the warnings reviewed and waived in raw/waivers.yaml (empty when none were given)."""
    if not waivers:
        return ""
    lines = ["#### Reviewed warnings", "",
             "`jsec validate --strict` passes on the raw files with these warnings reviewed and waived "
             "(`raw/waivers.yaml`), each for the reason given:", "", "| warning | where | reason |", "| --- | --- | --- |"]
    lines += [f"| `{w.code}` | `{w.place()}` | {w.reason.replace('|', '/')} |" for w in waivers]
    return "\n".join(lines) + "\n\n"


def render_card(manifest: dict[str, Any], out_dir: Path, *, figure: str, evaluation: str | None = None,
                waivers: Sequence[Waiver] | None = None, licences: LicenceSummary | None = None) -> str:
    """The whole ``README.md``: YAML front matter and the researcher's documentation.

    ``waivers``: the reviewed warnings of raw/waivers.yaml (:func:`jsec_data.raw.waivers.read_waivers`), listed in
    the card's annotation section. ``licences``: the articles table's licence summary (read when not given).
    """
    import yaml

    from jsec_data.release.schemas import table_reference_markdown

    licences = _licences(out_dir, manifest) if licences is None else licences

    manifest = with_data_date(out_dir, manifest)
    metadata = yaml.safe_dump(card_metadata(manifest, out_dir, licences), sort_keys=False, allow_unicode=True, width=1000)
    version = manifest["version"]
    tables = manifest["tables"]
    counts = "\n".join(f"| `{name}` | {tables[name]['rows']} | `{PRIMARY_KEYS[name]}` | `{tables[name]['path']}` |"
                       for name in TABLE_NAMES)
    if evaluation is None:
        evaluation = (f"**{EVALUATION_PLACEHOLDER}.** The extractor (`jsec extract`), which drafts annotations for a "
                      "person to correct, was not evaluated against the gold annotations in this build "
                      "(`jsec evaluate` prints the figures; `jsec build --evaluate` puts them here). "
                      "Nothing in the tables is a machine prediction.")
    reference = table_reference_markdown().replace("### `", "#### `")
    articles = tables["articles"]["rows"]
    return _card_template().substitute(
        metadata=metadata, title=TITLE, description=DESCRIPTION, version=version,
        fingerprint=content_fingerprint(manifest), counts=counts, articles=articles,
        source_table=_source_table(out_dir, manifest), figure=figure, config_names="`, `".join(TABLE_NAMES),
        reference=reference, guidelines_url=GUIDELINES_URL, evaluation=evaluation, data_terms=licences.terms(),
        citation=citation(manifest), changelog_url=CHANGELOG_URL, hub_repo_id=project.HUB_REPO_ID,
        hub_url=project.hub_url(), repository=project.REPOSITORY, issues_url=project.ISSUES_URL,
        direct_uses=project.DIRECT_USES, out_of_scope_uses=project.OUT_OF_SCOPE_USES,
        curation_rationale=project.CURATION_RATIONALE, data_collection=project.DATA_COLLECTION,
        annotation_protocol=project.ANNOTATION_PROTOCOL, annotators=project.ANNOTATORS, agreement=project.AGREEMENT,
        annotation_counts=_annotation_counts(out_dir, manifest), waivers=_waivers_section(waivers),
        personal_information=project.PERSONAL_SENSITIVE_INFORMATION, data_biases=project.DATA_BIASES,
        data_limitations=project.DATA_LIMITATIONS, recommendations=project.RECOMMENDATIONS, takedown=project.TAKEDOWN,
        data_date=manifest["data_date"] or "unknown",
    )


@functools.cache
def _card_template() -> string.Template:
    """The card's text (``templates/card.md``, package data), with ``${name}`` fields."""
    return string.Template(resources.files("jsec_data.release").joinpath("templates").joinpath("card.md").read_text(encoding="utf-8"))


def checksum_lines(folder: Path, known: Mapping[str, str] | None = None) -> str:
    """``sha256sum`` lines for every file in ``folder`` except ``SHA256SUMS``, sorted by path; ``known``: the
    SHA-256 of files (by relative path) the caller has just computed, not read again."""
    known = known or {}
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    return "".join(f"{known.get(name) or file_sha256(folder / name)}  {name}\n" for name in names if name != CHECKSUMS_NAME)


def _manifest_digests(manifest: dict[str, Any]) -> dict[str, str]:
    """The SHA-256 the manifest gives of the tables and the inputs listing, by path in the output folder."""
    digests = {entry["path"]: entry["sha256"] for entry in manifest["tables"].values()}
    inputs = manifest.get("inputs")
    if isinstance(inputs, dict) and inputs.get("listing"):
        digests[inputs["listing"]] = inputs["sha256"]
    return digests


def _dump_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def write_dataset_repo(out_dir: Path, manifest: dict[str, Any], *,
                       evaluation: str | None = None, draw: FigureDrawer | None = None,
                       waivers: Sequence[Waiver] | None = None, fresh_manifest: bool = False) -> list[Path]:
    """Write the card and companion files into a build folder; returns the paths written.

    ``evaluation`` is the card's section on the extractor (Markdown, from
    :func:`jsec_data.evaluate.card_markdown`); without it the card says it was not measured.
    ``draw`` draws the figure (the build passes a :class:`~jsec_data.release.plot.FigureProcess`'s).
    ``waivers``: the reviewed warnings of the raw folder, listed in the card. ``fresh_manifest``: the manifest's
    checksums were computed from these very files by the caller (the build), so ``SHA256SUMS`` takes them.
    """
    out_dir = Path(out_dir)
    _record_data_date(out_dir, manifest)
    written: list[Path] = []

    def write(name: str, text: str) -> None:
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    figure = _figure(out_dir, manifest, draw)
    if (out_dir / FIGURE_PATH).is_file():
        written.append(out_dir / FIGURE_PATH)
    licences = _licences(out_dir, manifest)
    write(CARD_NAME, render_card(manifest, out_dir, figure=figure, evaluation=evaluation, waivers=waivers, licences=licences))
    published = dt.date.fromisoformat(manifest["data_date"]) if manifest["data_date"] else None
    write(CROISSANT_NAME, _dump_json(croissant(manifest, citation=citation(manifest), licence=croissant_licence(licences),
                                               published=published)))
    write(DATAPACKAGE_NAME, _dump_json(datapackage(manifest, licences=datapackage_licences(licences))))
    write(LICENSE_NAME, licences.terms())
    write(CHECKSUMS_NAME, checksum_lines(out_dir, _manifest_digests(manifest) if fresh_manifest else None))
    return written


def verify_checksums(folder: Path) -> list[str]:
    """Paths listed in ``SHA256SUMS`` that are missing or differ, plus files it does not list."""
    folder = Path(folder)
    listed: dict[str, str] = {}
    for line in (folder / CHECKSUMS_NAME).read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        listed[name] = digest
    problems = [name for name, digest in listed.items() if not (folder / name).is_file() or file_sha256(folder / name) != digest]
    actual = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {CHECKSUMS_NAME}
    return sorted(problems + sorted(actual - set(listed)))
