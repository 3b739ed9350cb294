"""Per-document caches (kg.annotate.doccache) give what spaCy computes, on a real parse."""

from __future__ import annotations

from kg.annotate.doccache import doc_text, sentence_index, sentence_of, sentences


def test_cached_text_and_sentences_equal_spacy(nlp, seed_text):
    doc = nlp(seed_text)
    assert doc_text(doc) == doc.text == seed_text
    sents = list(doc.sents)
    assert [(s.start, s.end) for s in sentences(doc)] == [(s.start, s.end) for s in sents]
    for token in doc:
        sent = sentence_of(doc, token.i)
        assert (sent.start, sent.end) == (token.sent.start, token.sent.end)
        assert sents[sentence_index(doc, token.i)].start == token.sent.start
