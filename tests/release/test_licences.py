"""The licence story: per article licence counts, and the whole never more permissive than its parts."""

from __future__ import annotations

from jsec_data.release.licences import LicenceSummary, croissant_licence, datapackage_licences

_NC_SA = "https://creativecommons.org/licenses/by-nc-sa/4.0/"
_BY = "https://creativecommons.org/licenses/by/4.0/"


def _mixed() -> LicenceSummary:
    return LicenceSummary({"CC-BY-NC-SA-4.0": 12, None: 5},
                          {"CC-BY-NC-SA-4.0": ["SaudiNewsNet (Mazen A. Alhagri, 2015); each article belongs to its newspaper"]})


def test_each_licence_is_counted_with_its_attribution() -> None:
    terms = _mixed().terms()
    assert "12 articles under Creative Commons Attribution-NonCommercial-ShareAlike 4.0" in terms
    assert "Mazen A. Alhagri" in terms and "5 articles, no licence stated" in terms


def test_annotations_of_share_alike_texts_carry_the_text_licence() -> None:
    terms = _mixed().terms()
    assert "except the records of articles under CC-BY-NC-SA-4.0" in terms


def test_the_whole_is_never_more_permissive_than_its_most_restrictive_part() -> None:
    summary = _mixed()
    assert summary.non_commercial and "non-commercial research and teaching only" in summary.terms()
    assert summary.hf_licence_name().startswith("publisher-terms-and-cc-by-nc-sa-4.0")
    assert croissant_licence(summary) == [_NC_SA, _BY]
    assert [entry["name"] for entry in datapackage_licences(summary)] == [
        "LicenseRef-publisher-terms", "CC-BY-NC-SA-4.0", "CC-BY-4.0"]


def test_an_open_corpus_is_not_called_non_commercial() -> None:
    summary = LicenceSummary({"CC-BY-4.0": 3}, {})
    assert not summary.non_commercial and "non-commercial" not in summary.terms()
    assert croissant_licence(summary) == _BY
