"""Run documents through the annotator and extractors: Documents in, Extractions out, in order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language

from kg.extract import to_extraction
from kg.model import Document, Extraction


def _record_error(proc_name, proc, docs, exc) -> None:
    """spaCy error handler: one failing document is marked, the others go on."""
    for doc in docs:
        if doc._.kg_error is None:
            origin = doc._.kg_document.origin if doc._.kg_document else "?"
            doc._.kg_error = f"{origin}: extraction failed in {proc_name}: {type(exc).__name__}: {exc}"


def extract_documents(
    nlp: Language, documents: Iterable[Document], *, batch_size: int = 32
) -> Iterator[Extraction]:
    """Annotate and extract documents in batches, yielding one Extraction per Document in order.

    Documents that could not be read (``Document.error``) come out as error Extractions at their
    place; a document whose extraction raises is reported the same way and the rest go on.
    """
    nlp.default_error_handler = _record_error  # applies to the function components: ours
    iterator = iter(documents)
    while batch := list(islice(iterator, batch_size)):
        readable = [d for d in batch if d.error is None]
        docs = []
        for document in readable:
            doc = nlp.make_doc(document.analysis_text)
            doc._.kg_document = document
            docs.append(doc)
        done = {}
        for doc in nlp.pipe(docs, batch_size=batch_size):
            document = doc._.kg_document
            try:
                done[id(document)] = to_extraction(doc)
            except Exception as exc:  # one bad document never loses the others
                done[id(document)] = Extraction(
                    doc_id=document.doc_id, error=f"{document.origin}: extraction failed: {exc}"
                )
        for document in batch:
            if document.error is not None:
                yield Extraction(doc_id=document.doc_id, error=document.error)
            else:
                yield done[id(document)]
