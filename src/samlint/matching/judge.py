"""Every rule's verdict over one agreement set, in rule order.

Topic and parts rules first; then recommendation rules, which look inside
the text their parent rule was judged on; then date rules, which may add a
note to the rules an amendment introduced. A plain in-process call: the
caller decides what runs where.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from samlint.documents.model import Document
from samlint.matching.corpus import prepare
from samlint.matching.date_rules import judge_date_rule
from samlint.matching.grading import GradedText
from samlint.matching.hits import pack_topics, rule_hits
from samlint.matching.parts_rules import judge_parts_rule
from samlint.matching.recommendation_rules import judge_recommendation_rule
from samlint.matching.topic_rules import judge_topic_rule
from samlint.results import RuleResult
from samlint.rules import Rule

TEXT_KINDS = {"topic": judge_topic_rule, "parts": judge_parts_rule}


def judge_agreement(documents: list[Document], rules: list[Rule], as_of: date
                    ) -> list[RuleResult]:
    """Every rule's verdict, in rule order (see the module docstring)."""
    language = rules[0].language if rules else None
    corpus = prepare(documents, language)
    text_rules = [rule for rule in rules if rule.kind in TEXT_KINDS]
    hits = {rule.id: rule_hits(corpus, rule) for rule in text_rules}
    packs = pack_topics(text_rules, hits)
    results: dict[str, RuleResult] = {}
    graded: dict[str, Iterable[GradedText]] = {}
    for rule in text_rules:
        judge = TEXT_KINDS[rule.kind]
        results[rule.id], graded[rule.id] = judge(corpus, rule, hits[rule.id], packs[rule.pack])
    for rule in rules:
        if rule.kind == "recommendation":
            results[rule.id] = judge_recommendation_rule(
                corpus, rule, results.get(rule.applies_to), list(graded.get(rule.applies_to, ())))
        elif rule.kind == "dates":
            results[rule.id] = judge_date_rule(corpus, rule, results, as_of)
    return [results[rule.id] for rule in rules]
