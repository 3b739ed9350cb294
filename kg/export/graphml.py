"""GraphML for Gephi, Cytoscape, yEd, networkx and python-igraph.

Every attribute is a GraphML scalar with one type per key; nodes get positions (``x``, ``y``),
colours (``color`` as ``#rrggbb`` and ``r``/``g``/``b`` for Gephi) and ``size``.  yEd reads
its own ``nodegraphics``/``edgegraphics`` keys (label, fill colour, geometry, edge colour): they
are written into the same file, which networkx and igraph still load (tested).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from typing import IO, Any

import networkx as nx

from kg.export.atomic import is_binary, write_to
from kg.graph.views import layout

GRAPHML = "http://graphml.graphdrawing.org/xmlns"
YED = "http://www.yworks.com/xml/graphml"
ET.register_namespace("", GRAPHML)
ET.register_namespace("y", YED)


def _scalar(value: Any):
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value if v is not None)
    if isinstance(value, (str, bool, int, float)):
        return value
    return None if value is None else str(value)


def _unify(items) -> dict[str, type]:
    """One type per attribute name: bool, int, float or str (the widest seen)."""
    seen: dict[str, set[type]] = {}
    for data in items:
        for key, value in data.items():
            seen.setdefault(key, set()).add(type(value))
    out = {}
    for key, types in seen.items():
        if types <= {bool}:
            out[key] = bool
        elif types <= {int}:
            out[key] = int
        elif types <= {int, float}:
            out[key] = float
        else:
            out[key] = str
    return out


def graphml_ready(G: nx.Graph, positions: bool = True) -> nx.Graph:
    """A copy of ``G`` whose attributes are GraphML scalars of one type per key (None dropped)."""
    H = G.__class__()
    H.graph.update({k: s for k, v in G.graph.items() if (s := _scalar(v)) is not None})
    need = positions and any("x" not in d for _, d in G.nodes(data=True))
    pos = layout(G) if need else {}
    for node, data in G.nodes(data=True):
        attrs = {k: s for k, v in data.items() if (s := _scalar(v)) is not None}
        if node in pos and "x" not in attrs:
            attrs["x"], attrs["y"] = pos[node]
        H.add_node(str(node), **attrs)
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True)
    for edge in edges:
        u, v, data = edge[0], edge[1], edge[-1]
        attrs = {k: s for k, v in data.items() if (s := _scalar(v)) is not None}
        if G.is_multigraph():
            H.add_edge(str(u), str(v), key=str(edge[2]), **attrs)
        else:
            H.add_edge(str(u), str(v), **attrs)
    for items in (H.nodes.values(), [d for *_, d in H.edges(data=True)]):
        types = _unify(items)
        for data in items:
            for key, value in data.items():
                data[key] = types[key](value) if types[key] is not bool else bool(value)
    return H


def _add_yed(xml: bytes, H: nx.Graph) -> bytes:
    """Add yEd ``nodegraphics``/``edgegraphics`` data (labels, colours, geometry) to GraphML."""
    root = ET.fromstring(xml)
    graph = root.find(f"{{{GRAPHML}}}graph")
    for key_id, scope, ytype in (("yed_node", "node", "nodegraphics"), ("yed_edge", "edge", "edgegraphics")):
        key = ET.Element(f"{{{GRAPHML}}}key", {"id": key_id, "for": scope, "yfiles.type": ytype})
        root.insert(list(root).index(graph), key)
    for el in graph.findall(f"{{{GRAPHML}}}node"):
        data = H.nodes[el.get("id")]
        size = float(data.get("size", 12.0)) * 2.5
        shape = ET.SubElement(
            ET.SubElement(el, f"{{{GRAPHML}}}data", {"key": "yed_node"}), f"{{{YED}}}ShapeNode"
        )
        ET.SubElement(
            shape,
            f"{{{YED}}}Geometry",
            {
                "x": str(data.get("x", 0.0)),
                "y": str(data.get("y", 0.0)),
                "width": str(size),
                "height": str(size),
            },
        )
        ET.SubElement(
            shape,
            f"{{{YED}}}Fill",
            {"color": str(data.get("color", "#cccccc")).upper(), "transparent": "false"},
        )
        ET.SubElement(shape, f"{{{YED}}}NodeLabel").text = str(data.get("label", el.get("id")))
        kind = (
            "diamond"
            if data.get("node_type") == "event"
            else "rectangle"
            if data.get("node_type") == "document"
            else "ellipse"
        )
        ET.SubElement(shape, f"{{{YED}}}Shape", {"type": kind})
    edges = list(H.edges(keys=True, data=True)) if H.is_multigraph() else list(H.edges(data=True))
    for el, edge in zip(graph.findall(f"{{{GRAPHML}}}edge"), edges, strict=True):
        data = edge[-1]
        line = ET.SubElement(
            ET.SubElement(el, f"{{{GRAPHML}}}data", {"key": "yed_edge"}), f"{{{YED}}}PolyLineEdge"
        )
        ET.SubElement(
            line,
            f"{{{YED}}}LineStyle",
            {"color": str(data.get("color", "#999999")).upper(), "type": "line", "width": "1.0"},
        )
        ET.SubElement(line, f"{{{YED}}}Arrows", {"source": "none", "target": "standard"})
        if data.get("label"):
            ET.SubElement(line, f"{{{YED}}}EdgeLabel").text = str(data["label"])
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def write_graphml(G: nx.Graph, path_or_file, *, yed: bool = True, positions: bool = True) -> None:
    """Write ``G`` as GraphML (networkx readwrite style: a path or a file object).

    Parameters
    ----------
    G : networkx.Graph
        E.g. :func:`kg.graph.networkx.to_networkx` (``--view full``) or
        :func:`kg.graph.networkx.actor_view` (``--view actors``).
    path_or_file : str, Path or file object
        A path is written atomically; a file object is written as is (binary or text).
    yed : bool
        Add yEd label/colour/geometry keys (default True; networkx and igraph ignore them).
    positions : bool
        Add ``x``/``y`` from a seeded spring layout when nodes have none.

    Examples
    --------
    >>> import io, networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="A", tags=["x", "y"], missing=None)
    >>> buf = io.BytesIO()
    >>> write_graphml(G, buf)
    >>> read_graphml(io.BytesIO(buf.getvalue())).nodes["a"]["tags"]
    'x; y'
    """
    H = graphml_ready(G, positions=positions)
    buffer = io.BytesIO()
    nx.write_graphml(H, buffer, encoding="utf-8", prettyprint=True)
    data = _add_yed(buffer.getvalue(), H) if yed else buffer.getvalue()

    def write(handle: IO[Any]) -> None:
        handle.write(data if is_binary(handle) else data.decode("utf-8"))

    write_to(path_or_file, write, binary=not hasattr(path_or_file, "write"))


def read_graphml(path_or_file, **kwargs) -> nx.Graph:
    """Read GraphML written by :func:`write_graphml` (``networkx.read_graphml``; multigraph kept)."""
    return nx.read_graphml(path_or_file, **kwargs)
