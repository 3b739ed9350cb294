from kg.annotate.pipeline import build_pipeline, resolve_model_name

__all__ = ["build_pipeline", "resolve_model_name"]
