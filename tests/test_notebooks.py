"""The notebooks run top to bottom with a real Jupyter kernel; their asserts check what they show."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import require_shared

pytestmark = pytest.mark.notebook

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def run_notebook(name: str, **parameters) -> nbformat.NotebookNode:
    """Execute a notebook in ``notebooks/``; ``parameters`` go in a cell after the one tagged so."""
    book = nbformat.read(NOTEBOOKS / name, as_version=4)
    if parameters:
        at = next(i for i, c in enumerate(book.cells) if "parameters" in c.metadata.get("tags", []))
        source = "\n".join(f"{key} = {value!r}" for key, value in parameters.items())
        book.cells.insert(
            at + 1, nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
        )
    client = nbclient.NotebookClient(
        book, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()
    return book


def outputs(book) -> str:
    """All text the notebook printed or displayed."""
    parts = []
    for cell in book.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            parts.append(out.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def images(book) -> int:
    return sum("image/png" in out.get("data", {}) for c in book.cells for out in c.get("outputs", []))


def test_committed_notebooks_have_no_outputs():
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        book = nbformat.read(path, as_version=4)
        code = [c for c in book.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), f"{path.name} has outputs"


def test_seed_notebook_runs_and_shows_the_seed():
    book = run_notebook("01-seed-article.ipynb")
    text = outputs(book)
    assert "published 2026-01-09 by Reuters" in text
    assert "Claudia Sheinbaum" in text and "THREATEN" in text
    assert images(book) == 2  # the actor network and the timeline


def test_corpus_notebook_runs_on_the_bundled_sample(tmp_path):
    book = run_notebook("02-corpus.ipynb", GRAPHML=str(tmp_path / "actors.graphml"))
    text = outputs(book)
    assert "7 files from" in text
    assert images(book) == 2  # dyads over time and events by category
    assert (tmp_path / "actors.graphml").stat().st_size > 0


@pytest.mark.shared
def test_corpus_notebook_runs_on_bbc_politics(tmp_path):
    require_shared("data", "corpora", "bbc_politics_2004_2005")
    graphml = tmp_path / "bbc.graphml"
    book = run_notebook("02-corpus.ipynb", USE_BBC=True, LIMIT=30, GRAPHML=str(graphml))
    text = outputs(book)
    assert "30 files from" in text and "bbc_politics_2004_2005" in text
    assert "Tony Blair" in text  # among the top actors of British politics in 2004-2005
    assert graphml.stat().st_size > 0
