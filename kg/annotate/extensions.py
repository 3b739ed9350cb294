"""Custom attributes the project's spaCy components read and write on a ``Doc``."""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS = (
    "kg_document",
    "kg_actors",
    "kg_events",
    "kg_relations",
    "kg_quotes",
    "kg_claims",
    "kg_error",
)


def register_extensions() -> None:
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
