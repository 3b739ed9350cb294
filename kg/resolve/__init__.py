"""Corpus-level work in one place: actor identity across documents, then event merging."""

from __future__ import annotations

from collections.abc import Sequence

from kg.model import Extraction


def resolve(extractions: Sequence[Extraction]) -> list[Extraction]:
    """Give each real actor one id across the corpus, then merge events told more than once.

    Pure: returns new Extraction objects and leaves the inputs untouched.
    """
    from kg.resolve.actors import resolve_actors
    from kg.resolve.events import merge_events

    return merge_events(resolve_actors(list(extractions)))
