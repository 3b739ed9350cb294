"""The public Python API: ``extract`` documents, ``build`` a ``KnowledgeGraph``.

>>> import kg
>>> graph = kg.build(["examples/reuters-2026-01-09-sheinbaum.txt"])  # doctest: +SKIP
>>> graph.events[["date", "source_name", "type", "target_name"]].head()  # doctest: +SKIP
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from kg.model import Document, Extraction, read_extractions

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd
    import rdflib


def _documents(inputs: Iterable[str | Path | Document], *, date: str | None, text_column: str | None):
    """Documents from paths (files, folders, ``-``), raw texts or ``Document`` objects, in order."""
    from kg.read import read_documents

    pending: list[str] = []
    for number, item in enumerate(inputs, 1):
        if isinstance(item, Document) or (isinstance(item, str) and _looks_like_text(item)):
            yield from read_documents(pending, default_date=date, text_column=text_column)
            pending = []
            yield item if isinstance(item, Document) else _text_document(item, number, date)
        else:
            pending.append(str(item))
    yield from read_documents(pending, default_date=date, text_column=text_column)


def _looks_like_text(item: str) -> bool:
    return "\n" in item or (len(item) > 200 and not Path(item).exists())


def _text_document(text: str, number: int, date: str | None) -> Document:
    from kg.read import read_text_document

    return read_text_document(text, doc_id=f"text-{number}", origin=f"<text {number}>", default_date=date)


def extract(
    inputs: Sequence[str | Path | Document],
    *,
    model: str | None = None,
    date: str | None = None,
    text_column: str | None = None,
    actor_files: Sequence[str] = (),
    agent_files: Sequence[str] = (),
    batch_size: int = 32,
    progress: bool = False,
) -> Iterator[Extraction]:
    """Read and extract documents, yielding one ``Extraction`` per document in input order.

    Parameters
    ----------
    inputs : sequence of str, Path or Document
        Files (``.txt``, ``.jsonl``, ``.csv``), folders, ``"-"`` for JSON Lines on stdin, raw article
        texts, or ``Document`` objects.
    model : str, optional
        spaCy pipeline name or path (default ``$KG_SPACY_MODEL`` or the small English model).
    date : str, optional
        ``YYYY-MM-DD`` publication date for documents that carry none.
    text_column : str, optional
        The CSV column holding the text (default ``text``).
    actor_files, agent_files : sequence of str
        User dictionaries in the PETRARCH/Phoenix formats.
    batch_size : int
        Documents per ``nlp.pipe`` batch.
    progress : bool
        Show a progress bar on stderr.

    Examples
    --------
    >>> from kg import extract
    >>> [e.published for e in extract(["examples/reuters-2026-01-09-sheinbaum.txt"])]  # doctest: +SKIP
    ['2026-01-09']
    """
    from kg.annotate import build_pipeline
    from kg.pipeline import extract_documents

    nlp = build_pipeline(model, actor_files=tuple(actor_files), agent_files=tuple(agent_files))
    documents = _documents(inputs, date=date, text_column=text_column)
    extractions = extract_documents(nlp, documents, batch_size=batch_size)
    if progress:
        from tqdm import tqdm

        extractions = tqdm(extractions, desc="extracting", unit="doc", file=sys.stderr, dynamic_ncols=True)
    yield from extractions


def build(
    inputs: Sequence[str | Path | Document],
    *,
    outdir: str | Path | None = None,
    **options,
) -> KnowledgeGraph:
    """Extract, resolve and assemble a ``KnowledgeGraph``; write its files to ``outdir`` if given.

    Takes the options of :func:`extract`.

    Examples
    --------
    >>> import kg
    >>> graph = kg.build(["examples/reuters-2026-01-09-sheinbaum.txt"])  # doctest: +SKIP
    >>> sorted(graph.actors["name"])[:2]  # doctest: +SKIP
    ['Claudia Sheinbaum', 'Donald Trump']
    """
    graph = KnowledgeGraph(list(extract(inputs, **options)))
    if outdir is not None:
        graph.save(outdir)
    return graph


class KnowledgeGraph:
    """A resolved set of extractions with its NetworkX and RDF graphs and table views.

    Documents that failed are kept in ``failed`` and left out of the graphs.
    """

    def __init__(self, extractions: Sequence[Extraction], *, resolved: bool = False) -> None:
        from kg.resolve import resolve

        self.failed = [e for e in extractions if e.error is not None]
        good = [e for e in extractions if e.error is None]
        self.extractions: list[Extraction] = good if resolved else resolve(good)

    @classmethod
    def load(cls, path: str | Path) -> KnowledgeGraph:
        """Load a graph from ``kg build`` output (a folder or its ``extractions.jsonl``)."""
        path = Path(path)
        if path.is_dir():
            path = path / "extractions.jsonl"
        with path.open(encoding="utf-8") as handle:
            return cls(read_extractions(handle), resolved=True)

    @cached_property
    def nx(self) -> nx.MultiDiGraph:
        from kg.graph.networkx import to_networkx

        return to_networkx(self.extractions)

    @cached_property
    def rdf(self) -> rdflib.Dataset:
        from kg.graph.rdf import to_rdf

        return to_rdf(self.extractions)

    def actor_view(self):
        from kg.graph.networkx import actor_view

        return actor_view(self.nx)

    @property
    def actors(self) -> pd.DataFrame:
        from kg.tables import actors_table

        return actors_table(self.extractions)

    @property
    def events(self) -> pd.DataFrame:
        from kg.tables import events_table

        return events_table(self.extractions)

    @property
    def relations(self) -> pd.DataFrame:
        from kg.tables import relations_table

        return relations_table(self.extractions)

    def query(self, sparql: str, **params: str) -> pd.DataFrame:
        """Run a SPARQL query (text or a library query name) and return a DataFrame."""
        from kg.query import result_frame, run_query_on_dataset

        return result_frame(run_query_on_dataset(self.rdf, sparql, params))

    def to_turtle(self, path) -> None:
        from kg.export import write_turtle
        from kg.graph.rdf import to_graph

        write_turtle(to_graph(self.extractions), path)

    def to_graphml(self, path, *, view: str = "full") -> None:
        from kg.export import write_graphml

        write_graphml(self.nx if view == "full" else self.actor_view(), path)

    def to_html(self, path) -> None:
        from kg.export.html import write_html

        write_html(self.nx, path)

    def save(self, outdir: str | Path) -> list[Path]:
        """Write every output file of ``kg build`` into ``outdir``; returns their paths."""
        from kg.export import write_outputs
        from kg.export.html import write_html

        outdir = Path(outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        written = list(write_outputs(self.extractions, outdir, graph=self.nx, dataset=self.rdf))
        write_html(self.nx, outdir / "graph.html")
        written.append(outdir / "graph.html")
        return written
