"""Actor recognition and coding with the real pipeline (kg_entity_ruler + kg_actors)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.actors import actor_for_phrase
from kg.lexicon import load_knowledge
from kg.model import Document

FIXTURES = Path(__file__).parent / "fixtures" / "dictionaries"


def annotate(nlp, text: str, published: str | None = None, dateline: str | None = None):
    doc = nlp.make_doc(text)
    doc._.kg_document = Document(doc_id="t", text=text, published=published, dateline=dateline)
    return nlp(doc)


def actors_by_mention(doc) -> dict:
    return {m.text: a for a in doc._.kg_actors for m in a.mentions}


@pytest.fixture(scope="module")
def seed_doc(nlp, seed_text):
    from conftest import SEED_TXT

    from kg.read import read_documents

    document = next(iter(read_documents([str(SEED_TXT)])))
    doc = nlp.make_doc(document.analysis_text)
    doc._.kg_document = document
    return nlp(doc)


def test_seed_people_get_country_sector_and_office(seed_doc):
    table = seed_doc._.kg_actors
    expected = {
        "claudia-sheinbaum": ("MEX", "GOV", "MEXGOV", "President", "mex"),
        "donald-trump": ("USA", "GOV", "USAGOV", "President", "usa"),
        "juan-ramon-de-la-fuente": ("MEX", "GOV", "MEXGOV", "Foreign Minister", "mex"),
        "nicolas-maduro": ("VEN", "GOV", "VENGOV", "President", "ven"),
        "sean-hannity": ("USA", "JRN", "USAJRN", "Host", "fox-news"),
    }
    for actor_id, (country, sector, code, title, of) in expected.items():
        actor = table.get(actor_id)
        assert actor is not None, actor_id
        assert (actor.kind, actor.country, actor.sector, actor.code) == ("person", country, sector, code)
        assert (actor.roles[0].title, actor.roles[0].of) == (title, of)


def test_seed_groups_are_coded_compositionally(seed_doc):
    by_text = actors_by_mention(seed_doc)
    assert (by_text["drug cartels"].code, by_text["drug cartels"].kind) == ("MEXCRM", "group")
    assert by_text["cartels"].id == by_text["drug cartels"].id
    assert (by_text["Sinaloa Cartel"].code, by_text["Sinaloa Cartel"].kind) == ("MEXCRM", "organization")
    assert (by_text["U.S. forces"].code, by_text["U.S. forces"].kind) == ("USAMIL", "organization")
    assert by_text["Mexican officials"].code == "MEXGOV"
    assert by_text["Fox News"].code == "USAJRN"
    secretary = by_text["(U.S.) Secretary of State"]
    assert (secretary.name, secretary.code, secretary.kind) == ("U.S. Secretary of State", "USAGOV", "person")


def test_seed_name_variants_land_on_one_actor(seed_doc):
    by_text = actors_by_mention(seed_doc)
    assert {by_text[n].id for n in ("Sheinbaum", "Claudia Sheinbaum")} == {"claudia-sheinbaum"}
    assert {by_text[n].id for n in ("Trump", "Donald Trump")} == {"donald-trump"}
    assert {by_text[n].id for n in ("United States", "U.S.", "US", "Washington")} == {"usa"}
    usa = seed_doc._.kg_actors.get("usa")
    assert (usa.kind, usa.name, usa.links["geonames"]) == (
        "country",
        "United States",
        "https://sws.geonames.org/6252001/",
    )
    assert by_text["Mexican"].id == "mex"  # a demonym mentions the country, it is not a new group
    text = seed_doc.text
    for actor in seed_doc._.kg_actors:
        for m in actor.mentions:
            assert text[m.start : m.end] == m.text


def test_seed_has_no_junk_actors(seed_doc):
    names = {m.text for a in seed_doc._.kg_actors for m in a.mentions} | {
        a.name for a in seed_doc._.kg_actors
    }
    assert not names & {"Writing", "State", "Reuters", "COSMO NEWS", "Templateism.com"}
    assert all(not a.name.lower().startswith("the ") for a in seed_doc._.kg_actors)


@pytest.mark.parametrize(
    ("text", "mention", "code", "kind"),
    [
        (
            "Iraq's national security advisor met the envoy on Monday.",
            "Iraq's national security advisor",
            "IRQGOV",
            "person",
        ),
        ("The Houthis fired missiles at ships in the Red Sea.", "Houthis", "YEMREB", "group"),
        (
            "Military forces of Nigeria attacked Boko Haram fighters near Maiduguri.",
            "Boko Haram",
            "NGAREB",
            "organization",
        ),
        (
            "Military forces of Nigeria attacked Boko Haram fighters near Maiduguri.",
            "Military forces",
            "NGAMIL",
            "organization",
        ),
        (
            "Mexican officials said the Jalisco cartel was behind the attack.",
            "Mexican officials",
            "MEXGOV",
            "group",
        ),
        ("Russian troops shelled the town, Ukrainian officials said.", "Russian troops", "RUSMIL", "group"),
    ],
)
def test_sentences_are_coded(nlp, text, mention, code, kind):
    actor = actors_by_mention(annotate(nlp, text))[mention]
    assert (actor.code, actor.kind) == (code, kind)


def test_international_bodies_have_no_country(nlp):
    by_text = actors_by_mention(annotate(nlp, "NATO and the United Nations condemned the strike."))
    assert (by_text["NATO"].code, by_text["NATO"].country, by_text["NATO"].sector) == ("IGONAT", None, "IGO")
    assert by_text["United Nations"].code == "IGOUNO"


def test_generic_agents_take_the_country_of_the_place(nlp):
    by_text = actors_by_mention(
        annotate(nlp, "On 3 May 2020, police fired tear gas at protesters in Lahore (Punjab).")
    )
    assert by_text["police"].code == "PAKCOP"
    assert (by_text["protesters"].code, by_text["protesters"].kind) == ("PAKOPP", "group")


def test_unidentified_gunmen_and_civilians(nlp):
    by_text = actors_by_mention(
        annotate(nlp, "Unidentified gunmen killed three villagers in Zamfara state, Nigeria.")
    )
    assert by_text["Unidentified gunmen"].sector == "UAF"
    assert by_text["villagers"].sector == "CVL"


def test_dateline_sets_the_country_of_unqualified_agents(nlp):
    doc = annotate(nlp, "Soldiers clashed with gang members on Sunday.", dateline="BOGOTA")
    by_text = actors_by_mention(doc)
    assert by_text["Soldiers"].code == "COLMIL" and by_text["gang members"].code == "COLCRM"


def test_capital_as_a_place_is_a_location_not_the_state(nlp):
    by_text = actors_by_mention(
        annotate(nlp, "Beijing warned Tokyo. Two people were hurt in Beijing on Friday.")
    )
    located = [
        a for a in annotate(nlp, "Two people were hurt in Kabul on Friday.")._.kg_actors if a.name == "Kabul"
    ]
    assert by_text["Beijing"].id == "chn"
    assert located and (located[0].kind, located[0].country) == ("location", "AFG")


def test_actor_ids_are_unique_slugs(seed_doc):
    ids = [a.id for a in seed_doc._.kg_actors]
    assert len(ids) == len(set(ids))
    assert all(i == i.lower() and " " not in i for i in ids)


def test_actor_for_phrase_adds_generic_actors(nlp):
    doc = annotate(nlp, "The army said armed men attacked the convoy.", dateline="KABUL")
    table = doc._.kg_actors
    knowledge = load_knowledge()
    army = actor_for_phrase(doc[0:2], table, knowledge)
    assert table.get(army).code == "AFGMIL"
    assert actor_for_phrase(doc[-3:-1], table, knowledge) is None  # "the convoy" is not an actor
    assert actor_for_phrase(doc[3:6], table, knowledge) == actor_for_phrase(doc[4:6], table, knowledge)


@pytest.fixture(scope="module")
def nlp_user():
    from kg.annotate import build_pipeline

    return build_pipeline(
        actor_files=(str(FIXTURES / "actors.txt"),), agent_files=(str(FIXTURES / "agents.txt"),)
    )


def test_user_actor_dictionary_codes_by_date(nlp_user):
    later = actors_by_mention(
        annotate(nlp_user, "Barack Obama met Angela Merkel in Berlin.", published="2010-06-01")
    )
    earlier = actors_by_mention(
        annotate(nlp_user, "Barack Obama met Angela Merkel in Berlin.", published="2004-06-01")
    )
    assert (later["Barack Obama"].code, later["Angela Merkel"].code) == ("USAGOV", "DEUGOV")
    assert (earlier["Barack Obama"].code, earlier["Angela Merkel"].code) == ("USAELI", "DEUELI")
    assert later["Barack Obama"].sector == "GOV" and earlier["Barack Obama"].sector == "ELI"


def test_user_agent_dictionary_codes_generic_phrases(nlp_user):
    text = "Angela Merkel spoke in Berlin. Grape pickers blocked the road in Chile."
    by_text = actors_by_mention(annotate(nlp_user, text, published="2020-01-01"))
    assert by_text["Grape pickers"].code == "CHLAGR"  # the place of their own sentence, not Berlin


@pytest.mark.shared
def test_real_phoenix_dictionaries_code_sentences():
    from conftest import require_shared

    from kg.annotate import build_pipeline

    folder = require_shared("data", "dictionaries")
    nlp = build_pipeline(
        actor_files=tuple(str(p) for p in sorted(folder.glob("Phoenix.*.actors.txt"))),
        agent_files=(str(folder / "Phoenix.agents.txt"),),
    )
    by_text = actors_by_mention(
        annotate(
            nlp, "Barack Obama met Hamid Karzai in Kabul to discuss the Taliban.", published="2010-05-12"
        )
    )
    assert by_text["Barack Obama"].code == "USAGOV"
    assert by_text["Hamid Karzai"].code.startswith("AFG")
    assert by_text["Taliban"].country == "AFG"


def test_provinces_the_model_mislabels_are_places_of_their_state(nlp):
    text = "On 6 May 2020, FARDC soldiers killed a man in Rubaya (Masisi, Nord-Kivu)."
    by_text = actors_by_mention(annotate(nlp, text))
    assert (by_text["Nord-Kivu"].kind, by_text["Nord-Kivu"].country) == ("location", "COD")
    assert by_text["FARDC soldiers"].code == "CODMIL"  # the national army, named by its acronym


def test_a_group_named_by_a_modifier_is_that_group(nlp):
    by_text = actors_by_mention(
        annotate(nlp, "On 1 May 2020, IS militants attacked a checkpoint in Anbar province.")
    )
    assert by_text["IS militants"].id == by_text["IS"].id == "islamic-state"
    troops = actors_by_mention(annotate(nlp, "NATO troops patrolled the border."))["NATO troops"]
    assert (troops.code, troops.country, troops.kind) == ("IGONAT", None, "group")


def test_names_lose_glued_scores_and_lone_initials(nlp):
    doc = annotate(nlp, "G. Kersey 63 and J. Ratcliffe 63 batted for Surrey .")
    names = {m.text for a in doc._.kg_actors for m in a.mentions}
    assert "G. Kersey" in names and not any(n.endswith("63") for n in names)


def test_office_of_an_international_body(nlp):
    doc = annotate(nlp, "U.N. Secretary-General Antonio Guterres urged restraint.")
    guterres = doc._.kg_actors.get("antonio-guterres")
    assert (guterres.country, guterres.code, guterres.roles[0].of) == (None, "IGOUNO", "united-nations")


def test_generic_mention_keeps_hedges_and_participles(nlp):
    doc = annotate(nlp, "Mexico sent alleged high-level cartel operatives to the United States.")
    operatives = actors_by_mention(doc)["alleged high-level cartel operatives"]
    assert operatives.name == "high-level cartel operatives"  # the hedge is not part of the name
    assert operatives.sector == "CRM"


def test_unknown_raiders_and_armed_groups_are_unidentified_attackers(nlp):
    by_text = actors_by_mention(
        annotate(nlp, "Unknown raiders and an unknown armed group attacked a cattle camp in Jonglei.")
    )
    assert by_text["Unknown raiders"].sector == "UAF"
    assert by_text["unknown armed group"].sector == "UAF"


def test_agents_take_the_broadest_place_of_their_sentence(nlp):
    doc = annotate(nlp, "On 2 May 2020, police raided a house in Barangay Capihan, San Rafael, Bulacan.")
    assert actors_by_mention(doc)["police"].country == "PHL"  # not San Rafael, Argentina
    doc = annotate(
        nlp,
        "Regime forces shelled the village of Sfuhen in the southern countryside of Idleb. "
        "Russian drones were seen over the area. Russia denied it. Russia said nothing.",
    )
    assert actors_by_mention(doc)["Regime forces"].country == "SYR"


def test_the_state_of_an_office_is_an_actor_even_when_unnamed(nlp):
    doc = annotate(nlp, "President Donald Trump spoke to reporters on Monday.")
    table = doc._.kg_actors
    [role] = actors_by_mention(doc)["Donald Trump"].roles
    owner = table.get(role.of)  # the text never names the United States
    assert owner is not None and (owner.kind, owner.country, owner.mentions) == ("country", "USA", [])


def test_a_us_state_is_not_a_foreign_city():
    knowledge = load_knowledge()
    assert knowledge.place_country("Virginia") == "USA"
    assert knowledge.place_country("Georgia") == "GEO"  # the country wins over the state
