"""``events.csv``: one row per event, with GDELT-like columns."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import IO, Any

from kg.export.atomic import write_to
from kg.graph import iris
from kg.model import Extraction

EVENT_COLUMNS = [
    "event_id",
    "date",
    "date_source",
    "source_name",
    "source_code",
    "source_country",
    "source_id",
    "type",
    "mode",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "target_name",
    "target_code",
    "target_country",
    "target_id",
    "location",
    "location_country",
    "lat",
    "lon",
    "modality",
    "attributed_to",
    "num_mentions",
    "confidence",
    "trigger",
    "sentence",
    "doc_id",
    "published",
    "source_url",
    "event_iri",
]


def _join(values) -> str:
    return "; ".join(str(v) for v in values if v not in (None, ""))


def _side(actors: dict, ids: list[str], attr: str) -> str:
    """Names, codes or countries of the actors of one side of an event, joined."""
    return _join(getattr(actors[i], attr) if i in actors else (i if attr == "name" else None) for i in ids)


def event_rows(extractions: Sequence[Extraction]):
    """Dicts with :data:`EVENT_COLUMNS` keys, one per event, in document order."""
    for x in extractions:
        if x.error is not None:
            continue
        actors = {a.id: a for a in x.actors}

        for ev in x.events:
            loc = ev.location
            speaker = actors.get(ev.attributed_to) if ev.attributed_to else None
            yield {
                "event_id": f"{x.doc_id}:{ev.id}",
                "date": ev.date,
                "date_source": ev.date_source,
                "source_name": _side(actors, ev.source, "name"),
                "source_code": _side(actors, ev.source, "code"),
                "source_country": _side(actors, ev.source, "country"),
                "source_id": _join(ev.source),
                "type": ev.type,
                "mode": ev.mode,
                "cameo": ev.cameo,
                "cameo_root": ev.cameo[:2] if ev.cameo else None,
                "quad_class": ev.quad_class,
                "goldstein": ev.goldstein,
                "target_name": _side(actors, ev.target, "name"),
                "target_code": _side(actors, ev.target, "code"),
                "target_country": _side(actors, ev.target, "country"),
                "target_id": _join(ev.target),
                "location": loc.name if loc else None,
                "location_country": loc.country if loc else None,
                "lat": loc.lat if loc else None,
                "lon": loc.lon if loc else None,
                "modality": ev.modality,
                "attributed_to": speaker.name if speaker else ev.attributed_to,
                "num_mentions": 1 + len(ev.mentions),
                "confidence": ev.confidence,
                "trigger": ev.trigger.text,
                "sentence": ev.sentence,
                "doc_id": x.doc_id,
                "published": x.published,
                "source_url": x.url,
                "event_iri": str(iris.event_iri(x.doc_id, ev.id)),
            }


def write_events_csv(extractions: Sequence[Extraction], path_or_file) -> None:
    """Write one CSV row per event (header :data:`EVENT_COLUMNS`; empty cells for missing values).

    Examples
    --------
    >>> import io
    >>> from kg.model import Extraction, Actor, Event, Mention
    >>> x = Extraction(doc_id="d1", actors=[Actor("usa", "United States", "country", "USA", code="USA"),
    ...                Actor("ven", "Venezuela", "country", "VEN", code="VEN")],
    ...                events=[Event("e1", "ASSAULT", Mention("attacked", 10, 18), "They attacked.",
    ...                        cameo="190", quad_class=4, goldstein=-10.0, source=["usa"], target=["ven"])])
    >>> out = io.StringIO(); write_events_csv([x], out)
    >>> out.getvalue().splitlines()[1].split(",")[:8]
    ['d1:e1', '', '', 'United States', 'USA', 'USA', 'usa', 'ASSAULT']
    """

    def write(handle: IO[Any]) -> None:
        writer = csv.DictWriter(handle, fieldnames=EVENT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in event_rows(extractions):
            writer.writerow({k: "" if v is None else v for k, v in row.items()})

    write_to(path_or_file, write)


def read_events_csv(path_or_file):
    """Read ``events.csv`` into a pandas DataFrame."""
    import pandas as pd

    return pd.read_csv(path_or_file, dtype={"cameo": str, "cameo_root": str, "event_id": str, "doc_id": str})
