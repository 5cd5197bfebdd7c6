"""Sentence classes: what a sentence of an agreement does, apart from any rule.

A reviewer signs "covered" only for text that agrees to something: who does
what, when and how. Everything else an agreement holds — headings and
titles, lists of the laws it builds on, its purpose, placeholders for
sections not written yet, page furniture, web or transcript chrome,
signatures, contact details, document history — may name a point's topic
without agreeing to anything. Each sentence is put in one class here, from
the cues of ``sentence_classes`` in ``rules/language.yaml`` (bokmål and
nynorsk); restatement of the statute and references to other documents
depend on the rule and the agreement set and are decided in ``analysis``
and ``grading``. The classes map onto the weak kinds of ``spec/verdicts.md``
in ``grading.sentence_grade``.
"""

from __future__ import annotations

import re
from enum import StrEnum

from samlint.matching.language import Language

SIGNATURE_WORDS = 8  # a signature line: a name, a title, a party
BOILERPLATE_WORDS = 30  # chrome glued into one run of text is still short
LAW_LIST_NAMES = 2  # law names in one sentence that make it a list of laws
LAW_ITEM_WORDS = 25  # one law named in a list item this short: an entry of a law list
INTENT_WORDS = 40  # a sentence longer than this is more than a declaration
LONGEST_CLASSIFIED = 150  # words; a longer run is no sentence (text without full stops) and
# is left as substance for the rule's own reading (``long_blocks``), not searched for cues
LONG_HEAD_CHARS = 600  # of such a run, where a law list's introduction and laws are looked for
LONG_LAW_NAMES = 3


_OPENING = " \t\"'«»-–•*·"
# "4", "4.2", "iv.", "b)" opening a sentence: numbering, not content.
# Several in a row ("3 4." — a transcript's page number, then the section's) are all numbering.
_LEADING_NUMBER = re.compile(r"^(?:\W*(?:\d+(?:\.\d+)*\.?|[ivx]{1,4}\.|[a-h]\))\s+)+")
CHROME_HEAD_WORDS = 60  # a run this short that opens with chrome ("Last ned …") is chrome


class SentenceClass(StrEnum):
    """The classes of issue 17; weakest for a verdict is boilerplate, strongest substance."""

    BOILERPLATE = "boilerplate"
    HEADING = "heading"
    PLACEHOLDER = "placeholder"
    LAW_LIST = "law-list"
    INTENT = "intent"
    SUBSTANCE = "substance"


def classify(text: str, folded: str, words: tuple[str, ...], language: Language) -> SentenceClass:
    """The class of one sentence (``folded``: its text folded, ``words``: its tokens).

    Order matters: chrome and placeholders say nothing whatever else they
    contain; a list of laws names topics without agreeing to them; a
    sentence of purpose or intent is substance only when it also carries a
    procedural cue (a number, a deadline, a concrete action).
    """
    cues = language.sentence_cues
    count = len(words)
    if count == 0:
        return SentenceClass.BOILERPLATE
    if count > LONGEST_CLASSIFIED:  # a flattened page: only a law list at its start is told
        head = folded[:LONG_HEAD_CHARS]
        if (cues["law_list_intro"].search(head)
                and len(cues["law_name"].findall(head)) >= LONG_LAW_NAMES):
            return SentenceClass.LAW_LIST
        return SentenceClass.SUBSTANCE
    if count <= BOILERPLATE_WORDS and cues["boilerplate"].search(folded):
        return SentenceClass.BOILERPLATE
    if count <= CHROME_HEAD_WORDS and cues["boilerplate"].match(folded.lstrip(_OPENING)):
        return SentenceClass.BOILERPLATE  # a download line run on into the title it offers
    if count <= SIGNATURE_WORDS and cues["signature"].search(folded):
        return SentenceClass.BOILERPLATE
    if cues["placeholder"].search(folded):
        return SentenceClass.PLACEHOLDER
    if cues["title"].search(folded):
        return SentenceClass.HEADING
    if is_law_list(folded, count, language):
        return SentenceClass.LAW_LIST
    if cues["postponed"].search(folded) or cues["noted"].search(folded):
        return SentenceClass.INTENT  # still to be written or agreed; or only noted by both
    if count <= INTENT_WORDS and cues["intent"].search(folded) and not is_procedural_action(
            folded, language, concrete=True):
        return SentenceClass.INTENT
    return SentenceClass.SUBSTANCE


def is_procedural(folded: str, language: Language) -> bool:
    """Whether the sentence has a cue of concrete content: number, deadline, routine, action,
    role — or states what is done, with no modal verb ("skal", "vil", "bør").

    The number of a list item or an inline heading ("4 Jordmortjenester …")
    is no such cue, so it is left out first.
    """
    text = _LEADING_NUMBER.sub("", folded)
    cues = language.sentence_cues
    return bool(cues["procedural"].search(text) or cues["roles"].search(text)
                or not cues["modal"].search(text))


def is_law_list(folded: str, count: int, language: Language) -> bool:
    """An introduction to the laws an agreement builds on, or a line naming laws only.

    Two law names in a sentence make it a list unless it also says what
    someone does; one law name is a list entry when the line is short and
    starts with it or ends in its short name in brackets.
    """
    cues = language.sentence_cues
    if cues["law_list_intro"].search(folded) and not is_procedural_action(folded, language):
        return True
    names = cues["law_name"].findall(folded)
    if len(names) >= LAW_LIST_NAMES and not is_procedural_action(folded, language):
        return True
    if len(names) == 1 and count <= LAW_ITEM_WORDS:
        stripped = folded.strip(" \t-–•*·.;,")
        first = cues["law_name"].match(stripped)
        if first is not None or stripped.endswith(")"):
            return not is_procedural_action(folded, language)
    return False


def is_procedural_action(folded: str, language: Language, concrete: bool = False) -> bool:
    """A procedural cue other than a bare number or a role: a deadline, a routine, an action.

    Law names carry years and numbers, and a declaration of intent may name
    the roles it concerns; neither makes the sentence say who does what.
    ``concrete``: a commitment only to give or offer the service a point
    names ("er enige om at kommunen skal gi et tilbud om …", the
    ``generic_action`` cues) does not turn a declaration into procedure
    either: it promises the topic, not how it is done.
    """
    cues = language.sentence_cues
    found = cues["procedural"].finditer(_LEADING_NUMBER.sub("", folded))
    return any(not match.group(0).isdigit()
               and not (concrete and cues["generic_action"].fullmatch(match.group(0)))
               for match in found)


__all__ = ["SentenceClass", "classify", "is_law_list", "is_procedural"]
