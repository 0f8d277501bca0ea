"""Stage 2, one article: segmenting its text into paragraphs (title, lead, body, boilerplate) and
turning its raw files into validated table records (:func:`~jsec_data.article.stage.process_article`,
a pure function of the files and the registries).
"""

__all__ = ["checks", "segment", "stage"]
