"""Reading sources into ``Document`` objects: sources, cleaning, datelines, publication dates.

``read_documents`` is the entry point.  Each Document keeps ``text`` exactly as decoded (every
output offset points into it) and gets a ``content`` of the same length in which the repeated
title, site boilerplate, credit lines, bylines and the dateline prefix are blanked to spaces.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import date

from kg.errors import KgError
from kg.model import Document
from kg.read.clean import clean
from kg.read.dateline import find_dateline, normalize_date, parse_dateline, publication_date
from kg.read.sources import iter_sources
from kg.read.text import blank, split_lines

__all__ = ["read_documents", "read_text_document", "prepare_document", "parse_dateline", "normalize_date"]


def read_documents(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    default_date: str | date | None = None,
    text_column: str | None = None,
) -> Iterator[Document]:
    """Yield one ``Document`` per input document, in input order.

    Parameters
    ----------
    inputs : iterable of str or path, or one of them
        ``.txt`` files, directories (every ``.txt``, ``.jsonl``, ``.csv`` below, sorted), ``.jsonl``
        and ``.csv`` files, or ``-`` for JSON Lines on standard input.
    default_date : str or date, optional
        ``YYYY-MM-DD``: the publication date of documents that carry none, and the year hint for
        datelines without a year (the ``--date`` option).
    text_column : str, optional
        The CSV column holding the article text (default ``text``).

    Returns
    -------
    iterator of Document
        Cleaned documents with metadata; unreadable ones carry ``error`` (one line naming the file
        and what to do) and the others are still read.

    Raises
    ------
    KgError
        When ``default_date`` is not a ``YYYY-MM-DD`` date (checked before anything is read).
    """
    anchor = _parse_default_date(default_date)
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    return (
        prepare_document(doc, default_date=anchor) for doc in iter_sources(inputs, text_column=text_column)
    )


def read_text_document(
    text: str,
    *,
    doc_id: str,
    origin: str = "",
    default_date: str | date | None = None,
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> Document:
    """Make a cleaned ``Document`` from a text held in memory (the API's raw-text input).

    Parameters
    ----------
    text : str
        The article text; offsets point into it.
    doc_id : str
        The document's id.
    origin : str, optional
        Where it came from, for messages (default: ``doc_id``).
    default_date : str or date, optional
        The ``--date`` option, as for ``read_documents``.
    title, published, source, url : str, optional
        Metadata, as a JSON Lines row would give it (``published``: ISO date or datetime).

    Returns
    -------
    Document
        With ``error`` set when the text is empty.
    """
    origin = origin or doc_id
    if not text.strip():
        return Document(
            doc_id=doc_id, text=text, origin=origin, error=f"{origin}: empty text: give the article text"
        )
    doc = Document(doc_id=doc_id, text=text, origin=origin, title=title, source=source, url=url)
    doc.published = normalize_date(published)
    doc.published_source = "metadata" if doc.published else None
    return prepare_document(doc, default_date=_parse_default_date(default_date))


def _parse_default_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise KgError(f"--date must be a date as YYYY-MM-DD, got {value!r}") from None


def prepare_document(
    doc: Document, *, default_date: date | None = None, today: date | None = None
) -> Document:
    """Clean a raw Document in place and fill its metadata; error Documents pass through.

    Parameters
    ----------
    doc : Document
        As read from a source: ``text`` and any metadata the source gave.
    default_date : date, optional
        The ``--date`` option.
    today : date, optional
        For tests: the latest plausible publication date (default: today).

    Returns
    -------
    Document
        The same object with ``content``, ``title``, ``authors``, ``editors``, ``dateline``,
        ``source``, ``published`` and ``published_source`` set where the text gives them.
    """
    if doc.error is not None:
        return doc
    lines = split_lines(doc.text)
    found = clean(doc.text, lines, known_title=doc.title)
    content = blank(doc.text, found.spans)
    dateline = find_dateline(content, split_lines(content), skip_line=found.title_line)
    if dateline is not None:
        content = blank(content, [(dateline.start, dateline.end)])
        doc.dateline = dateline.place
        doc.source = doc.source or dateline.source
        found.add_names("authors", dateline.authors)
    doc.content = content
    doc.title = doc.title or found.title
    doc.authors = doc.authors or found.authors
    doc.editors = doc.editors or found.editors
    doc.published, doc.published_source = publication_date(
        metadata=doc.published, dateline=dateline, content=content, default_date=default_date, today=today
    )
    return doc
