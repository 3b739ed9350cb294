"""Extractions as a NetworkX graph, and the actor-to-actor view analysts open in Gephi.

Node ids are the RDF IRIs of the same things (see :mod:`kg.graph.iris`), so a node of the
GraphML output and a subject of ``graph.ttl`` are joined by id.  Every attribute is a GraphML
scalar (str, int, float, bool): lists are joined with ``"; "`` and missing values are left out.

Edges of the full graph (``kind`` attribute): ``source`` (actor -> event), ``target``
(event -> actor), ``reported_in`` (event -> document), ``mentioned_in`` (actor -> document,
``weight`` = number of mentions) and ``relation`` (actor -> actor, with ``predicate`` and ``role``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from statistics import mean

import networkx as nx

from kg.graph import iris
from kg.graph.views import edge_colour, node_style
from kg.model import Actor, Event, Extraction

JOIN = "; "


def _clean(attrs: dict) -> dict:
    """Drop None and empty values; join lists; keep str/int/float/bool."""
    out = {}
    for key, value in attrs.items():
        if isinstance(value, (list, tuple, set)):
            value = JOIN.join(str(v) for v in value if v not in (None, ""))
        if value is None or value == "":
            continue
        out[key] = value if isinstance(value, (str, int, float, bool)) else str(value)
    return out


def _role_text(role, names: dict[str, str]) -> str:
    of = names.get(role.of, role.of) if role.of else None
    return f"{role.title} of {of}" if of else role.title


def _add_document(G: nx.MultiDiGraph, x: Extraction) -> str:
    node = str(iris.document_iri(x.doc_id))
    attrs = {
        "node_type": "document",
        "kind": "document",
        "label": x.title or x.doc_id,
        "doc_id": x.doc_id,
        "title": x.title,
        "published": x.published,
        "date": x.published,
        "source": x.source,
        "dateline": x.dateline,
        "url": x.url,
        "authors": x.authors,
    }
    G.add_node(node, **_clean(attrs), **node_style("document"))
    return node


def _add_actor(G: nx.MultiDiGraph, x: Extraction, actor: Actor, node: str, doc: str, names) -> None:
    roles = [_role_text(r, names) for r in actor.roles]
    links = actor.links or {}
    if node in G:
        data = G.nodes[node]
        data["mentions"] = data.get("mentions", 0) + len(actor.mentions)
        data["documents"] = data.get("documents", 0) + 1
        for key, new in (("aliases", actor.aliases + [actor.name]), ("roles", roles)):
            old = [v for v in data.get(key, "").split(JOIN) if v]
            merged = old + [v for v in new if v not in old and v != data.get("label")]
            if merged:
                data[key] = JOIN.join(merged)
    else:
        attrs = {
            "node_type": "actor",
            "kind": actor.kind,
            "label": actor.name,
            "name": actor.name,
            "actor_id": actor.id,
            "country": actor.country,
            "sector": actor.sector,
            "code": actor.code,
            "roles": roles,
            "aliases": [a for a in actor.aliases if a != actor.name],
            "geonames": links.get("geonames"),
            "wikidata": links.get("wikidata"),
            "mentions": len(actor.mentions),
            "documents": 1,
        }
        G.add_node(node, **_clean(attrs), **node_style(actor.kind))
    if actor.mentions:
        G.add_edge(
            node,
            doc,
            key=f"mentioned_in:{doc}",
            kind="mentioned_in",
            label="mentioned in",
            weight=float(len(actor.mentions)),
        )


def _add_event(G: nx.MultiDiGraph, x: Extraction, ev: Event, doc: str, ids: dict[str, str], names) -> None:
    node = str(iris.event_iri(x.doc_id, ev.id))
    loc = ev.location
    attrs = {
        "node_type": "event",
        "kind": "event",
        "label": ev.type,
        "type": ev.type,
        "mode": ev.mode,
        "cameo": ev.cameo,
        "quad_class": int(ev.quad_class),
        "goldstein": float(ev.goldstein),
        "date": ev.date,
        "date_source": ev.date_source,
        "modality": ev.modality,
        "attributed_to": names.get(ev.attributed_to, ev.attributed_to) if ev.attributed_to else None,
        "claim": ev.relayed,
        "confidence": float(ev.confidence),
        "sentence": ev.sentence,
        "trigger": ev.trigger.text,
        "doc_id": x.doc_id,
        "event_id": ev.id,
        "source_names": [names.get(a, a) for a in ev.source],
        "target_names": [names.get(a, a) for a in ev.target],
        "recipient": [names.get(a, a) for a in ev.recipient],
        "location": loc.name if loc else None,
        "location_country": loc.country if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "num_mentions": 1 + len(ev.mentions),
    }
    G.add_node(node, **_clean(attrs), **node_style("event", ev.type))
    colour = edge_colour(ev.goldstein)
    for actor_id in ev.source:
        if actor_id in ids:
            G.add_edge(
                ids[actor_id], node, key="source", kind="source", label=ev.type, weight=1.0, color=colour
            )
    for actor_id in ev.target:
        if actor_id in ids:
            G.add_edge(
                node, ids[actor_id], key="target", kind="target", label=ev.type, weight=1.0, color=colour
            )
    G.add_edge(node, doc, key="reported_in", kind="reported_in", label="reported in", weight=1.0)


def to_networkx(extractions: Sequence[Extraction]) -> nx.MultiDiGraph:
    """The full graph: document, actor and event nodes, with source, target and relation edges.

    Parameters
    ----------
    extractions : sequence of Extraction
        Resolved extractions (the same real actor has the same id, hence the same node, in
        every document); failed documents are skipped.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by IRI with ``node_type`` (document | actor | event), ``kind``, ``label`` and
        the attributes listed in the module docstring, plus ``color``/``r``/``g``/``b``/``size``.

    Examples
    --------
    >>> from kg.model import Extraction, Actor, Event, Mention
    >>> x = Extraction(doc_id="d1", actors=[Actor("mex", "Mexico", "country", "MEX"),
    ...                                     Actor("usa", "United States", "country", "USA")],
    ...                events=[Event("e1", "CONSULT", Mention("met", 7, 10), "Mexico met the US.",
    ...                              source=["mex"], target=["usa"])])
    >>> G = to_networkx([x])
    >>> sorted(d["node_type"] for _, d in G.nodes(data=True))
    ['actor', 'actor', 'document', 'event']
    >>> sorted(k for _, _, k in G.edges(keys=True))
    ['reported_in', 'source', 'target']
    """
    G = nx.MultiDiGraph(name="kg")
    for x in extractions:
        if x.error is not None:
            continue
        doc = _add_document(G, x)
        ids = {a.id: str(iris.actor_iri(a)) for a in x.actors}
        names = {a.id: a.name for a in x.actors}
        for actor in x.actors:
            _add_actor(G, x, actor, ids[actor.id], doc, names)
        for ev in x.events:
            _add_event(G, x, ev, doc, ids, names)
        for rel in x.relations:
            if rel.subject in ids and rel.object in ids:
                G.add_edge(
                    ids[rel.subject],
                    ids[rel.object],
                    key=f"{rel.predicate}:{x.doc_id}",
                    **_clean(
                        {
                            "kind": "relation",
                            "label": rel.predicate,
                            "predicate": rel.predicate,
                            "role": rel.role,
                            "doc_id": x.doc_id,
                            "weight": 1.0,
                            "evidence": rel.evidence.text if rel.evidence else None,
                        }
                    ),
                )
    return G


def _event_pairs(G: nx.MultiDiGraph):
    """(source, target, event attributes) for every source x target pair of every event."""
    for node, data in G.nodes(data=True):
        if data.get("node_type") != "event":
            continue
        sources = {u for u, _, k in G.in_edges(node, keys=True) if k == "source"}
        targets = {v for _, v, k in G.out_edges(node, keys=True) if k == "target"}
        for s in sources:
            for t in targets:
                if s != t:
                    yield s, t, node, data


def actor_view(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Actor-to-actor graph: one edge per ordered pair of actors, collapsing their events.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`to_networkx`.

    Returns
    -------
    networkx.DiGraph
        Actor nodes (same ids and attributes). Edge attributes: ``count`` and ``weight`` (events),
        ``asserted`` (events with modality asserted), ``goldstein_mean``, ``goldstein_min``,
        ``first_date``, ``last_date``, ``types`` and ``type`` (most frequent PLOVER category),
        ``quad_classes``, ``relations`` (e.g. ``holdsRole: President``), ``kind``
        (interaction | relation | both), ``label`` and ``color``.

    Examples
    --------
    >>> from kg.model import Extraction, Actor, Event, Mention
    >>> ev = lambda i, t, g: Event(i, t, Mention("x", 0, 1), "...", goldstein=g, date="2026-01-0" + i[-1],
    ...                            source=["usa"], target=["ven"])
    >>> x = Extraction(doc_id="d1", actors=[Actor("usa", "United States", "country", "USA"),
    ...                Actor("ven", "Venezuela", "country", "VEN")],
    ...                events=[ev("e1", "ASSAULT", -10.0), ev("e2", "THREATEN", -4.0)])
    >>> V = actor_view(to_networkx([x]))
    >>> e = V.edges[next(iter(V.edges))]
    >>> e["count"], e["goldstein_mean"], e["first_date"], e["last_date"], e["types"]
    (2, -7.0, '2026-01-01', '2026-01-02', 'ASSAULT; THREATEN')
    """
    V = nx.DiGraph(name="kg-actors")
    for node, data in G.nodes(data=True):
        if data.get("node_type") == "actor":
            V.add_node(node, **data)
    pairs: dict[tuple[str, str], list[dict]] = {}
    for s, t, _, data in _event_pairs(G):
        pairs.setdefault((s, t), []).append(data)
    relations: dict[tuple[str, str], list[str]] = {}
    for u, v, data in G.edges(data=True):
        if data.get("kind") == "relation":
            text = data["predicate"] + (f": {data['role']}" if data.get("role") else "")
            relations.setdefault((u, v), [])
            if text not in relations[(u, v)]:
                relations[(u, v)].append(text)
    for (s, t), events in pairs.items():
        V.add_edge(s, t, **_collapse(events))
    for (u, v), texts in relations.items():
        if V.has_edge(u, v):
            V.edges[u, v].update(kind="both", relations=JOIN.join(texts))
        else:
            V.add_edge(
                u,
                v,
                kind="relation",
                relations=JOIN.join(texts),
                label=JOIN.join(texts),
                count=0,
                asserted=0,
                weight=0.5,
                color="#999999",
            )
    return V


def _collapse(events: list[dict]) -> dict:
    scores = [e["goldstein"] for e in events if "goldstein" in e]
    dates = sorted(e["date"] for e in events if "date" in e)
    types = Counter(e["type"] for e in events)
    g_mean = round(mean(scores), 3) if scores else 0.0
    attrs = {
        "kind": "interaction",
        "count": len(events),
        "weight": float(len(events)),
        "asserted": sum(1 for e in events if e.get("modality") == "asserted" and not e.get("claim")),
        "goldstein_mean": g_mean,
        "goldstein_min": min(scores) if scores else None,
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "types": sorted(types),
        "type": types.most_common(1)[0][0],
        "quad_classes": sorted({str(e["quad_class"]) for e in events if "quad_class" in e}),
        "label": ", ".join(f"{t} x{n}" if n > 1 else t for t, n in sorted(types.items())),
        "color": edge_colour(g_mean),
    }
    return _clean(attrs)
