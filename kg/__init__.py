"""kg: read geopolitical news, build a knowledge graph of who did what to whom, when and where."""

__version__ = "0.1.0"
