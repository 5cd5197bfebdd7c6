"""A rule file's parsed data, and the ready-parsed copy the wheel carries of each built-in pack.

Parsing YAML needs PyYAML, whose import alone takes 20-25 ms, and the
built-in pack 8 ms more: on a warm pre-commit run that was a fifth of the
time, and on a cold one CPU taken from the reader. The wheel therefore holds
each built-in pack a second time, already parsed, as JSON beside its YAML
(written at build time by ``hatch_build.py`` with ``parsed_document``),
together with the SHA-256 of the YAML it was made from. A YAML file whose
bytes no longer have that hash (edited where it is installed), or that has
no such copy (every user's own rule file), is parsed from the YAML as
before: the YAML is always what counts, the copy only saves parsing it.

JSON has no dates and only string keys, so values are written tagged: a
list as ``["L", items]``, a mapping as ``["M", [[key, value], ...]]``, a date
as ``["D", "2022-08-01"]``; strings, numbers, booleans and null as they are.
Only ``load_yaml`` imports PyYAML, when it is called.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any

PARSED_SUFFIX = ".parsed.json"
SCHEMA = 1


class NotParsed:
    """What ``ready_parsed`` gives when there is no usable copy (a YAML file may hold null)."""


NOT_PARSED = NotParsed()


def load_yaml(text: str) -> Any:
    """A rule file's YAML as plain data, parsed the one way samlint parses it.

    Used by the loader and by the build hook that makes the parsed copies,
    so a copy always holds what the loader would have read. libyaml's loader,
    where installed, parses the 50 kB built-in pack ten times faster; it
    builds the same plain data as the pure loader. Raises ``yaml.YAMLError``.
    """
    import yaml  # 20-25 ms, only for a rule file that has no parsed copy

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def parsed_path(rule_file: Path) -> Path:
    """Where the ready-parsed copy of ``rule_file`` sits: beside it, ``<stem>.parsed.json``."""
    return rule_file.with_name(rule_file.stem + PARSED_SUFFIX)


def parsed_document(source: bytes, data: Any) -> str:
    """The ready-parsed copy of a rule file whose bytes are ``source`` and YAML ``data``."""
    return json.dumps({"schema": SCHEMA, "source_sha256": hashlib.sha256(source).hexdigest(),
                       "data": encode(data)}, ensure_ascii=False, separators=(",", ":"))


def ready_parsed(rule_file: Path) -> Any:
    """The data of ``rule_file`` from its ready-parsed copy, or ``NOT_PARSED``.

    ``NOT_PARSED`` when there is no copy, or it cannot be read, or it was
    made from other bytes than the file now holds.
    """
    copy = parsed_path(rule_file)
    try:
        stored = json.loads(copy.read_bytes())
        source = rule_file.read_bytes()
    except (OSError, ValueError):
        return NOT_PARSED
    if (not isinstance(stored, dict) or stored.get("schema") != SCHEMA
            or stored.get("source_sha256") != hashlib.sha256(source).hexdigest()):
        return NOT_PARSED
    try:
        return decode(stored.get("data"))
    except (TypeError, ValueError):
        return NOT_PARSED


def encode(value: Any) -> Any:
    """``value`` as JSON can hold it, tagged (see the module docstring)."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, list):
        return ["L", [encode(item) for item in value]]
    if isinstance(value, dict):
        return ["M", [[encode(key), encode(item)] for key, item in value.items()]]
    if type(value) is date:
        return ["D", value.isoformat()]
    raise TypeError(f"a rule file value of type {type(value).__name__} has no parsed form")


def decode(value: Any) -> Any:
    """What ``encode`` was given; TypeError or ValueError for anything it does not make."""
    if not isinstance(value, list):
        if isinstance(value, dict):
            raise TypeError("an untagged mapping")
        return value
    tag, body = value
    if tag == "L":
        return [decode(item) for item in body]
    if tag == "M":
        return {decode(key): decode(item) for key, item in body}
    if tag == "D":
        return date.fromisoformat(body)
    raise ValueError(f"unknown tag {tag!r}")
