"""Project configuration: finding, reading and validating ``.samlint.yaml``.

A project can declare its agreement sets, rule selection, severities,
failure threshold and waivers in ``.samlint.yaml`` (or ``[tool.samlint]`` in
``pyproject.toml``). This module turns that file into a ``Config`` or one
``ConfigError`` naming the file and the key; what the settings do to a run is
``policy``'s concern, and how declared sets become files is ``discover``'s.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, NoReturn

from samlint.discover import AgreementGroup, display_path, has_glob
from samlint.results import Severity
from samlint.rules import resolve_rule_file

CONFIG_FILENAME = ".samlint.yaml"
PYPROJECT_FILENAME = "pyproject.toml"
PYPROJECT_PREFIX = "tool.samlint."
FAIL_ON_CHOICES = ("missing", "weak", "info")
# The words the report prints, accepted for the spec's names (in the file and on the command line).
FAIL_ON_SYNONYMS = {"mangler": "missing", "svak": "weak"}
SEVERITY_CHOICES = tuple(s.value for s in Severity)
CONFIG_KEYS = ("rules", "select", "ignore", "severity", "fail-on", "agreements", "waivers")
AGREEMENT_KEYS = ("paths",)
SEVERITY_KEYS = ("missing", "weak")
WAIVER_KEYS = ("agreement", "rule", "reason")


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class SeverityOverride:
    """The severities for the rules ``rule`` (an id or a glob) names; None keeps the rule's own."""

    rule: str
    missing: Severity | None = None
    weak: Severity | None = None


@dataclass(frozen=True, slots=True)
class Waiver:
    """A recorded decision that a rule does not apply to an agreement, and why.

    ``index`` is the waiver's place in the file's list, so a message can say
    ``waivers[2]`` and the user finds it.
    """

    index: int
    agreement: str
    rule: str
    reason: str


@dataclass(frozen=True, slots=True)
class Config:
    """Everything a project configures; the empty default changes nothing.

    ``root`` is the folder that relative paths in the file (rule files, agreement
    sets, waivers) are relative to: the config file's folder, so the same file
    works from any working directory. ``select`` None means every rule.
    """

    root: Path
    file: Path | None = None
    prefix: str = ""
    rules: tuple[Path, ...] = ()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[SeverityOverride, ...] = ()
    fail_on: str | None = None
    agreements: tuple[AgreementGroup, ...] = ()
    waivers: tuple[Waiver, ...] = ()

    @property
    def shown(self) -> str:
        """The config file as messages name it."""
        return display_path(self.file) if self.file is not None else CONFIG_FILENAME

    def where(self, key: str) -> str:
        """``file: key`` for a message, e.g. ``.samlint.yaml: waivers[2].reason``."""
        return f"{self.shown}: {self.prefix}{key}"

    def absolute(self, pattern: str) -> str:
        """A path or glob from the file as an absolute POSIX pattern."""
        return Path(os.path.normpath(os.path.join(self.root, pattern))).as_posix()


def load_project_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    """The run's configuration: ``--config FILE`` if given, else the nearest one found.

    With no configuration file anywhere the result is the empty default, so a
    project without one behaves exactly as before configuration existed.
    """
    if explicit is not None:
        return load_config(explicit)
    found = find_config(start if start is not None else Path.cwd())
    if found is None:
        return Config(root=Path.cwd())
    return load_config(found)


def find_config(start: Path) -> Path | None:
    """The nearest ``.samlint.yaml``, or ``pyproject.toml`` with ``[tool.samlint]``.

    Searched from ``start`` upwards, like ruff and markdownlint. The search
    ends at the root of a git repository (after looking there), so a checkout
    inside someone's home folder never picks up an unrelated file above it,
    and at the file system root. At each level ``.samlint.yaml`` wins over
    ``pyproject.toml``.
    """
    directory = Path(os.path.abspath(start))
    while True:
        candidate = directory / CONFIG_FILENAME
        if candidate.is_file():
            return candidate
        pyproject = directory / PYPROJECT_FILENAME
        if pyproject.is_file() and _pyproject_table(pyproject) is not None:
            return pyproject
        if (directory / ".git").exists() or directory.parent == directory:
            return None
        directory = directory.parent


def load_config(path: Path) -> Config:
    """Read and validate one configuration file (YAML, or a pyproject.toml)."""
    absolute = Path(os.path.abspath(path))
    shown = display_path(absolute)
    if absolute.suffix.lower() == ".toml":
        table = _pyproject_table(absolute)
        if table is None:
            raise ConfigError(f"{shown}: mangler tabellen [tool.samlint]")
        return parse_config(table, file=absolute, prefix=PYPROJECT_PREFIX)
    try:
        text = absolute.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{shown}: finnes ikke – sjekk stien til --config") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{shown}: kan ikke leses ({exc})") from None
    import yaml  # 20-25 ms, only when there is a YAML configuration to read

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" på linje {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "feil syntaks"
        raise ConfigError(f"{shown}: ugyldig YAML{line} ({problem})") from None
    return parse_config(data, file=absolute)


