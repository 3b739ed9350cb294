"""Events: first version, to be deepened."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("kg_events")
def make_events(nlp: Language, name: str):
    def annotate(doc: Doc) -> Doc:
        doc._.kg_events = []
        return doc

    return annotate
