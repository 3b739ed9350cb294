"""Actors: spaCy entities plus the project's lexicon (first version, to be deepened)."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from kg.extract.table import ActorTable
from kg.model import Actor, Mention

KIND_OF_LABEL = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group", "LOC": "location"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "actor"


@Language.factory("kg_entity_ruler", default_config={"actor_files": [], "agent_files": []})
def make_entity_ruler(nlp: Language, name: str, actor_files: list[str], agent_files: list[str]) -> EntityRuler:
    return EntityRuler(nlp, name=name, overwrite_ents=False)


@Language.factory("kg_actors", default_config={"actor_files": [], "agent_files": []})
def make_actors(nlp: Language, name: str, actor_files: list[str], agent_files: list[str]):
    def annotate(doc: Doc) -> Doc:
        table = ActorTable()
        for ent in doc.ents:
            kind = KIND_OF_LABEL.get(ent.label_)
            if kind is None:
                continue
            table.add(Actor(id=slug(ent.text), name=ent.text, kind=kind,
                            mentions=[Mention(ent.text, ent.start_char, ent.end_char)]))
        doc._.kg_actors = table
        return doc

    return annotate


def actor_for_phrase(span, table: ActorTable, knowledge) -> str | None:
    """The actor a noun phrase names or describes ("drug cartels", "U.S. forces", "Mexican
    officials"), added to ``table`` if new; ``None`` when the phrase is not an actor."""
    return table.at(span.start_char, span.end_char)
