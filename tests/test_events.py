"""Event coding with the real pipeline: triggers, arguments, frames, modality, the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.event_lexicon import load_event_lexicon, read_triggers
from kg.model import PLOVER_CATEGORIES, Document
from kg.pipeline import extract_documents

SEED_TXT = Path(__file__).resolve().parent.parent / "examples" / "reuters-2026-01-09-sheinbaum.txt"


def extract(nlp, text: str, published: str | None = "2026-01-09"):
    document = Document(doc_id="t", text=text, origin="t", published=published)
    return next(extract_documents(nlp, [document]))


def names(extraction, ids):
    return {extraction.actor(a).name for a in ids}


def only(extraction, event_type):
    found = [e for e in extraction.events if e.type == event_type]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in extraction.events]
    return found[0]


# ----------------------------------------------------------------------------- the lexicon


def test_lexicon_covers_all_plover_categories_with_known_codes():
    lexicon = load_event_lexicon()
    categories = {t.type or lexicon.plover(t.cameo) for ts in lexicon.triggers.values() for t in ts}
    assert set(PLOVER_CATEGORIES) <= categories
    assert sum(len(ts) for ts in lexicon.triggers.values()) > 400


def test_cameo_table_gives_quad_class_goldstein_and_appeals_are_requests():
    lexicon = load_event_lexicon()
    assert lexicon.code("0211").plover == "REQUEST"  # appeals (CAMEO 02) are REQUEST
    assert lexicon.code("010").plover is None  # statements are not events
    attack = lexicon.code("190")
    assert (attack.plover, attack.quad_class, attack.goldstein) == ("ASSAULT", 4, -10.0)
    assert lexicon.code("163").plover == "SANCTION"


def test_trigger_file_rejects_unknown_codes(tmp_path):
    bad = tmp_path / "triggers.tsv"
    bad.write_text("phrase\tpos\tcameo\tmode\targs\twhen\ttype\nfrobnicate\tVERB\t999\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown CAMEO code"):
        read_triggers(bad, load_event_lexicon().cameo)


# ----------------------------------------------------------------------------- arguments


@pytest.mark.parametrize(
    "text",
    ["Russian forces attacked Ukraine on Monday.", "Ukraine was attacked by Russian forces on Monday."],
)
def test_subject_object_and_passive_agent(nlp, text):
    x = extract(nlp, text)
    attack = only(x, "ASSAULT")
    assert "Ukraine" in names(x, attack.target)
    assert attack.source and "Ukraine" not in names(x, attack.source)
    assert [x.actor(a).country for a in attack.source] == ["RUS"]


def test_nominal_event_with_possessive_and_preposition(nlp):
    x = extract(nlp, "Mexico's offensive against the Sinaloa Cartel continued.")
    event = only(x, "ASSAULT")
    assert names(x, event.source) == {"Mexico"}
    assert any("Sinaloa" in n for n in names(x, event.target))


def test_compound_actor_and_coordination(nlp):
    x = extract(nlp, "France and Germany condemned the U.S. attack on Venezuela.")
    accuse = only(x, "ACCUSE")
    assert {"France", "Germany"} <= names(x, accuse.source)
    # the condemned attack is the content of the accusation, its perpetrator the target
    assert not [e for e in x.events if e.type == "ASSAULT"]
    assert accuse.target


def test_threat_frames_its_content_and_takes_its_target(nlp):
    x = extract(nlp, "President Donald Trump threatened land attacks on drug cartels.")
    threat = only(x, "THREATEN")
    assert threat.cameo == "138" and threat.trigger.text == "threatened"
    assert "Trump" in " ".join(names(x, threat.source))
    assert threat.target and not [e for e in x.events if e.type == "ASSAULT"]


def test_said_is_not_an_event_and_reported_events_are_attributed(nlp):
    x = extract(
        nlp, "Mexico's President Claudia Sheinbaum said on Friday she asked the United States for help."
    )
    assert all(e.trigger.text != "said" for e in x.events)
    request = only(x, "REQUEST")
    assert request.attributed_to is not None
    assert "Claudia Sheinbaum" in x.actor(request.attributed_to).name


def test_demand_clause_under_speech_verb(nlp):
    x = extract(nlp, "Russia said on Tuesday that Sudan must return the helicopter.")
    demand = only(x, "REQUEST")
    assert names(x, demand.source) == {"Russia"} and names(x, demand.target) == {"Sudan"}


# ----------------------------------------------------------------------------- modality


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Israeli troops did not attack the village.", "negated"),
        ("The army denied attacking the village.", "negated"),
        ("Any attack by Iran on Israel would be a grave mistake.", "hypothetical"),
        ("Analysts say Iran is likely to attack Israel.", "hypothetical"),
        ("Russian forces attacked Ukraine on Monday.", "asserted"),
    ],
)
def test_modality(nlp, text, modality):
    x = extract(nlp, text)
    assert [e.modality for e in x.events if e.type == "ASSAULT"] == [modality]


def test_future_violence_announced_by_the_actor_is_a_threat(nlp):
    x = extract(nlp, "Hamas said it would attack Israel.")
    threat = only(x, "THREATEN")
    assert threat.modality == "asserted" and threat.cameo == "138"


def test_future_cooperation_is_agree_and_refusal_is_reject(nlp):
    agree = extract(nlp, "Afghan rebel leaders said on Wednesday they would meet the U.N. mediator.")
    assert [e.type for e in agree.events] == ["AGREE"]
    reject = extract(nlp, "Syria says it will not accept any more refugees.")
    assert [e.type for e in reject.events] == ["REJECT"]


# ----------------------------------------------------------------------------- the seed article


@pytest.fixture(scope="module")
def seed(nlp, seed_text):
    from kg.read import read_documents

    return next(extract_documents(nlp, read_documents([str(SEED_TXT)])))


def _find(seed, event_type, source_word, target_word):
    return [
        e
        for e in seed.events
        if e.type == event_type
        and any(source_word in seed.actor(a).name for a in e.source)
        and any(target_word in seed.actor(a).name for a in e.target)
    ]


def test_seed_threat_told_three_times_is_one_event(seed):
    threats = _find(seed, "THREATEN", "Trump", "cartels")
    assert len(threats) == 1
    threat = threats[0]
    assert threat.num_mentions >= 3 and len(threat.mentions) == threat.num_mentions - 1
    assert threat.date == "2026-01-08"
    told = {m.text for m in threat.mentions} | {threat.trigger.text}
    assert {"threatens", "threatened"} <= told


def test_seed_events_with_type_source_target(seed):
    assert _find(seed, "ASSAULT", "U.S.", "Venezuela")
    assert _find(seed, "COERCE", "U.S.", "Maduro")
    assert _find(seed, "ASSAULT", "Sheinbaum", "Sinaloa")
    assert _find(seed, "COOPERATE", "Sheinbaum", "United States")
    assert _find(seed, "REQUEST", "Sheinbaum", "Fuente")
    expulsion = [e for e in seed.events if e.trigger.text == "expulsions"]
    assert expulsion and names(seed, expulsion[0].recipient) == {"United States"}


def test_seed_has_no_event_from_boilerplate_and_no_reuters_participant(seed):
    for event in seed.events:
        assert "COSMO NEWS" not in event.sentence
        for actor_id in event.source + event.target:
            assert "reuters" not in seed.actor(actor_id).name.lower()
        assert event.type in PLOVER_CATEGORIES
        assert 0.0 <= event.confidence <= 1.0


def test_seed_trigger_offsets_point_into_the_text(seed, seed_text):
    for event in seed.events:
        assert seed_text[event.trigger.start : event.trigger.end] == event.trigger.text
    assert [e.id for e in seed.events] == [f"e{n}" for n in range(1, len(seed.events) + 1)]


def test_seed_speculation_is_hypothetical(seed):
    closer = [e for e in seed.events if e.trigger.text == "move"]
    assert closer and closer[0].modality == "hypothetical"


def test_protest_takes_its_demand_as_content(nlp):
    x = extract(
        nlp, "Hundreds of rickshaw drivers staged a protest in Dhaka demanding aid from the government."
    )
    assert [e.type for e in x.events] == ["PROTEST"]
    x = extract(nlp, "Protesters in Beirut demanded the resignation of the government.")
    assert [e.type for e in x.events] == ["PROTEST"]


def test_named_agreement_and_modifier_nouns_are_not_events(nlp):
    x = extract(nlp, "Aid workers discussed the Paris climate accord.")
    assert [e.type for e in x.events] == ["CONSULT"]


# ------------------------------------------------------------- protest sources, implicit perpetrators


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # the subject the parser hangs on the place ("in Cuautla, Morelos, a group of ...")
        (
            "On 7 May 2020, in Cuautla, Morelos, a group of residents of the San Pedro neighbourhood "
            "protested demanding access to drinking water.",
            "residents",
        ),
        (
            "On 4 May 2020, in Manaus, Amazonas, taxi drivers gathered by a bridge to protest a new law.",
            "taxi drivers",
        ),
        ("On 30 April 2020, textile workers, mostly women, protested in Nis, Serbia.", "textile workers"),
        (
            "On 1 May 2020, medics of emergency brigades protested in Mariupol, demanding hazard pay.",
            "medics",
        ),
        # a collective noun gives way to its members, also for nominal protests
        (
            "On 4 May 2020, a number of teachers in Bamako staged a demonstration against unpaid salaries.",
            "teachers",
        ),
    ],
)
def test_protest_source_is_its_subject(nlp, text, source):
    x = extract(nlp, text, published=None)
    protest = only(x, "PROTEST")
    assert names(x, protest.source) == {source}
    assert not protest.implicit


def test_places_are_never_sources(nlp):
    x = extract(
        nlp,
        "On 29 April 2020, near Thar Si village, Rathedaung, a landmine explosion injured a villager.",
    )
    for event in x.events:
        assert all(x.actor(a).kind != "location" for a in event.source)


@pytest.mark.parametrize(
    "text",
    [
        "On 2 May 2020, in Leon, Guanajuato, a man was found shot dead on the road.",
        "On 29 April 2020, near Thar Si village, Rathedaung, a landmine explosion injured a villager.",
        "On 8 May 2020, several explosions took place in Tabqa city in Raqqa.",
        "On 5 May 2020, a civilian was injured by a landmine in Mehran county.",
        "On 7 May 2020, in Rio de Janeiro, it was reported that a shoot-out took place in Gamboa.",
    ],
)
def test_unnamed_perpetrator_is_an_implicit_unidentified_armed_group(nlp, text):
    x = extract(nlp, text, published=None)
    assert x.events and all(e.type == "ASSAULT" for e in x.events)
    for event in x.events:
        assert event.implicit == ["source"]
        (source,) = [x.actor(a) for a in event.source]
        assert (source.name, source.kind, source.sector) == ("unidentified armed group", "group", "UAF")
        assert source.mentions == []  # nothing in the text to point at


def test_an_implicit_source_counts_less_than_a_read_one(nlp):
    implicit = only(extract(nlp, "A trader was shot dead in Kirkuk.", published=None), "ASSAULT")
    read = only(extract(nlp, "Gunmen shot dead a trader in Kirkuk.", published=None), "ASSAULT")
    assert implicit.implicit == ["source"] and not read.implicit
    assert implicit.confidence < read.confidence


def test_a_protest_without_named_protesters_has_implicit_protesters(nlp):
    x = extract(
        nlp, "On 8 May 2020, a protest was held in Zagreb, Croatia, against the mayor.", published=None
    )
    protest = only(x, "PROTEST")
    assert protest.implicit == ["source"]
    (source,) = [x.actor(a) for a in protest.source]
    assert (source.name, source.sector, source.country) == ("protesters", "OPP", "HRV")


def test_a_protest_takes_unattached_protesters_of_its_sentence(nlp):
    x = extract(
        nlp,
        "A joint action committee along with journalists and media workers held a protest in Karachi.",
        published=None,
    )
    protest = only(x, "PROTEST")
    assert names(x, protest.source) == {"journalists"}
    assert protest.implicit == ["source"]


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested two men in Lahore.",  # a named author
        "A man was arrested in Lahore.",  # an arrest is no sign of an armed group
        "Gunmen shot dead a trader in Kirkuk.",  # the source is read, not inferred
        "A man was not attacked in Kirkuk.",  # negated
    ],
)
def test_no_implicit_source_without_support(nlp, text):
    x = extract(nlp, text, published=None)
    for event in x.events:
        assert not event.implicit
        assert "unidentified-armed-group" not in event.source


def test_unattached_attackers_of_the_sentence_are_the_implicit_source(nlp):
    x = extract(
        nlp,
        "A police officer was attacked near a school in Guerrero and unknown assailants fled in a car.",
        published=None,
    )
    attack = next(e for e in x.events if e.trigger.text == "attacked")
    assert [x.actor(a).sector for a in attack.source] == ["UAF"]
    assert attack.implicit == ["source"]


def test_unattached_armed_men_of_the_sentence_are_the_source_of_a_nominal_attack(nlp):
    x = extract(
        nlp,
        "On 9 May 2020, in Iztalcalco, Ciudad de Mexico, armed men driving a vehicle carried out "
        "a drive-by shooting against two men.",
        published=None,
    )
    shooting = only(x, "ASSAULT")
    assert names(x, shooting.source) == {"armed men"}
    assert shooting.implicit == ["source"]


def test_members_of_a_group_are_the_group(nlp):
    x = extract(
        nlp,
        "One or more members of an unidentified armed group shot at an ambulance in Rafah.",
        published=None,
    )
    shot = only(x, "ASSAULT")
    assert [x.actor(a).sector for a in shot.source] == ["UAF"]
    assert not shot.implicit  # read from the text, not inferred


def test_violence_during_an_operation_is_by_its_author(nlp):
    x = extract(
        nlp, "On 2 May 2020, a drug suspect was killed during a police raid in Bulacan.", published=None
    )
    killed = next(e for e in x.events if e.trigger.text == "killed")
    assert names(x, killed.source) == {"police"}
    assert killed.implicit == ["source"]


def test_clashes_that_erupted_between_sides_are_by_those_sides(nlp):
    x = extract(
        nlp,
        "On 4 May 2020, clashes erupted between Palestinians and Israeli forces at a refugee camp.",
        published=None,
    )
    clashes = only(x, "ASSAULT")
    assert "Israeli forces" in names(x, clashes.source)
    assert not clashes.implicit


def test_an_implied_protest_is_kept_beside_an_event_with_participants(nlp):
    x = extract(
        nlp,
        "On 3 May 2020, a demonstration took place in Idleb denouncing HTS plans to open crossings.",
        published=None,
    )
    protest = only(x, "PROTEST")
    assert protest.implicit == ["source"]
    assert "ACCUSE" in {e.type for e in x.events}


def test_a_month_in_a_date_is_not_a_march(nlp):
    told = extract(nlp, "Lord Goldsmith warned Tony Blair on 7 March 2003 that the war could be illegal.")
    assert [e.trigger.text for e in told.events] == ["warned"]
    marched = extract(nlp, "Thousands of people joined a march in Paris on Sunday.")
    assert [(e.type, e.trigger.text) for e in marched.events] == [("PROTEST", "march")]
