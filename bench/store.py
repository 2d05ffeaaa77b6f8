"""Loading and querying N-Quads: pyoxigraph (argkg's store) against an in-memory rdflib graph.

    python bench/store.py [--triples 200000]

Generates a thread-shaped dataset (posts with replies, authors, content and actor
mentions, in named graphs of 500 posts), then loads it and runs two aggregate queries in
both engines, in this process, and prints the times and the ratio.
"""

from __future__ import annotations

import argparse
import random
import time

import pyoxigraph as ox
from rdflib import Dataset

BASE = "https://w3id.org/argkg/id/"
SIOC = "http://rdfs.org/sioc/ns#"
SCHEMA = "https://schema.org/"
TRIPLES_PER_POST = 5
QUERIES = {
    "actors by mentions": f"""
        SELECT ?a (COUNT(?p) AS ?n) WHERE {{ GRAPH ?g {{ ?p <{SCHEMA}mentions> ?a }} }}
        GROUP BY ?a ORDER BY DESC(?n) LIMIT 10""",
    "replies per author": f"""
        SELECT ?u (COUNT(?c) AS ?n)
        WHERE {{ GRAPH ?g {{ ?c <{SIOC}reply_of> ?p . ?p <{SIOC}has_creator> ?u }} }}
        GROUP BY ?u ORDER BY DESC(?n) LIMIT 10""",
}


def nquads(triples: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    lines = []
    for n in range(triples // TRIPLES_PER_POST):
        graph, post = f"<{BASE}graph/d{n // 500}>", f"<{BASE}post/d{n // 500}/c{n}>"
        parent = f"<{BASE}post/d{n // 500}/c{max(n - rng.randint(1, 20), 0)}>"
        lines += [
            f"{post} <{SIOC}reply_of> {parent} {graph} .",
            f"{post} <{SIOC}has_creator> <{BASE}account/site/u{rng.randint(0, 5000)}> {graph} .",
            f'{post} <{SIOC}content> "Kommentar {n} über die Lage" {graph} .',
            f"{post} <{SCHEMA}mentions> <{BASE}actor/a{rng.randint(0, 300)}> {graph} .",
            f"{post} <{SCHEMA}mentions> <{BASE}actor/a{rng.randint(0, 300)}> {graph} .",
        ]
    return ("\n".join(lines) + "\n").encode()


def timed(work):
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=200_000)
    triples = parser.parse_args().triples
    data = nquads(triples)

    def load_rdflib():
        dataset = Dataset()
        dataset.parse(data=data, format="nquads")
        return dataset

    def load_oxigraph():
        store = ox.Store()
        store.bulk_load(input=data, format=ox.RdfFormat.N_QUADS)
        return store

    dataset, rdflib_load = timed(load_rdflib)
    store, ox_load = timed(load_oxigraph)
    print(f"{triples:,} triples")
    print(f"{'task':<22}{'rdflib s':>10}{'pyoxigraph s':>14}{'ratio':>8}")
    print(f"{'load':<22}{rdflib_load:>10.2f}{ox_load:>14.2f}{rdflib_load / ox_load:>8.1f}")
    for name, sparql in QUERIES.items():
        _, slow = timed(lambda q=sparql: list(dataset.query(q)))
        _, fast = timed(lambda q=sparql: list(store.query(q)))
        print(f"{name:<22}{slow:>10.2f}{fast:>14.3f}{slow / fast:>8.1f}")


if __name__ == "__main__":
    main()
