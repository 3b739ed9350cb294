"""Coreference within a document (kg_coref), on real spaCy parses.

Most tests give the component a hand-made actor table (the names an actor recogniser finds) so
that they test coreference alone; the last ones run the whole pipeline on the seed article.
"""

from __future__ import annotations

import re

import pytest

from kg.extract.coref import find_quotes, quote_spans, resolve_document
from kg.extract.table import ActorTable
from kg.lexicon import load_knowledge
from kg.model import Actor, Document, Mention

KG = ("kg_actors", "kg_coref", "kg_quotes", "kg_relations", "kg_events")


def parse(nlp, text: str):
    """The spaCy analysis of ``text`` without the project's components."""
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names if n in KG]):
        return nlp(text)


def table_for(text: str, actors: list[tuple]) -> ActorTable:
    """An ActorTable with every occurrence of each actor's surface names as name mentions.

    ``actors`` holds ``(id, name, kind, country, surfaces)``; longer surfaces win overlaps.
    """
    table = ActorTable()
    taken: list[tuple[int, int]] = []
    spans = []
    for actor_id, name, kind, country, surfaces in actors:
        table.add(Actor(actor_id, name, kind, country))
        for surface in surfaces:
            for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
                spans.append((m.start(), m.end(), actor_id))
    for start, end, actor_id in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        table.add_mention(actor_id, Mention(text[start:end], start, end, kind="name"))
    return table


def run(nlp, text: str, actors: list[tuple]):
    doc = parse(nlp, text)
    table = table_for(text, actors)
    doc._.kg_actors = table
    resolve_document(doc, table, load_knowledge())
    return doc, table


def mentions_of(table: ActorTable, actor_id: str, kind: str) -> list[tuple[str, int]]:
    return [(m.text, m.start) for m in table.get(actor_id).mentions if m.kind == kind]


def actor_at(table: ActorTable, text: str, needle: str, nth: int = 0) -> str | None:
    starts = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", text)]
    start = starts[nth]
    return table.at(start, start + len(needle))


SEED_ACTORS = [
    ("mex", "Mexico", "country", "MEX", ["Mexico", "Mexican"]),
    ("usa", "United States", "country", "USA", ["United States", "U.S.", "US", "Washington"]),
    ("ven", "Venezuela", "country", "VEN", ["Venezuela"]),
    ("claudia-sheinbaum", "Claudia Sheinbaum", "person", "MEX", ["Claudia Sheinbaum", "Sheinbaum"]),
    ("donald-trump", "Donald Trump", "person", "USA", ["Donald Trump", "Trump"]),
    ("juan-ramon-de-la-fuente", "Juan Ramon de la Fuente", "person", None, ["Juan Ramon de la Fuente"]),
    ("nicolas-maduro", "Nicolas Maduro", "person", None, ["Nicolas Maduro"]),
    ("sean-hannity", "Sean Hannity", "person", None, ["Sean Hannity"]),
    ("fox-news", "Fox News", "organization", "USA", ["Fox News"]),
    ("cartels", "drug cartels", "group", "MEX", ["drug cartels", "cartels"]),
]


@pytest.fixture(scope="module")
def seed(nlp, seed_text):
    return (seed_text, *run(nlp, seed_text, SEED_ACTORS))


def test_seed_she_is_sheinbaum_everywhere(seed):
    text, _, table = seed
    shes = [m.start() for m in re.finditer(r"\b[Ss]he\b", text)]
    assert len(shes) >= 5
    assert all(table.at(s, s + 3) == "claudia-sheinbaum" for s in shes)
    assert actor_at(table, text, "her", 0) == "claudia-sheinbaum"  # her foreign minister
    assert actor_at(table, text, "her", 1) == "claudia-sheinbaum"  # her morning press conference


def test_seed_he_said_were_running_mexico_is_trump(seed):
    text, _, table = seed
    assert actor_at(table, text, "he") == "donald-trump"
    start = text.index("he said were running")
    assert ("he", start) in mentions_of(table, "donald-trump", "pronoun")


def test_seed_its_president_is_venezuela(seed):
    text, _, table = seed
    assert actor_at(table, text, "its") == "ven"


def test_seed_definite_descriptions_are_mexico(seed):
    text, _, table = seed
    descriptions = mentions_of(table, "mex", "description")
    assert ("the nation", text.index("the nation's")) in descriptions
    assert ("that country", text.index("that country")) in descriptions


