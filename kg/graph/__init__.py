"""Assembly: Extractions into a NetworkX graph (``networkx``) and an RDF dataset (``rdf``)."""
