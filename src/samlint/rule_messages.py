"""Verdict messages of rule packs: templates per rule kind, checked when loaded.

The words a case officer reads are data: the language data
(``rules/language.yaml``) holds defaults per rule kind, a pack may override
them per kind, and a rule for itself. A template names the values it shows
in braces (``{title}``); only the placeholders below exist.
"""

from __future__ import annotations

from string import Formatter
from typing import Any

# A rule's kind, named in its ``kind:`` field (like Vale's ``extends:``):
# what it judges, and so which fields it has and which messages it shows.
KINDS = ("topic", "parts", "dates", "recommendation")
# The message templates each kind uses: its verdicts and weak kinds.
MESSAGE_KEYS = {
    "topic": ("covered", "missing", "weak.heading", "weak.intent", "weak.restated-law",
              "weak.dangling-reference", "element_lacking", "element_absent"),
    "parts": ("covered", "missing", "missing_named", "weak.heading", "weak.intent",
              "weak.restated-law", "weak.dangling-reference", "weak.ledd2-partial",
              "element_lacking", "element_absent"),
    "dates": ("covered", "missing", "weak.stale"),
    "recommendation": ("covered", "missing", "weak.recommended-topics"),
}

# Every template may show the rule's {title} and {source}; some show more.
PLACEHOLDERS = frozenset({"title", "source"})
MORE_PLACEHOLDERS = {
    ("topic", "weak.dangling-reference"): {"reference"},
    ("parts", "weak.dangling-reference"): {"reference"},
    ("parts", "weak.ledd2-partial"): {"found", "lacking"},
    ("parts", "missing_named"): {"parts"},
    ("topic", "element_lacking"): {"element", "reason"},
    ("parts", "element_lacking"): {"element", "reason"},
    ("topic", "element_absent"): {"element"},
    ("parts", "element_absent"): {"element"},
    ("dates", "covered"): {"date"},
    ("dates", "weak.stale"): {"date", "months", "as_of"},
    ("recommendation", "missing"): {"topics"},
    ("recommendation", "weak.recommended-topics"): {"lacking"},
}


class MessageError(ValueError):
    """A template that cannot be used; the message says which and why."""


def kind_messages(raw: Any, where: str) -> dict[str, dict[str, str]]:
    """Pack-level templates: per rule kind, its messages (``{topic: {missing: ...}}``)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not set(raw) <= set(KINDS):
        raise MessageError(f"{where}: må være en mapping fra regeltype ({', '.join(KINDS)}) "
                            "til meldinger")
    return {kind: messages(value, f"{where}.{kind}", kind) for kind, value in raw.items()}


def messages(raw: Any, where: str, kind: str) -> dict[str, str]:
    """A kind's templates, flattened: ``{weak: {intent: t}}`` is ``{"weak.intent": t}``."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise MessageError(f"{where}: må være en mapping (covered, missing, weak, ...)")
    flat: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "weak" and isinstance(value, dict):
            flat.update((f"weak.{weak}", text) for weak, text in value.items())
        else:
            flat[str(key)] = value
    for key, text in flat.items():
        if key not in MESSAGE_KEYS[kind]:
            raise MessageError(f"{where}: ukjent melding '{key}' for regeltypen {kind} "
                                f"(kjente: {', '.join(MESSAGE_KEYS[kind])})")
        if not isinstance(text, str) or not text.strip():
            raise MessageError(f"{where}: meldingen '{key}' må være tekst")
        try:
            names = {name for _, name, _, _ in Formatter().parse(text) if name is not None}
        except ValueError:
            raise MessageError(f"{where}: meldingen '{key}' har en ugyldig {{...}}") from None
        known = PLACEHOLDERS | MORE_PLACEHOLDERS.get((kind, key), set())
        if not names <= known:
            raise MessageError(f"{where}: meldingen '{key}' bruker ukjent felt "
                               f"{{{sorted(names - known)[0]}}} (kjente her: "
                               + ", ".join(f"{{{name}}}" for name in sorted(known)) + ")")
    return {key: " ".join(text.split()) for key, text in flat.items()}
