"""SPARQL over kg output, and the project's query library (``ontology/queries/*.rq``).

The engine is pyoxigraph.  An output folder is loaded from ``graph.trig`` (default graph =
asserted facts; one named graph per attributed claim) or, without it, ``graph.ttl``.  Queries
run against the default graph; claims are reached with ``GRAPH ?claim { ... }``.

A library query is a ``.rq`` file whose leading comment declares it::

    # name: who-did-what
    # description: Who did what to whom ...
    # param: actor (string, default ""): part of an actor's name; empty for all

and whose body uses ``{{actor}}`` where the value goes.  Values are substituted as SPARQL
literals (escaped) or validated IRIs/numbers/dates, never pasted as raw text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from rdflib import BNode, Dataset, Literal, URIRef

from kg.errors import KgError
from kg.graph.vocab import PREFIXES, ontology_file

QUERY_DIR = ontology_file("queries")
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_PARAM = re.compile(r"^#\s*param:\s*([A-Za-z_][A-Za-z0-9_]*)\s*\((\w+)(?:,\s*default\s+(.*?))?\)\s*:\s*(.*)$")
_IRI_SAFE = re.compile(r"^[^\s<>\"{}|\\^`]+:[^\s<>\"{}|\\^`]*$")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
PARAM_TYPES = ("string", "iri", "date", "integer", "decimal")


class Param(NamedTuple):
    name: str
    type: str
    default: str | None
    description: str


class QueryInfo(NamedTuple):
    """A library query: ``name``, ``description``, ``params`` (name -> Param), ``path``, ``text``."""

    name: str
    description: str
    params: dict[str, Param]
    path: Path
    text: str


@dataclass
class QueryResult:
    """A query's answer: ``kind`` is ``select``, ``ask`` or ``graph`` (CONSTRUCT/DESCRIBE)."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # rdflib terms or None
    boolean: bool | None = None
    triples: list[tuple] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)

    def dicts(self) -> list[dict[str, Any]]:
        """Rows as dicts of plain Python values (str, int, float, Decimal, date...)."""
        return [
            {v: (t.toPython() if t is not None else None) for v, t in zip(self.variables, row, strict=True)}
            for row in self.rows
        ]


# ------------------------------------------------------------------------------- the library


