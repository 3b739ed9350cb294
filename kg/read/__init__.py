"""Reading sources into ``Document`` objects (first version, to be deepened)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from kg.model import Document


def read_documents(
    inputs: Sequence[str], *, default_date: str | None = None, text_column: str | None = None
) -> Iterator[Document]:
    """Yield one ``Document`` per input document, in input order; unreadable ones carry ``error``."""
    for item in inputs:
        path = Path(item)
        if path.suffix == ".jsonl":
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    row = json.loads(line)
                    yield Document(doc_id=str(row.get("id", f"{path}:{n}")), text=row["text"],
                                   origin=f"{path}:{n}", published=row.get("published") or default_date)
        else:
            yield Document(doc_id=path.stem, text=path.read_text(encoding="utf-8"), origin=str(path),
                           published=default_date)
