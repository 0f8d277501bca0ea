"""Load the tables shipped inside the installed package (no build, no network).

>>> from jsec_data import load_quotations
>>> quotations = load_quotations()           # pyarrow.Table  # doctest: +SKIP
>>> quotations.to_pandas().head()            # needs pandas    # doctest: +SKIP

A build folder is checked against its ``manifest.json`` and ``SHA256SUMS`` the first time it is
used in a process (:func:`jsec_data.release.verify.verify_build`); a file that does not match
raises :class:`~jsec_data.release.verify.VerificationError` naming it. The check is remembered
with the size and modification time of every file, so later loads cost one ``stat`` per file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jsec_data.core.errors import UnknownTableError
from jsec_data.core.tables import TABLE_NAMES

if TYPE_CHECKING:  # pragma: no cover
    import datasets
    import pyarrow as pa
    from pydantic import BaseModel

#: Environment variable naming another build folder to load from (e.g. a fresh ``jsec build``).
DATA_DIR_ENV = "JSEC_DATA_DIR"


def data_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The build folder loaded from: ``path``, else ``$JSEC_DATA_DIR``, else the shipped one."""
    if path is not None:
        return Path(path)
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV])
    return Path(str(resources.files("jsec_data") / "dataset"))


def _table_file(name: str, path: str | os.PathLike[str] | None) -> Path:
    if name not in TABLE_NAMES:
        raise UnknownTableError(name)
    folder = data_dir(path)
    file = folder / "data" / f"{name}.parquet"
    if not file.is_file():
        raise FileNotFoundError(f"table file {file} is missing; run `jsec build` or reinstall jsec-data")
    verified(folder, [f"data/{name}.parquet"])
    return file


#: Folder (absolute) -> (size, mtime_ns) of each of its files checked so far, when it was checked.
_VERIFIED: dict[str, dict[str, tuple[int, int]]] = {}
_RECORDS = ("manifest.json", "SHA256SUMS")


def verified(folder: str | os.PathLike[str], files: Iterable[str] = ()) -> Path:
    """``folder``, once ``files`` (paths relative to it, e.g. ``data/quotations.parquet``) match its
    ``manifest.json`` and ``SHA256SUMS``, and those two agree; raises ``VerificationError`` naming what does not.

    Checked once per process while no checked file's size or modification time changes (one
    ``stat`` per file on later calls). A folder with neither record is not a build: its files
    are read unverified, with a warning. Files the build did not write do not stop a load
    (``jsec verify`` reports them).
    """
    folder, files = Path(folder), list(files)
    key = os.path.abspath(folder)  # noqa: PTH100 (a string key, not a Path)
    wanted = [*_RECORDS, *files]
    known = _VERIFIED.get(key)
    if known is not None and all(rel in known and _state(key, rel) == known[rel] for rel in wanted):
        return folder
    if known is not None and any(_state(key, rel) != known.get(rel) for rel in _RECORDS):
        known = None  # new records: everything is checked again
    if not any(os.path.lexists(os.path.join(key, rel)) for rel in _RECORDS):  # noqa: PTH118
        import warnings

        warnings.warn(f"{folder} holds neither manifest.json nor SHA256SUMS (not a jsec build folder): "
                      "its tables are read unverified", UserWarning, stacklevel=3)
        return folder
    from jsec_data.release.verify import require_verified

    result = require_verified(folder, extras=False, only=files)
    _VERIFIED[key] = {**(known or {}), **result.files}
    return folder


def _state(folder: str, rel: str) -> tuple[int, int] | None:
    try:
        status = os.stat(os.path.join(folder, rel))  # noqa: PTH116, PTH118 (one call per file and load)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def load_table(name: str, *, path: str | os.PathLike[str] | None = None) -> pa.Table:
    """One table as a ``pyarrow.Table``.

    >>> load_table("entities").column_names[:3]  # doctest: +SKIP
    ['entity_id', 'kind', 'name_en']
    """
    import pyarrow.parquet as pq

    # ParquetFile.read: the same table as pq.read_table, without importing pyarrow.dataset for one file.
    return pq.ParquetFile(_table_file(name, path)).read()


