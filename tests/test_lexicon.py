"""The actor knowledge (kg/lexicon) and the PETRARCH/Phoenix dictionary readers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.lexicon import Knowledge, load_knowledge
from kg.lexicon.petrarch import (
    choose_code,
    parse_code,
    parse_dict_date,
    read_actor_dictionary,
    read_agent_dictionary,
)

FIXTURES = Path(__file__).parent / "fixtures" / "dictionaries"
ACTORS = str(FIXTURES / "actors.txt")
AGENTS = str(FIXTURES / "agents.txt")


@pytest.fixture(scope="module")
def k() -> Knowledge:
    return load_knowledge()


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Mexico", "MEX"),
        ("the United States", "USA"),
        ("U.S.", "USA"),
        ("US", "USA"),
        ("USA", "USA"),
        ("Britain", "GBR"),
        ("UK", "GBR"),
        ("Mexican", "MEX"),
        ("Venezuela's", "VEN"),
        ("Washington", "USA"),
        ("the White House", "USA"),
        ("the Kremlin", "RUS"),
        ("Beijing", "CHN"),
        ("the Pentagon", "USA"),
        ("Downing Street", "GBR"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("DR Congo", "COD"),
        ("South Korean", "KOR"),
        ("Emirati", "ARE"),
        ("Burma", "MMR"),
    ],
)
def test_country_names_demonyms_and_metonyms(k, text, iso3):
    assert k.country(text).iso3 == iso3


def test_country_entry_has_canonical_name_and_geonames(k):
    mexico = k.country("Mexican")
    assert (mexico.name, mexico.slug, mexico.geonames) == (
        "Mexico",
        "mex",
        "https://sws.geonames.org/3996063/",
    )
    assert k.country("U.S.").name == "United States"


def test_short_capitalised_aliases_are_case_sensitive(k):
    assert k.country("us") is None  # the pronoun is not the United States
    assert k.group("is") is None and k.group("IS").name == "Islamic State"


def test_every_country_of_pycountry_is_known(k):
    import pycountry

    missing = [c.alpha_3 for c in pycountry.countries if k.by_iso3(c.alpha_3) is None]
    assert len(missing) <= 3, missing  # GeoNames lacks a few uninhabited territories


def test_metonyms_of_institutions_carry_a_sector(k):
    assert (k.metonym("the Pentagon").country, k.metonym("the Pentagon").sector) == ("USA", "MIL")
    assert k.metonym("Washington").sector is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("UN", "IGOUNO"),
        ("the U.N.", "IGOUNO"),
        ("United Nations", "IGOUNO"),
        ("NATO", "IGONAT"),
        ("EU", "IGOEEC"),
        ("African Union", "IGOAFU"),
        ("OAS", "IGOOAS"),
        ("OPEC", "IGOOPC"),
        ("IMF", "IGOIMF"),
    ],
)
def test_international_organizations(k, text, code):
    assert k.igo(text).code == code


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("the Houthis", "YEM", "REB"),
        ("Hezbollah", "LBN", "REB"),
        ("Taliban", "AFG", "REB"),
        ("Sinaloa Cartel", "MEX", "CRM"),
        ("Boko Haram", "NGA", "REB"),
        ("al-Shabaab", "SOM", "REB"),
        ("Islamic State", None, "REB"),
        ("Fox News", "USA", "JRN"),
    ],
)
def test_named_groups(k, text, country, sector):
    entry = k.group(text)
    assert (entry.country, entry.sector) == (country, sector)


@pytest.mark.parametrize(
    ("text", "sector", "kind"),
    [
        ("president", "GOV", "person"),
        ("Foreign Minister", "GOV", "person"),
        ("secretary of state", "GOV", "person"),
        ("national security advisor", "GOV", "person"),
        ("troops", "MIL", "group"),
        ("forces", "MIL", "organization"),
        ("military", "MIL", "organization"),
        ("police", "COP", "organization"),
        ("rebels", "REB", "group"),
        ("militants", "REB", "group"),
        ("cartel", "CRM", "group"),
        ("drug cartels", "CRM", "group"),
        ("gang", "CRM", "group"),
        ("protesters", "OPP", "group"),
        ("lawmakers", "LEG", "group"),
        ("officials", "GOV", "group"),
        ("Fox News host", "JRN", "person"),
        ("journalist", "JRN", "person"),
        ("gunmen", "UAF", "group"),
        ("villagers", "CVL", "group"),
        ("Police Forces", "COP", "organization"),
        ("judge", "JUD", "organization"),
        ("refugees", "REF", "group"),
    ],
)
def test_agents_give_sector_and_kind(k, text, sector, kind):
    entry = k.agent(text)
    assert (entry.sector, entry.kind) == (sector, kind)


def test_non_agents_are_not_coded(k):
    assert k.agent("cooperation") is None and k.agent("territory") is None


def test_places_resolve_to_their_country(k):
    assert k.place_country("Sinaloa") == "MEX"
    assert k.place_country("Lahore") == "PAK"  # a GeoNames city
    assert k.place_country("Kabul") == "AFG"


def test_well_known_people(k):
    assert (k.person("Claudia Sheinbaum").country, k.person("Sheinbaum").title) == ("MEX", "President")


def test_not_actor_names(k):
    assert k.is_not_actor("Writing") and not k.is_not_actor("Mexico")


# -- PETRARCH / Phoenix formats -------------------------------------------------------------------
def test_dictionary_dates_follow_petrarch_rules():
    assert parse_dict_date("090120") == date(2009, 1, 20)  # YY 00-30 -> 20YY
    assert parse_dict_date("780101") == date(1978, 1, 1)  # otherwise 19YY
    assert parse_dict_date("20051122") == date(2005, 11, 22)
    assert parse_code("USAGOV >090120").start == date(2009, 1, 20)
    assert parse_code("USAGOV <090120").end == date(2009, 1, 20)
    assert parse_code("---") is None


def test_actor_dictionary_names_synonyms_and_codes():
    entries = read_actor_dictionary(ACTORS)
    assert {"barack obama", "president obama", "obama", "flf", "freedonia liberation front"} <= set(entries)
    assert [c.code for c in entries["obama"]] == ["USAELI", "USAGOV"]
    assert entries["zed korlov"][0].code == "RUSMIL"


def test_codes_honour_date_restrictions():
    codes = read_actor_dictionary(ACTORS)["barack obama"]
    assert choose_code(codes, date(2005, 6, 1)) == "USAELI"
    assert choose_code(codes, date(2009, 1, 19)) == "USAELI"
    assert choose_code(codes, date(2009, 1, 20)) == "USAGOV"  # valid from the inauguration on
    merkel = read_actor_dictionary(ACTORS)["merkel"]
    assert choose_code(merkel, date(2010, 1, 1)) == "DEUGOV"
    assert choose_code(merkel, date(2023, 1, 1)) == "DEUELI"  # outside the range: the undated code


def test_knowledge_looks_up_user_actors_by_date():
    k = load_knowledge((ACTORS,), ())
    assert k.lookup_actor("President Obama", "2010-03-01") == "USAGOV"
    assert k.lookup_actor("Barack Obama", date(2004, 7, 27)) == "USAELI"
    assert k.lookup_actor("Nobody Special", "2010-03-01") is None
    assert load_knowledge().lookup_actor("Obama", "2010-03-01") is None


def test_agent_dictionary_plurals_sets_and_overrides():
    agents = read_agent_dictionary(AGENTS)
    assert agents["grape picker"] == "AGR"
    assert agents["chief whips"] == "LEG"
    assert agents["ferrywoman"] == agents["ferrymen"] == "BUS"
    k = load_knowledge((), (AGENTS,))
    assert k.agent("grape pickers").sector == "AGR"  # regular plural derived
    assert k.agent("host").sector == "EDU"  # the user's list wins over the project's


def test_unreadable_dictionary_is_a_clear_error(tmp_path):
    from kg.errors import KgError

    with pytest.raises(KgError, match="cannot read actor dictionary"):
        read_actor_dictionary(tmp_path / "missing.txt")


@pytest.mark.shared
def test_real_phoenix_dictionaries_load():
    from conftest import require_shared

    path = require_shared("data", "dictionaries", "Phoenix.Countries.actors.txt")
    entries = read_actor_dictionary(path)
    assert len(entries) > 20000
    assert choose_code(entries["barack obama"], date(2012, 1, 1)) == "USAGOV"
    agents = read_agent_dictionary(require_shared("data", "dictionaries", "Phoenix.agents.txt"))
    assert agents["police"] == "COP" and agents["farmer"] == "AGR"
