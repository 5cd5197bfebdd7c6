"""One vocabulary: no English key reaches a report a person reads (issue 18).

Statuses, weak kinds and severities have bokmål labels (reporting/labels.py);
the machine formats keep the names of ../shared/spec/verdicts.md.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import lxml.html
import pytest

from samlint.reporting.formats import render_report
from samlint.reporting.html import made_line
from samlint.reporting.labels import SEVERITY_LABELS, STATUS_LABELS, WEAK_KIND_LABELS
from samlint.results import AgreementResult, Evidence, RuleResult, Severity, Status

KEYS = re.compile(r"\b(covered|weak|missing|waived|error|warning|heading|intent|restated-law|"
                  r"dangling-reference|ledd2-partial|partial|recommended-topics|stale)\b")


def every_kind_of_verdict() -> list[AgreementResult]:
    evidence = [Evidence("a/avtale.pdf", 3, "Partene skal samarbeide.", page=1, heading="Tema")]
    rules = [RuleResult(f"r-{n}", "Tittel", Status.WEAK, Severity.WARNING, "Melding.",
                        evidence, kind) for n, kind in enumerate(WEAK_KIND_LABELS)]
    rules += [
        RuleResult("r-dekket", "Tittel", Status.COVERED, None, "Dekket.", evidence),
        RuleResult("r-mangler", "Tittel", Status.MISSING, Severity.ERROR, "Mangler.", []),
        RuleResult("r-info", "Tittel", Status.MISSING, Severity.INFO, "Mangler.", []),
        RuleResult("r-unntatt", "Tittel", Status.WAIVED, None, "", evidence,
                   waiver="Avtalt i egen avtale."),
    ]
    return [AgreementResult("a", ["a/avtale.pdf"], rules)]


@pytest.mark.parametrize("name", ["text", "markdown", "html", "github"])
def test_no_english_key_in_a_human_report(name: str) -> None:
    report = render_report(name, every_kind_of_verdict(), [])
    if name == "html":
        root = lxml.html.fromstring(report)
        for style in root.iter("style"):
            style.drop_tree()
        report = root.text_content()
    if name == "github":  # the workflow commands' keywords are GitHub's, not ours
        report = re.sub(r"^::(error|warning|notice) ", "::", report, flags=re.M)
    found = sorted(set(KEYS.findall(report)))
    assert found == [], found


def test_every_status_and_severity_has_a_label() -> None:
    assert set(STATUS_LABELS) == set(Status)
    assert set(SEVERITY_LABELS) == set(Severity)


def test_the_html_report_says_when_by_which_version_and_with_which_packs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from samlint import __version__
    from samlint.rules import default_rule_files, load_rule_files

    rules = load_rule_files(default_rule_files())
    when = datetime(2026, 12, 6, 21, 5, tzinfo=UTC)

    assert made_line(rules, when) == (
        f"Laget 06.12.2026 kl. 21:05 av samlint {__version__} med regelpakken hol-6-2")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(when.timestamp())))
    html = render_report("html", every_kind_of_verdict(), rules)
    assert f"Laget 06.12.2026 kl. 21:05 av samlint {__version__}" in html


def test_scanned_pdf_advice_names_the_case_officers_way_first() -> None:
    """Ask for a text version; the install command is for IT, after it."""
    from samlint.documents.ocr import INSTALL

    assert INSTALL.startswith("be om avtalen som Word-fil eller som PDF med tekst")
    assert INSTALL.index("be IT installere") < INSTALL.index("apt-get")
