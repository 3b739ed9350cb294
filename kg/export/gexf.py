"""GEXF (Gephi's own format) with positions, colours and sizes as ``viz`` attributes."""

from __future__ import annotations

import io
from typing import IO, Any

import networkx as nx

from kg.export.atomic import is_binary, write_to
from kg.export.graphml import graphml_ready
from kg.graph.views import rgb


def gexf_ready(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` with scalar attributes and ``viz`` (position, color, size) per node."""
    H = graphml_ready(G, positions=True)
    for _, data in H.nodes(data=True):
        r, g, b = rgb(data.get("color", "#cccccc"))
        data["viz"] = {
            "position": {"x": float(data.get("x", 0.0)), "y": float(data.get("y", 0.0)), "z": 0.0},
            "color": {"r": r, "g": g, "b": b, "a": 1.0},
            "size": float(data.get("size", 10.0)),
        }
    for *_, data in H.edges(data=True):
        if "color" in data:
            r, g, b = rgb(data["color"])
            data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}}
    return H


def write_gexf(G: nx.Graph, path_or_file) -> None:
    """Write ``G`` as GEXF 1.2 (a path, written atomically, or a file object).

    Examples
    --------
    >>> import io, networkx as nx
    >>> G = nx.DiGraph(); G.add_edge("a", "b", weight=2.0, color="#ff0000")
    >>> buf = io.BytesIO(); write_gexf(G, buf)
    >>> sorted(read_gexf(io.BytesIO(buf.getvalue())).nodes)
    ['a', 'b']
    """
    buffer = io.BytesIO()
    nx.write_gexf(gexf_ready(G), buffer, encoding="utf-8", prettyprint=True, version="1.2draft")
    data = buffer.getvalue()

    def write(handle: IO[Any]) -> None:
        handle.write(data if is_binary(handle) else data.decode("utf-8"))

    write_to(path_or_file, write, binary=not hasattr(path_or_file, "write"))


def read_gexf(path_or_file, **kwargs) -> nx.Graph:
    """Read GEXF (``networkx.read_gexf``)."""
    return nx.read_gexf(path_or_file, **kwargs)
