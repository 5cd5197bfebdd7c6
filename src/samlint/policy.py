"""What a project's settings do to a run's verdicts, the same for every output format.

The matcher judges every loaded rule; the settings are applied afterwards, to
the results, in one place: rule selection, severity overrides, waivers, then
the baseline. Every report (text, JSON and the others) is rendered from the
results this leaves, and the exit status is computed from them too, so a rule
that is ignored, waived or baselined is treated alike everywhere.

Applying them after matching, not by matching fewer rules, keeps the verdict
cache valid across settings: the cache is keyed by the rule files, and a
verdict does not depend on which rules the project reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from samlint.config import Config, check_rule_ids, rule_matches, unknown_rule_problem
from samlint.discover import AgreementRef
from samlint.results import AgreementResult, RuleResult, Severity, Status
from samlint.rules import Rule
from samlint.waivers import UnusedWaiver, apply_waivers

if TYPE_CHECKING:  # loaded only for a run with a baseline (see cli._read_baseline)
    from samlint.baseline import Baseline

FAIL_ON_SEVERITY = {"missing": Severity.ERROR, "weak": Severity.WARNING, "info": Severity.INFO}
DEFAULT_FAIL_ON = "missing"
_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}
_DEFAULT_SEVERITY = {Status.MISSING: Severity.ERROR, Status.WEAK: Severity.WARNING}


class SelectionError(Exception):
    """``--select``/``--ignore`` name no rule, or leave none; one line, exit 2."""


@dataclass(slots=True)
class PolicyOutcome:
    """What applying the settings found besides the changed verdicts."""

    unused_waivers: list[UnusedWaiver] = field(default_factory=list)
    baselined: int = 0


def active_rules(rules: Sequence[Rule], select: Sequence[str] | None,
                 ignore: Sequence[str]) -> list[Rule]:
    """The rules the run reports, in rule order: selected (all if None) and not ignored.

    Raises SelectionError when nothing is left, since a run that checks no rule
    would pass every agreement.
    """
    chosen = [
        rule for rule in rules
        if (select is None or any(rule_matches(rule.id, p) for p in select))
        and not any(rule_matches(rule.id, p) for p in ignore)
    ]
    if rules and not chosen:
        raise SelectionError("select/ignore slår av alle regler – ingen ville blitt sjekket")
    return chosen


def check_option_rule_ids(option: str, patterns: Sequence[str], known: Sequence[str]) -> None:
    """Rule ids given on the command line must name a rule, as in the config file."""
    for pattern in patterns:
        problem = unknown_rule_problem(pattern, known)
        if problem is not None:
            raise SelectionError(f"{option}: {problem}")


def apply_policy(
    results: Sequence[AgreementResult],
    *,
    config: Config,
    active: Sequence[Rule],
    refs: dict[str, AgreementRef],
    baseline: Baseline | None = None,
) -> PolicyOutcome:
    """Apply selection, severities, waivers and the baseline to ``results`` in place."""
    active_ids = [rule.id for rule in active]
    keep = set(active_ids)
    for result in results:
        result.rules = [rule for rule in result.rules if rule.rule_id in keep]
        for rule in result.rules:
            _override_severity(rule, config)
    outcome = PolicyOutcome()
    outcome.unused_waivers = apply_waivers(results, config, refs, active_ids)
    if baseline is not None:
        from samlint.baseline import apply_baseline

        outcome.baselined = apply_baseline(results, baseline, refs)
    return outcome


def _override_severity(rule: RuleResult, config: Config) -> None:
    """The last matching ``severity`` entry in the file wins, like CSS: general first."""
    if rule.status not in _DEFAULT_SEVERITY:
        return
    for override in config.severity:
        if not rule_matches(rule.rule_id, override.rule):
            continue
        level = override.missing if rule.status is Status.MISSING else override.weak
        if level is not None:
            rule.severity = level


def effective_severity(rule: RuleResult) -> Severity | None:
    """The verdict's severity; a finding without one counts as its status's default."""
    if rule.status not in _DEFAULT_SEVERITY:
        return None
    return rule.severity or _DEFAULT_SEVERITY[rule.status]


def is_failure(rule: RuleResult, fail_on: str) -> bool:
    """Whether a verdict reaches the failure threshold.

    ``fail_on`` names a severity through the default severity of a status:
    ``missing`` = error, ``weak`` = warning, ``info`` = any finding. So a
    severity override (``{hol-6-2-nr8: {missing: warning}}``) also decides
    whether the rule fails a run. Covered, waived and baselined verdicts never do.
    """
    severity = effective_severity(rule)
    if severity is None or rule.baselined:
        return False
    return _RANK[severity] >= _RANK[FAIL_ON_SEVERITY[fail_on]]


def any_failure(results: Sequence[AgreementResult], fail_on: str) -> bool:
    """Whether any verdict of the run reaches the threshold (see ``is_failure``)."""
    return any(is_failure(rule, fail_on) for result in results for rule in result.rules)


def choose_rules(loaded: Sequence[Rule], config: Config, select: Sequence[str] | None,
                 ignore: Sequence[str] | None) -> list[Rule]:
    """The run's active rules; ``--select``/``--ignore`` (when given) replace the config's.

    Every id the config or the options name is checked against the loaded
    rules first, so a typo is an error rather than a rule silently still on.
    """
    known = [rule.id for rule in loaded]
    check_rule_ids(config, known)
    if select is not None:
        check_option_rule_ids("--select", select, known)
    if ignore is not None:
        check_option_rule_ids("--ignore", ignore, known)
    return active_rules(
        loaded,
        [p.lower() for p in select] if select is not None else config.select,
        [p.lower() for p in ignore] if ignore is not None else config.ignore,
    )


def split_ids(values: list[str] | None) -> list[str] | None:
    """``--select a,b --select c`` → [a, b, c]; None when the option was not given."""
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