def test_seed_her_foreign_minister_is_de_la_fuente(seed):
    text, _, table = seed
    start = text.index("her foreign minister")
    assert table.at(start + 4, start + 20) == "juan-ramon-de-la-fuente"
    assert ("her foreign minister", start) in mentions_of(table, "juan-ramon-de-la-fuente", "description")


def test_seed_first_person_in_quotes_goes_to_the_speaker(seed):
    text, _, table = seed
    i_start = text.index("I asked")
    assert table.at(i_start, i_start + 1) == "claudia-sheinbaum"
    we = text.index("We've knocked")
    assert table.at(we, we + 2) == "donald-trump"


def test_quotes_and_speakers_on_the_seed(seed):
    text, doc, table = seed
    quotes = {text[s : s + 20]: speaker for s, e, speaker in find_quotes(doc, table)}
    assert quotes["Yesterday, I asked F"] == "claudia-sheinbaum"
    assert quotes["We've knocked out 97"] == "donald-trump"
    assert quotes["The cartels are runn"] == "donald-trump"  # a continued quote paragraph


def test_quote_spans_exclude_marks_and_run_over_paragraphs():
    text = 'He said: "one two" and "three\n\n"four five," she said.'
    spans = [text[s:e] for s, e in quote_spans(text)]
    assert spans == ["one two", "three", "four five,"]


def test_he_and_she_follow_gender_cues(nlp):
    text = (
        "Prime Minister Maria Lopez met President John Carter in Madrid on Monday. "
        "She said he had promised more aid."
    )
    _, table = run(
        nlp,
        text,
        [
            ("maria-lopez", "Maria Lopez", "person", None, ["Maria Lopez"]),
            ("john-carter", "John Carter", "person", None, ["John Carter"]),
        ],
    )
    assert actor_at(table, text, "She") == "maria-lopez"
    assert actor_at(table, text, "he") == "john-carter"


def test_learned_gender_keeps_pronouns_apart(nlp):
    text = (
        "Alex Morgan criticised Sam Reed on Tuesday. She said the plan would fail. "
        "Reed rejected the criticism. He said his plan was sound."
    )
    _, table = run(
        nlp,
        text,
        [
            ("alex-morgan", "Alex Morgan", "person", None, ["Alex Morgan", "Morgan"]),
            ("sam-reed", "Sam Reed", "person", None, ["Sam Reed", "Reed"]),
        ],
    )
    assert actor_at(table, text, "She") == "alex-morgan"
    assert actor_at(table, text, "He") == "sam-reed"
    assert actor_at(table, text, "his") == "sam-reed"


def test_they_goes_to_a_group_not_a_person(nlp):
    text = "The rebels attacked the town. Governor Ann Hill said they had burned the market."
    _, table = run(
        nlp,
        text,
        [
            ("rebels", "rebels", "group", None, ["rebels"]),
            ("ann-hill", "Ann Hill", "person", None, ["Ann Hill"]),
        ],
    )
    assert actor_at(table, text, "they") == "rebels"


def test_the_country_is_the_most_salient_country(nlp):
    """The subject of the previous sentence outweighs a later object."""
    text = "Mali asked France for help in 2013. The country has faced attacks by militants for years."
    _, table = run(
        nlp,
        text,
        [
            ("fra", "France", "country", "FRA", ["France"]),
            ("mli", "Mali", "country", "MLI", ["Mali"]),
        ],
    )
    start = text.index("The country")
    assert table.at(start, start + len("The country")) == "mli"
    assert mentions_of(table, "mli", "description") == [("The country", start)]


def test_the_president_is_the_holder_of_that_office(nlp):
    text = "President Emmanuel Macron met Chancellor Olaf Scholz in Berlin. The president later flew to Rome."
    _, table = run(
        nlp,
        text,
        [
            ("emmanuel-macron", "Emmanuel Macron", "person", "FRA", ["Emmanuel Macron"]),
            ("olaf-scholz", "Olaf Scholz", "person", "DEU", ["Olaf Scholz"]),
        ],
    )
    start = text.index("The president")
    assert table.at(start, start + len("The president")) == "emmanuel-macron"


def test_metonym_merges_into_its_country(nlp):
    text = "The United States imposed sanctions. Washington said more would follow."
    _, table = run(
        nlp,
        text,
        [
            ("usa", "United States", "country", "USA", ["United States"]),
            ("washington", "Washington", "location", "USA", ["Washington"]),
        ],
    )
    assert "washington" not in table
    assert actor_at(table, text, "Washington") == "usa"


