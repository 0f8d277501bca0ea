"""The project's places are set once (jsec_data/release/project.py) and repeated consistently."""

from __future__ import annotations

import sys

import yaml

import jsec_data
from jsec_data.release import project

from ..conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_pyproject_urls_are_the_projects_places() -> None:
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert urls["Homepage"] == urls["Repository"] == project.REPOSITORY
    assert urls["Issues"] == project.ISSUES_URL
    assert urls["Dataset"] == project.hub_url()
    assert all(url.startswith(project.REPOSITORY) for name, url in urls.items() if name != "Dataset")
    for name in ("Documentation", "Changelog"):  # point at files of this repository
        assert (ROOT / urls[name].split("/blob/main/", 1)[1]).is_file(), name


def test_citation_cff_names_this_version_and_the_projects_places() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert {"cff-version", "message", "title", "authors"} <= set(cff) and cff["cff-version"] == "1.2.0"
    assert str(cff["version"]) == jsec_data.__version__
    assert cff["repository-code"] == project.REPOSITORY and cff["url"] == project.hub_url()
    assert cff["authors"] == [{"name": project.CREATOR}] and cff["type"] == "dataset"


def test_the_hub_repository_id_is_one_jsec_publish_accepts() -> None:
    from jsec_data.release.publish import REPO_ID_PATTERN

    assert REPO_ID_PATTERN.match(project.HUB_REPO_ID)
