"""The project's actor and event knowledge, loaded from data files (first version, to be deepened)."""

from __future__ import annotations

from functools import lru_cache


class Knowledge:
    """Lexicons the extractors consult: countries, metonyms, IGOs, agents, user dictionaries."""

    def __init__(self, actor_files: tuple[str, ...] = (), agent_files: tuple[str, ...] = ()) -> None:
        self.actor_files = actor_files
        self.agent_files = agent_files


@lru_cache(maxsize=8)
def load_knowledge(actor_files: tuple[str, ...] = (), agent_files: tuple[str, ...] = ()) -> Knowledge:
    """Load (once per process and set of files) the knowledge every component shares."""
    return Knowledge(actor_files, agent_files)
