"""Elements of a rule: the distinct things a statutory point names.

Point 11 asks for preparedness plans *and* plans for the acute medical
chain; an agreement that settles the first and only declares an intent for
the second has not met the point. A pack declares such elements per rule
(``elements:`` in the YAML), each with the terms that name it, whether the
guide treats it as essential, and the reasoning (``reason:``) so a reviewer
can check the choice. Kept apart from ``samlint.rules`` so the loader stays
one concern per module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class RuleElement:
    """One element of a point: covered needs substance on every essential one."""

    id: str
    title: str
    terms: tuple[str, ...]
    essential: bool = True
    reason: str = ""


def parse_elements(raw: Any, where: str, error: type[Exception]) -> tuple[RuleElement, ...]:
    """The ``elements:`` list of a rule; a malformed entry raises ``error`` naming the field."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise error(f"{where}: feltet 'elements' må være en liste")
    out: list[RuleElement] = []
    for n, item in enumerate(raw, 1):
        here = f"{where}: elements[{n}]"
        if not isinstance(item, dict):
            raise error(f"{here}: må være en mapping med 'id', 'title' og 'terms'")
        unknown = sorted(set(item) - {"id", "title", "terms", "essential", "reason"}, key=str)
        if unknown:
            raise error(f"{here}: ukjent felt '{unknown[0]}'")
        element_id, title, terms = item.get("id"), item.get("title"), item.get("terms")
        if not isinstance(element_id, str) or not element_id.strip():
            raise error(f"{here}: feltet 'id' mangler")
        if not isinstance(title, str) or not title.strip():
            raise error(f"{here}: feltet 'title' må være tekst")
        if not isinstance(terms, list) or not terms or not all(
                isinstance(t, str) and t.strip() for t in terms):
            raise error(f"{here}: feltet 'terms' må være en ikke-tom liste med tekster")
        essential = item.get("essential", True)
        if not isinstance(essential, bool):
            raise error(f"{here}: feltet 'essential' må være true eller false")
        reason = item.get("reason", "")
        if not isinstance(reason, str):
            raise error(f"{here}: feltet 'reason' må være tekst")
        out.append(RuleElement(element_id.strip(), title.strip(),
                               tuple(t.strip() for t in terms), essential,
                               " ".join(reason.split())))
    if len({e.id for e in out}) != len(out):
        raise error(f"{where}: to elementer har samme 'id'")
    return tuple(out)
