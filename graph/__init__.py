"""The graph model (one typed networkx MultiDiGraph) and every view derived from it."""
