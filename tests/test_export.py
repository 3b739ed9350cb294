"""Exports: the files of kg build, GraphML/GEXF that load in networkx and igraph, CSV, atomic writes."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import igraph
import networkx as nx
import pytest

from kg.errors import KgError
from kg.export import (
    DEFAULT_FORMATS,
    FORMATS,
    export_format,
    read_graphml,
    read_jsonl,
    write_events_csv,
    write_gexf,
    write_graphml,
    write_outputs,
)
from kg.export.atomic import atomic_open, write_to
from kg.graph.networkx import actor_view, to_networkx
from kg.model import PLOVER_CATEGORIES, read_extractions

FIXTURES = Path(__file__).parent / "fixtures" / "extractions"


def load(name: str):
    return read_extractions((FIXTURES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="module")
def extractions():
    return load("seed") + load("multi")


@pytest.fixture(scope="module")
def outdir(tmp_path_factory, extractions) -> Path:
    out = tmp_path_factory.mktemp("out")
    write_outputs(extractions, out, formats=list(FORMATS))
    return out


def test_build_files_are_written(tmp_path, extractions):
    written = write_outputs(extractions, tmp_path)
    assert [p.name for p in written] == [FORMATS[f][0] for f in DEFAULT_FORMATS]
    for required in ("graph.ttl", "graph.graphml", "events.csv", "extractions.jsonl"):
        assert (tmp_path / required).stat().st_size > 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_unknown_format_is_a_user_error(tmp_path, extractions):
    with pytest.raises(KgError, match="unknown output format"):
        write_outputs(extractions, tmp_path, formats=["svg"])


@pytest.mark.parametrize(("name", "view"), [("graph.graphml", "full"), ("graph-actors.graphml", "actors")])
def test_graphml_loads_in_networkx_and_igraph_with_same_counts(outdir, extractions, name, view):
    G = to_networkx(extractions)
    expected = G if view == "full" else actor_view(G)
    back = read_graphml(outdir / name)
    ig = igraph.Graph.Read_GraphML(str(outdir / name))
    assert back.number_of_nodes() == ig.vcount() == expected.number_of_nodes()
    assert back.number_of_edges() == ig.ecount() == expected.number_of_edges()
    labels = set(ig.vs["label"])
    assert {"Claudia Sheinbaum", "Donald Trump", "Владимир Путин", 'Los "Chapitos" <faction>'} <= labels
    kinds = dict(zip(ig.vs["label"], ig.vs["kind"], strict=True))
    assert kinds["Claudia Sheinbaum"] == "person" and kinds["United States"] == "country"
    for attr in ("x", "y", "size", "r", "g", "b"):
        assert all(isinstance(v, float) for v in ig.vs[attr]), attr
    assert all(c.startswith("#") for c in ig.vs["color"])


def test_full_graphml_event_attributes(outdir):
    ig = igraph.Graph.Read_GraphML(str(outdir / "graph.graphml"))
    events = ig.vs.select(node_type_eq="event")
    assert len(events) == 9 + 2 + 2 + 3 + 2  # every event, claims included, as nodes
    assert set(events["type"]) <= set(PLOVER_CATEGORIES)
    threat = events.select(type_eq="THREATEN", date_eq="2026-01-08")[0]
    assert threat["goldstein"] == -7.0 and threat["cameo"] == "138"
    weights = ig.es["weight"]
    assert all(isinstance(w, float) and w > 0 for w in weights)


def test_actor_graphml_edges_collapse_events(outdir):
    G = read_graphml(outdir / "graph-actors.graphml")
    labels = {d["label"]: n for n, d in G.nodes(data=True)}
    edge = G.edges[labels["Claudia Sheinbaum"], labels["United States"]]
    assert edge["count"] == 4 and edge["first_date"] == "2026-01-09" and edge["types"] == "ACCUSE; COOPERATE"


def test_graphml_has_yed_graphics_that_do_not_break_loading(outdir):
    text = (outdir / "graph.graphml").read_text(encoding="utf-8")
    assert 'yfiles.type="nodegraphics"' in text and "<y:NodeLabel>Claudia Sheinbaum</y:NodeLabel>" in text
    assert "None" not in text.replace("none", "")


def test_graphml_writer_joins_lists_and_drops_none():
    G = nx.MultiDiGraph()
    G.add_node("a", label="A", tags=["x", "y"], missing=None, n=1)
    G.add_node("b", label="B", n=2.5)
    G.add_edge("a", "b", key="k", weight=1)
    buffer = io.BytesIO()
    write_graphml(G, buffer)
    back = read_graphml(io.BytesIO(buffer.getvalue()))
    assert back.nodes["a"]["tags"] == "x; y" and "missing" not in back.nodes["a"]
    assert back.nodes["a"]["n"] == 1.0 and back.nodes["b"]["n"] == 2.5  # one type per key


def test_gexf_loads_with_positions_and_colours(outdir):
    for name in ("graph.gexf", "graph-actors.gexf"):
        G = nx.read_gexf(outdir / name)
        assert G.number_of_nodes() > 10
        viz = next(iter(G.nodes(data=True)))[1]["viz"]
        assert {"position", "color", "size"} <= set(viz)
    buffer = io.BytesIO()
    write_gexf(nx.DiGraph([("a", "b")]), buffer)
    assert b"<gexf" in buffer.getvalue()


def test_events_csv_one_row_per_event(outdir, extractions):
    with open(outdir / "events.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == sum(len(x.events) for x in extractions)
    row = next(r for r in rows if r["event_id"] == "reuters-2026-01-09-sheinbaum:e5")
    assert (row["source_name"], row["type"], row["target_name"], row["cameo"], row["cameo_root"]) == (
        "U.S. forces",
        "ASSAULT",
        "Venezuela",
        "190",
        "19",
    )
    assert (row["quad_class"], row["goldstein"], row["num_mentions"], row["lat"]) == (
        "4",
        "-10.0",
        "2",
        "8.0",
    )
    joint = next(r for r in rows if r["event_id"] == "multi/a:e1")
    assert joint["source_name"] == "Donald Trump; Владимир Путин"
    assert joint["source_url"] == "https://example.org/news/a?x=1&y=<2>"


def test_jsonl_round_trip(outdir, extractions):
    assert [x.to_dict() for x in read_jsonl(outdir / "extractions.jsonl")] == [
        x.to_dict() for x in extractions
    ]


def test_export_format_single_file_and_view(tmp_path, extractions):
    path = export_format(extractions, "graphml", outdir=tmp_path, view="actors")
    assert path.name == "graph-actors.graphml"
    assert (
        igraph.Graph.Read_GraphML(str(path)).vcount()
        == actor_view(to_networkx(extractions)).number_of_nodes()
    )
    nt = export_format(extractions, "nt", tmp_path / "x.nt")
    assert nt.read_text(encoding="utf-8").count(" .\n") > 100


def test_atomic_write_leaves_no_partial_file(tmp_path):
    target = tmp_path / "events.csv"

    def failing(handle):
        handle.write("half a file")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_to(target, failing)
    assert not target.exists()
    assert os.listdir(tmp_path) == []


def test_atomic_write_keeps_the_previous_file_when_a_writer_fails(tmp_path, extractions):
    target = tmp_path / "events.csv"
    write_events_csv(extractions, target)
    before = target.read_bytes()
    broken = [*extractions, "not an extraction"]
    with pytest.raises(AttributeError):
        write_events_csv(broken, target)
    assert target.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["events.csv"]


def test_atomic_open_sets_normal_permissions(tmp_path):
    target = tmp_path / "a" / "b.txt"
    with atomic_open(target) as handle:
        handle.write("ok")
    assert target.read_text() == "ok"
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_writers_accept_file_objects(extractions):
    text = io.StringIO()
    write_events_csv(extractions, text)
    assert text.getvalue().startswith("event_id,date")
    binary = io.BytesIO()
    write_graphml(to_networkx(extractions), binary)
    assert binary.getvalue().startswith(b"<?xml")


def test_written_turtle_and_trig_parse_back_to_the_same_graphs(outdir, extractions):
    import pyoxigraph
    from rdflib import Dataset, Graph
    from rdflib.compare import isomorphic

    from kg.graph.rdf import to_graph, to_rdf

    turtle = Graph().parse(outdir / "graph.ttl", format="turtle")
    assert isomorphic(turtle, to_graph(extractions))
    store = pyoxigraph.Store()
    store.load(path=str(outdir / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(turtle)
    text = (outdir / "graph.ttl").read_text(encoding="utf-8")
    assert "@prefix kg: <https://w3id.org/kg-news/ontology#>" in text and "\\/" not in text
    trig = Dataset()
    trig.parse(outdir / "graph.trig", format="trig")
    expected = to_rdf(extractions)
    names = {g.identifier for g in expected.graphs() if len(g)}
    assert names == {g.identifier for g in trig.graphs() if len(g)}
    for name in names:
        assert isomorphic(trig.graph(name), expected.graph(name))


def test_large_graphs_get_positions_without_scipy():
    G = nx.path_graph(700, create_using=nx.DiGraph)
    buffer = io.BytesIO()
    write_graphml(G, buffer)
    back = read_graphml(io.BytesIO(buffer.getvalue()))
    assert back.number_of_nodes() == 700
    assert len({(d["x"], d["y"]) for _, d in back.nodes(data=True)}) == 700
