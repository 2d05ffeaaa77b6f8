"""The argkg ontology, the model-to-RDF mapping and SPARQL querying."""
