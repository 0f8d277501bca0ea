"""The silver folder's dataset card: its own Hugging Face configs, and what the rows are (machine drafts).

The card declares one config per table: ``silver`` (the articles, the default) and
``silver_<table>`` for the others, each with a single ``train`` split over the table's shards,
so that the silver layer loads apart from the gold configs (:func:`silver_configs` gives the same
configs with a path prefix, for a repository that holds gold and silver side by side).

The precision of the drafts is not measured here: :func:`silver_card` copies it from the JSON that
``jsec evaluate --split test --format json`` prints (the gold test split), or
says that it was not measured; it never makes a figure up.
"""

from __future__ import annotations

import json
import os
from typing import Any

import yaml

from jsec_data.core.errors import UsageError
from jsec_data.extract import extractor_version
from jsec_data.silver.schema import PROPOSAL_TABLES, SILVER_TABLES

__all__ = ["PRECISION_BEGIN", "PRECISION_END", "config_name", "precision_section", "read_evaluation", "silver_card",
           "silver_configs"]

#: Markers around the precision section (so that a later run, or a person, can find and replace it).
PRECISION_BEGIN = "<!-- silver-precision: begin (filled from `jsec evaluate --format json`; never by hand) -->"
PRECISION_END = "<!-- silver-precision: end -->"
_LAYERS = ("quotations", "statements", "agreement_mentions")


def config_name(table: str) -> str:
    """``silver`` for the articles, ``silver_<table>`` for the others."""
    return "silver" if table == "articles" else f"silver_{table}"


def silver_configs(summary: dict[str, Any], prefix: str = "") -> list[dict[str, Any]]:
    """The Hugging Face ``configs`` entries of the silver tables (paths under ``prefix``, e.g. ``silver/``).

    A table without rows gets no config (``datasets`` refuses a split with no data); its
    Parquet file is there all the same, for pyarrow, DuckDB or Polars.
    """
    configs = []
    for table in SILVER_TABLES:
        entry = summary["tables"][table]
        if not entry["rows"]:
            continue
        config: dict[str, Any] = {"config_name": config_name(table),
                                  "data_files": [{"split": "train", "path": f"{prefix}data/{table}/*.parquet"}]}
        # The tables' checksums in the description: ``datasets`` caches a local folder by its card and
        # file names, and hashes this field, so a rebuilt folder is not served from a stale cache.
        config["description"] = (f"jsec-data silver (machine drafts) table {table}; extractor "
                                 f"{summary['extractor_version']}; content sha256 {entry['sha256']}")
        configs.append(config)
    return configs


def read_evaluation(path: str | os.PathLike[str]) -> tuple[dict[str, Any], list[str]]:
    """The JSON that ``jsec evaluate --format json`` printed, and warnings on what it measured.

    Raises :class:`UsageError` for a file that is not such JSON. A figure of the dev split (tuned
    on), of no split, with the whole registry, or of another drafter would overstate or misstate
    the drafts' precision: each is a warning (the card names the split and the drafter anyway).
    """
    where = f"--evaluation {os.fspath(path)!r}"
    try:
        with open(path, encoding="utf-8") as file:
            evaluation = json.load(file)
    except (OSError, ValueError) as exc:
        raise UsageError(f"{where}: cannot read it as JSON ({exc})") from exc
    if not isinstance(evaluation, dict):
        raise UsageError(f"{where}: not the JSON object `jsec evaluate --format json` prints")
    warnings = []
    split = evaluation.get("split")
    if split != "test":
        warnings.append(f"{where} was measured on {'split ' + repr(split) if split else 'no split'}, not the held-back "
                        "test split: run `jsec evaluate --split test --format json`")
    elif evaluation.get("registry") == "full":
        warnings.append(f"{where} gave the drafter the whole registry (--full-registry): its speaker figures are "
                        "optimistic")
    if evaluation.get("extractor_version") != extractor_version():
        warnings.append(f"{where} measured another drafter ({evaluation.get('extractor_version') or 'not stated'}); "
                        f"this one is {extractor_version()}")
    return evaluation, warnings


