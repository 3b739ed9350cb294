"""Evaluation of ``kg`` against gold data (CoNLL-2003 NER for actor mentions, ...)."""