def _pyproject_table(path: Path) -> dict[str, Any] | None:
    """``[tool.samlint]`` of a pyproject.toml, or None when it has none."""
    import tomllib  # only for a pyproject.toml; 5 ms that most checks need not pay

    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{display_path(path)}: kan ikke leses ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{display_path(path)}: ugyldig TOML ({exc})") from None
    table = data.get("tool", {}).get("samlint")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{display_path(path)}: tool.samlint: må være en tabell")
    return table


def parse_config(data: Any, *, file: Path | None = None, root: Path | None = None,
                 prefix: str = "") -> Config:
    """Validate the file's data; the first problem is raised with its key path.

    Strict on purpose: a misspelt key (``fail_on``) or a waiver without a
    reason silently doing nothing is worse than an error the user fixes once.
    """
    base = root if root is not None else (file.parent if file is not None else Path.cwd())
    config = Config(root=base, file=file, prefix=prefix)
    if data is None:
        return config
    if not isinstance(data, dict):
        raise ConfigError(f"{config.shown}: må være en mapping med nøkler som rules, select "
                          f"og waivers (er {_kind(data)})")

    def fail(key: str, problem: str) -> NoReturn:
        raise ConfigError(f"{config.where(key)}: {problem}")

    _check_keys(data, CONFIG_KEYS, "", fail)
    # A bare name ("veileder") is a built-in pack unless a file of that name exists here.
    rules = tuple(_rule_file(base, name) for name in _strings(data, "rules", fail))
    select = _strings(data, "select", fail) if data.get("select") is not None else None
    ignore = _strings(data, "ignore", fail)
    fail_on = data.get("fail-on")
    if isinstance(fail_on, str):
        fail_on = FAIL_ON_SYNONYMS.get(fail_on, fail_on)
    if fail_on is not None and fail_on not in FAIL_ON_CHOICES:
        fail("fail-on", f"«{fail_on}» er ikke gyldig – bruk {', '.join(FAIL_ON_CHOICES)} "
             f"(eller {', '.join(FAIL_ON_SYNONYMS)})")
    return Config(
        root=base, file=file, prefix=prefix, rules=rules,
        select=tuple(p.lower() for p in select) if select is not None else None,
        ignore=tuple(p.lower() for p in ignore),
        severity=_severities(data.get("severity"), fail),
        fail_on=fail_on,
        agreements=_groups(data.get("agreements"), fail),
        waivers=_waivers(data.get("waivers"), fail),
    )


Fail = Callable[[str, str], NoReturn]


def _check_keys(data: dict[str, Any], allowed: Sequence[str], where: str, fail: Fail) -> None:
    for key in data:
        if key in allowed:
            continue
        name = str(key)
        from difflib import get_close_matches  # only for a mistake

        close = get_close_matches(name.replace("_", "-"), allowed, n=1, cutoff=0.6)
        hint = f"mente du {close[0]}?" if close else f"gyldige nøkler er {', '.join(allowed)}"
        fail(f"{where}{name}", f"ukjent nøkkel – {hint}")


def _strings(data: dict[str, Any], key: str, fail: Fail, where: str = "") -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if not isinstance(value, list):
        fail(f"{where}{key}", f"må være en liste, f.eks. [{_example(key)}] (er {_kind(value)})")
    for number, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            fail(f"{where}{key}[{number}]", f"må være tekst som ikke er tom (er {_kind(item)})")
    return tuple(item.strip() for item in value)