def precision_section(evaluation: dict[str, Any] | None, drafted_by: str | None = None) -> str:
    """The card's precision paragraph: the figures of an evaluation, or "not measured yet".

    ``drafted_by`` is the extractor version that drafted the rows; an evaluation of another
    version is shown with a warning that it measured a different drafter.
    """
    if not evaluation:
        return ("**Precision on the gold test split: not measured yet.** Give the output of "
                "`jsec evaluate --split test --format json` to `jsec silver --evaluation FILE`.")
    lines = []
    split = evaluation.get("split")
    articles = evaluation.get("articles")
    count = len(articles) if isinstance(articles, list) else articles
    where = f"the gold `{split}` split" if split else "the gold articles the evaluation names (its split is not stated in it)"
    lines.append(f"Measured by `jsec evaluate` on {where}" + (f", {count} articles" if count is not None else "")
                 + (f", span overlap threshold {evaluation['threshold']}" if "threshold" in evaluation else "") + ":")
    lines.append("")
    lines.append("| layer | precision | recall | F1 | exact-span precision | predicted | gold |")
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for layer in _LAYERS:
        figures = evaluation.get(layer)
        if not isinstance(figures, dict):
            continue
        cells = [_cell(figures.get(name)) for name in ("precision", "recall", "f1", "exact_precision", "predicted", "gold")]
        lines.append(f"| `{layer}` | " + " | ".join(cells) + " |")
    measured = evaluation.get("extractor_version")
    if drafted_by is not None and measured != drafted_by:
        lines.append("")
        lines.append(f"**These figures measured another drafter** (extractor `{measured or 'not stated'}`), not the one "
                     f"that drafted these rows (`{drafted_by}`): measure again with this version.")
    elif measured:
        lines.append("")
        lines.append(f"Measured with the extractor that drafted these rows (`{measured}`).")
    if isinstance(evaluation.get("split_description"), str):
        lines.append("")
        lines.append(f"The `{split}` split, as the gold's `splits.yaml` describes it: {evaluation['split_description']}")
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "-" if value is None else str(value)


def _table_row(summary: dict[str, Any], table: str) -> str:
    entry = summary["tables"][table]
    config = f"`{config_name(table)}`" if entry["rows"] else "(none: no rows)"
    return f"| {config} | {table} | {entry['rows']:,} | {len(entry['shards'])} | `data/{table}/*.parquet` |"


def silver_card(summary: dict[str, Any], evaluation: dict[str, Any] | None = None) -> str:
    """The README.md of a silver folder."""
    licence = summary["licence"]
    metadata = {
        "pretty_name": "jsec-data silver: machine-drafted annotations of a news corpus",
        "license": "other",
        "license_name": licence,
        "language": ["ar"],
        "annotations_creators": ["machine-generated"],
        "language_creators": ["found"],
        "task_categories": ["token-classification", "text-classification"],
        "tags": ["arabic", "news", "silver", "machine-generated", "quotation-attribution", "japan", "security"],
        "configs": silver_configs(summary),
    }
    counts = summary["counts"]
    rows = "\n".join(_table_row(summary, t) for t in SILVER_TABLES)
    proposals = ", ".join(f"`{t}`" for t in PROPOSAL_TABLES)
    threshold = ("not applied: every record kept" if summary["keep_all"] else f"minimum score {summary['min_score']}")
    return f"""---
{yaml.safe_dump(metadata, allow_unicode=True, sort_keys=False, width=1000)}---

# jsec-data silver: machine drafts over a whole corpus

**Every row here was made by a machine and checked by no one.** The tables have the schemas of the
gold tables of jsec-data (the same columns, types and offsets into `articles.text`), and two more
columns mark each row: `origin` (always `machine`) and `extractor_version`
(`{summary['extractor_version']}`). The gold tables are annotated by AI assistants in two independent
passes, adjudicated and reviewed; these are the rule-based extractor's drafts (`jsec extract`) over
every kept article of the corpus: use them for search, triage and rough counts, never as ground
truth, and never mixed with gold figures without saying so.

## Precision of the drafts

{PRECISION_BEGIN}
{precision_section(evaluation, summary['extractor_version'])}
{PRECISION_END}

## What was read and kept

{counts['read']:,} records read from {len(summary['inputs'])} file(s); {counts['rejected']:,} rejected
(no text, bad encoding, too large: listed in `issues.jsonl`), {counts['off_topic']:,} off-topic
(the relevance filter of `jsec ingest`, {threshold}),
{counts['repeated']:,} repeated ids, {counts['duplicates']:,} exact duplicates and {counts['near_copies']:,}
near-copies (recorded on the kept article's `near_copies`), **{counts['kept']:,} articles kept and drafted**.
The texts are normalised as `jsec ingest` stores them. Licence of the texts: `{licence}`; the drafts quote
the texts, so this folder as a whole is offered under the same terms.

| config | table | rows | shards | files |
| --- | --- | ---: | ---: | --- |
{rows}

A table without rows has no config (`datasets` cannot load an empty split); its file is there
for pyarrow, DuckDB and Polars.

The proposal tables ({proposals}) hold what the drafts name that the registry given to the run lacks,
one row per id over all articles, with `article_count` and `first_article_id`; ids that are not there
are the registry's (the gold `entities` and `agreements` tables).

## Loading

```python
from datasets import load_dataset

articles = load_dataset("path/to/silver", "silver", split="train")
quotations = load_dataset("path/to/silver", "silver_quotations", split="train")
```

`summary.json` lists every shard with its row count and SHA-256 (`SHA256SUMS` every file), the
options of the run and the counts; the same inputs and options give the same bytes, whatever
ran the pass.
"""