def _parse_header(path: Path) -> QueryInfo:
    text = path.read_text(encoding="utf-8")
    name, description, params = path.stem, "", {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if m := re.match(r"^#\s*name:\s*(.+)$", line):
            name = m.group(1).strip()
        elif m := re.match(r"^#\s*description:\s*(.+)$", line):
            description = m.group(1).strip()
        elif m := _PARAM.match(line):
            pname, ptype, default, pdesc = m.groups()
            if ptype not in PARAM_TYPES:
                raise KgError(
                    f"{path}: parameter {pname} has unknown type {ptype} (use {', '.join(PARAM_TYPES)})"
                )
            default = json.loads(default) if default is not None else None
            params[pname] = Param(pname, ptype, default, pdesc.strip())
    return QueryInfo(name, description, params, path, text)


def list_queries(directory: Path | None = None) -> list[QueryInfo]:
    """The library queries, sorted by name.

    Examples
    --------
    >>> names = [q.name for q in list_queries()]
    >>> "who-did-what" in names and len(names) >= 12
    True
    """
    directory = Path(directory) if directory else QUERY_DIR
    return sorted((_parse_header(p) for p in directory.glob("*.rq")), key=lambda q: q.name)


def get_query(name: str) -> QueryInfo:
    """A library query by name (or file stem)."""
    for info in list_queries():
        if name in (info.name, info.path.stem):
            return info
    raise KgError(f"no library query named {name!r}: see `kg query --list`")


def sparql_value(value: Any, ptype: str = "string") -> str:
    """A parameter value as safe SPARQL syntax (an escaped literal, a checked IRI, a number).

    Examples
    --------
    >>> sparql_value('Los "Chapitos"\\n} DROP ALL')
    '"Los \\\\"Chapitos\\\\"\\\\n} DROP ALL"'
    >>> sparql_value("2026-01-09", "date")
    '"2026-01-09"^^<http://www.w3.org/2001/XMLSchema#date>'
    """
    text = str(value)
    if ptype == "string":
        escaped = (
            text.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        )
        return f'"{escaped}"'
    if ptype == "iri":
        if not _IRI_SAFE.match(text):
            raise KgError(f"{text!r} is not an absolute IRI without spaces, quotes or <>")
        return f"<{text}>"
    if ptype == "date":
        try:
            return f'"{date.fromisoformat(text).isoformat()}"^^<http://www.w3.org/2001/XMLSchema#date>'
        except ValueError as exc:
            raise KgError(f"{text!r} is not a date: use YYYY-MM-DD") from exc
    try:
        number = int(text) if ptype == "integer" else float(text)
    except ValueError as exc:
        raise KgError(f"{text!r} is not a number ({ptype})") from exc
    return str(number)


def fill(info_or_text: QueryInfo | str, params: dict[str, Any] | None = None) -> str:
    """Substitute ``{{param}}`` placeholders with safe SPARQL values (defaults for missing ones)."""
    params = dict(params or {})
    if isinstance(info_or_text, QueryInfo):
        info, text = info_or_text, info_or_text.text
    else:
        info, text = None, info_or_text
    declared = info.params if info else {}
    unknown = sorted(set(params) - set(declared) - set(_PLACEHOLDER.findall(text)))
    if unknown:
        accepted = ", ".join(declared) or "none"
        raise KgError(f"unknown parameter(s) {', '.join(unknown)}: this query takes {accepted}")

    def replace(match: re.Match) -> str:
        name = match.group(1)
        spec = declared.get(name, Param(name, "string", None, ""))
        value = params.get(name, spec.default)
        if value is None:
            raise KgError(f"parameter {name} needs a value: --param {name}=...")
        if spec.type == "date" and value == "":
            return '""'
        return sparql_value(value, spec.type)

    return _PLACEHOLDER.sub(replace, text)


def resolve_query(query: str, params: dict[str, Any] | None = None) -> str:
    """SPARQL text for a library name, a ``.rq`` path or SPARQL text, with parameters filled."""
    candidate = Path(query)
    if "\n" not in query and candidate.suffix == ".rq" and candidate.exists():
        return fill(_parse_header(candidate), params)
    if re.fullmatch(r"[A-Za-z0-9_-]+", query.strip()):
        return fill(get_query(query.strip()), params)
    return fill(query, params)


# ------------------------------------------------------------------------------- the engine


def _store_from_target(target: str | Path):
    import pyoxigraph as ox

    from kg.validate import RDF_FORMATS, rdf_file

    path = rdf_file(target)
    formats = {
        "turtle": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES,
        "trig": ox.RdfFormat.TRIG,
        "nquads": ox.RdfFormat.N_QUADS,
        "json-ld": ox.RdfFormat.JSON_LD,
        "xml": ox.RdfFormat.RDF_XML,
        "n3": ox.RdfFormat.N3,
    }
    store = ox.Store()
    try:
        store.load(path=str(path), format=formats[RDF_FORMATS[path.suffix.lower()]])
    except (SyntaxError, ValueError, OSError) as exc:
        raise KgError(f"{path}: cannot load as RDF: {exc}") from exc
    return store


def _store_from_dataset(ds: Dataset):
    import pyoxigraph as ox

    store = ox.Store()
    store.load(input=ds.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
    return store


def _term(term):
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return Literal(str(term))


def _prologue() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def _execute(store, sparql: str) -> QueryResult:
    import pyoxigraph as ox

    text = sparql if re.search(r"(?im)^\s*PREFIX\s+kg:", sparql) else _prologue() + sparql
    try:
        answer = store.query(text)
    except SyntaxError as exc:
        raise KgError(f"SPARQL syntax error: {exc}") from exc
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows = [tuple(_term(solution[v]) for v in variables) for solution in answer]
        return QueryResult("select", variables=variables, rows=rows)
    return QueryResult(
        "graph", triples=[(_term(t.subject), _term(t.predicate), _term(t.object)) for t in answer]
    )


def run_query(target: str | Path, query: str, params: dict[str, Any] | None = None) -> QueryResult:
    """Run SPARQL (text, a ``.rq`` file or a library query name) on an output folder or RDF file.

    Parameters
    ----------
    target : str or Path
        A ``kg build`` folder (``graph.trig`` or ``graph.ttl`` is loaded) or an RDF file.
    query : str
        SPARQL 1.1 text, a path to a ``.rq`` file, or a library query name (``kg query --list``).
        The project's prefixes (``kg:``, ``kgr:``, ``kgt:``, ``sem:``, ``prov:`` ...) are declared
        for you when the query declares none.
    params : dict, optional
        Values for the query's ``{{name}}`` parameters.

    Returns
    -------
    QueryResult

    Examples
    --------
    >>> import tempfile
    >>> from kg.export import write_outputs
    >>> from kg.model import Extraction
    >>> out = tempfile.mkdtemp()
    >>> _ = write_outputs([Extraction(doc_id="d1", title="A title")], out, formats=["trig"])
    >>> run_query(out, "SELECT ?t WHERE { ?d dcterms:title ?t }").dicts()
    [{'t': 'A title'}]
    """
    return _execute(_store_from_target(target), resolve_query(query, params))


def run_query_on_dataset(dataset: Dataset, query: str, params: dict[str, Any] | None = None) -> QueryResult:
    """:func:`run_query` on an in-memory rdflib Dataset (e.g. ``kg.graph.rdf.to_rdf(...)``)."""
    return _execute(_store_from_dataset(dataset), resolve_query(query, params))


# ------------------------------------------------------------------------------- formatting


def _compact(term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix in ("kgt", "kgr", "kg", "sem", "prov", "time", "skos", "xsd", "wd", "gn"):
            ns = str(PREFIXES[prefix])
            if text.startswith(ns):
                return f"{prefix}:{text[len(ns) :]}"
        return text
    return str(term)


def _plain(term) -> str:
    return "" if term is None else str(term)


def _json_term(term) -> dict | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = str(term.datatype)
    return out


def _table(variables: list[str], rows: list[list[str]], limit: int = 80) -> str:
    rows = [[cell if len(cell) <= limit else cell[: limit - 1] + "…" for cell in row] for row in rows]
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(variables)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()  # noqa: E731
    out = [line(variables), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result: ``table`` (aligned, prefixed IRIs), ``csv``/``tsv``/``json`` (SPARQL 1.1
    results formats).  CONSTRUCT/DESCRIBE results are N-Triples (``json``: a list of triples)."""
    if fmt not in ("table", "csv", "json", "tsv"):
        raise KgError(f"unknown format {fmt!r}: use table, csv, json or tsv")
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if result.kind == "graph":
        if fmt == "json":
            return json.dumps([[_json_term(t) for t in triple] for triple in result.triples], indent=1) + "\n"
        return "".join(" ".join(t.n3() for t in triple) + " .\n" for triple in result.triples)
    if fmt == "table":
        return _table(result.variables, [[_compact(t) for t in row] for row in result.rows])
    if fmt == "json":
        bindings = [
            {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows
        ]
        return (
            json.dumps(
                {"head": {"vars": result.variables}, "results": {"bindings": bindings}},
                ensure_ascii=False,
                indent=1,
            )
            + "\n"
        )
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.variables)
        writer.writerows([_plain(t) for t in row] for row in result.rows)
        return buffer.getvalue()
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else t.n3() for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def result_frame(result: QueryResult):
    """A SELECT result as a pandas DataFrame of plain Python values."""
    import pandas as pd

    return pd.DataFrame(result.dicts(), columns=result.variables)