def test_no_antecedent_no_mention(nlp):
    text = "It rained in the morning. They said the roads were closed."
    _, table = run(nlp, text, [("x", "Acme", "organization", None, ["Acme"])])
    assert table.get("x").mentions == []


def test_pipeline_has_coref_between_actors_and_quotes(nlp):
    names = nlp.pipe_names
    assert names.index("kg_actors") < names.index("kg_coref") < names.index("kg_quotes")


def test_seed_end_to_end_pronouns(nlp, seed_text):
    """The whole pipeline (reader, actors, coref) on the seed: "she" and "its" resolve."""
    from kg.pipeline import extract_documents
    from kg.read import prepare_document

    document = prepare_document(Document(doc_id="seed", text=seed_text))
    extraction = next(extract_documents(nlp, [document]))
    by_pronoun = {}
    for actor in extraction.actors:
        for m in actor.mentions:
            if m.kind == "pronoun":
                by_pronoun.setdefault(m.text.lower(), set()).add(actor.name)
    assert any("Sheinbaum" in name for name in by_pronoun["she"])
    assert by_pronoun["its"] == {"Venezuela"}


def test_the_controller_of_an_infinitive_binds_its(nlp):
    text = "China said it hoped Beijing would pressure North Korea to end its missile tests."
    _, table = run(
        nlp,
        text,
        [
            ("chn", "China", "country", "CHN", ["China", "Beijing"]),
            ("prk", "North Korea", "country", "PRK", ["North Korea"]),
        ],
    )
    assert actor_at(table, text, "its") == "prk"


def test_he_in_a_reported_clause_is_the_reporting_subject(nlp):
    text = (
        "Robert Mueller has not said how long the inquiry will last. "
        "Donald Trump told the Times that he did not know either."
    )
    _, table = run(
        nlp,
        text,
        [
            ("robert-mueller", "Robert Mueller", "person", "USA", ["Robert Mueller"]),
            ("donald-trump", "Donald Trump", "person", "USA", ["Donald Trump"]),
            ("nyt", "The New York Times", "organization", "USA", ["Times"]),
        ],
    )
    assert actor_at(table, text, "he") == "donald-trump"


def test_an_honorific_in_the_name_gives_the_gender(nlp):
    text = "Mrs Hutchings met the minister, Mr Clarke, on Monday. He spoke to her privately."
    _, table = run(
        nlp,
        text,
        [
            ("mrs-hutchings", "Mrs Hutchings", "person", None, ["Mrs Hutchings"]),
            ("mr-clarke", "Mr Clarke", "person", None, ["Mr Clarke"]),
        ],
    )
    assert actor_at(table, text, "He") == "mr-clarke"
    assert actor_at(table, text, "her") == "mrs-hutchings"


def test_a_description_with_a_noun_modifier_is_not_an_anaphor(nlp):
    text = "Amnesty International criticised the report. She said the human rights movement faced a crisis."
    _, table = run(
        nlp, text, [("amnesty", "Amnesty International", "organization", None, ["Amnesty International"])]
    )
    assert mentions_of(table, "amnesty", "description") == []


def test_a_quote_paragraph_without_attribution_continues_the_speaker(nlp):
    text = (
        '"We will not give up," Prime Minister Ana Costa said on Monday.\n\n'
        '"Our country has always defended its borders."\n\n'
        "Officials said the talks would resume."
    )
    actors = [("ana-costa", "Ana Costa", "person", None, ["Ana Costa"])]
    doc, table = run(nlp, text, actors)
    speakers = [speaker for _, _, speaker in find_quotes(doc, table)]
    assert speakers == ["ana-costa", "ana-costa"]
    assert actor_at(table, text, "Our") == "ana-costa"


def test_the_minister_is_the_holder_of_a_ministry(nlp):
    text = "Foreign Minister Ana Costa met reporters in Lisbon. The minister said talks would resume."
    doc, table = run(nlp, text, [("ana-costa", "Ana Costa", "person", None, ["Ana Costa"])])
    start = text.index("The minister")
    assert table.at(start, start + len("The minister")) == "ana-costa"
    from kg.extract.relations import extract_relations

    extract_relations(doc, load_knowledge())
    assert [r.title for r in table.get("ana-costa").roles] == ["Foreign Minister"]
