"""kg: read geopolitical news, build a knowledge graph of who did what to whom, when and where.

>>> import kg
>>> graph = kg.build(["examples/reuters-2026-01-09-sheinbaum.txt"])  # doctest: +SKIP
>>> graph.query("who-threatened-whom")  # doctest: +SKIP
"""

from kg.api import KnowledgeGraph, build, extract
from kg.model import Extraction

__version__ = "0.1.0"
__all__ = ["Extraction", "KnowledgeGraph", "build", "extract"]
