"""Identity across documents (kg.resolve.actors), on hand-made Extractions."""

from __future__ import annotations

import copy

from kg.model import Actor, Claim, Event, Extraction, Mention, Quote, Relation, Role
from kg.resolve.actors import actor_iri_key, normalized_name, resolve_actors


def person(actor_id: str, name: str, country: str | None = None, sector: str | None = None) -> Actor:
    return Actor(actor_id, name, "person", country, sector, mentions=[Mention(name, 0, len(name))])


def country(iso3: str, name: str) -> Actor:
    return Actor(iso3.lower(), name, "country", iso3, mentions=[Mention(name, 0, len(name))])


def ids(extractions: list[Extraction]) -> list[list[tuple[str, str]]]:
    return [[(a.name, a.id) for a in e.actors] for e in extractions]


def id_of(extraction: Extraction, name_part: str) -> str:
    return next(a.id for a in extraction.actors if name_part in a.name or name_part in a.aliases)


def test_spelling_variants_titles_and_lone_surname_merge():
    docs = [
        Extraction("a", actors=[person("nicolas-maduro", "Nicolás Maduro", "VEN", "GOV")]),
        Extraction("b", actors=[person("nicolas-maduro", "Nicolas Maduro")]),
        Extraction("c", actors=[person("president-maduro", "President Maduro")]),
        Extraction("d", actors=[person("maduro", "Maduro")]),
    ]
    out = resolve_actors(docs)
    assert {a.id for e in out for a in e.actors} == {"nicolas-maduro"}
    # the cluster's country/sector fill actors that lacked them
    assert {(a.country, a.sector) for e in out for a in e.actors} == {("VEN", "GOV")}


def test_people_sharing_a_surname_stay_apart():
    docs = [
        Extraction("a", actors=[person("george-w-bush", "George W. Bush", "USA")]),
        Extraction("b", actors=[person("george-h-w-bush", "George H. W. Bush", "USA")]),
        Extraction("c", actors=[person("hillary-clinton", "Hillary Clinton", "USA")]),
        Extraction("d", actors=[person("bill-clinton", "Bill Clinton", "USA")]),
        Extraction("e", actors=[person("bush", "Bush"), person("clinton", "Clinton")]),
    ]
    out = resolve_actors(docs)
    assert len({a.id for e in out for a in e.actors}) == 6
    assert out[0].actors[0].id != out[1].actors[0].id
    assert out[2].actors[0].id != out[3].actors[0].id
    # an ambiguous lone surname is not merged into either person
    assert {a.id for a in out[4].actors}.isdisjoint({"george-w-bush", "george-h-w-bush", "bill-clinton"})


def test_a_name_without_middle_initial_merges_only_when_unambiguous():
    one = resolve_actors(
        [
            Extraction("a", actors=[person("george-w-bush", "George W. Bush", "USA")]),
            Extraction("b", actors=[person("george-bush", "George Bush", "USA")]),
        ]
    )
    assert one[0].actors[0].id == one[1].actors[0].id == "george-w-bush"
    two = resolve_actors(
        [
            Extraction("a", actors=[person("george-w-bush", "George W. Bush", "USA")]),
            Extraction("b", actors=[person("george-h-w-bush", "George H. W. Bush", "USA")]),
            Extraction("c", actors=[person("george-bush", "George Bush", "USA")]),
        ]
    )
    assert len({e.actors[0].id for e in two}) == 3


def test_same_name_different_countries_or_kinds_are_different_actors():
    docs = [
        Extraction("a", actors=[Actor("georgia", "Georgia", "country", "GEO")]),
        Extraction("b", actors=[Actor("georgia", "Georgia", "location", "USA")]),
        Extraction("c", actors=[person("ahmed-ali", "Ahmed Ali", "EGY")]),
        Extraction("d", actors=[person("ahmed-ali", "Ahmed Ali", "PAK")]),
    ]
    out = resolve_actors(docs)
    assert out[0].actors[0].id != out[1].actors[0].id
    assert out[2].actors[0].id != out[3].actors[0].id
    assert len({e.actors[0].id for e in out}) == 4


def test_countries_merge_by_iso3_whatever_the_name():
    docs = [
        Extraction("a", actors=[country("USA", "United States")]),
        Extraction("b", actors=[Actor("u-s", "U.S.", "country", "USA")]),
    ]
    out = resolve_actors(docs)
    assert out[0].actors[0].id == out[1].actors[0].id
    assert out[1].actors[0].name == out[0].actors[0].name


