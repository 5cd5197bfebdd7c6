"""One line saying whose agreement a report judged and what its files are.

"Storfjell kommune – Helse Nordvik HF: hovedavtale, delavtale 1–6". Every
human-readable report shows it under the agreement's path, built here once
so the text, markdown and HTML reports say the same.
"""

from __future__ import annotations

from samlint.results import AgreementResult, FileRole
from samlint.roles import role_order

UNKNOWN_ROLE = "uten kjent rolle"
KIND_ORDER = ("kommune", "helseforetak", "nasjonal")


def agreement_title(result: AgreementResult) -> str:
    """The parties and the roles of the files; empty when nothing is known of either."""
    parties = _parties(result)
    documents = _documents(result.documents)
    if parties and documents:
        return f"{parties}: {documents}"
    return parties or documents


def _parties(result: AgreementResult) -> str:
    """Kommuner together, then the helseforetak, then any national party, with dashes between."""
    sides = []
    for kind in KIND_ORDER:
        names = [party.name for party in result.parties if party.kind == kind]
        if names:
            sides.append(_join(names))
    return " – ".join(sides)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]


def _documents(documents: list[FileRole]) -> str:
    """Roles main agreement first, numbers folded into ranges: «delavtale 1–4, 7»."""
    numbers: dict[str, list[int]] = {}
    counts: dict[str, int] = {}
    for document in documents:
        role = document.role or UNKNOWN_ROLE
        counts[role] = counts.get(role, 0) + 1
        numbers.setdefault(role, []).extend(document.numbers)
    order = role_order()
    parts = []
    for role, count in sorted(counts.items(),
                              key=lambda item: order.index(item[0]) if item[0] in order
                              else len(order)):
        if numbers[role]:
            parts.append(f"{role} {_ranges(sorted(set(numbers[role])))}")
            unnumbered = count - sum(1 for d in documents
                                     if (d.role or UNKNOWN_ROLE) == role and d.numbers)
            if unnumbered > 0:
                parts.append(f"{role} uten nummer" if unnumbered == 1
                             else f"{unnumbered} × {role} uten nummer")
        elif role == UNKNOWN_ROLE:
            parts.append(f"{count} {'dokument' if count == 1 else 'dokumenter'} {role}")
        else:
            parts.append(role if count == 1 else f"{count} × {role}")
    return ", ".join(parts)


def _ranges(numbers: list[int]) -> str:
    """1, 2, 3, 4, 7 → «1–4, 7»."""
    spans: list[list[int]] = []
    for number in numbers:
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    return ", ".join(f"{a}–{b}" if b > a + 1 else (f"{a}, {b}" if b == a + 1 else f"{a}")
                     for a, b in spans)
