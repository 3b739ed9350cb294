"""Exporters, one module per format, networkx readwrite style (``write_x(obj, path_or_file)``).

:func:`write_outputs` writes the files of ``kg build``; :func:`export_format` one format of
``kg export``.  Every file is written atomically (:mod:`kg.export.atomic`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kg.errors import KgError
from kg.export.atomic import atomic_open, write_to
from kg.export.csv import EVENT_COLUMNS, read_events_csv, write_events_csv
from kg.export.gexf import read_gexf, write_gexf
from kg.export.graphml import read_graphml, write_graphml
from kg.export.jsonl import read_jsonl, write_jsonl
from kg.export.rdf import (
    read_jsonld,
    read_nt,
    read_trig,
    read_turtle,
    write_jsonld,
    write_nquads,
    write_nt,
    write_trig,
    write_turtle,
)
from kg.model import Extraction

# format name -> (file name, what it holds)
FORMATS: dict[str, tuple[str, str]] = {
    "jsonl": ("extractions.jsonl", "the extractions (kg extract JSON Lines)"),
    "ttl": ("graph.ttl", "Turtle: the default graph (asserted facts, provenance, claims as text)"),
    "trig": ("graph.trig", "TriG: default graph + one named graph per attributed claim"),
    "nt": ("graph.nt", "N-Triples of the default graph"),
    "nq": ("graph.nq", "N-Quads of the whole dataset"),
    "jsonld": ("graph.jsonld", "JSON-LD with the context of ontology/context.jsonld"),
    "graphml": ("graph.graphml", "GraphML, full view: documents, actors, events"),
    "graphml-actors": ("graph-actors.graphml", "GraphML, actor-to-actor view"),
    "gexf": ("graph.gexf", "GEXF, full view, with positions and colours"),
    "gexf-actors": ("graph-actors.gexf", "GEXF, actor-to-actor view"),
    "csv": ("events.csv", "one row per event, GDELT-like columns"),
}
DEFAULT_FORMATS = ("jsonl", "ttl", "trig", "graphml", "graphml-actors", "gexf-actors", "csv")


class _Parts:
    """The graphs of a set of extractions, built once and only when a format needs them."""

    def __init__(self, extractions, graph=None, dataset=None) -> None:
        self.extractions = list(extractions)
        self._graph, self._dataset, self._actors = graph, dataset, None

    @property
    def graph(self):
        if self._graph is None:
            from kg.graph.networkx import to_networkx

            self._graph = to_networkx(self.extractions)
        return self._graph

    @property
    def actors(self):
        if self._actors is None:
            from kg.graph.networkx import actor_view

            self._actors = actor_view(self.graph)
        return self._actors

    @property
    def dataset(self):
        if self._dataset is None:
            from kg.graph.rdf import to_rdf

            self._dataset = to_rdf(self.extractions)
        return self._dataset

    def default_graph(self):
        return self.dataset.default_graph

    def write(self, fmt: str, path) -> None:
        writers = {
            "jsonl": lambda p: write_jsonl(self.extractions, p),
            "ttl": lambda p: write_turtle(self.default_graph(), p),
            "trig": lambda p: write_trig(self.dataset, p),
            "nt": lambda p: write_nt(self.default_graph(), p),
            "nq": lambda p: write_nquads(self.dataset, p),
            "jsonld": lambda p: write_jsonld(self.dataset, p),
            "graphml": lambda p: write_graphml(self.graph, p),
            "graphml-actors": lambda p: write_graphml(self.actors, p),
            "gexf": lambda p: write_gexf(self.graph, p),
            "gexf-actors": lambda p: write_gexf(self.actors, p),
            "csv": lambda p: write_events_csv(self.extractions, p),
        }
        writers[fmt](path)


def _check(formats: Sequence[str]) -> None:
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise KgError(f"unknown output format(s) {', '.join(unknown)}: choose from {', '.join(FORMATS)}")


def write_outputs(
    extractions: Sequence[Extraction],
    outdir,
    formats: Sequence[str] | None = None,
    *,
    graph=None,
    dataset=None,
) -> list[Path]:
    """Write the output files of ``kg build`` into ``outdir``, each atomically.

    Parameters
    ----------
    extractions : sequence of Extraction
        Resolved extractions.
    outdir : str or Path
        Folder (created if missing).
    formats : sequence of str, optional
        Keys of :data:`FORMATS`; default :data:`DEFAULT_FORMATS` (extractions.jsonl, graph.ttl,
        graph.trig, graph.graphml, graph-actors.graphml, graph-actors.gexf, events.csv).
    graph, dataset : optional
        Already built ``to_networkx`` / ``to_rdf`` results, to avoid building them twice.

    Returns
    -------
    list of Path
        The files written, in ``formats`` order.

    Examples
    --------
    >>> import tempfile
    >>> from kg.model import Extraction
    >>> paths = write_outputs([Extraction(doc_id="d1")], tempfile.mkdtemp(), formats=["ttl", "csv"])
    >>> [p.name for p in paths]
    ['graph.ttl', 'events.csv']
    """
    formats = list(formats or DEFAULT_FORMATS)
    _check(formats)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    parts = _Parts(extractions, graph, dataset)
    written = []
    for fmt in formats:
        path = outdir / FORMATS[fmt][0]
        parts.write(fmt, path)
        written.append(path)
    return written


def export_format(
    extractions: Sequence[Extraction], fmt: str, output=None, *, outdir=None, view: str = "full"
) -> Path:
    """Write one format (``kg export``): ``ttl nt trig nq jsonld graphml gexf csv jsonl``.

    ``view="actors"`` selects the actor-to-actor graph for ``graphml``/``gexf``. The file goes
    to ``output`` if given, else to its default name in ``outdir``.
    """
    key = f"{fmt}-actors" if view == "actors" and fmt in ("graphml", "gexf") else fmt
    _check([key])
    if output is None:
        if outdir is None:
            raise KgError("export_format needs an output path or an outdir")
        output = Path(outdir) / FORMATS[key][0]
    _Parts(extractions).write(key, output)
    return Path(output)


__all__ = [
    "DEFAULT_FORMATS",
    "EVENT_COLUMNS",
    "FORMATS",
    "atomic_open",
    "export_format",
    "read_events_csv",
    "read_gexf",
    "read_graphml",
    "read_jsonl",
    "read_jsonld",
    "read_nt",
    "read_trig",
    "read_turtle",
    "write_events_csv",
    "write_gexf",
    "write_graphml",
    "write_jsonl",
    "write_jsonld",
    "write_nquads",
    "write_nt",
    "write_outputs",
    "write_to",
    "write_trig",
    "write_turtle",
]