def test_ids_are_rewritten_everywhere():
    maduro = person("maduro", "President Maduro")
    maduro.roles = [Role("President", of="venezuela")]
    ev = Event(
        "e1",
        "COERCE",
        Mention("captured", 10, 18),
        "U.S. forces captured Maduro.",
        source=["us"],
        target=["maduro"],
        attributed_to="maduro",
        recipient=["maduro"],
    )
    doc_b = Extraction(
        "b",
        actors=[
            maduro,
            Actor("venezuela", "Venezuela", "country", "VEN"),
            Actor("us", "U.S.", "country", "USA"),
        ],
        events=[ev],
        relations=[Relation("maduro", "leaderOf", "venezuela", "President")],
        quotes=[Quote("maduro", "hello", 0, 5)],
        claims=[Claim("maduro", "hello", 0, 5)],
    )
    doc_a = Extraction(
        "a",
        actors=[
            person("nicolas-maduro", "Nicolas Maduro", "VEN"),
            country("VEN", "Venezuela"),
            country("USA", "United States"),
        ],
    )
    before = copy.deepcopy(doc_b)
    out = resolve_actors([doc_a, doc_b])
    b = out[1]
    m_id, ven, usa = id_of(out[0], "Maduro"), id_of(out[0], "Venezuela"), id_of(out[0], "United States")
    assert id_of(b, "Maduro") == m_id
    assert b.events[0].source == [usa] and b.events[0].target == [m_id]
    assert b.events[0].attributed_to == m_id and b.events[0].recipient == [m_id]
    assert (b.relations[0].subject, b.relations[0].object) == (m_id, ven)
    assert b.quotes[0].speaker == m_id and b.claims[0].speaker == m_id
    assert b.actor(m_id).roles[0].of == ven
    assert doc_b == before  # the input is not modified


def test_two_actors_of_one_document_that_are_one_person_are_merged():
    doc = Extraction(
        "a",
        actors=[
            Actor(
                "nicolas-maduro",
                "Nicolas Maduro",
                "person",
                "VEN",
                mentions=[Mention("Nicolas Maduro", 0, 14)],
            ),
            Actor("maduro", "Maduro", "person", None, mentions=[Mention("Maduro", 30, 36)]),
        ],
        relations=[Relation("maduro", "holdsRole", "nicolas-maduro")],
    )
    out = resolve_actors([doc])[0]
    assert [a.id for a in out.actors] == ["nicolas-maduro"]
    assert [(m.start, m.end) for m in out.actors[0].mentions] == [(0, 14), (30, 36)]
    assert "Maduro" in out.actors[0].aliases


def test_resolution_is_deterministic_and_order_independent_for_ids():
    docs = [
        Extraction("a", actors=[person("maduro", "Maduro")]),
        Extraction("b", actors=[person("nicolas-maduro", "Nicolás Maduro", "VEN")]),
        Extraction("c", actors=[person("nicolas-maduro", "Nicolas Maduro", "VEN")]),
    ]
    first = ids(resolve_actors(docs))
    assert first == ids(resolve_actors(copy.deepcopy(docs)))
    assert {i for row in ids(resolve_actors(list(reversed(docs)))) for _, i in row} == {
        i for row in first for _, i in row
    }


def test_error_extractions_pass_through():
    bad = Extraction("x", error="cannot read")
    out = resolve_actors([bad, Extraction("a", actors=[person("a-b", "Ann Bell")])])
    assert out[0].error == "cannot read"
    assert out[1].actors[0].id == "a-b"


def test_iri_key_is_stable_for_the_same_real_actor():
    assert actor_iri_key(person("x", "President Nicolás Maduro")) == actor_iri_key(
        person("y", "Nicolas Maduro")
    )
    assert actor_iri_key(Actor("mex", "Mexico", "country", "MEX")) == "mex"
    assert actor_iri_key(Actor("m", "United Mexican States", "country", "MEX")) == "mex"
    assert actor_iri_key(person("a", "George W. Bush")) != actor_iri_key(person("b", "George H. W. Bush"))


def test_normalized_name_drops_titles_and_accents():
    assert normalized_name("Foreign Minister Juan Ramón de la Fuente") == "juan ramon de la fuente"
    assert normalized_name("Mr. Trump's") == "trump"
    assert normalized_name("the United Nations", "organization") == "united nations"


def test_an_actor_without_country_never_bridges_two_states():
    def police(country_code):
        return Actor("police", "police", "organization", country_code, "COP")

    docs = [
        Extraction("a", actors=[police("BRA")]),
        Extraction("b", actors=[police("KEN")]),
        Extraction("c", actors=[police(None)]),
        Extraction("d", actors=[police("BRA")]),
    ]
    out = resolve_actors(docs)
    got = [e.actors[0].id for e in out]
    assert got[0] == got[3]  # Brazil's police in two documents: one actor
    assert len({got[0], got[1], got[2]}) == 3  # Brazil, Kenya and the unknown one stay apart
    keys = {actor_iri_key(e.actors[0]) for e in out}
    assert len(keys) == 3


def test_an_actor_without_country_joins_the_only_fitting_one():
    docs = [
        Extraction("a", actors=[Actor("sinaloa-cartel", "Sinaloa Cartel", "organization", "MEX", "CRM")]),
        Extraction("b", actors=[Actor("sinaloa-cartel", "the Sinaloa cartel", "group")]),
    ]
    out = resolve_actors(docs)
    assert out[0].actors[0].id == out[1].actors[0].id
    assert (out[1].actors[0].country, out[1].actors[0].sector) == ("MEX", "CRM")
    assert actor_iri_key(out[0].actors[0]) == actor_iri_key(out[1].actors[0]) == "org/mex/sinaloa-cartel"


def test_a_junior_is_not_his_father():
    docs = [
        Extraction("a", actors=[person("donald-trump", "Donald Trump", "USA")]),
        Extraction("b", actors=[person("donald-trump-jr", "Donald Trump Jr.", "USA")]),
        Extraction("c", actors=[person("trump-jr", "Trump Jr.")]),
    ]
    out = resolve_actors(docs)
    assert out[0].actors[0].id != out[1].actors[0].id
    assert out[2].actors[0].id != out[0].actors[0].id
