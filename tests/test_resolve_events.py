"""Event identity within and across documents (plain model objects, no spaCy model)."""

from __future__ import annotations

from kg.model import Actor, Event, Extraction, Mention
from kg.resolve.events import event_records, merge_document_events, merge_events, same_event


def event(start, type_="THREATEN", source=("trump",), target=("cartels",), date="2026-01-09", **kw):
    return Event(
        id=f"e{start}",
        type=type_,
        trigger=Mention("x", start, start + 1),
        sentence="s",
        source=list(source),
        target=list(target),
        date=date,
        date_source=kw.pop("date_source", "published"),
        confidence=kw.pop("confidence", 0.8),
        **kw,
    )


def test_same_event_needs_type_overlap_and_compatible_dates():
    assert same_event(event(1), event(5, target=()))
    assert not same_event(event(1), event(5, type_="ASSAULT"))
    assert not same_event(event(1), event(5, source=("sheinbaum",), target=("usa",)))
    text_a = event(1, date="2026-01-08", date_source="text")
    text_b = event(5, date="2026-01-03", date_source="text")
    assert not same_event(text_a, text_b)
    assert same_event(text_a, event(5))  # a publication date does not contradict a stated one
    assert not same_event(event(1), event(5, modality="negated"))


def test_country_and_its_forces_are_one_side():
    actors = {
        "usa": Actor("usa", "United States", kind="country", country="USA"),
        "us-forces": Actor("us-forces", "U.S. forces", kind="group", country="USA", sector="MIL"),
    }
    a = event(1, type_="ASSAULT", source=("us-forces",), target=("venezuela",))
    b = event(9, type_="ASSAULT", source=("usa",), target=("venezuela",))
    assert same_event(a, b, actors) and not same_event(a, b)


def test_merge_document_events_keeps_the_most_complete_telling():
    headline = event(0, target=(), confidence=0.6)
    body = event(40, date="2026-01-08", date_source="text", confidence=0.9)
    other = event(80, type_="ASSAULT", source=("usa",), target=("venezuela",))
    merged = merge_document_events([headline, body, other])
    assert [e.type for e in merged] == ["THREATEN", "ASSAULT"]
    threat = merged[0]
    assert threat.trigger.start == 40 and [m.start for m in threat.mentions] == [0]
    assert threat.num_mentions == 2 and threat.date == "2026-01-08"
    assert headline.mentions == []  # inputs untouched


def test_merge_events_across_documents_counts_mentions_and_articles():
    a = Extraction(doc_id="a", events=[event(1), event(9, target=())])
    b = Extraction(doc_id="b", events=[event(3)])
    c = Extraction(doc_id="c", events=[event(3, date="2026-02-01")])
    merged = merge_events([a, b, c])
    threat_a, threat_b, threat_c = merged[0].events[0], merged[1].events[0], merged[2].events[0]
    assert len(merged[0].events) == 1  # the two tellings in document a became one
    assert threat_a.global_id == threat_b.global_id != threat_c.global_id
    assert (threat_a.num_mentions, threat_a.num_articles) == (3, 2)
    assert (threat_c.num_mentions, threat_c.num_articles) == (1, 1)
    assert a.events[0].global_id is None  # inputs untouched
    again = merge_events(merged)  # idempotent
    assert again[0].events[0].num_mentions == 3


def test_event_records_one_per_corpus_event():
    merged = merge_events(
        [Extraction(doc_id="a", events=[event(1)]), Extraction(doc_id="b", events=[event(2)])]
    )
    records = event_records(merged)
    assert len(records) == 1
    record = records[0]
    assert record.num_articles == 2 and record.tellings == [("a", "e1"), ("b", "e2")]


def test_events_without_participants_are_never_identified_across_documents():
    merged = merge_events([Extraction(doc_id=d, events=[event(1, source=(), target=())]) for d in "ab"])
    assert merged[0].events[0].global_id != merged[1].events[0].global_id
