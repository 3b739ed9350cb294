"""Shared test fixtures.

Tests that need the third-party data in ``../shared`` use the ``shared_dir`` fixture (or the
``shared`` marker with ``require_shared``); without that folder they are skipped with a visible reason.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KG_SHARED_DIR", ROOT.parent / "shared"))
SEED_TXT = ROOT / "examples" / "reuters-2026-01-09-sheinbaum.txt"


def require_shared(*parts: str) -> Path:
    """The path ``../shared/<parts>``, or skip the calling test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"third-party data not present: {path} (CI provides ../shared)")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return require_shared()


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline with the project's components (loaded once per session)."""
    from kg.annotate import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_TXT.read_text(encoding="utf-8")
