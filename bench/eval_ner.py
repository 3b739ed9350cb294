"""Score kg actor mentions against CoNLL-2003, next to the bare spaCy entities of the same model.

    .venv/bin/python bench/eval_ner.py [--conll ../shared/data/gold/conll2003_eng.testa] [--limit N]

The same as ``kg eval ner``: one table of typed and span-only P/R/F1 and per-type F1, for ``kg`` and
for bare spaCy, measured in the same run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_CONLL = ROOT.parent / "shared" / "data" / "gold" / "conll2003_eng.testa"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--conll", default=str(DEFAULT_CONLL))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--model", default=None)
    args = parser.parse_args(argv)

    from kg.evaluate.report import ner_report

    print(ner_report(args.conll, model=args.model, limit=args.limit), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
