"""Relations and offices read from titles (kg_relations), on real spaCy parses.

The actor table is hand-made (see ``test_coref.table_for``) so that these tests check the
relation rules; the seed's end-to-end numbers are checked with the whole pipeline at the end.
"""

from __future__ import annotations

from test_coref import SEED_ACTORS, parse, run, table_for

from kg.extract.relations import extract_relations, find_titles, iso_prefix, load_titles
from kg.lexicon import load_knowledge
from kg.model import Document


def relations_of(nlp, text: str, actors: list[tuple]):
    doc, table = run(nlp, text, actors)
    return extract_relations(doc, load_knowledge()), table


def triples(relations) -> set[tuple]:
    return {(r.subject, r.predicate, r.object, r.role) for r in relations}


def test_seed_offices(nlp, seed_text):
    relations, table = relations_of(nlp, seed_text, SEED_ACTORS)
    found = triples(relations)
    assert ("claudia-sheinbaum", "holdsRole", "mex", "President") in found
    assert ("claudia-sheinbaum", "leaderOf", "mex", "President") in found
    assert ("juan-ramon-de-la-fuente", "holdsRole", "mex", "Foreign Minister") in found
    assert ("juan-ramon-de-la-fuente", "memberOf", "mex", "government") in found
    assert ("nicolas-maduro", "holdsRole", "ven", "President") in found
    assert ("nicolas-maduro", "leaderOf", "ven", "President") in found
    assert ("sean-hannity", "affiliatedWith", "fox-news", "host") in found
    assert ("donald-trump", "holdsRole", "usa", "President") in found  # Trump is USA in the table


def test_seed_roles_give_country_sector_code_and_since(nlp, seed_text):
    _, table = relations_of(nlp, seed_text, SEED_ACTORS)
    maduro = table.get("nicolas-maduro")
    assert (maduro.country, maduro.sector, maduro.code) == ("VEN", "GOV", "VENGOV")
    fuente = table.get("juan-ramon-de-la-fuente")
    assert (fuente.country, fuente.sector, fuente.code) == ("MEX", "GOV", "MEXGOV")
    hannity = table.get("sean-hannity")
    assert (hannity.country, hannity.sector, hannity.code) == ("USA", "JRN", "USAJRN")
    sheinbaum = table.get("claudia-sheinbaum")
    president = next(r for r in sheinbaum.roles if r.title == "President")
    assert (president.of, president.since) == ("mex", "2024-10")


def test_evidence_offsets_point_into_the_text(nlp, seed_text):
    relations, _ = relations_of(nlp, seed_text, SEED_ACTORS)
    assert relations
    for rel in relations:
        ev = rel.evidence
        assert seed_text[ev.start : ev.end] == ev.text
    spans = {r.evidence.text for r in relations}
    assert "Mexico's President Claudia Sheinbaum" in spans
    assert "Fox News host Sean Hannity" in spans
    assert "its president, Nicolas Maduro" in spans


def test_demonym_owner_and_apposition_after_the_name(nlp):
    text = (
        "Mexican Foreign Minister Alicia Barcena met Antony Blinken, the U.S. secretary of state, "
        "and Annalena Baerbock, Germany's foreign minister, in Rome."
    )
    actors = [
        ("mex", "Mexico", "country", "MEX", ["Mexican"]),
        ("usa", "United States", "country", "USA", ["U.S."]),
        ("deu", "Germany", "country", "DEU", ["Germany"]),
        ("alicia-barcena", "Alicia Barcena", "person", None, ["Alicia Barcena"]),
        ("antony-blinken", "Antony Blinken", "person", None, ["Antony Blinken"]),
        ("annalena-baerbock", "Annalena Baerbock", "person", None, ["Annalena Baerbock"]),
    ]
    relations, table = relations_of(nlp, text, actors)
    found = triples(relations)
    assert ("alicia-barcena", "holdsRole", "mex", "Foreign Minister") in found
    assert ("antony-blinken", "holdsRole", "usa", "Secretary of State") in found
    assert ("annalena-baerbock", "holdsRole", "deu", "Foreign Minister") in found
    assert table.get("annalena-baerbock").code == "DEUGOV"


def test_of_phrase_before_the_name(nlp):
    text = "The president of Brazil, Luiz Inacio Lula da Silva, spoke on Monday."
    actors = [
        ("bra", "Brazil", "country", "BRA", ["Brazil"]),
        ("lula", "Luiz Inacio Lula da Silva", "person", None, ["Luiz Inacio Lula da Silva"]),
    ]
    relations, _ = relations_of(nlp, text, actors)
    assert ("lula", "leaderOf", "bra", "President") in triples(relations)


def test_former_office_is_not_a_current_role(nlp):
    text = "Former President Barack Obama spoke in Chicago on Monday."
    actors = [
        ("usa", "United States", "country", "USA", []),
        ("barack-obama", "Barack Obama", "person", "USA", ["Barack Obama"]),
    ]
    relations, table = relations_of(nlp, text, actors)
    assert relations == []
    assert table.get("barack-obama").roles == []


def test_title_without_known_country_has_no_office_owner(nlp):
    text = "President Jane Doe spoke on Monday."
    relations, table = relations_of(nlp, text, [("jane-doe", "Jane Doe", "person", None, ["Jane Doe"])])
    assert relations == []
    assert [(r.title, r.of) for r in table.get("jane-doe").roles] == [("President", None)]
    assert table.get("jane-doe").sector == "GOV"


