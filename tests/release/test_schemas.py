"""schema/ and the README's table reference are derived from the models and never stale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jsec_data.core.arrow import table_schema
from jsec_data.core.models import FILE_MODELS, TABLE_MODELS, table_columns
from jsec_data.release.schemas import OTHER_RAW_FILE_MODELS, schema_documents, stale_schemas, table_reference_markdown, write_schemas

from ..conftest import ROOT


def test_schema_folder_is_up_to_date() -> None:
    assert stale_schemas(ROOT / "schema") == [], "schema/ is stale: run `jsec schema`"


def test_stale_detection_notices_an_edit(tmp_path: Path) -> None:
    write_schemas(tmp_path)
    assert stale_schemas(tmp_path) == []
    path = tmp_path / "quotations.schema.json"
    document = json.loads(path.read_text())
    document["properties"].pop("cue")
    path.write_text(json.dumps(document))
    (tmp_path / "gone.schema.json").write_text("{}")
    assert stale_schemas(tmp_path) == ["gone.schema.json", "quotations.schema.json"]


def test_every_model_has_a_schema_with_every_field_described() -> None:
    documents = {name: json.loads(text) for name, text in schema_documents().items()}
    for name, model in {**TABLE_MODELS, **FILE_MODELS, **OTHER_RAW_FILE_MODELS}.items():
        document = documents[f"{name}.schema.json"]
        assert list(document["properties"]) == list(table_columns(model))  # deprecated aliases last
        for field_name, info in table_columns(model).items():
            assert info.description, f"{name}.{field_name} has no description"


@pytest.mark.parametrize("table", list(TABLE_MODELS))
def test_arrow_schema_follows_model_column_order(table: str) -> None:
    assert table_schema(table).names == list(table_columns(TABLE_MODELS[table]))


def test_readme_table_reference_is_generated_from_the_models() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- table-reference:start -->") + len("<!-- table-reference:start -->")
    end = readme.index("<!-- table-reference:end -->")
    assert readme[start:end].strip() == table_reference_markdown().strip(), (
        "README table reference is stale: run `jsec schema --readme README.md`"
    )


@pytest.mark.parametrize("stem", ["waivers", "splits"])
def test_the_projects_waivers_and_splits_pass_their_json_schema_and_a_typo_does_not(stem: str, tmp_path: Path) -> None:
    pytest.importorskip("check_jsonschema")
    import subprocess
    import sys

    import yaml

    schema = ROOT / "schema" / f"{stem}_file.schema.json"
    real = ROOT / "raw" / f"{stem}.yaml"
    ok = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), str(real)],
                        capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    document = yaml.safe_load(real.read_text(encoding="utf-8"))
    document[f"{stem}_typo"] = document.pop(stem)
    bad = tmp_path / f"{stem}.yaml"
    bad.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    refused = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), str(bad)],
                             capture_output=True, text=True, check=False)
    assert refused.returncode == 1
