"""Throughput of ``kg`` extraction against bare ``nlp.pipe`` with the same model, in one run.

Prints docs/s for: the bare spaCy model; the model plus each prefix of the project's components
(so the cost of each stage shows); and the whole ``extract_documents`` path. Ratios are against the
bare model measured in the same run, so the numbers compare across machines.

Both pipelines are warmed up on the whole corpus once before timing, so the rows and the final
RATIO are steady-state per-document throughput. The one-time start-up (loading the model, the
lexicons, the gazetteer, dateparser's languages) is printed separately on the START-UP line: it
is the time from ``build_pipeline`` to the first one-line document extracted, against
``spacy.load`` of the bare model.

    .venv/bin/python bench/throughput.py                       # the BBC + Reuters corpora in ../shared
    .venv/bin/python bench/throughput.py --limit 200 --repeat 2
    .venv/bin/python bench/throughput.py path/to/folder_or.jsonl
"""

from __future__ import annotations

import csv
import statistics
import sys
import time
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "data" / "corpora"


def corpus_texts(limit: int) -> list[str]:
    """Texts of the BBC politics folder and the Reuters 2017 CSV, alternating, up to ``limit``."""
    bbc = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted((CORPORA / "bbc_politics_2004_2005").glob("*.txt"))
    ]
    csv.field_size_limit(sys.maxsize)
    with (CORPORA / "reuters_politics_2017.csv").open(encoding="utf-8", newline="") as handle:
        reuters = [row["text"] for row in csv.DictReader(handle)]
    mixed = (
        [t for pair in zip(bbc, reuters, strict=False) for t in pair]
        + bbc[len(reuters) :]
        + reuters[len(bbc) :]
    )
    return mixed[:limit]


# One sentence that touches every component (actor, event, place, date, quote) for the warm-up.
WARM_UP = 'Rebels attacked a base in Mali on Monday, the army said. "We will respond," the minister said.'


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


@click.command()
@click.argument("inputs", nargs=-1)
@click.option("--limit", default=400, show_default=True, help="Documents to use.")
@click.option("--repeat", default=3, show_default=True, help="Runs per configuration (median reported).")
@click.option("--model", default=None, help="spaCy model (default as kg).")
@click.option("--batch-size", default=32, show_default=True)
def main(inputs, limit, repeat, model, batch_size) -> None:
    import spacy

    from kg.annotate import build_pipeline, resolve_model_name
    from kg.model import Document
    from kg.pipeline import extract_documents
    from kg.read import read_documents

    if inputs:
        documents = list(read_documents(list(inputs)))[:limit]
    else:
        if not CORPORA.exists():
            raise click.ClickException(f"{CORPORA} not found: pass a folder or file of articles")
        documents = [Document(doc_id=f"bench-{i}", text=t) for i, t in enumerate(corpus_texts(limit))]
    documents = [d for d in documents if d.error is None]
    texts = [d.analysis_text for d in documents]
    chars = sum(map(len, texts))
    name = resolve_model_name(model)
    click.echo(
        f"model {name}; {len(documents)} documents, {chars / 1e6:.2f} M characters; median of {repeat}"
    )

    start = time.perf_counter()
    bare = spacy.load(name)
    bare_load = time.perf_counter() - start
    start = time.perf_counter()
    full = build_pipeline(name)
    for _ in extract_documents(full, [Document(doc_id="warm-up", text=WARM_UP)]):
        pass
    full_load = time.perf_counter() - start
    kg_components = [p for p in full.pipe_names if p not in bare.pipe_names]

    def run_bare():
        for _ in bare.pipe(texts, batch_size=batch_size):
            pass

    def run_prefix(k: int):
        disabled = kg_components[k:]

        def go():
            with full.select_pipes(disable=disabled):
                docs = []
                for document in documents:
                    doc = full.make_doc(document.analysis_text)
                    doc._.kg_document = document
                    docs.append(doc)
                for _ in full.pipe(docs, batch_size=batch_size):
                    pass

        return go

    def run_extract():
        for _ in extract_documents(full, documents, batch_size=batch_size):
            pass

    rows = [("bare spaCy nlp.pipe", run_bare)]
    rows += [
        (f"+ kg components up to {kg_components[k - 1]}" if k else "+ (kg components off)", run_prefix(k))
        for k in range(0, len(kg_components) + 1)
    ]
    rows.append(("kg extract_documents (all)", run_extract))
    run_bare()  # warm-up: the timed rows below measure per-document throughput only
    run_extract()
    # Round-robin: each repeat times every row once, so load from other processes on the machine
    # spreads over all rows instead of landing on one.
    times: list[list[float]] = [[] for _ in rows]
    for _ in range(repeat):
        for n, (_, fn) in enumerate(rows):
            times[n].append(timed(fn))
    results = [(label, statistics.median(ts)) for (label, _), ts in zip(rows, times, strict=True)]
    base = results[0][1]
    click.echo(f"{'configuration':70} {'s':>8} {'docs/s':>8} {'ratio':>6}")
    for label, seconds in results:
        click.echo(f"{label[:70]:70} {seconds:8.2f} {len(documents) / seconds:8.1f} {base / seconds:6.2f}")
    click.echo(f"RATIO extract/bare throughput = {base / results[-1][1]:.2f} (target >= 0.80; steady state)")
    click.echo(
        f"START-UP spacy.load {bare_load:.2f} s; build_pipeline + first one-line document "
        f"{full_load:.2f} s (lexicons, gazetteer, dateparser: +{full_load - bare_load:.2f} s, "
        "once per process)"
    )


if __name__ == "__main__":
    main()
