"""Score kg actor mentions against CoNLL-2003, next to the bare spaCy entities of the same model.

    .venv/bin/python bench/eval_ner.py [--conll ../shared/data/gold/conll2003_eng.testa] [--limit N]

Prints one table: typed and span-only P/R/F1 and per-type F1, for ``kg`` and for bare spaCy.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_CONLL = ROOT.parent / "shared" / "data" / "gold" / "conll2003_eng.testa"
ROWS = ("typed_p", "typed_r", "typed_f1", "span_p", "span_r", "span_f1", "PER_f1", "ORG_f1", "LOC_f1")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--conll", default=str(DEFAULT_CONLL))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--model", default=None)
    args = parser.parse_args(argv)

    import spacy

    from kg.annotate import build_pipeline
    from kg.annotate.pipeline import resolve_model_name
    from kg.evaluate.ner import score_conll

    model = resolve_model_name(args.model)
    result = score_conll(args.conll, build_pipeline(model), bare=spacy.load(model), limit=args.limit)
    print(f"CoNLL-2003 {Path(args.conll).name}: {result['documents']} documents, model {model}")
    print("| metric | kg actors | bare spaCy |")
    print("|---|---|---|")
    for row in ROWS:
        print(f"| {row} | {result['kg'][row]:.3f} | {result['bare'][row]:.3f} |")
    secs = result["seconds"]
    print(f"| seconds | {secs['kg']:.1f} | {secs['bare']:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
