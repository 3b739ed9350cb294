"""Write ``kg extract`` JSON Lines with the library calls only (no CLI): for scoring scripts.

    .venv/bin/python bench/extract_jsonl.py INPUT OUTPUT

Used as ``devscore.py conll --extract ".venv/bin/python bench/extract_jsonl.py {input} {output}"``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str]) -> int:
    from kg.annotate import build_pipeline
    from kg.pipeline import extract_documents
    from kg.read import read_documents

    source, target = argv
    nlp = build_pipeline()
    failed = False
    with open(target, "w", encoding="utf-8") as out:
        for extraction in extract_documents(nlp, read_documents([source])):
            failed = failed or extraction.error is not None
            out.write(extraction.to_json() + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
