"""Which claims stand: the grounded extension of an attack graph (Dung, 1995).

Labelling by the usual fixpoint: an argument is "in" when every attacker is "out", "out"
when some attacker is "in"; what the fixpoint leaves is "undecided" (cycles of attack
with no unattacked way in). Iterative and linear in the attacks per round, so deep
attack chains need no recursion.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def grounded_labels(arguments: Sequence[str],
                    attacks: Iterable[tuple[str, str]]) -> dict[str, str]:
    """argument -> "in" | "out" | "undecided"; attacks from or to unknown arguments are
    ignored."""
    known = set(arguments)
    attackers: dict[str, set[str]] = {a: set() for a in arguments}
    targets: dict[str, set[str]] = {a: set() for a in arguments}
    for attacker, attacked in attacks:
        if attacker in known and attacked in known:
            attackers[attacked].add(attacker)
            targets[attacker].add(attacked)
    label: dict[str, str] = {}
    open_attackers = {a: len(attackers[a]) for a in arguments}
    ready = [a for a in arguments if open_attackers[a] == 0]
    while ready:
        argument = ready.pop()
        if argument in label:
            continue
        label[argument] = "in"
        for defeated in targets[argument]:
            if defeated in label:
                continue
            label[defeated] = "out"
            for next_target in targets[defeated]:
                open_attackers[next_target] -= 1
                if open_attackers[next_target] == 0 and next_target not in label:
                    ready.append(next_target)
    return {a: label.get(a, "undecided") for a in arguments}