def test_a_verb_is_not_a_title(nlp):
    text = "Qatar will host Ali Khan and other envoys next week."
    actors = [
        ("qat", "Qatar", "country", "QAT", ["Qatar"]),
        ("ali-khan", "Ali Khan", "person", None, ["Ali Khan"]),
    ]
    doc = parse(nlp, text)
    assert find_titles(doc, table_for(text, actors), load_knowledge()) == []


def test_titles_are_data():
    titles = load_titles()
    assert titles[("foreign", "minister")].title == "Foreign Minister"
    assert titles[("president",)].type == "leader"
    assert titles[("host",)].sector == "JRN"


def test_since_keeps_the_precision_written():
    assert iso_prefix("October 2024", None) == "2024-10"
    assert iso_prefix("2019", None) == "2019"
    assert iso_prefix("9 May 2020", None) == "2020-05-09"


def test_seed_end_to_end_relations(nlp, seed_text):
    """The whole pipeline on the seed: offices of Sheinbaum, Maduro and Hannity."""
    from kg.model import Document
    from kg.pipeline import extract_documents
    from kg.read import prepare_document

    document = prepare_document(Document(doc_id="seed", text=seed_text))
    extraction = next(extract_documents(nlp, [document]))
    names = {a.id: a.name for a in extraction.actors}
    found = {(names[r.subject], r.predicate, names[r.object], r.role) for r in extraction.relations}
    assert ("Claudia Sheinbaum", "leaderOf", "Mexico", "President") in found
    assert ("Nicolas Maduro", "leaderOf", "Venezuela", "President") in found
    assert ("Sean Hannity", "affiliatedWith", "Fox News", "host") in found


def test_deputy_is_another_office_and_a_party_is_an_affiliation(nlp):
    text = (
        "Deputy Attorney General Rod Rosenstein met Republican Senator David Perdue of Georgia in Washington."
    )
    actors = [
        ("usa", "United States", "country", "USA", ["Washington"]),
        ("rod-rosenstein", "Rod Rosenstein", "person", "USA", ["Rod Rosenstein"]),
        ("david-perdue", "David Perdue", "person", "USA", ["David Perdue"]),
        ("republican-party", "Republican Party", "organization", "USA", ["Republican"]),
    ]
    relations, table = relations_of(nlp, text, actors)
    found = triples(relations)
    assert [r.title for r in table.get("rod-rosenstein").roles] == ["Deputy Attorney General"]
    assert ("rod-rosenstein", "holdsRole", "usa", "Deputy Attorney General") in found
    assert ("david-perdue", "affiliatedWith", "republican-party", None) in found
    assert ("david-perdue", "holdsRole", "usa", "Senator") in found
    assert [(r.title, r.of) for r in table.get("david-perdue").roles] == [("Senator", "usa")]


def test_an_office_of_a_province_belongs_to_the_province(nlp):
    text = "Alabama Secretary of State John Merrill certified the result on Thursday."
    actors = [
        ("usa", "United States", "country", "USA", []),
        ("alabama", "Alabama", "location", "USA", ["Alabama"]),
        ("john-merrill", "John Merrill", "person", None, ["John Merrill"]),
    ]
    relations, table = relations_of(nlp, text, actors)
    assert triples(relations) == {
        ("john-merrill", "holdsRole", "alabama", "Secretary of State"),
        ("alabama", "locatedIn", "usa", None),
    }
    assert table.get("john-merrill").country == "USA"


def test_spokesman_for_an_organisation_and_places_in_their_state(nlp):
    text = "Steve Gaut, a spokesman for UPS, spoke in Atlanta, where the United States has offices."
    actors = [
        ("usa", "United States", "country", "USA", ["United States"]),
        ("ups", "UPS", "organization", "USA", ["UPS"]),
        ("atlanta", "Atlanta", "location", "USA", ["Atlanta"]),
        ("steve-gaut", "Steve Gaut", "person", None, ["Steve Gaut"]),
    ]
    relations, _ = relations_of(nlp, text, actors)
    found = triples(relations)
    assert ("steve-gaut", "affiliatedWith", "ups", "Spokesman") in found
    assert ("atlanta", "locatedIn", "usa", None) in found


def test_leaders_of_states_and_of_parties(nlp):
    text = (
        "Palestinian leader Mahmoud Abbas met Labour leader Ed Miliband. "
        "The Labour leader said the talks went well."
    )
    actors = [
        ("pse", "Palestine", "country", "PSE", ["Palestinian"]),
        ("labour", "Labour Party", "organization", "GBR", ["Labour"]),
        ("mahmoud-abbas", "Mahmoud Abbas", "person", None, ["Mahmoud Abbas"]),
        ("ed-miliband", "Ed Miliband", "person", None, ["Ed Miliband"]),
    ]
    relations, table = relations_of(nlp, text, actors)
    found = triples(relations)
    assert ("mahmoud-abbas", "leaderOf", "pse", "Leader") in found
    assert ("ed-miliband", "leaderOf", "labour", "Leader") in found
    assert table.get("mahmoud-abbas").code == "PSEGOV"


def test_since_is_read_against_the_publication_date(nlp):
    text = "President Lena Berg, who took office in January, visited Oslo on Monday."
    doc, table = run(nlp, text, [("lena-berg", "Lena Berg", "person", None, ["Lena Berg"])])
    doc._.kg_document = Document(doc_id="x", text=text, published="2025-03-14")
    extract_relations(doc, load_knowledge())
    assert [(r.title, r.since) for r in table.get("lena-berg").roles] == [("President", "2025-01")]
