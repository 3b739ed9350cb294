"""`kg build` on the seed article, checked against the analyst's reading (../shared/seed/gold.json).

The gold facts are written into this test so it runs in a fresh clone without ../shared.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from conftest import SEED_TXT
from rdflib.compare import isomorphic

KG = [sys.executable, "-m", "kg.cli"]

# gold.json, written in: names each gold actor goes by
GOLD_NAMES = {
    "sheinbaum": {"claudia sheinbaum", "sheinbaum"},
    "trump": {"donald trump", "trump"},
    "delafuente": {"juan ramon de la fuente", "de la fuente"},
    "maduro": {"nicolas maduro", "maduro"},
    "hannity": {"sean hannity", "hannity"},
    "mexico": {"mexico", "mexican"},
    "usa": {"united states", "u.s.", "us", "washington"},
    "venezuela": {"venezuela"},
    "cartels": {"drug cartels", "cartels"},
    "sinaloa": {"sinaloa cartel"},
    "usforces": {"u.s. forces", "us forces"},
    "foxnews": {"fox news"},
}
GOLD_COUNTRY = {
    "sheinbaum": "MEX",
    "trump": "USA",
    "delafuente": "MEX",
    "maduro": "VEN",
    "hannity": "USA",
    "mexico": "MEX",
    "usa": "USA",
    "venezuela": "VEN",
    "sinaloa": "MEX",
    "foxnews": "USA",
}
NOT_ACTORS = {"writing", "state", "templateism.com", "cosmo news", "reuters"}


def norm(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip().lower()
    return re.sub(r"['’]s$", "", re.sub(r"^the ", "", name)).strip()


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Path:
    outdir = tmp_path_factory.mktemp("seed")
    done = subprocess.run(
        [*KG, "build", str(SEED_TXT), "-o", str(outdir), "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return outdir


@pytest.fixture(scope="module")
def extraction(build) -> dict:
    lines = (build / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


@pytest.fixture(scope="module")
def keys_of(extraction) -> dict[str, set[str]]:
    """Predicted actor id -> the gold actors its name or mentions match."""
    result = {}
    for actor in extraction["actors"]:
        names = {norm(actor["name"])} | {norm(m["text"]) for m in actor["mentions"]}
        result[actor["id"]] = {key for key, gold in GOLD_NAMES.items() if gold & names}
    return result


def test_build_writes_the_output_files(build):
    for name in ("graph.ttl", "graph.graphml", "events.csv", "extractions.jsonl", "graph.html"):
        assert (build / name).stat().st_size > 0, name


def test_metadata(extraction):
    assert extraction["published"] == "2026-01-09"
    assert extraction["source"] == "Reuters"
    assert extraction["dateline"] == "MEXICO CITY"
    assert extraction["title"].startswith("Mexico's Sheinbaum urges closer US coordination")
    assert set(extraction["authors"]) >= {"Diego Ore", "Ana Isabel Martinez", "Brendan O'Boyle"}


def test_no_boilerplate_or_credit_names_as_actors(extraction):
    names = {norm(a["name"]) for a in extraction["actors"]}
    names |= {norm(m["text"]) for a in extraction["actors"] for m in a["mentions"]}
    assert not names & NOT_ACTORS
    assert not names & {"diego ore", "emily green", "rod nickel", "my blogger themes"}


def test_required_actors_with_country(extraction, keys_of):
    for key, country in GOLD_COUNTRY.items():
        matching = [a for a in extraction["actors"] if key in keys_of[a["id"]]]
        assert matching, f"actor {key} not found"
        assert any(a["country"] == country for a in matching), f"{key}: {[a['country'] for a in matching]}"


@pytest.mark.parametrize(
    "group",
    [
        ["Sheinbaum", "Claudia Sheinbaum"],
        ["Trump", "Donald Trump"],
        ["United States", "U.S.", "US", "Washington"],
    ],
)
def test_alias_groups_merge(extraction, group):
    ids = {
        a["id"]
        for a in extraction["actors"]
        if set(group) & ({a["name"]} | {m["text"] for m in a["mentions"]})
    }
    assert len(ids) == 1, ids


def _events(extraction, keys_of, types, source, target):
    return [
        e
        for e in extraction["events"]
        if e["type"] in types
        and any(source & keys_of[a] for a in e["source"])
        and any(target & keys_of[a] for a in e["target"])
    ]


@pytest.mark.parametrize(
    "types,source,target",
    [
        ({"THREATEN"}, {"trump"}, {"cartels"}),
        ({"ASSAULT"}, {"usforces", "usa"}, {"venezuela"}),
        ({"COERCE", "ASSAULT"}, {"usforces", "usa"}, {"maduro"}),
        ({"COOPERATE", "REQUEST", "CONSULT"}, {"sheinbaum", "mexico"}, {"usa", "delafuente"}),
        ({"ASSAULT", "MOBILIZE"}, {"mexico", "sheinbaum"}, {"sinaloa"}),
    ],
)
def test_gold_events(extraction, keys_of, types, source, target):
    assert _events(extraction, keys_of, types, source, target), (types, source, target)


def test_threat_is_dated_to_thursday(extraction, keys_of):
    threats = _events(extraction, keys_of, {"THREATEN"}, {"trump"}, {"cartels"})
    assert "2026-01-08" in {e["date"] for e in threats}


def test_running_mexico_is_a_claim_not_an_event(extraction, keys_of):
    trump = next(a["id"] for a in extraction["actors"] if "trump" in keys_of[a["id"]])
    claims = [c for c in extraction["claims"] if "cartels are running Mexico" in c["text"]]
    assert claims and claims[0]["speaker"] == trump
    assert not [e for e in extraction["events"] if "running" in e["trigger"]["text"]]


@pytest.mark.parametrize(
    "subject,obj", [("sheinbaum", "mexico"), ("delafuente", "mexico"), ("maduro", "venezuela")]
)
def test_office_relations(extraction, keys_of, subject, obj):
    found = any(
        subject in keys_of.get(r["subject"], set()) and obj in keys_of.get(r["object"], set())
        for r in extraction["relations"]
    )
    found = found or any(
        subject in keys_of[a["id"]] and obj in keys_of.get(role["of"] or "", set())
        for a in extraction["actors"]
        for role in a["roles"]
    )
    assert found


def test_offsets_point_into_the_text_as_read(extraction):
    text = SEED_TXT.read_text(encoding="utf-8")
    for actor in extraction["actors"]:
        for m in actor["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    for e in extraction["events"]:
        t = e["trigger"]
        assert text[t["start"] : t["end"]] == t["text"]
    for q in extraction["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"]


def test_turtle_parses_back_to_the_same_triples(build, extraction):
    from kg.graph.rdf import to_graph
    from kg.model import Extraction

    written = rdflib.Graph().parse(build / "graph.ttl", format="turtle")
    rebuilt = to_graph([Extraction.from_dict(extraction)])
    assert len(written) > 100
    assert isomorphic(written, rebuilt)


def test_graphml_reads_back_with_the_same_counts(build, extraction):
    from kg.graph.networkx import to_networkx
    from kg.model import Extraction

    expected = to_networkx([Extraction.from_dict(extraction)])
    loaded = nx.read_graphml(build / "graph.graphml")
    assert loaded.number_of_nodes() == expected.number_of_nodes()
    assert loaded.number_of_edges() == expected.number_of_edges()


def test_events_csv_has_one_row_per_event(build, extraction):
    with (build / "events.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(extraction["events"])


def test_rebuild_is_deterministic(build, tmp_path):
    done = subprocess.run(
        [*KG, "build", str(SEED_TXT), "-o", str(tmp_path), "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    for name in ("extractions.jsonl", "graph.ttl", "events.csv", "graph.graphml"):
        assert (tmp_path / name).read_bytes() == (build / name).read_bytes(), name
