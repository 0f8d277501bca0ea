"""Stage 4, the release: the dataset card (a template with the build's figures), Croissant and
Data Package metadata, the partnership figure, the JSON Schemas and README table reference, and
publishing to the Hugging Face Hub.
"""

__all__ = ["card", "interop", "plot", "publish", "schemas", "verify"]
