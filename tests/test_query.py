"""The SPARQL query library: every query runs on the seed and on the multi-document fixture."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.export import write_outputs
from kg.graph.rdf import to_rdf
from kg.model import read_extractions
from kg.query import (
    fill,
    format_result,
    get_query,
    list_queries,
    result_frame,
    run_query,
    run_query_on_dataset,
    sparql_value,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "extractions"
SEED_TEXT = (ROOT / "examples" / "reuters-2026-01-09-sheinbaum.txt").read_text(encoding="utf-8")


def load(name: str):
    return read_extractions((FIXTURES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed")
    write_outputs(load("seed"), out, formats=["ttl", "trig"])
    return out


@pytest.fixture(scope="module")
def multi(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("multi")
    write_outputs(load("multi"), out, formats=["ttl", "trig"])
    return out


def rows(target, name, **params) -> list[dict]:
    return run_query(target, name, params).dicts()


def column(result: list[dict], name: str) -> list:
    return [r[name] for r in result]


# ---------------------------------------------------------------------------- the library


def test_library_has_at_least_twelve_documented_queries():
    queries = list_queries()
    assert len(queries) >= 12
    for q in queries:
        assert q.description and q.path.name == f"{q.name}.rq"
        for p in q.params.values():
            assert p.default is not None and p.description, (q.name, p)
        assert set(q.params) == set(__import__("re").findall(r"\{\{(\w+)\}\}", q.text)), q.name
    names = {q.name for q in queries}
    assert {
        "who-did-what",
        "actor-timeline",
        "dyad-balance",
        "actors-by-country",
        "event-evidence",
        "office-on-date",
        "claims-by-speaker",
        "events-by-place",
        "events-by-type",
        "central-actors",
        "who-threatened-whom",
        "country-events",
        "offices",
    } <= names


def test_who_did_what(seed, multi):
    trump = rows(seed, "who-did-what", actor="trump")
    assert [(r["date"].isoformat(), r["source"], r["type"], r["target"]) for r in trump] == [
        ("2026-01-08", "Donald Trump", "THREATEN", "drug cartels")
    ]
    assert len(rows(seed, "who-did-what")) == 9  # asserted: told by the reporter or by the doer
    assert len(rows(seed, "who-did-what", modality="")) == 10
    putin = rows(multi, "who-did-what", actor="путин")
    assert [(r["source"], r["type"], r["mode"], r["target"]) for r in putin] == [
        ("Владимир Путин", "CONSULT", "multilateral", "United Nations")
    ]
    negated = rows(multi, "who-did-what", modality="negated")
    assert [(r["source"], r["type"], r["target"]) for r in negated] == [
        ("Mexico", "THREATEN", "United States")
    ]


def test_actor_timeline(seed, multi):
    venezuela = rows(seed, "actor-timeline", actor="Venezuela")
    assert [(r["role"], r["type"], r["counterpart"], str(r["date"])) for r in venezuela] == [
        ("target", "ASSAULT", "U.S. forces", "2026-01-03")
    ]
    usa = rows(multi, "actor-timeline", actor="United States")
    assert [(str(r["date"]), r["role"], r["type"]) for r in usa] == [
        ("2026-02-11", "source", "SANCTION"),
        ("2026-02-11", "target", "THREATEN"),
        ("2026-03-02", "source", "AID"),
    ]


def test_dyad_balance(seed, multi):
    (dyad,) = rows(seed, "dyad-balance", a="Sheinbaum", b="United States")
    assert (dyad["source"], dyad["target"], dyad["events"]) == ("Claudia Sheinbaum", "United States", 3)
    assert (
        dyad["verbal_coop"],
        dyad["material_coop"],
        dyad["verbal_conflict"],
        dyad["material_conflict"],
    ) == (0, 2, 1, 0)
    assert dyad["mean_goldstein"] == Decimal("3.13")
    assert (dyad["total_goldstein"], dyad["min_goldstein"], dyad["max_goldstein"]) == (
        Decimal("9.4"),
        Decimal("-2.0"),
        Decimal("7.4"),
    )
    both = rows(multi, "dyad-balance", a="United States", b="Mexico", modality="")
    assert [(r["source"], r["target"], r["mean_goldstein"]) for r in both] == [
        ("Mexico", "United States", Decimal("-4.4")),
        ("United States", "Mexico", Decimal("-8.0")),
    ]


def test_actors_by_country(seed, multi):
    crm = rows(seed, "actors-by-country", country="MEX", sector="CRM")
    assert column(crm, "actor") == ["Sinaloa Cartel", "alleged high-level cartel operatives", "drug cartels"]
    assert column(crm, "events") == [1, 1, 1]
    (un,) = rows(multi, "actors-by-country", sector="igo")
    assert (un["actor"], un["kind"], un["code"], un["country"], un["events"]) == (
        "United Nations",
        "organization",
        "IGOUNO",
        None,
        1,
    )
    assert column(rows(multi, "actors-by-country", country="rus"), "actor") == ["Russia", "Владимир Путин"]


def test_event_evidence(seed, multi):
    (e5,) = rows(seed, "event-evidence", event="e5")
    assert SEED_TEXT[e5["begin"] : e5["end"]] == e5["trigger"] == "attacked"
    assert e5["claim"] is False and e5["confidence"] == Decimal("0.9")
    assert "U.S. forces attacked Venezuela last weekend" in e5["sentence"]
    (e3,) = rows(seed, "event-evidence", event="e3")  # Sheinbaum telling her own request
    assert e3["claim"] is False and SEED_TEXT[e3["begin"] : e3["end"]] == "asked"
    (e4,) = rows(seed, "event-evidence", event="e4")  # what she says her minister is to do
    assert e4["claim"] is True and SEED_TEXT[e4["begin"] : e4["end"]] == "make direct contact"
    assaults = rows(multi, "event-evidence", type="assault")
    assert [(r["doc"], r["trigger"]) for r in assaults] == [("multi/b", "clashed"), ("multi/c d:é", "struck")]


def test_office_on_date(seed, multi):
    assert column(rows(seed, "office-on-date", date="2025-01-01"), "holder") == [
        "Claudia Sheinbaum",
        "Juan Ramon de la Fuente",
        "Nicolas Maduro",
        "Sean Hannity",
    ]
    assert column(rows(seed, "office-on-date", date="2024-06-01"), "holder") == [
        "Juan Ramon de la Fuente",
        "Nicolas Maduro",
        "Sean Hannity",
    ]
    assert rows(multi, "office-on-date", date="2010-01-01") == []
    presidents = rows(multi, "office-on-date", date="2026-02-03", office="president")
    assert [(r["holder"], r["of"]) for r in presidents] == [
        ("Donald Trump", "United States"),
        ("Владимир Путин", "Russia"),
    ]
    with pytest.raises(KgError, match="not a date"):
        rows(seed, "office-on-date", date="yesterday")


def test_offices(seed, multi):
    (fm,) = rows(seed, "offices", person="fuente")
    assert (fm["title"], fm["of"], fm["evidence"]) == (
        "Foreign Minister",
        "Mexico",
        "Foreign Minister Juan Ramon de la Fuente",
    )
    offices = rows(multi, "offices")
    assert [(r["holder"], r["title"], r["of"], str(r["since"])) for r in offices] == [
        ("Donald Trump", "President", "United States", "2025-01-20"),
        ("Владимир Путин", "President", "Russia", "2012-05-07"),
    ]
    assert offices[1]["evidence"] == "Russian President"


def test_claims_by_speaker(seed, multi):
    trump = rows(seed, "claims-by-speaker", speaker="Trump")
    kinds = {(r["kind"], r["text"]) for r in trump}
    assert ("Claim", "The cartels are running Mexico") in kinds
    assert sorted(column(trump, "kind")) == ["Claim", "Claim", "Quote", "Quote"]
    told = [
        r["told"]
        for r in rows(seed, "claims-by-speaker", speaker="Sheinbaum")
        if r["kind"] == "AttributedClaim"
    ]
    assert "Juan Ramon de la Fuente CONSULT United States" in told
    (un,) = rows(multi, "claims-by-speaker", speaker="United Nations")
    assert (un["kind"], un["told"]) == ("AttributedClaim", "Russia THREATEN United States")
    putin = rows(multi, "claims-by-speaker", speaker="Путин")
    assert {r["text"] for r in putin} == {'We will not accept <any> "ultimatum"'}


def test_events_by_place(seed, multi):
    venezuela = rows(seed, "events-by-place", place="venez")
    assert sorted(column(venezuela, "type")) == ["ASSAULT", "COERCE"]
    assert {(r["lat"], r["lon"], r["geonames"]) for r in venezuela} == {
        (Decimal("8.0"), Decimal("-66.0"), "https://sws.geonames.org/3625428/")
    }
    (kyiv,) = rows(multi, "events-by-place", country="ukr")
    assert (kyiv["place"], kyiv["type"], kyiv["lat"]) == ("Kyiv", "ASSAULT", Decimal("50.45466"))


def test_events_by_type(seed, multi):
    (arrest,) = rows(seed, "events-by-type", type="COERCE", mode="arrest")
    assert (arrest["label"], arrest["cameo"], arrest["quad"]) == (
        "U.S. forces COERCE Nicolas Maduro",
        "173",
        4,
    )
    assert column(rows(multi, "events-by-type", type="ASSAULT"), "mode") == ["drone", "firearms"]


def test_event_type_counts(seed, multi):
    counts = {
        (r["type"], r["mode"]): (r["events"], r["mean_goldstein"]) for r in rows(seed, "event-type-counts")
    }
    assert counts[("ASSAULT", "")] == (2, Decimal("-10.0"))
    assert counts[("COOPERATE", "")] == (2, Decimal("5.7"))
    multi_counts = rows(multi, "event-type-counts")
    assert ("SANCTION", "discontinue", 4, 1) in {
        (r["type"], r["mode"], r["quad"], r["events"]) for r in multi_counts
    }


def test_central_actors(seed, multi):
    top = rows(seed, "central-actors", limit=2)
    assert [(r["actor"], r["events"]) for r in top] == [("Claudia Sheinbaum", 4), ("United States", 3)]
    top = rows(multi, "central-actors", limit=3)
    assert [(r["actor"], r["events"], r["partners"]) for r in top] == [
        ("Ukraine", 2, 2),
        ("United States", 2, 2),
        ("United Nations", 1, 2),
    ]
    with pytest.raises(KgError, match="not a number"):
        rows(seed, "central-actors", limit="ten")


def test_who_threatened_whom(seed, multi):
    (threat,) = rows(seed, "who-threatened-whom")
    assert (threat["source"], threat["target"], threat["mode"], str(threat["date"])) == (
        "Donald Trump",
        "drug cartels",
        "violence",
        "2026-01-08",
    )
    assert [(r["source"], r["modality"]) for r in rows(multi, "who-threatened-whom")] == [
        ("Mexico", "negated")
    ]
    assert rows(multi, "who-threatened-whom", modality="asserted") == []


def test_country_events(seed, multi):
    mexico = rows(seed, "country-events")
    assert len(mexico) == 8
    assert [str(r["date"]) for r in mexico] == sorted(str(r["date"]) for r in mexico)
    assert ("2026-01-08", "drug cartels") in [(str(r["date"]), r["involving"]) for r in mexico]
    assert "U.S. forces" not in column(mexico, "source")
    usa = rows(multi, "country-events", country="usa")
    assert [(str(r["date"]), r["type"]) for r in usa] == [
        ("2026-02-02", "CONSULT"),
        ("2026-02-11", "SANCTION"),
        ("2026-02-11", "THREATEN"),
        ("2026-03-02", "AID"),
    ]


def test_relations(seed, multi):
    (hannity,) = rows(seed, "relations", actor="Hannity")
    assert (hannity["predicate"], hannity["role"], hannity["object"], hannity["evidence"]) == (
        "affiliatedWith",
        "host",
        "Fox News",
        "Fox News host Sean Hannity",
    )
    (putin,) = rows(multi, "relations")
    assert (putin["subject"], putin["predicate"], putin["object"]) == (
        "Владимир Путин",
        "holdsRole",
        "Russia",
    )


def test_documents(seed, multi):
    (doc,) = rows(seed, "documents")
    assert (doc["doc"], str(doc["published"]), doc["source"], doc["actors"], doc["events"]) == (
        "reuters-2026-01-09-sheinbaum",
        "2026-01-09",
        "Reuters",
        13,
        10,
    )
    assert column(rows(multi, "documents"), "doc") == ["multi/a", "multi/b", "multi/c d:é"]


# ---------------------------------------------------------------------------- engine and formats


def test_parameters_are_escaped_not_pasted(seed):
    attack = 'x" ) } } DELETE WHERE { ?s ?p ?o } #'
    assert rows(seed, "who-did-what", actor=attack) == []
    assert len(rows(seed, "who-did-what")) == 9
    assert sparql_value('a"b\\c\nd') == '"a\\"b\\\\c\\nd"'
    with pytest.raises(KgError, match="not an absolute IRI"):
        sparql_value("http://x.org/a> <b", "iri")


def test_unknown_parameter_and_query_are_user_errors(seed):
    with pytest.raises(KgError, match="this query takes actor, modality"):
        rows(seed, "who-did-what", colour="red")
    with pytest.raises(KgError, match="no library query"):
        get_query("no-such-query")
    with pytest.raises(KgError, match="SPARQL syntax error"):
        run_query(seed, "SELECT WHERE {")


def test_fill_uses_defaults():
    text = fill(get_query("country-events"))
    assert 'UCASE("MEX")' in text and "{{" not in text


def test_plain_sparql_on_a_file_with_default_prefixes(seed):
    result = run_query(seed / "graph.ttl", "SELECT (COUNT(?e) AS ?n) WHERE { ?e a kg:Event }")
    assert result.dicts() == [{"n": 10}]
    assert run_query(seed, "ASK { ?e kg:eventType kgt:ASSAULT }").boolean is True


def test_rq_file_path(seed):
    path = ROOT / "ontology" / "queries" / "who-threatened-whom.rq"
    assert len(run_query(seed, str(path))) == 1


def test_formats(seed):
    result = run_query(seed, "who-threatened-whom")
    table = format_result(result, "table")
    assert table.splitlines()[0].split()[:3] == ["date", "source", "target"] and "(1 row)" in table
    assert "kgr:event/reuters-2026-01-09-sheinbaum/e1" in table
    parsed = list(csv.DictReader(io.StringIO(format_result(result, "csv"))))
    assert parsed[0]["source"] == "Donald Trump" and parsed[0]["event"].startswith("https://w3id.org/")
    data = json.loads(format_result(result, "json"))
    assert data["head"]["vars"][0] == "date"
    assert data["results"]["bindings"][0]["date"] == {
        "type": "literal",
        "value": "2026-01-08",
        "datatype": "http://www.w3.org/2001/XMLSchema#date",
    }
    tsv = format_result(result, "tsv").splitlines()
    assert tsv[0].startswith("?date\t?source") and '"Donald Trump"' in tsv[1]
    assert format_result(run_query(seed, "ASK { ?s ?p ?o }"), "json") == '{"head": {}, "boolean": true}\n'
    construct = run_query(seed, "CONSTRUCT { ?e a kg:Event } WHERE { ?e kg:eventType kgt:THREATEN }")
    assert format_result(construct, "table").count(" .\n") == 1


def test_in_memory_dataset_and_dataframe():
    frame = result_frame(run_query_on_dataset(to_rdf(load("seed")), "who-did-what", {"actor": "Maduro"}))
    assert list(frame["type"]) == ["COERCE"] and list(frame["target"]) == ["Nicolas Maduro"]
