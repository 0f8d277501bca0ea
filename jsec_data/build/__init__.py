"""Stage 3, the tables: ``jsec build`` runs the article stage over every article (in order, on the
shared executor), writes the Parquet tables and the manifest into a temporary folder, has the
release stage write the card and companion files, and swaps the folder in only if all is valid.
"""

__all__ = ["cache", "dataset", "output", "writer"]
