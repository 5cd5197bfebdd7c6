"""The one vocabulary of the human-readable reports: every status, weak kind
and severity in bokmål.

Machine formats (JSON, SARIF levels, baseline) keep the names of
``../shared/spec/verdicts.md`` (``weak``, ``ledd2-partial``, ``error``); the
text, HTML and Markdown reports and the CI annotations a case officer reads
show only these words, so no internal key reaches a person. A test holds that
every status, severity and weak kind the matcher can give has a label here.
"""

from __future__ import annotations

from samlint.results import Severity, Status

# The word and the colour the text report paints it in.
STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.COVERED: ("dekket", "green"),
    Status.WEAK: ("svak", "yellow"),
    Status.MISSING: ("mangler", "red"),
    Status.WAIVED: ("unntatt", "blue"),
}

# Keyed by the weak kinds of verdicts.md (samlint.matching.grading.WeakKind).
WEAK_KIND_LABELS: dict[str, str] = {
    "heading": "bare overskrift eller liste",
    "intent": "bare en intensjonserklæring",
    "restated-law": "gjentar bare lovteksten",
    "dangling-reference": "viser til dokument som ikke er med",
    "ledd2-partial": "bare delvis oppfylt",
    "recommended-topics": "anbefalte temaer er ikke nevnt",
    "stale": "årlig gjennomgang ser ut til å være forsinket",
}

SEVERITY_LABELS: dict[Severity, str] = {
    Severity.ERROR: "feil",
    Severity.WARNING: "advarsel",
    Severity.INFO: "til orientering",
}


def status_word(status: Status) -> str:
    """"svak": the bokmål word for a verdict."""
    return STATUS_LABELS[status][0]


def weak_kind_word(kind: str) -> str:
    """Why a verdict is weak, in words; an unknown kind (a user's rule file) as given."""
    return WEAK_KIND_LABELS.get(kind, kind)


def severity_word(severity: Severity | str) -> str:
    """"advarsel" for warning; what the configuration and --fail-on call a severity."""
    return SEVERITY_LABELS.get(Severity(severity), str(severity))
