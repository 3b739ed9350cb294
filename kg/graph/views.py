"""Visual hints shared by the GraphML, GEXF and HTML outputs: colours, sizes, positions.

Colours are by actor kind and event category (conflict red, cooperation green); edges are
coloured on the Goldstein scale.  Positions come from a seeded spring layout, so the same graph
is drawn the same way every run.
"""

from __future__ import annotations

import networkx as nx

KIND_COLOURS = {
    "person": "#1f77b4",
    "organization": "#ff7f0e",
    "country": "#2ca02c",
    "group": "#d62728",
    "location": "#8c564b",
    "other": "#7f7f7f",
    "document": "#bbbbbb",
}
QUAD_COLOURS = {1: "#74c476", 2: "#31a354", 3: "#fd8d3c", 4: "#de2d26"}
CATEGORY_QUAD = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "SANCTION": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}
MAX_SPRING_NODES = (
    500  # larger graphs get seeded random positions (spring layout needs scipy there; use Gephi)
)
SIZES = {"document": 8.0, "event": 6.0, "country": 16.0}


def rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` as an (r, g, b) tuple of ints."""
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def node_style(kind: str, category: str | None = None) -> dict:
    """``color`` (hex), ``r``/``g``/``b`` and ``size`` attributes for a node (Gephi, Cytoscape)."""
    if kind == "event":
        colour = QUAD_COLOURS.get(CATEGORY_QUAD.get(category or "", 0), "#7f7f7f")
    else:
        colour = KIND_COLOURS.get(kind, KIND_COLOURS["other"])
    r, g, b = rgb(colour)
    return {"color": colour, "r": r, "g": g, "b": b, "size": SIZES.get(kind, 12.0)}


def edge_colour(goldstein: float | None) -> str:
    """Red for conflict, grey for neutral, green for cooperation (Goldstein -10 .. +10)."""
    if goldstein is None:
        return "#999999"
    x = max(-10.0, min(10.0, float(goldstein))) / 10.0
    if x < 0:
        return f"#{200:02x}{int(200 * (1 + x)):02x}{int(200 * (1 + x)):02x}"
    return f"#{int(200 * (1 - x)):02x}{170:02x}{int(200 * (1 - x)):02x}"


def layout(G: nx.Graph, seed: int = 42, scale: float = 500.0) -> dict:
    """Deterministic 2-D positions {node: (x, y)} (spring layout, fixed seed)."""
    if G.number_of_nodes() == 0:
        return {}
    simple = nx.Graph(G.to_undirected()) if G.is_multigraph() else G.to_undirected()
    if simple.number_of_nodes() > MAX_SPRING_NODES:
        pos = nx.random_layout(simple, seed=seed)
        pos = {n: ((x - 0.5) * 2 * scale, (y - 0.5) * 2 * scale) for n, (x, y) in pos.items()}
    else:
        pos = nx.spring_layout(simple, seed=seed, scale=scale)
    return {n: (round(float(x), 2), round(float(y), 2)) for n, (x, y) in pos.items()}
