"""Turn an annotated ``Doc`` into the plain ``Extraction`` record."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.model import Extraction


def to_extraction(doc: Doc) -> Extraction:
    document = doc._.kg_document
    if doc._.kg_error:
        return Extraction(doc_id=document.doc_id, error=doc._.kg_error)
    table = doc._.kg_actors
    return Extraction(
        doc_id=document.doc_id,
        title=document.title,
        published=document.published,
        source=document.source,
        dateline=document.dateline,
        authors=list(document.authors),
        editors=list(document.editors),
        url=document.url,
        actors=table.actors() if table is not None else [],
        events=list(doc._.kg_events or []),
        relations=list(doc._.kg_relations or []),
        quotes=list(doc._.kg_quotes or []),
        claims=list(doc._.kg_claims or []),
        text_length=len(document.text),
    )
