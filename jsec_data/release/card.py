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

import functools
import hashlib
import json
import string
from collections import Counter
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from jsec_data.core.models import PRIMARY_KEYS
from jsec_data.core.tables import TABLE_NAMES
from jsec_data.raw.files import file_sha256
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
    """The ``datasets.Features`` of a table, derived from its Arrow schema."""
    import datasets

    from jsec_data.core.arrow import table_schema

    return datasets.Features.from_arrow_schema(table_schema(table))


def _feature_type(arrow_type: Any) -> Any:
    """A Hugging Face feature type in the card's YAML form (what ``Features._to_yaml_list`` writes)."""
    import pyarrow as pa

    if pa.types.is_list(arrow_type):
        return {"list": _feature_type(arrow_type.value_type)}
    if pa.types.is_struct(arrow_type):
        return {"struct": [{"name": f.name, **_as_feature(f.type)} for f in arrow_type]}
    names = {pa.string(): "string", pa.int32(): "int32", pa.int64(): "int64", pa.bool_(): "bool",
             pa.date32(): "date32", pa.float64(): "float64", pa.timestamp("ms"): "timestamp[ms]"}
    if arrow_type not in names:
        raise TypeError(f"no Hugging Face feature for Arrow type {arrow_type}")  # a new column type: add it here
    return names[arrow_type]


def _as_feature(arrow_type: Any) -> dict[str, Any]:
    kind = _feature_type(arrow_type)
    if isinstance(kind, str):
        return {"dtype": kind}
    if "list" in kind and isinstance(kind["list"], dict) and "struct" in kind["list"]:
        return {"list": kind["list"]["struct"]}  # a list of structs is written as a list of fields
    feature: dict[str, Any] = kind
    return feature


def feature_yaml(table: str) -> list[dict[str, Any]]:
    """The card's ``features`` list for ``table``, derived from its Arrow schema.

    Written here instead of by ``datasets`` (whose import alone took 2-3 s of every
    build); a test checks that ``datasets`` reads it back as :func:`dataset_features`.
    """
    from jsec_data.core.arrow import table_schema

    return [{"name": f.name, **_as_feature(f.type)} for f in table_schema(table)]


def card_metadata(manifest: dict[str, Any], out_dir: Path) -> dict[str, Any]:
    """The card's YAML front matter: Hub metadata, one config per table, ``dataset_info``."""
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
        "license_name": _licences(out_dir, manifest).hf_licence_name(),
        "license_link": LICENSE_NAME,
        "language": ["ar"],
        "multilinguality": ["monolingual"],
        "language_creators": ["found"],
        "annotation_creators": ["expert-generated"],
        "source_datasets": ["original"],
        "size_categories": [size_category(max(t["rows"] for t in tables.values()))],
        "task_categories": ["token-classification", "text-classification"],
        "tags": ["arabic", "news", "japan", "security", "defence", "quotation-attribution",
                 "speaker-attribution", "span-annotation", "international-agreements"],
        "configs": configs,
        "dataset_info": infos,
    }


def citation(manifest: dict[str, Any]) -> str:
    """BibTeX entry for this version (no year: nothing in a build states one)."""
    key = "jsec_data_" + manifest["version"].replace(".", "_")
    return (f"@misc{{{key},\n  title = {{{{jsec-data}}: Arabic News on Japan's Security Partnerships}},\n"
            f"  author = {{{{jsec-data developers}}}},\n  howpublished = {{\\url{{{HOMEPAGE}}}}},\n"
            f"  note = {{Dataset version {manifest['version']}, content sha256 {content_fingerprint(manifest)}}},\n"
            f"  version = {{{manifest['version']}}}\n}}")


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


def render_card(manifest: dict[str, Any], out_dir: Path, *, figure: str, evaluation: str | None = None) -> str:
    """The whole ``README.md``: YAML front matter and the researcher's documentation."""
    import yaml

    from jsec_data.release.schemas import table_reference_markdown

    metadata = yaml.safe_dump(card_metadata(manifest, out_dir), sort_keys=False, allow_unicode=True, width=1000)
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
        reference=reference, guidelines_url=GUIDELINES_URL, evaluation=evaluation, data_terms=_licences(out_dir, manifest).terms(),
        citation=citation(manifest), changelog_url=CHANGELOG_URL,
    )


@functools.cache
def _card_template() -> string.Template:
    """The card's text (``templates/card.md``, package data), with ``${name}`` fields."""
    return string.Template(resources.files("jsec_data.release").joinpath("templates").joinpath("card.md").read_text(encoding="utf-8"))


def checksum_lines(folder: Path) -> str:
    """``sha256sum`` lines for every file in ``folder`` except ``SHA256SUMS``, sorted by path."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.relative_to(folder).as_posix() != CHECKSUMS_NAME)
    return "".join(f"{file_sha256(p)}  {p.relative_to(folder).as_posix()}\n" for p in files)


def _dump_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def write_dataset_repo(out_dir: Path, manifest: dict[str, Any], *,
                       evaluation: str | None = None, draw: FigureDrawer | None = None) -> list[Path]:
    """Write the card and companion files into a build folder; returns the paths written.

    ``evaluation`` is the card's section on the extractor (Markdown, from
    :func:`jsec_data.evaluate.card_markdown`); without it the card says it was not measured.
    ``draw`` draws the figure (the build passes a :class:`~jsec_data.release.plot.FigureProcess`'s).
    """
    out_dir = Path(out_dir)
    written: list[Path] = []

    def write(name: str, text: str) -> None:
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    figure = _figure(out_dir, manifest, draw)
    if (out_dir / FIGURE_PATH).is_file():
        written.append(out_dir / FIGURE_PATH)
    write(CARD_NAME, render_card(manifest, out_dir, figure=figure, evaluation=evaluation))
    licences = _licences(out_dir, manifest)
    write(CROISSANT_NAME, _dump_json(croissant(manifest, citation=citation(manifest), licence=croissant_licence(licences))))
    write(DATAPACKAGE_NAME, _dump_json(datapackage(manifest, licences=datapackage_licences(licences))))
    write(LICENSE_NAME, _licences(out_dir, manifest).terms())
    write(CHECKSUMS_NAME, checksum_lines(out_dir))
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
