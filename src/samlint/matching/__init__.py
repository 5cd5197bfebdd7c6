"""From documents and rules to verdicts: prepare the agreement once, judge each rule.

One direction of flow: ``corpus`` prepares the agreement set (sections,
sentences, the term index); ``hits`` finds where each rule's terms occur;
``grading`` grades the places that speak to a rule; one module per rule
kind turns grades into a verdict (``topic_rules``, ``parts_rules``,
``recommendation_rules``, ``date_rules``); ``evidence`` words the verdict from
the rule's message templates and cites the text it rests on.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samlint.documents.model import Document
    from samlint.results import RuleResult
    from samlint.rules import Rule


def check_agreement(documents: list[Document], rules: list[Rule],
                    as_of: date | None = None) -> list[RuleResult]:
    """Judge every rule over the whole agreement set; one result per rule, in rule order.

    ``as_of`` is the day date rules measure against (default: today).
    """
    from samlint.matching.judge import judge_agreement

    return judge_agreement(documents, rules, as_of or date.today())


def prepare_rules(rules: list[Rule]) -> None:
    """Load the matcher, compile the rules' language cues and parse every term of the
    rules now (``parse_term`` remembers them): a process that starts a child per batch
    of agreements does this once, not once per child."""
    from samlint.matching import judge  # noqa: F401  (imported for its children)
    from samlint.matching.restatement import default_language
    from samlint.matching.terms import parse_term

    languages = {id(language): language for language in
                 (rule.language or default_language() for rule in rules)}
    for language in languages.values():
        language.compile()

    for rule in rules:
        parts = (*rule.parts, *rule.topics)
        for text in (*rule.headings, *rule.terms, *rule.exclude, *rule.scope,
                     *(term for part in parts for term in part.terms),
                     *(term for element in rule.elements for term in element.terms)):
            parse_term(text.lstrip("="))