def load_articles(*, path: str | os.PathLike[str] | None = None) -> pa.Table:
    """The ``articles`` table."""
    return load_table("articles", path=path)


def load_entities(*, path: str | os.PathLike[str] | None = None) -> pa.Table:
    """The ``entities`` table."""
    return load_table("entities", path=path)


def load_quotations(*, path: str | os.PathLike[str] | None = None) -> pa.Table:
    """The ``quotations`` table."""
    return load_table("quotations", path=path)


def load_statements(*, path: str | os.PathLike[str] | None = None) -> pa.Table:
    """The ``statements`` table."""
    return load_table("statements", path=path)


def load_agreements(*, path: str | os.PathLike[str] | None = None) -> pa.Table:
    """The ``agreements`` table."""
    return load_table("agreements", path=path)


def load_agreement_mentions(*, path: str | os.PathLike[str] | None = None) -> pa.Table:
    """The ``agreement_mentions`` table."""
    return load_table("agreement_mentions", path=path)


def iter_records(name: str, *, path: str | os.PathLike[str] | None = None) -> Iterator[BaseModel]:
    """Each row of a table as a validated, frozen model instance.

    >>> next(iter_records("quotations")).speaker_ids  # doctest: +SKIP
    ['gen-nakatani']
    """
    import pyarrow.parquet as pq

    from jsec_data.core.models import TABLE_MODELS

    model = TABLE_MODELS.get(name)
    if model is None:
        raise UnknownTableError(name)
    parquet = pq.ParquetFile(_table_file(name, path))
    for batch in parquet.iter_batches(batch_size=4096):
        for row in batch.to_pylist():
            yield model.model_validate(row)


def load_hf(name: str, *, path: str | os.PathLike[str] | None = None) -> datasets.Dataset:
    """One table as a ``datasets.Dataset`` (in memory, no cache folder, no network).

    Its features are the dataset card's (:func:`jsec_data.release.card.dataset_features`), so it equals
    ``datasets.load_dataset(<build folder>, name)``: category columns (``kind``, ``mode``,
    ``reported_status`` ...) are ``ClassLabel`` (numbers; ``features["mode"].int2str(...)`` gives the
    names), dates ``date32``.
    """
    import datasets
    from datasets.table import table_cast

    from jsec_data.release.card import dataset_features

    table = load_table(name, path=path)
    features = dataset_features(name)
    # The cast load_dataset makes of the Parquet rows: category names become their ClassLabel numbers.
    table = table_cast(table, features.arrow_schema)
    info = datasets.DatasetInfo(description=f"jsec-data table {name!r}", features=features)
    return datasets.Dataset(datasets.table.InMemoryTable(table), info=info, split=datasets.Split.TRAIN)


def manifest(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The build manifest (version, row counts, checksums) of the loaded dataset."""
    file = data_dir(path) / "manifest.json"
    if not file.is_file():
        raise FileNotFoundError(f"no manifest at {file}; run `jsec build` or reinstall jsec-data")
    verified(file.parent)
    result: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    return result


def citation(path: str | os.PathLike[str] | None = None) -> str:
    """The BibTeX entry for the loaded dataset: its version and a checksum of its content.

    The checksum names exactly the tables used, so a paper can say which data it used
    even between releases. The dataset card's "Citation" section holds the same entry.

    >>> print(citation())  # doctest: +ELLIPSIS
    @misc{jsec_data_...
    """
    from jsec_data.release.card import citation as bibtex

    found = manifest(path)
    verified(data_dir(path), [f"data/{name}.parquet" for name in TABLE_NAMES])  # the checksum cited is the tables'
    return bibtex(found)
