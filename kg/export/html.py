"""A self-contained, offline HTML view of the graph: actors, events, relations and their sentences.

The page inlines vis-network (Apache-2.0 / MIT, shipped inside the ``pyvis`` wheel), the view's
own script and style from ``kg/data/html/`` and the graph's data as JSON, so it opens from disk
with no network access.
"""

from __future__ import annotations

import html
import importlib.util
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg import __version__
from kg.errors import KgError
from kg.model import PLOVER_CATEGORIES

VIS_VERSION = "9.1.2"
MAX_EVENT_NODES = 200  # above this many events the page opens on the actor view
LAYOUT_SEED = 7

ASSETS = Path(__file__).resolve().parent.parent / "data" / "html"
_ROLES = ("actor", "event", "document")


@cache
def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


@cache
def vis_network_js() -> str:
    """The minified vis-network script shipped by the ``pyvis`` package, without its source-map line.

    Returns
    -------
    str
        JavaScript text, safe to inline in a ``<script>`` element.

    Raises
    ------
    KgError
        When ``pyvis`` is not installed.
    """
    spec = importlib.util.find_spec("pyvis")  # locate without importing (pyvis imports IPython)
    if spec is None or not spec.submodule_search_locations:
        raise KgError("the HTML view needs the 'pyvis' package (it ships vis-network): pip install pyvis")
    root = Path(next(iter(spec.submodule_search_locations)))
    path = root / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js"
    if not path.exists():
        path = root / "templates" / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js"
    if not path.exists():
        raise KgError(
            f"pyvis at {root} does not ship vis-network {VIS_VERSION}: pip install 'pyvis>=0.3.2,<0.4'"
        )
    text = path.read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if not line.startswith("//# sourceMappingURL=")]
    return _safe_script("\n".join(lines))


def _safe_script(code: str) -> str:
    """Code that cannot end its ``<script>`` element early."""
    return code.replace("</script", "<\\/script").replace("<!--", "<\\!--")


