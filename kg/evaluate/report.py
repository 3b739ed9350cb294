"""Evaluation reports as Markdown tables, shared by ``kg eval`` and the ``bench/eval_*.py`` scripts."""

from __future__ import annotations

import time
from pathlib import Path

NER_ROWS = ("typed_p", "typed_r", "typed_f1", "span_p", "span_r", "span_f1", "PER_f1", "ORG_f1", "LOC_f1")


def ner_report(conll: str | Path, *, model: str | None = None, limit: int | None = None) -> str:
    """Actor mentions of ``kg`` against CoNLL-2003, next to bare spaCy entities of the same model."""
    import spacy

    from kg.annotate import build_pipeline, resolve_model_name
    from kg.evaluate.ner import score_conll

    name = resolve_model_name(model)
    result = score_conll(conll, build_pipeline(name), bare=spacy.load(name), limit=limit)
    lines = [
        f"CoNLL-2003 {Path(conll).name}: {result['documents']} documents, model {name}",
        "",
        "| metric | kg actors | bare spaCy |",
        "|---|---|---|",
    ]
    lines += [f"| {row} | {result['kg'][row]:.3f} | {result['bare'][row]:.3f} |" for row in NER_ROWS]
    seconds = result["seconds"]
    lines.append(f"| seconds | {seconds['kg']:.1f} | {seconds['bare']:.1f} |")
    return "\n".join(lines) + "\n"


def _table(title: str, metrics: dict[str, float], seconds: float) -> list[str]:
    lines = ["", title, "", "| metric | value |", "|---|---|"]
    lines += [f"| {k} | {v:.4f} |" if v <= 1 else f"| {k} | {v:.0f} |" for k, v in metrics.items()]
    lines.append(f"| seconds | {seconds:.1f} |")
    return lines


def events_report(
    *,
    plover: str | Path | None = None,
    acled: str | Path | None = None,
    model: str | None = None,
    limit: int | None = None,
    published: bool = False,
) -> str:
    """Events of ``kg`` against the PLOVER gold sentences and/or ACLED notes (dates read from the
    text unless ``published``)."""
    from kg.annotate import build_pipeline
    from kg.evaluate.events import (
        acled_documents,
        load_acled,
        load_plover,
        plover_documents,
        score_acled,
        score_plover,
    )
    from kg.pipeline import extract_documents

    nlp = build_pipeline(model)

    def run(documents):
        started = time.perf_counter()
        return list(extract_documents(nlp, documents)), time.perf_counter() - started

    lines: list[str] = []
    if plover:
        gold = load_plover(plover)[:limit]
        extractions, seconds = run(plover_documents(gold))
        lines += _table(f"PLOVER GSR ({len(gold)} sentences)", score_plover(gold, extractions), seconds)
    if acled:
        notes = load_acled(acled)[:limit]
        extractions, seconds = run(acled_documents(notes, published=published))
        dates = "event date given as published" if published else "dates read from the text"
        lines += _table(f"ACLED ({len(notes)} notes, {dates})", score_acled(notes, extractions), seconds)
    return "\n".join(lines).lstrip("\n") + "\n"
