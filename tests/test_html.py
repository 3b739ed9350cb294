"""The HTML view's page: self-contained, escaped, deterministic, with the data the view needs."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from kg.export.html import render_html, view_data, write_html

SEED_TITLE = "Mexico's Sheinbaum urges closer US coordination after Trump threatens land attacks on cartels"
HOSTILE = 'cartel operatives </script><script>window.pwned = 1</script> <!-- and "quotes" & <b>tags</b>'

ACTORS = [
    ("sheinbaum", "Claudia Sheinbaum", "person", "MEX", "GOV"),
    ("trump", "Donald Trump", "person", "USA", "GOV"),
    ("mex", "Mexico", "country", "MEX", None),
    ("usa", "United States", "country", "USA", None),
    ("fuente", "Juan Ramon de la Fuente", "person", "MEX", "GOV"),
    ("cartels", "drug cartels", "group", "MEX", "CRM"),
    ("ven", "Venezuela", "country", "VEN", None),
    ("maduro", "Nicolas Maduro", "person", "VEN", "GOV"),
    ("usmil", "U.S. forces", "organization", "USA", "MIL"),
    ("sinaloa", "Sinaloa Cartel", "group", "MEX", "CRM"),
    ("mexcity", "Mexico City", "location", "MEX", None),
]
EVENTS = [
    (
        "e1",
        "CONSULT",
        "2026-01-08",
        1.0,
        ["sheinbaum"],
        ["fuente"],
        "asked",
        '"Yesterday, I asked Foreign Minister Juan Ramon de la Fuente to make direct contact," '
        "Sheinbaum said.",
    ),
    (
        "e2",
        "THREATEN",
        "2026-01-08",
        -7.0,
        ["trump"],
        ["cartels"],
        "threatened",
        "President Donald Trump threatened land strikes on drug cartels, which he said were running Mexico.",
    ),
    (
        "e3",
        "ASSAULT",
        "2026-01-03",
        -10.0,
        ["usmil"],
        ["ven"],
        "attacked",
        "U.S. forces attacked Venezuela last weekend and captured its president, Nicolas Maduro.",
    ),
    (
        "e4",
        "COERCE",
        "2026-01-03",
        -7.0,
        ["usmil"],
        ["maduro"],
        "captured",
        "U.S. forces attacked Venezuela last weekend and captured its president, Nicolas Maduro.",
    ),
    (
        "e5",
        "COOPERATE",
        "2026-01-09",
        6.0,
        ["mex"],
        ["usa"],
        "cooperation",
        "She has doubled down on bilateral security cooperation with the U.S.",
    ),
    (
        "e6",
        "COERCE",
        "2026-01-09",
        -5.0,
        ["mex"],
        ["cartels"],
        "expulsions",
        f"She sought to placate Washington with two mass expulsions to the U.S. of {HOSTILE}.",
    ),
    (
        "e7",
        "THREATEN",
        "2026-01-08",
        -7.0,
        ["trump"],
        ["cartels"],
        "hitting",
        '"We are going to start now hitting land with regard to the cartels," Trump told Fox News.',
    ),
]
RELATIONS = [("sheinbaum", "leaderOf", "mex"), ("trump", "leaderOf", "usa"), ("maduro", "leaderOf", "ven")]


def seed_like_graph(order: int = 1) -> nx.MultiDiGraph:
    """A hand-written graph shaped like ``to_networkx`` output for the seed.

    ``order=-1`` inserts nodes and edges in reverse order.
    """
    G = nx.MultiDiGraph()
    G.add_node("doc:seed", node_type="document", title=SEED_TITLE, published="2026-01-09")
    for key, label, kind, country, sector in ACTORS[::order]:
        G.add_node(f"actor:{key}", node_type="actor", label=label, kind=kind, country=country, sector=sector)
    for key, type_, date, goldstein, sources, targets, trigger, sentence in EVENTS[::order]:
        G.add_node(
            f"event:{key}",
            node_type="event",
            type=type_,
            date=date,
            goldstein=goldstein,
            trigger=trigger,
            sentence=sentence,
        )
        for source in sources:
            G.add_edge(f"actor:{source}", f"event:{key}", role="source")
        for target in targets:
            G.add_edge(f"event:{key}", f"actor:{target}", role="target")
        G.add_edge("doc:seed", f"event:{key}", role="reports")
    for subject, predicate, obj in RELATIONS[::order]:
        G.add_edge(f"actor:{subject}", f"actor:{obj}", predicate=predicate)
    return G


def embedded_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert match, "the page embeds its data"
    return json.loads(match.group(1))


def test_view_data_links_events_to_their_actors_and_sentences():
    data = view_data(seed_like_graph())
    events = {e["id"]: e for e in data["events"]}
    assert events["event:e2"]["source"] == ["actor:trump"]
    assert events["event:e2"]["target"] == ["actor:cartels"]
    assert events["event:e2"]["documents"] == ["doc:seed"]
    assert events["event:e2"]["sentence"].startswith("President Donald Trump threatened")
    assert {a["id"]: a["kind"] for a in data["actors"]}["actor:usmil"] == "organization"
    assert [(r["source"], r["predicate"], r["target"]) for r in data["relations"]][0] == (
        "actor:maduro",
        "leaderOf",
        "actor:ven",
    )
    assert data["documents"]["doc:seed"]["title"] == SEED_TITLE


def test_page_is_self_contained_and_offline():
    page = render_html(seed_like_graph())
    assert "<link" not in page
    assert not re.search(r"<script[^>]+src=", page), "no external script"
    assert "new vis.Network" in page and "vis-network" in page  # the library is inlined
    assert "sourceMappingURL" not in page


def test_sentences_cannot_break_out_of_the_data_script():
    page = render_html(seed_like_graph())
    assert page.count("</script") == 3  # only the page's own three script elements
    assert "<!--" not in page.split('id="kg-data">')[1]
    sentence = {e["id"]: e for e in embedded_data(page)["events"]}["event:e6"]["sentence"]
    assert HOSTILE in sentence  # and the text survives exactly


def test_title_is_escaped_and_defaults_to_the_document_title():
    page = render_html(seed_like_graph(), title='<b>Cartels & "Trump"</b>')
    assert "<title>&lt;b&gt;Cartels &amp; &quot;Trump&quot;&lt;/b&gt;</title>" in page
    default = render_html(seed_like_graph())
    assert "<title>Mexico&#x27;s Sheinbaum urges closer US coordination" in default


def test_output_is_deterministic_whatever_the_insertion_order():
    assert render_html(seed_like_graph()) == render_html(seed_like_graph(order=-1))


@pytest.mark.parametrize("make_buffer", [io.StringIO, io.BytesIO])
def test_write_html_accepts_paths_and_text_or_binary_files(tmp_path, make_buffer):
    path = tmp_path / "graph.html"
    write_html(seed_like_graph(), path)
    buffer = make_buffer()
    write_html(seed_like_graph(), buffer)
    written = buffer.getvalue()
    text = written.decode("utf-8") if isinstance(written, bytes) else written
    assert text == path.read_text(encoding="utf-8")
    assert embedded_data(text)["title"] == SEED_TITLE


def test_empty_graph_still_makes_a_page():
    data = embedded_data(render_html(nx.MultiDiGraph()))
    assert data["actors"] == [] and data["events"] == []
    assert data["title"] == "Knowledge graph: 0 actors, 0 events"


def test_the_graph_of_to_networkx_feeds_the_view():
    """The real graph builder's schema (node_type, kind, sentence, source/target/relation edges)."""
    from kg.graph.networkx import to_networkx
    from kg.model import read_extractions

    fixture = Path(__file__).parent / "fixtures" / "extractions" / "seed.jsonl"
    with fixture.open(encoding="utf-8") as lines:
        data = view_data(to_networkx(read_extractions(lines)))
    actors = {a["label"]: a for a in data["actors"]}
    assert actors["Claudia Sheinbaum"]["kind"] == "person"
    assert "President of Mexico" in actors["Claudia Sheinbaum"]["roles"]
    trump = actors["Donald Trump"]["id"]
    threats = [e for e in data["events"] if trump in e["source"] and e["type"] == "THREATEN"]
    assert threats and "land strikes on drug cartels" in threats[0]["sentence"]
    assert threats[0]["date"] == "2026-01-08" and threats[0]["documents"] == list(data["documents"])
    assert any(r["predicate"] == "holdsRole" for r in data["relations"])
