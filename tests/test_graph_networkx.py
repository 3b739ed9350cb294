"""The NetworkX graphs: the full graph of documents, actors and events, and the actor view."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.graph.networkx import actor_view, to_networkx
from kg.model import read_extractions

FIXTURES = Path(__file__).parent / "fixtures" / "extractions"


def load(name: str):
    return read_extractions((FIXTURES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="module")
def seed_graph():
    return to_networkx(load("seed"))


@pytest.fixture(scope="module")
def multi_graph():
    return to_networkx(load("seed") + load("multi"))


def nodes_by_label(G):
    return {d["label"]: n for n, d in G.nodes(data=True) if d["node_type"] == "actor"}


def test_seed_has_one_document_its_actors_and_events(seed_graph):
    kinds = [d["node_type"] for _, d in seed_graph.nodes(data=True)]
    assert kinds.count("document") == 1
    assert kinds.count("actor") == 13
    assert kinds.count("event") == 11


def test_source_event_target_path(seed_graph):
    actors = nodes_by_label(seed_graph)
    threats = [n for n, d in seed_graph.nodes(data=True) if d.get("type") == "THREATEN"]
    assert len(threats) == 1
    (event,) = threats
    assert [u for u, _, k in seed_graph.in_edges(event, keys=True) if k == "source"] == [
        actors["Donald Trump"]
    ]
    assert [v for _, v, k in seed_graph.out_edges(event, keys=True) if k == "target"] == [
        actors["drug cartels"]
    ]
    data = seed_graph.nodes[event]
    assert (data["cameo"], data["quad_class"], data["goldstein"], data["date"]) == (
        "138",
        3,
        -7.0,
        "2026-01-08",
    )
    assert data["num_mentions"] == 3


def test_relation_edges_carry_predicate_and_role(seed_graph):
    actors = nodes_by_label(seed_graph)
    edges = seed_graph.get_edge_data(actors["Claudia Sheinbaum"], actors["Mexico"])
    relation = [d for d in edges.values() if d["kind"] == "relation"]
    assert relation and relation[0]["predicate"] == "holdsRole" and relation[0]["role"] == "President"


def test_every_attribute_is_a_graphml_scalar(multi_graph):
    for _, data in multi_graph.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values()), data
    for *_, data in multi_graph.edges(keys=True, data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values()), data


def test_same_actor_across_documents_is_one_node(multi_graph):
    usa = [n for n, d in multi_graph.nodes(data=True) if d.get("label") == "United States"]
    assert len(usa) == 1
    data = multi_graph.nodes[usa[0]]
    assert data["documents"] == 4
    assert "U.S." in data["aliases"].split("; ")
    documents = [v for _, v, k in multi_graph.out_edges(usa[0], keys=True) if k.startswith("mentioned_in")]
    assert len(documents) == 4


def test_actor_view_collapses_events_of_a_dyad(seed_graph):
    view = actor_view(seed_graph)
    actors = nodes_by_label(view)
    edge = view.edges[actors["Claudia Sheinbaum"], actors["United States"]]
    # e2 and e8 COOPERATE, e7 ACCUSE (asserted), e11 COOPERATE (hypothetical)
    assert edge["count"] == 4 and edge["asserted"] == 3
    assert edge["types"] == "ACCUSE; COOPERATE" and edge["type"] == "COOPERATE"
    assert edge["goldstein_mean"] == pytest.approx((4.0 - 2.0 + 7.4 + 4.0) / 4, abs=1e-3)
    assert (edge["first_date"], edge["last_date"]) == ("2026-01-09", "2026-01-09")
    assert edge["kind"] == "interaction"


def test_actor_view_keeps_relations_and_only_actors(multi_graph):
    view = actor_view(multi_graph)
    assert {d["node_type"] for _, d in view.nodes(data=True)} == {"actor"}
    actors = nodes_by_label(view)
    hannity = view.edges[actors["Sean Hannity"], actors["Fox News"]]
    assert (
        hannity["kind"] == "relation"
        and hannity["relations"] == "affiliatedWith: host"
        and hannity["count"] == 0
    )
    assert view.edges[actors["Russia"], actors["Ukraine"]]["goldstein_mean"] == -10.0
    # two sources acting jointly on one target give two edges
    assert view.has_edge(actors["Donald Trump"], actors["United Nations"])
    assert view.has_edge(actors["Владимир Путин"], actors["United Nations"])


def test_failed_documents_are_skipped():
    from kg.model import Extraction

    G = to_networkx([Extraction(doc_id="bad", error="cannot read"), *load("seed")])
    assert sum(1 for _, d in G.nodes(data=True) if d["node_type"] == "document") == 1
