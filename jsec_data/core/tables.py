"""Table names, in a module with no imports so that ``import jsec_data`` stays cheap."""

TABLE_NAMES: tuple[str, ...] = (
    "articles",
    "entities",
    "quotations",
    "statements",
    "agreements",
    "agreement_mentions",
)
