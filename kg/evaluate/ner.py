"""Score actor mentions against CoNLL-2003 named entities (PER, ORG, LOC).

The rules are those of the project's development scorer: documents are the tokens joined by
spaces and the sentences by newlines; gold spans come from the IOB tags; gold MISC spans are not
scored and predictions overlapping them are skipped; mentions that are pronouns or have no
capital letter (coreference mentions such as "the country") are skipped; actor kinds map to
types as person -> PER, organization and group -> ORG, country and location -> LOC.

>>> text, spans = conll_text_and_spans([[("Mexico", "I-LOC"), ("wins", "O")]])
>>> text, sorted(spans)
('Mexico wins', [(0, 6, 'LOC')])
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language

from kg.model import Document

KIND_TO_CONLL = {"person": "PER", "organization": "ORG", "group": "ORG", "country": "LOC", "location": "LOC"}
LABEL_TO_CONLL = {"PERSON": "PER", "ORG": "ORG", "NORP": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
PRONOUNS = {
    "i",
    "me",
    "my",
    "we",
    "us",
    "our",
    "you",
    "your",
    "he",
    "him",
    "his",
    "she",
    "her",
    "it",
    "its",
    "they",
    "them",
    "their",
    "this",
    "that",
    "these",
    "those",
    "who",
    "whom",
    "which",
}
TYPES = ("PER", "ORG", "LOC")
Span = tuple[int, int, str]


def read_conll(path: str | Path) -> list[list[list[tuple[str, str]]]]:
    """Documents as lists of sentences of ``(token, tag)``; ``-DOCSTART-`` may open or close one."""
    documents, sentences, sentence = [], [], []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if not parts or parts[0] == "-DOCSTART-":
                if sentence:
                    sentences.append(sentence)
                    sentence = []
                if parts and sentences:
                    documents.append(sentences)
                    sentences = []
                continue
            sentence.append((parts[0], parts[-1]))
    if sentence:
        sentences.append(sentence)
    if sentences:
        documents.append(sentences)
    return documents


def conll_text_and_spans(sentences: list[list[tuple[str, str]]]) -> tuple[str, set[Span]]:
    """The document text and its gold ``(start, end, type)`` spans (IOB1 or IOB2 tags)."""
    spans: set[Span] = set()
    pos, lines = 0, []
    for sentence in sentences:
        current, prev = None, "O"
        for i, (tok, tag) in enumerate(sentence):
            start = pos + (1 if i else 0)
            end = start + len(tok)
            pos = end
            typ = tag[2:] if tag != "O" else None
            begins = typ is not None and (tag.startswith("B-") or typ != prev)
            if current and (typ is None or begins):
                spans.add(tuple(current))
                current = None
            if begins:
                current = [start, end, typ]
            elif typ:
                current[1] = end
            prev = typ or "O"
        if current:
            spans.add(tuple(current))
        lines.append(" ".join(t for t, _ in sentence))
        pos += 1
    return "\n".join(lines), spans


def _scored(text: str, start: int, end: int, misc: list[Span]) -> bool:
    surface = text[start:end]
    if surface.lower() in PRONOUNS or not re.search(r"[A-Z]", surface):
        return False
    return not any(start < m[1] and m[0] < end for m in misc)


def actor_spans(doc) -> set[Span]:
    """Typed spans of every actor mention in an annotated ``Doc`` (``doc._.kg_actors``)."""
    spans = set()
    for actor in doc._.kg_actors or []:
        typ = KIND_TO_CONLL.get(actor.kind)
        if typ is not None:
            spans.update((m.start, m.end, typ) for m in actor.mentions)
    return spans


def entity_spans(doc) -> set[Span]:
    """Typed spans of the bare spaCy entities of a ``Doc``."""
    return {
        (e.start_char, e.end_char, LABEL_TO_CONLL[e.label_]) for e in doc.ents if e.label_ in LABEL_TO_CONLL
    }


class Scores:
    """Micro-averaged precision, recall and F1, typed and span-only, and per type."""

    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.pred: Counter[str] = Counter()
        self.gold: Counter[str] = Counter()
        self.span = Counter()

    def add(self, text: str, gold: set[Span], predicted: set[Span]) -> None:
        misc = [s for s in gold if s[2] == "MISC"]
        gold = {s for s in gold if s[2] != "MISC"}
        pred = {s for s in predicted if _scored(text, s[0], s[1], misc)}
        for typ in TYPES:
            g = {s for s in gold if s[2] == typ}
            p = {s for s in pred if s[2] == typ}
            self.tp[typ] += len(g & p)
            self.pred[typ] += len(p)
            self.gold[typ] += len(g)
        pspans, gspans = {s[:2] for s in pred}, {s[:2] for s in gold}
        self.span.update(tp=len(pspans & gspans), pred=len(pspans), gold=len(gspans))

    def as_dict(self) -> dict[str, float]:
        out = dict(
            zip(
                ("typed_p", "typed_r", "typed_f1"),
                _prf(sum(self.tp.values()), sum(self.pred.values()), sum(self.gold.values())),
                strict=False,
            )
        )
        out.update(
            zip(
                ("span_p", "span_r", "span_f1"),
                _prf(self.span["tp"], self.span["pred"], self.span["gold"]),
                strict=False,
            )
        )
        for typ in TYPES:
            out.update(
                zip(
                    (f"{typ}_p", f"{typ}_r", f"{typ}_f1"),
                    _prf(self.tp[typ], self.pred[typ], self.gold[typ]),
                    strict=False,
                )
            )
        return out


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _documents(texts: Iterable[tuple[str, str]]) -> Iterator[Document]:
    for doc_id, text in texts:
        yield Document(doc_id=doc_id, text=text, origin=doc_id)


def score_conll(
    path: str | Path,
    nlp: Language,
    *,
    bare: Language | None = None,
    limit: int | None = None,
    stop_after: str = "kg_actors",
) -> dict:
    """Score the actor mentions ``nlp`` finds in a CoNLL-2003 file.

    Parameters
    ----------
    path : str or Path
        A CoNLL-2003 file (4 columns; IOB1 or IOB2 tags).
    nlp : Language
        The ``kg`` pipeline (``kg.annotate.build_pipeline``); components after ``stop_after``
        are not run, since they do not add name mentions.
    bare : Language, optional
        A plain spaCy pipeline to score the entities of, in the same run (the baseline).
    limit : int, optional
        Score only the first ``limit`` documents.

    Returns
    -------
    dict
        ``{"kg": {metric: value}, "bare": {...} (if given), "documents": n, "seconds": {...}}``
        with metrics ``typed_p/r/f1``, ``span_p/r/f1`` and ``PER/ORG/LOC_p/r/f1``.
    """
    docs = read_conll(path)[:limit]
    items = [(f"conll-{n:04d}", *conll_text_and_spans(s)) for n, s in enumerate(docs, 1)]
    result: dict = {"documents": len(items), "seconds": {}}
    names = list(nlp.pipe_names)
    disabled = names[names.index(stop_after) + 1 :] if stop_after in names else []
    kg_scores = Scores()
    started = time.perf_counter()
    with nlp.select_pipes(disable=disabled):
        docs_in = []
        for doc_id, text, _ in items:
            doc = nlp.make_doc(text)
            doc._.kg_document = Document(doc_id=doc_id, text=text, origin=doc_id)
            docs_in.append(doc)
        for (_, text, gold), doc in zip(items, nlp.pipe(docs_in), strict=True):
            kg_scores.add(text, gold, actor_spans(doc))
    result["seconds"]["kg"] = time.perf_counter() - started
    result["kg"] = kg_scores.as_dict()
    if bare is not None:
        bare_scores = Scores()
        started = time.perf_counter()
        for (_, text, gold), doc in zip(items, bare.pipe(t for _, t, _ in items), strict=True):
            bare_scores.add(text, gold, entity_spans(doc))
        result["seconds"]["bare"] = time.perf_counter() - started
        result["bare"] = bare_scores.as_dict()
    return result
