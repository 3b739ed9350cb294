"""``kg_paragraphs``: a sentence never runs across a paragraph break.

News text puts a headline, a dateline or a credit on its own line, often without a final full
stop; left alone, the parser glues it to the first sentence of the body and the parse of both
goes wrong. This component runs before the parser and marks the first token after a blank line
(``\\n`` followed by optional spaces and another ``\\n``) as a sentence start; the parser keeps
boundaries set before it.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.annotate.doccache import doc_text

BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token of every paragraph after the first."""
    text = doc_text(doc)
    for match in BLANK_LINE.finditer(text):
        end = match.end()
        while end < len(text) and text[end].isspace():
            end += 1
        if end >= len(text):
            continue
        span = doc.char_span(end, end + 1, alignment_mode="expand")
        if span is not None and len(span) and span[0].i > 0:
            span[0].is_sent_start = True
    return doc


@Language.factory("kg_paragraphs", default_config={"actor_files": [], "agent_files": []})
def make_paragraphs(nlp: Language, name: str, actor_files: list[str], agent_files: list[str]):
    """The ``kg_paragraphs`` component (config shared with the other kg components, unused)."""
    return mark_paragraph_starts