def _severities(value: Any, fail: Fail) -> tuple[SeverityOverride, ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        fail("severity", f"må være en mapping fra regel-id til alvorlighetsgrad, f.eks. "
                         f"{{hol-6-2-nr8: {{weak: info}}}} (er {_kind(value)})")
    overrides = []
    for rule, setting in value.items():
        key = f"severity.{rule}"
        if isinstance(setting, str):
            level = _severity(setting, key, fail)
            overrides.append(SeverityOverride(str(rule).lower(), missing=level, weak=level))
            continue
        if not isinstance(setting, dict):
            fail(key, f"må være en alvorlighetsgrad ({', '.join(SEVERITY_CHOICES)}) eller "
                      f"en mapping med missing/weak (er {_kind(setting)})")
        _check_keys(setting, SEVERITY_KEYS, f"{key}.", fail)
        overrides.append(SeverityOverride(
            str(rule).lower(),
            missing=_severity(setting.get("missing"), f"{key}.missing", fail),
            weak=_severity(setting.get("weak"), f"{key}.weak", fail),
        ))
    return tuple(overrides)


def _severity(value: Any, key: str, fail: Fail) -> Severity | None:
    if value is None:
        return None
    if value not in SEVERITY_CHOICES:
        fail(key, f"«{value}» er ikke en gyldig alvorlighetsgrad – bruk "
                  f"{', '.join(SEVERITY_CHOICES)}")
    return Severity(value)


def _groups(value: Any, fail: Fail) -> tuple[AgreementGroup, ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        fail("agreements", "må være en mapping fra navn til {paths: [...]}, f.eks. "
                           f"{{kommune-x: {{paths: [avtaler/kommune-x]}}}} (er {_kind(value)})")
    groups = []
    for name, body in value.items():
        key = f"agreements.{name}"
        if not isinstance(body, dict):
            fail(key, f"må være en mapping med paths, f.eks. {{paths: [avtaler/{name}]}} "
                      f"(er {_kind(body)})")
        _check_keys(body, AGREEMENT_KEYS, f"{key}.", fail)
        paths = _strings(body, "paths", fail, f"{key}.")
        if not paths:
            fail(f"{key}.paths", "mangler – oppgi minst én mappe eller ett mønster")
        groups.append(AgreementGroup(str(name), paths))
    return tuple(groups)


def _waivers(value: Any, fail: Fail) -> tuple[Waiver, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        fail("waivers", f"må være en liste med {{agreement, rule, reason}} (er {_kind(value)})")
    waivers = []
    for index, item in enumerate(value):
        key = f"waivers[{index}]"
        if not isinstance(item, dict):
            fail(key, f"må være en mapping med agreement, rule og reason (er {_kind(item)})")
        _check_keys(item, WAIVER_KEYS, f"{key}.", fail)
        fields: dict[str, str] = {}
        for name in WAIVER_KEYS:
            raw = item.get(name)
            if raw is None:
                need = ("en begrunnelse er påkrevd" if name == "reason"
                        else "oppgi " + ("avtalens sti eller et mønster" if name == "agreement"
                                         else "regelens id eller et mønster"))
                fail(f"{key}.{name}", f"mangler – {need}")
            if not isinstance(raw, str):
                fail(f"{key}.{name}", f"må være tekst (er {_kind(raw)})")
            if not raw.strip():
                fail(f"{key}.{name}", "er tom – " + (
                    "en begrunnelse er påkrevd" if name == "reason" else "fyll den ut"))
            fields[name] = " ".join(raw.split())
        waivers.append(Waiver(index, fields["agreement"], fields["rule"].lower(),
                              fields["reason"]))
    return tuple(waivers)


def _rule_file(base: Path, name: str) -> Path:
    local = base / name
    if local.exists():
        return local
    builtin = resolve_rule_file(Path(name))
    return builtin if builtin.is_file() else local


def _kind(value: Any) -> str:
    """A value's type in the words of the YAML a user wrote."""
    if value is None:
        return "tom"
    if isinstance(value, bool):
        return "sann/usann"
    if isinstance(value, int | float):
        return "et tall"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, dict):
        return "en mapping"
    return type(value).__name__


def _example(key: str) -> str:
    return {"rules": "regler/egne-krav.yaml", "paths": "avtaler/kommune-x"}.get(key, "hol-6-2-nr8")


# Rule ids ---------------------------------------------------------------------


def rule_matches(rule_id: str, pattern: str) -> bool:
    """An exact id or a simple glob (``hol-6-2-nr1*``); ids are lower case."""
    return fnmatchcase(rule_id, pattern.lower())


def unknown_rule_problem(pattern: str, known: Sequence[str]) -> str | None:
    """Why ``pattern`` names no rule, with the likely intended id; None if it names one."""
    if any(rule_matches(rule_id, pattern) for rule_id in known):
        return None
    if has_glob(pattern):
        return f"mønsteret «{pattern}» passer ikke til noen regel – se «samlint rules»"
    return unknown_rule_message(pattern, known)


def unknown_rule_message(rule_id: str, known: Sequence[str]) -> str:
    """Point at the likely intended id: "nr5" should find "hol-6-2-nr5"."""
    wanted = rule_id.strip().lower()
    candidates = [k for k in known if wanted and k.endswith(wanted)]
    from difflib import get_close_matches  # only for a mistake

    candidates += get_close_matches(wanted, known, n=3, cutoff=0.6)
    suggestions = list(dict.fromkeys(candidates))[:3]
    if suggestions:
        listed = " eller ".join([", ".join(suggestions[:-1]), suggestions[-1]] if
                                len(suggestions) > 1 else suggestions)  # "a, b eller c"
        return f"ukjent regel «{rule_id}» – mente du {listed}?"
    return f"ukjent regel «{rule_id}» – se «samlint rules» for alle regler"


def check_rule_ids(config: Config, known: Sequence[str]) -> None:
    """Every rule id or pattern the file names must name a loaded rule.

    Checked only once the rules are loaded, since the file's own ``rules`` may
    add the very ids it then selects or waives.
    """
    named: list[tuple[str, str]] = []
    named += [(f"select[{i}]", p) for i, p in enumerate(config.select or ())]
    named += [(f"ignore[{i}]", p) for i, p in enumerate(config.ignore)]
    named += [(f"severity.{o.rule}", o.rule) for o in config.severity]
    named += [(f"waivers[{w.index}].rule", w.rule) for w in config.waivers]
    for key, pattern in named:
        problem = unknown_rule_problem(pattern, known)
        if problem is not None:
            raise ConfigError(f"{config.where(key)}: {problem}")
