"""RDF writers: Turtle, N-Triples, TriG, N-Quads and JSON-LD (with the published @context)."""

from __future__ import annotations

import json
from typing import IO, Any

from rdflib import Dataset, Graph

from kg.export.atomic import is_binary, write_to
from kg.graph.vocab import ontology_file


def _serialize(graph: Graph | Dataset, path_or_file, fmt: str, **options) -> None:
    data = graph.serialize(format=fmt, encoding="utf-8", **options)

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
    _serialize(graph, path_or_file, "turtle")


def read_turtle(path_or_file) -> Graph:
    """Parse Turtle from a path or file object."""
    return Graph().parse(path_or_file, format="turtle")


def write_nt(graph: Graph, path_or_file) -> None:
    """Write a graph as N-Triples (one triple a line, easy to diff, grep and stream)."""
    _serialize(graph, path_or_file, "nt")


def write_trig(dataset: Dataset, path_or_file) -> None:
    """Write a dataset as TriG: the default graph plus one named graph per attributed claim."""
    _serialize(dataset, path_or_file, "trig")


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