def _json_for_script(data: Any) -> str:
    """JSON that is inert inside ``<script type="application/json">`` whatever the strings hold."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _role(attrs: dict[str, Any]) -> str:
    """Whether a node is an actor, an event or a document."""
    for key in ("node_type", "role", "kind"):
        value = attrs.get(key)
        if value in _ROLES:
            return value
    if attrs.get("type") in PLOVER_CATEGORIES or attrs.get("category") in PLOVER_CATEGORIES:
        return "event"
    return "actor"


def _text(value: Any) -> str | None:
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    return str(value)


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else round(number, 2)


def _split(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple, set)):
        return sorted(str(v) for v in value)
    return [v.strip() for v in str(value).split(";") if v.strip()]


def _actor(node: str, attrs: dict[str, Any]) -> dict[str, Any]:
    kind = attrs.get("actor_kind") or attrs.get("kind")
    return {
        "id": str(node),
        "label": _text(attrs.get("label") or attrs.get("name")) or str(node),
        "kind": kind if kind not in _ROLES and kind else "other",
        "country": _text(attrs.get("country")),
        "sector": _text(attrs.get("sector")),
        "code": _text(attrs.get("code")),
        "roles": _split(attrs.get("roles")),
        "aliases": _split(attrs.get("aliases")),
    }


def _event(node: str, attrs: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(node),
        "type": _text(attrs.get("type") or attrs.get("category")) or "EVENT",
        "mode": _text(attrs.get("mode")),
        "cameo": _text(attrs.get("cameo")),
        "goldstein": _number(attrs.get("goldstein")),
        "date": _text(attrs.get("date")),
        "modality": _text(attrs.get("modality")),
        "attributed_to": _text(attrs.get("attributed_to")),
        "sentence": _text(attrs.get("sentence")) or "",
        "trigger": _text(attrs.get("trigger")),
        "source": [],
        "target": [],
        "documents": [],
    }


def _document(node: str, attrs: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": _text(attrs.get("title") or attrs.get("label")),
        "published": _text(attrs.get("published") or attrs.get("date")),
        "source": _text(attrs.get("source")),
    }


def _edges(G: nx.Graph) -> Iterable[tuple[Any, Any, dict[str, Any]]]:
    return G.edges(data=True)


def view_data(G: nx.Graph) -> dict[str, Any]:
    """The plain data the page draws: actors, events (with their actors and sentences), relations.

    Parameters
    ----------
    G : networkx.Graph
        A graph from :func:`kg.graph.networkx.to_networkx`: actor, event and document nodes;
        actor -> event edges for sources, event -> actor edges for targets, actor -> actor edges
        for relations, and edges between documents and what they report.

    Returns
    -------
    dict
        ``actors``, ``events``, ``relations`` lists sorted by id and a ``documents`` mapping.
    """
    roles = {node: _role(attrs) for node, attrs in G.nodes(data=True)}
    actors = {n: _actor(n, a) for n, a in G.nodes(data=True) if roles[n] == "actor"}
    events = {n: _event(n, a) for n, a in G.nodes(data=True) if roles[n] == "event"}
    documents = {str(n): _document(n, a) for n, a in G.nodes(data=True) if roles[n] == "document"}
    relations: dict[tuple[str, str, str, str | None], dict[str, Any]] = {}
    for u, v, attrs in _edges(G):
        pair = (roles[u], roles[v])
        if pair == ("actor", "event"):
            events[v]["source"].append(str(u))
        elif pair == ("event", "actor"):
            events[u]["target"].append(str(v))
        elif pair == ("actor", "actor"):
            predicate = (
                _text(attrs.get("predicate") or attrs.get("label") or attrs.get("relation")) or "related"
            )
            key = (str(u), str(v), predicate, _text(attrs.get("role")))
            entry = relations.setdefault(
                key, {"source": key[0], "target": key[1], "predicate": predicate, "role": key[3], "count": 0}
            )
            entry["count"] += 1
        elif "document" in pair and "event" in pair:
            event, doc = (u, v) if roles[u] == "event" else (v, u)
            events[event]["documents"].append(str(doc))
    for event in events.values():
        for key in ("source", "target", "documents"):
            event[key] = sorted(set(event[key]))
    return {
        "actors": sorted(actors.values(), key=lambda a: a["id"]),
        "events": sorted(events.values(), key=lambda e: e["id"]),
        "relations": sorted(relations.values(), key=lambda r: (r["source"], r["target"], r["predicate"])),
        "documents": documents,
    }


def render_html(G: nx.Graph, *, title: str | None = None) -> str:
    """The page for ``G`` as a string; see :func:`write_html`."""
    data = view_data(G)
    title = title or _default_title(data)
    data.update(
        title=title, style=json.loads(_asset("style.json")), seed=LAYOUT_SEED, max_event_nodes=MAX_EVENT_NODES
    )
    data["style"].pop("_comment", None)
    page = _asset("template.html")
    for marker, value in (
        ("/*@KG_CSS@*/", _asset("view.css")),
        ("/*@VIS_JS@*/", vis_network_js()),
        ("/*@KG_JS@*/", _safe_script(_asset("view.js"))),
        ("@KG_DATA@", _json_for_script(data)),
        ("@KG_TITLE@", html.escape(title)),
        ("@KG_VERSION@", __version__),
    ):
        page = page.replace(marker, value)
    return page


def _default_title(data: dict[str, Any]) -> str:
    docs = list(data["documents"].values())
    if len(docs) == 1 and docs[0]["title"]:
        return docs[0]["title"]
    return f"Knowledge graph: {len(data['actors'])} actors, {len(data['events'])} events"


def write_html(
    G: nx.Graph, path_or_file: str | Path | IO[str] | IO[bytes], *, title: str | None = None
) -> None:
    """Write a self-contained interactive HTML view of a graph.

    The page works offline (vis-network and the data are inlined). It draws actors as dots
    coloured by kind and events as diamonds coloured by PLOVER category, with source -> event ->
    target edges coloured by Goldstein score (red conflict, green cooperation) and thicker where
    there are more events; a toggle collapses events into actor -> actor edges. A search box
    finds an actor by name and focuses it; clicking an actor lists its events with dates, types
    and the sentences behind them. The output is the same bytes for the same graph.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph of :func:`kg.graph.networkx.to_networkx` (actor, event and document nodes).
    path_or_file : str, Path or file object
        Where to write: a path, or a text or binary file opened for writing.
    title : str, optional
        Page title; defaults to the document's title for one document, else a count.

    Examples
    --------
    >>> import networkx as nx
    >>> from kg.export.html import write_html
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a:mex", node_type="actor", label="Mexico", kind="country", country="MEX")
    >>> G.add_node("a:usa", node_type="actor", label="United States", kind="country", country="USA")
    >>> G.add_node("e:1", node_type="event", type="CONSULT", goldstein=1.0, date="2026-01-09",
    ...            sentence="Mexico asked to speak with the United States.")
    >>> G.add_edge("a:mex", "e:1"); G.add_edge("e:1", "a:usa")
    0
    0
    >>> import io
    >>> out = io.StringIO()
    >>> write_html(G, out, title="Mexico and the United States")
    >>> page = out.getvalue()
    >>> page.startswith("<!DOCTYPE html>"), 'src="http' in page, "United States" in page
    (True, False, True)
    """
    page = render_html(G, title=title)
    if hasattr(path_or_file, "write"):
        try:
            path_or_file.write(page)
        except TypeError:
            path_or_file.write(page.encode("utf-8"))
        return
    Path(path_or_file).write_text(page, encoding="utf-8")
