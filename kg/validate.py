"""SHACL validation of kg output against ``ontology/shapes.ttl`` (pySHACL).

The data validated is the union of every graph of the output (the default graph and the
named claim graphs) plus the ontology (``kg.ttl``, for subclass reasoning in ``sh:class``).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from kg.errors import KgError
from kg.graph.vocab import load_ontology, ontology_file

RDF_FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".trig": "trig",
    ".nq": "nquads",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".n3": "n3",
}


def rdf_file(target: str | Path) -> Path:
    """The RDF file to read for an output folder (``graph.trig``, else ``graph.ttl``) or a file."""
    path = Path(target)
    if path.is_dir():
        for name in ("graph.trig", "graph.ttl", "graph.nq", "graph.nt", "graph.jsonld"):
            if (path / name).exists():
                return path / name
        raise KgError(f"{path}: no graph.trig or graph.ttl in this folder (run kg build first)")
    if not path.exists():
        raise KgError(f"{path}: no such file or folder")
    if path.suffix.lower() not in RDF_FORMATS:
        raise KgError(f"{path}: not an RDF file (use {', '.join(sorted(RDF_FORMATS))})")
    return path


def load_union(target: str | Path | Graph | Dataset) -> Graph:
    """Every triple of every graph of ``target`` (folder, file, Graph or Dataset) in one Graph."""
    if isinstance(target, (Graph, Dataset)):
        source = target
    else:
        path = rdf_file(target)
        source = Dataset()
        try:
            source.parse(path, format=RDF_FORMATS[path.suffix.lower()])
        except Exception as exc:  # rdflib raises many parser-specific types
            raise KgError(f"{path}: cannot parse as RDF: {exc}") from exc
    union = Graph()
    quads = source.quads((None, None, None, None)) if isinstance(source, Dataset) else source
    for item in quads:
        union.add(item[:3])
    return union


def validate(target: str | Path | Graph | Dataset) -> tuple[bool, str]:
    """Validate output against the SHACL shapes.

    Parameters
    ----------
    target : str, Path, rdflib.Graph or rdflib.Dataset
        A ``kg build`` folder, an RDF file (Turtle, TriG, N-Triples, N-Quads, JSON-LD), or a graph.

    Returns
    -------
    (bool, str)
        Whether the data conforms (warnings do not count), and a readable report: one line per
        problem with the focus node, the property and the message.

    Examples
    --------
    >>> from kg.graph.rdf import to_rdf
    >>> from kg.model import Extraction, Actor, Mention
    >>> x = Extraction(doc_id="d1", actors=[Actor("mex", "Mexico", "country", "MEX",
    ...                mentions=[Mention("Mexico", 0, 6)])])
    >>> validate(to_rdf([x]))[0]
    True
    """
    import pyshacl
    from rdflib.namespace import SH

    data = load_union(target)  # a fresh graph: validated in place, no copy
    checked = len(data)
    for triple in load_ontology("kg.ttl"):  # subclass axioms for sh:class and sh:targetClass
        data.add(triple)
    shapes = Graph().parse(ontology_file("shapes.ttl"), format="turtle")
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True, inplace=True
    )
    lines = []
    for result in results.subjects(SH.resultSeverity, None):
        severity = str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        value = results.value(result, SH.value)
        where = f" {_short(path)}" if path is not None else ""
        got = f" (value {value})" if value is not None else ""
        lines.append(f"{severity}: <{focus}>{where}: {message}{got}")
    lines.sort(key=lambda line: (not line.startswith("Violation"), line))
    violations = sum(1 for line in lines if line.startswith("Violation"))
    head = (
        f"conforms: {checked} triples checked against {len(list(shapes.subjects(None, SH.NodeShape)))} shapes"
        if conforms
        else f"does not conform: {violations} violation(s)"
    )
    warnings = len(lines) - violations
    if warnings:
        head += f", {warnings} warning(s)"
    return bool(conforms), "\n".join([head, *lines])


def _short(term) -> str:
    from kg.graph.vocab import PREFIXES

    text = str(term)
    for prefix, ns in PREFIXES.items():
        if text.startswith(str(ns)):
            return f"{prefix}:{text[len(str(ns)) :]}"
    return f"<{text}>"
