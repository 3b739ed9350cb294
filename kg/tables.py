"""Flat pandas tables of a set of extractions, for notebooks and ``KnowledgeGraph``."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from kg.model import Extraction


def _names(extraction: Extraction) -> dict[str, str]:
    return {actor.id: actor.name for actor in extraction.actors}


def actors_table(extractions: Sequence[Extraction]) -> pd.DataFrame:
    """One row per actor id: name, kind, country, sector, code, documents and mention counts."""
    rows: dict[str, dict] = {}
    for extraction in extractions:
        for actor in extraction.actors:
            row = rows.setdefault(
                actor.id,
                {
                    "id": actor.id,
                    "name": actor.name,
                    "kind": actor.kind,
                    "country": actor.country,
                    "sector": actor.sector,
                    "code": actor.code,
                    "roles": "; ".join(r.title for r in actor.roles),
                    "documents": 0,
                    "mentions": 0,
                },
            )
            row["documents"] += 1
            row["mentions"] += len(actor.mentions)
    columns = ["id", "name", "kind", "country", "sector", "code", "roles", "documents", "mentions"]
    return pd.DataFrame(list(rows.values()), columns=columns)


def events_table(extractions: Sequence[Extraction]) -> pd.DataFrame:
    """One row per event, with source and target names joined by ``; ``."""
    rows = []
    for extraction in extractions:
        names = _names(extraction)
        for event in extraction.events:
            rows.append(
                {
                    "doc_id": extraction.doc_id,
                    "event_id": event.id,
                    "date": event.date,
                    "source": "; ".join(event.source),
                    "source_name": "; ".join(names.get(a, a) for a in event.source),
                    "type": event.type,
                    "mode": event.mode,
                    "cameo": event.cameo,
                    "quad_class": event.quad_class,
                    "goldstein": event.goldstein,
                    "target": "; ".join(event.target),
                    "target_name": "; ".join(names.get(a, a) for a in event.target),
                    "modality": event.modality,
                    "location": event.location.name if event.location else None,
                    "trigger": event.trigger.text,
                    "sentence": event.sentence,
                    "confidence": event.confidence,
                }
            )
    columns = [
        "doc_id",
        "event_id",
        "date",
        "source",
        "source_name",
        "type",
        "mode",
        "cameo",
        "quad_class",
        "goldstein",
        "target",
        "target_name",
        "modality",
        "location",
        "trigger",
        "sentence",
        "confidence",
    ]
    return pd.DataFrame(rows, columns=columns)


def relations_table(extractions: Sequence[Extraction]) -> pd.DataFrame:
    """One row per relation: subject, predicate, object (ids and names), role, evidence."""
    rows = []
    for extraction in extractions:
        names = _names(extraction)
        for rel in extraction.relations:
            rows.append(
                {
                    "doc_id": extraction.doc_id,
                    "subject": rel.subject,
                    "subject_name": names.get(rel.subject),
                    "predicate": rel.predicate,
                    "object": rel.object,
                    "object_name": names.get(rel.object),
                    "role": rel.role,
                    "evidence": rel.evidence.text if rel.evidence else None,
                }
            )
    columns = ["doc_id", "subject", "subject_name", "predicate", "object", "object_name", "role", "evidence"]
    return pd.DataFrame(rows, columns=columns)
