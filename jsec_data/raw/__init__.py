"""Stage 1, reading ``raw/``: finding the article, annotation and metadata files, reading their
bytes safely, parsing YAML/JSON with the position of every value, and the registries
(``entities.yaml``, ``agreements.yaml``).

Every reader returns data plus located :class:`~jsec_data.core.issues.Issue` records; nothing raises
for bad input.
"""

__all__ = ["blockyaml", "files", "yamlfiles"]
