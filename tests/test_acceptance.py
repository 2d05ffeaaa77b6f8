"""Grounded semantics on small attack graphs whose labelling is known."""

from argkg.graph.acceptance import grounded_labels


def test_unattacked_arguments_are_in_and_what_they_attack_is_out():
    labels = grounded_labels(["a", "b", "c"], [("a", "b"), ("b", "c")])
    assert labels == {"a": "in", "b": "out", "c": "in"}


def test_mutual_attack_is_undecided_unless_defended():
    assert grounded_labels(["a", "b"], [("a", "b"), ("b", "a")]) == {
        "a": "undecided", "b": "undecided"}
    labels = grounded_labels(["a", "b", "c"], [("a", "b"), ("b", "a"), ("c", "b")])
    assert labels == {"a": "in", "b": "out", "c": "in"}


def test_odd_cycle_and_self_attack_are_undecided():
    labels = grounded_labels(["a", "b", "c", "s"], [("a", "b"), ("b", "c"), ("c", "a"),
                                                    ("s", "s")])
    assert set(labels.values()) == {"undecided"}


def test_a_long_chain_needs_no_recursion():
    chain = [f"u{i}" for i in range(20000)]
    labels = grounded_labels(chain, list(zip(chain[1:], chain[:-1], strict=False)))
    # The last one is unattacked: in; then out, in, ... back to the first.
    assert labels["u19999"] == "in" and labels["u19998"] == "out"
    assert labels["u0"] == ("in" if 19999 % 2 == 0 else "out")


def test_attacks_on_unknown_arguments_are_ignored():
    assert grounded_labels(["a"], [("x", "a")]) == {"a": "in"}
