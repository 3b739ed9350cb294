"""Relations: first version, to be deepened."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("kg_relations", default_config={"actor_files": [], "agent_files": []})
def make_relations(nlp: Language, name: str, actor_files: list[str], agent_files: list[str]):
    def annotate(doc: Doc) -> Doc:
        doc._.kg_relations = []
        return doc

    return annotate
