"""The public Python API as a notebook user calls it."""

from __future__ import annotations

import pytest
from conftest import SEED_TXT

import kg
from kg.model import Document

ARTICLE = (
    "KYIV, May 5 (Reuters) - Russian forces shelled the Ukrainian city of Kharkiv on Monday, "
    "Ukrainian officials said. Ukraine's President Volodymyr Zelenskiy condemned the attack.\n"
)


@pytest.fixture(scope="module")
def seed_graph() -> kg.KnowledgeGraph:
    return kg.build([SEED_TXT])


def test_build_from_a_path_gives_tables(seed_graph):
    names = set(seed_graph.actors["name"])
    assert {"Claudia Sheinbaum", "Donald Trump", "Mexico", "United States"} <= names
    events = seed_graph.events
    assert {"THREATEN", "ASSAULT"} <= set(events["type"])
    assert (events["date"] == "2026-01-08").any()
    relations = seed_graph.relations
    assert ((relations["subject_name"] == "Claudia Sheinbaum") & (relations["object_name"] == "Mexico")).any()


def test_graphs_are_built_from_the_extractions(seed_graph):
    kinds = {data.get("kind") for _, data in seed_graph.nx.nodes(data=True)}
    assert {"person", "country"} <= kinds
    assert len(seed_graph.rdf) > 100
    actor_view = seed_graph.actor_view()
    assert actor_view.number_of_nodes() >= 5


def test_query_by_library_name_and_by_text(seed_graph):
    threats = seed_graph.query("who-threatened-whom")
    assert len(threats) >= 1
    assert any("Trump" in str(value) for value in threats.to_numpy().ravel())
    # relayed claims live in named graphs (tests/test_rdf.py), asserted facts in the default graph
    asserted = seed_graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    claimed = seed_graph.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(asserted.iloc[0, 0]) + int(claimed.iloc[0, 0]) == len(seed_graph.rdf)


def test_save_and_load_round_trip(seed_graph, tmp_path):
    written = seed_graph.save(tmp_path)
    assert {p.name for p in written} >= {
        "graph.ttl",
        "graph.graphml",
        "events.csv",
        "extractions.jsonl",
        "graph.html",
    }
    loaded = kg.KnowledgeGraph.load(tmp_path)
    assert [e.to_dict() for e in loaded.extractions] == [e.to_dict() for e in seed_graph.extractions]


def test_build_from_raw_text_and_documents():
    graph = kg.build([ARTICLE, Document(doc_id="mine", text=ARTICLE, published="2022-05-09")])
    assert [e.doc_id for e in graph.extractions] == ["text-1", "mine"]
    assert graph.extractions[1].published == "2022-05-09"
    assert "Kharkiv" in " ".join(graph.actors["name"]) or graph.events["location"].notna().any()


def test_failed_documents_are_kept_apart(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    graph = kg.build([empty, SEED_TXT])
    assert [e.doc_id for e in graph.failed] == ["empty"]
    assert len(graph.extractions) == 1
