"""Per-document extraction: spaCy components that fill ``Doc._.kg_*``, and ``to_extraction``."""

from kg.extract import actors, coref, events, quotes, relations  # noqa: F401  (register factories)
from kg.extract.assemble import to_extraction

__all__ = ["to_extraction"]
