"""Event identity: the same event told more than once becomes one event.

Two levels, like GDELT's events and mentions:

- **Within a document** (``merge_document_events``, run by the ``kg_events`` component): the
  headline "Trump threatens land attacks on cartels", the body "Trump threatened land strikes on
  drug cartels" and the quote "we are going to start now hitting land" (read as a threat) are one
  event. Two events are the same when they have the same type, their sides do not contradict each
  other (each side either overlaps or is unknown on one of them, and at least one side overlaps),
  they have the same modality, and they do not carry two different dates read from the text.
  The most complete telling is kept; the others are listed in ``Event.mentions`` and
  ``Event.num_mentions`` counts all tellings.
- **Across documents** (``merge_events``, run by ``kg.resolve.resolve`` after actor identity):
  events with the same type, source set, target set and date are one corpus event. Each copy keeps
  its document (provenance stays exact) and gets the same ``Event.global_id``; ``num_mentions``
  becomes the total number of tellings in the corpus and ``num_articles`` the number of documents.
  ``event_records`` returns one ``EventRecord`` per corpus event for graph builders and CSV
  exports (GDELT-like rows).
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kg.model import Actor, Event, Extraction, Mention


def _actor_keys(actor_id: str, actors: Mapping[str, Actor]) -> set[str]:
    """Ids an actor is interchangeable with for merging: itself, and for a country its code
    shared with the country's own organs ("U.S." and "U.S. forces")."""
    keys = {actor_id}
    actor = actors.get(actor_id)
    state_organ = actor is not None and (actor.kind == "country" or actor.sector in ("GOV", "MIL"))
    if state_organ and actor.country:
        keys.add(f"country:{actor.country}")
    return keys


def _side_overlap(a: list[str], b: list[str], actors: Mapping[str, Actor]) -> bool | None:
    """True when the sides share an actor, False when both are known and disjoint, None when one
    is unknown."""
    if not a or not b:
        return None
    keys_a = set().union(*(_actor_keys(x, actors) for x in a))
    keys_b = set().union(*(_actor_keys(x, actors) for x in b))
    return bool(keys_a & keys_b)


def same_event(a: Event, b: Event, actors: Mapping[str, Actor] | None = None) -> bool:
    """Whether ``a`` and ``b`` (from one document) tell the same event.

    Parameters
    ----------
    a, b : Event
    actors : mapping of actor id to Actor, optional
        The document's actors, so that a country and its government or forces count as one side.

    Returns
    -------
    bool
    """
    actors = actors or {}
    if a.type != b.type or a.modality != b.modality:
        return False
    if a.date_source == "text" and b.date_source == "text" and a.date != b.date:
        return False
    sides = (_side_overlap(a.source, b.source, actors), _side_overlap(a.target, b.target, actors))
    return False not in sides and True in sides


def _completeness(event: Event) -> tuple:
    sides = bool(event.source) + bool(event.target)
    return (sides, event.confidence, event.date_source == "text", -event.trigger.start)


def _absorb(keep: Event, other: Event) -> None:
    keep.mentions.append(Mention(other.trigger.text, other.trigger.start, other.trigger.end))
    keep.mentions.extend(other.mentions)
    for side in ("source", "target", "recipient"):
        mine = getattr(keep, side)
        mine.extend(a for a in getattr(other, side) if a not in mine and a not in keep.source)
    if keep.date_source != "text" and other.date_source == "text":
        keep.date, keep.date_source = other.date, other.date_source
    if keep.location is None:
        keep.location = other.location
    keep.mentions.sort(key=lambda m: m.start)


def merge_document_events(events: Sequence[Event], actors: Mapping[str, Actor] | None = None) -> list[Event]:
    """Merge the tellings of the same event within one document.

    Parameters
    ----------
    events : sequence of Event
        The events of one document; they are not modified.
    actors : mapping of actor id to Actor, optional

    Returns
    -------
    list of Event
        One event per distinct event, the most complete telling first chosen as representative,
        with the others in ``mentions`` and ``num_mentions`` counting all tellings; text order.
    """
    pending = sorted((copy.deepcopy(e) for e in events), key=_completeness, reverse=True)
    merged: list[Event] = []
    for event in pending:
        keep = next((m for m in merged if same_event(m, event, actors)), None)
        if keep is None:
            merged.append(event)
        else:
            _absorb(keep, event)
    for event in merged:
        event.num_mentions = 1 + len(event.mentions)
    return sorted(merged, key=lambda e: e.trigger.start)


def corpus_key(event: Event) -> tuple | None:
    """The identity of an event across documents: type, sources, targets, date; None when the
    event has no participant at all (too vague to be identified with another)."""
    if not event.source and not event.target:
        return None
    return (event.type, tuple(sorted(event.source)), tuple(sorted(event.target)), event.date)


def _global_id(key: tuple) -> str:
    return "ev-" + hashlib.sha1(repr(key).encode("utf-8")).hexdigest()[:12]


def merge_events(extractions: Sequence[Extraction]) -> list[Extraction]:
    """Merge events within each document, then identify events across documents.

    Parameters
    ----------
    extractions : sequence of Extraction
        After actor identity (``resolve_actors``), so that actor ids are corpus-wide.

    Returns
    -------
    list of Extraction
        New extractions (inputs untouched) whose events carry ``global_id``, ``num_mentions``
        (tellings in the whole corpus) and ``num_articles`` (documents telling the event).
    """
    result = []
    for extraction in extractions:
        copy_ = copy.deepcopy(extraction)
        if copy_.error is None:
            copy_.events = merge_document_events(copy_.events, {a.id: a for a in copy_.actors})
        result.append(copy_)
    groups: dict[tuple, list[tuple[Extraction, Event]]] = {}
    for extraction in result:
        for event in extraction.events:
            key = corpus_key(event) or (extraction.doc_id, event.id, event.trigger.start)
            groups.setdefault(key, []).append((extraction, event))
    for key, members in groups.items():
        mentions = sum(1 + len(e.mentions) for _, e in members)
        articles = len({x.doc_id for x, _ in members})
        for _, event in members:
            event.global_id = _global_id(key)
            event.num_mentions, event.num_articles = mentions, articles
    return result


@dataclass
class EventRecord:
    """One corpus event: what the graph builder and the events CSV need (GDELT-like)."""

    global_id: str
    type: str
    cameo: str | None
    quad_class: int
    goldstein: float
    source: list[str]
    target: list[str]
    date: str | None
    num_mentions: int
    num_articles: int
    tellings: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, event id)


def event_records(extractions: Sequence[Extraction]) -> list[EventRecord]:
    """One record per corpus event, from extractions that went through ``merge_events``.

    Parameters
    ----------
    extractions : sequence of Extraction

    Returns
    -------
    list of EventRecord
        In order of first appearance.
    """
    records: dict[str, EventRecord] = {}
    for extraction in extractions:
        for event in extraction.events:
            gid = event.global_id or _global_id((extraction.doc_id, event.id))
            record = records.get(gid)
            if record is None:
                record = records[gid] = EventRecord(
                    gid,
                    event.type,
                    event.cameo,
                    event.quad_class,
                    event.goldstein,
                    list(event.source),
                    list(event.target),
                    event.date,
                    event.num_mentions,
                    event.num_articles,
                )
            record.tellings.append((extraction.doc_id, event.id))
    return list(records.values())
