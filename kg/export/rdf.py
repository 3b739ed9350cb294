"""RDF writers: Turtle, N-Triples, TriG, N-Quads and JSON-LD (with the published @context).

Turtle and TriG are written by pyoxigraph (rdflib's Turtle serializer spends minutes computing
prefixed names for a few thousand documents): rdflib serialises N-Quads, pyoxigraph parses them
and writes Turtle/TriG with the vocabulary prefixes, subjects grouped.  Instance IRIs (``kgr:``)
are written in full ``<...>`` so that any Turtle parser reads them without local-name escapes.
"""

from __future__ import annotations

import json
from typing import IO, Any

from rdflib import Dataset, Graph

from kg.export.atomic import is_binary, write_to
from kg.graph.vocab import PREFIXES, ontology_file

# prefixes whose local names are plain words (no "/", "%" or "#" to escape)
TURTLE_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items() if p not in ("kgr", "gn")}


def _serialize(graph: Graph | Dataset, path_or_file, fmt: str, **options) -> None:
    data = graph.serialize(format=fmt, encoding="utf-8", **options)

    def write(handle: IO[Any]) -> None:
        handle.write(data if is_binary(handle) else data.decode("utf-8"))

    write_to(path_or_file, write, binary=not hasattr(path_or_file, "write"))


def _pretty(graph: Graph | Dataset, fmt: str) -> bytes:
    """Turtle or TriG bytes through pyoxigraph, fully sorted so that re-runs give the same bytes."""
    import pyoxigraph as ox

    source = graph.serialize(format="nquads" if isinstance(graph, Dataset) else "nt", encoding="utf-8")
    if fmt == "turtle":
        items = list(ox.parse(source, format=ox.RdfFormat.N_TRIPLES))
        items.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        return ox.serialize(items, format=ox.RdfFormat.TURTLE, prefixes=TURTLE_PREFIXES)
    items = list(ox.parse(source, format=ox.RdfFormat.N_QUADS))
    items.sort(
        key=lambda q: (
            not isinstance(q.graph_name, ox.DefaultGraph),
            str(q.graph_name),
            str(q.subject),
            str(q.predicate),
            str(q.object),
        )
    )
    return ox.serialize(items, format=ox.RdfFormat.TRIG, prefixes=TURTLE_PREFIXES)


def _write_bytes(data: bytes, path_or_file) -> None:
    def write(handle: IO[Any]) -> None:
        handle.write(data if is_binary(handle) else data.decode("utf-8"))

    write_to(path_or_file, write, binary=not hasattr(path_or_file, "write"))


def write_turtle(graph: Graph, path_or_file) -> None:
    """Write a graph as Turtle (``graph.ttl``), atomically when given a path.

    Examples
    --------
    >>> import io
    >>> from kg.graph.rdf import to_graph
    >>> from kg.model import Extraction
    >>> out = io.StringIO()
    >>> write_turtle(to_graph([Extraction(doc_id="d1")]), out)
    >>> "kg:Document" in out.getvalue()
    True
    """
    _write_bytes(_pretty(graph, "turtle"), path_or_file)


def read_turtle(path_or_file) -> Graph:
    """Parse Turtle from a path or file object."""
    return Graph().parse(path_or_file, format="turtle")


def write_nt(graph: Graph, path_or_file) -> None:
    """Write a graph as N-Triples (one triple a line, easy to diff, grep and stream)."""
    _serialize(graph, path_or_file, "nt")


def write_trig(dataset: Dataset, path_or_file) -> None:
    """Write a dataset as TriG: the default graph plus one named graph per attributed claim."""
    _write_bytes(_pretty(dataset, "trig"), path_or_file)


def read_trig(path_or_file) -> Dataset:
    """Parse TriG from a path or file object into a Dataset."""
    ds = Dataset()
    ds.parse(path_or_file, format="trig")
    return ds


def write_nquads(dataset: Dataset, path_or_file) -> None:
    """Write a dataset as N-Quads."""
    _serialize(dataset, path_or_file, "nquads")


def jsonld_context() -> dict:
    """The ``@context`` published in ``ontology/context.jsonld``."""
    return json.loads(ontology_file("context.jsonld").read_text(encoding="utf-8"))["@context"]


def write_jsonld(graph: Graph | Dataset, path_or_file) -> None:
    """Write JSON-LD compacted with the project's context (``ontology/context.jsonld``)."""
    _serialize(graph, path_or_file, "json-ld", context=jsonld_context(), auto_compact=True)


def read_nt(path_or_file) -> Graph:
    """Parse N-Triples from a path or file object."""
    return Graph().parse(path_or_file, format="nt")


def read_jsonld(path_or_file) -> Dataset:
    """Parse JSON-LD written by :func:`write_jsonld` (its context is inline)."""
    ds = Dataset()
    ds.parse(path_or_file, format="json-ld")
    return ds
