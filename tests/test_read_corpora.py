"""Reading the shared development corpora: nothing lost, no article text blanked by mistake."""

from __future__ import annotations

import pytest
from conftest import require_shared

from kg.read import read_documents

pytestmark = pytest.mark.shared


def blanked_chars(doc) -> int:
    return sum(1 for a, b in zip(doc.text, doc.content, strict=True) if a != b)


def test_reuters_csv_rows_read_with_metadata_dates_and_datelines():
    path = require_shared("data", "corpora", "reuters_politics_2017.csv")
    docs = list(read_documents([str(path)]))
    assert len(docs) == 1008
    assert not [d.error for d in docs if d.error]
    assert all(d.published_source == "metadata" and d.published.startswith("2017-") for d in docs)
    assert sum(d.source == "Reuters" for d in docs) >= 970  # 36 rows are tweet digests without a dateline
    assert sum(d.dateline == "WASHINGTON" for d in docs) >= 650
    # only datelines, credit lines and correction notes are blanked: never a paragraph of text
    assert max(blanked_chars(d) for d in docs) < 400


def test_bbc_articles_keep_all_their_text():
    folder = require_shared("data", "corpora", "bbc_politics_2004_2005")
    docs = list(read_documents([str(folder)]))
    assert len(docs) == 397 and not [d.error for d in docs if d.error]
    assert all(d.title and d.content.startswith(d.title) for d in docs)  # headline on the first line
    assert sum(d.content == d.text for d in docs) == 397
    assert all(d.dateline is None and d.published is None for d in docs)
