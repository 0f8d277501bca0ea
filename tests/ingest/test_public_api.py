"""The package's public surface, and that importing it stays cheap."""

from __future__ import annotations

import subprocess
import sys

import jsec_data.ingest as ingest_package


def test_every_exported_name_resolves() -> None:
    for name in ingest_package.__all__:
        assert getattr(ingest_package, name) is not None, name
    assert sorted(dir(ingest_package)) == sorted(ingest_package.__all__)


def test_importing_loads_nothing_heavy() -> None:
    code = ("import sys, jsec_data, jsec_data.ingest; "
            "print(sorted(m for m in ('jsec_data.ingest.pipeline', 'pydantic', 'datasketch', 'numpy', 'yaml', 'pyarrow') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    code = "import sys, jsec_data; print('jsec_data.ingest' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_the_issue_codes_are_in_the_catalogue() -> None:
    from jsec_data.core.issues import CATALOGUE
    from jsec_data.ingest import INGEST_CODES

    assert all(CATALOGUE[entry.code] is entry or CATALOGUE[entry.code].code == entry.code for entry in INGEST_CODES)
    assert all(entry.code.startswith("ingest-") and entry.fix for entry in INGEST_CODES)
