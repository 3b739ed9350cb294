"""Direct quotes, their speakers, and attributed claims (kg.extract.quotes) on real parses."""

from __future__ import annotations

import pytest

from kg.extract.quotes import find_segments, quote_at
from kg.model import Document, Quote


def _extract(nlp, text: str, doc_id: str = "t"):
    from kg.pipeline import extract_documents
    from kg.read import prepare_document

    document = prepare_document(Document(doc_id=doc_id, text=text, published="2026-01-09"))
    return next(extract_documents(nlp, [document]))


def _speaker_name(extraction, actor_id):
    actor = extraction.actor(actor_id) if actor_id else None
    return actor.name if actor else None


@pytest.fixture(scope="module")
def seed(nlp, seed_text):
    return _extract(nlp, seed_text, "seed")


def test_segments_exclude_quote_marks_straight_and_curly():
    text = 'He said "we will win" and \u201cthey will lose\u201d today.'
    segments = find_segments(text)
    assert [text[s.start : s.end] for s in segments] == ["we will win", "they will lose"]


def test_multi_paragraph_quote_segments():
    text = (
        '"The first paragraph of a long statement goes on\n\n'
        '"and the second one closes it," the minister said.\n\n'
        "Unquoted text."
    )
    first, second = find_segments(text)
    assert not first.closed and second.opens_paragraph and second.closed
    assert text[second.start : second.end] == "and the second one closes it"


def test_quote_broken_over_a_paragraph_without_a_new_opening_mark():
    text = '"He wanted to look like a prime minister. I\n\nwanted a real fight," says Mr Major. Then "fizz".'
    segments = find_segments(text)
    assert [text[s.start : s.end] for s in segments] == [
        "He wanted to look like a prime minister. I",
        "wanted a real fight",
        "fizz",
    ]


def test_inch_marks_are_not_quotes():
    assert find_segments('A 12" pipe was found.') == []


def test_seed_quotes_and_speakers(seed):
    text = seed_text_of(seed)
    expected = [
        ("Yesterday, I asked Foreign Minister", "Sheinbaum"),
        ("We've knocked out 97%", "Trump"),
        ("The cartels are running Mexico", "Trump"),
    ]
    assert len(seed.quotes) == 3
    for quote, (start, speaker) in zip(seed.quotes, expected, strict=True):
        assert quote.text.startswith(start)
        assert text[quote.start : quote.end] == quote.text
        assert speaker in _speaker_name(seed, quote.speaker)
    # the Trump quote is his, not the Fox News host's
    assert "Hannity" not in _speaker_name(seed, seed.quotes[1].speaker)
    # quotation marks are excluded
    assert not seed.quotes[0].text.startswith('"') and not seed.quotes[0].text.endswith(",")


def seed_text_of(extraction):
    from pathlib import Path

    return (
        Path(__file__).resolve().parent.parent / "examples" / "reuters-2026-01-09-sheinbaum.txt"
    ).read_text(encoding="utf-8")


def test_seed_claims_are_attributed(seed):
    text = seed_text_of(seed)
    claims = {(c.text, c.quoted): _speaker_name(seed, c.speaker) for c in seed.claims}
    assert "Trump" in claims[("The cartels are running Mexico", True)]
    assert "Trump" in claims[("We've knocked out 97% of the drugs coming in by water", True)]
    assert (
        "Sheinbaum" in claims[("homicides have fallen by 40% since she took office in October 2024", False)]
    )
    reported = [c for c in seed.claims if not c.quoted and c.text.startswith("drug cartels")]
    assert reported and "Trump" in _speaker_name(seed, reported[0].speaker)
    tasked = [c for c in seed.claims if not c.quoted and c.text.startswith("she has tasked")]
    assert tasked and "Sheinbaum" in _speaker_name(seed, tasked[0].speaker)
    for claim in seed.claims:
        assert text[claim.start : claim.end] == claim.text


def test_claims_are_not_events(seed):
    triggers = {e.trigger.text.lower() for e in seed.events}
    assert "running" not in triggers


def test_first_person_inside_quote_is_a_mention_of_the_speaker(seed):
    quote = seed.quotes[0]
    speaker = seed.actor(quote.speaker)
    inside = [m for m in speaker.mentions if quote.start <= m.start < quote.end]
    assert any(m.text == "I" for m in inside)


def test_said_inversion_and_reporting_clause_before(nlp):
    ext = _extract(nlp, '"We will not surrender to anyone at all," said Vladimir Putin.')
    assert "Putin" in _speaker_name(ext, ext.quotes[0].speaker)
    ext = _extract(nlp, 'Angela Merkel told reporters: "Europe must take its fate into its own hands."')
    assert "Merkel" in _speaker_name(ext, ext.quotes[0].speaker)


def test_multi_paragraph_quote_keeps_the_speaker(nlp):
    text = (
        'Boris Johnson said: "We will get Brexit done by the end of January and then we move on.\n\n'
        '"The country wants this chapter closed, and we will close it."\n\n'
        "Opposition leaders rejected the plan."
    )
    ext = _extract(nlp, text)
    assert len(ext.quotes) == 2
    assert all("Johnson" in _speaker_name(ext, q.speaker) for q in ext.quotes)
    assert ext.quotes[1].text.startswith("The country wants")
    assert all(text[q.start : q.end] == q.text for q in ext.quotes)


def test_scare_quotes_are_not_quotes(nlp):
    ext = _extract(nlp, 'The move is a "red line" for the government in Mexico City.')
    assert ext.quotes == []


def test_quote_at_finds_the_quote_containing_an_offset():
    quotes = [Quote("a", "first words", 10, 21), Quote("b", "second words", 40, 52)]
    assert quote_at(quotes, 10).speaker == "a"
    assert quote_at(quotes, 45).speaker == "b"
    assert quote_at(quotes, 21) is None
    assert quote_at([], 3) is None
