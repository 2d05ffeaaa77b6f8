"""argkg: turn an online debate into an argument knowledge graph."""

__version__ = "0.1.0"
