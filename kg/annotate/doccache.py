"""Per-document values spaCy recomputes on every access, computed once and kept on the Doc.

``Doc.text`` joins the text of every token (a Python ``Token`` object each) on each call, and
``Token.sent`` / ``Span.sent`` scan the sentence boundaries from the token on each call; the
extractors ask for both many times per document. These helpers keep the text and the sentence
list in ``doc.user_data``. The sentence list must only be read after the parser (or senter) has
set the boundaries, which holds for every ``kg_*`` component after ``kg_paragraphs``.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

TEXT_KEY = "kg_text"
SENTS_KEY = "kg_sents"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per document.

    Parameters
    ----------
    doc : spacy.tokens.Doc

    Returns
    -------
    str
        The same string as ``doc.text``.
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, computed once per document (after the parser).

    Returns
    -------
    list of spacy.tokens.Span
        The sentences in text order, with their token start offsets.
    """
    cached = doc.user_data.get(SENTS_KEY)
    if cached is None:
        sents = list(doc.sents)
        cached = (sents, [s.start for s in sents])
        doc.user_data[SENTS_KEY] = cached
    return cached[0]


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence holding token ``i``: the same span as ``doc[i].sent``, found by bisection.

    Parameters
    ----------
    doc : spacy.tokens.Doc
    i : int
        A token index of ``doc``.

    Returns
    -------
    spacy.tokens.Span
    """
    sentences(doc)
    sents, starts = doc.user_data[SENTS_KEY]
    return sents[bisect_right(starts, i) - 1]


def sentence_index(doc: Doc, i: int) -> int:
    """The position in ``sentences(doc)`` of the sentence holding token ``i``."""
    sentences(doc)
    return bisect_right(doc.user_data[SENTS_KEY][1], i) - 1
