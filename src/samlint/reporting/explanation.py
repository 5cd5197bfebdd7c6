"""``samlint explain``: one rule as a reviewer reads it, without the YAML.

Kept apart from the command line, which only parses arguments: this is a
report of a rule, like the other reports of verdicts in this package.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from samlint.rules import Rule

if TYPE_CHECKING:
    from rich.text import Text


def explanation(rule: Rule, width: int = 100) -> Text:
    """Everything a reviewer needs to judge the rule themselves, without the YAML.

    Wrapped here rather than by rich so section bodies keep their indent and
    bullets hang, which makes long law text and term lists readable.
    """
    from rich.text import Text

    text = Text(f"{rule.id} – {rule.title}", style="bold")
    if rule.source:
        text.append(f"\nKilde: {rule.source}")
    _section(text, "Lovtekst", [rule.law] if rule.law else [], width)
    _section(text, "Veiledning", [rule.guidance] if rule.guidance else [], width)
    _section(text, "Avtalen bør beskrive", [f"• {i}" for i in rule.should_describe], width)
    _section(text, "Hva samlint ser etter", _match_lines(rule), width)
    _section(text, "Elementer", _element_lines(rule), width)
    if rule.kind in ("topic", "parts"):
        _section(text, "Hva som teller som innhold", list(SUBSTANCE), width)
    return text


# What a reviewer signs as substance, in the words of the sentence classes
# (matching/sentences.py); the same for every rule judged on text.
SUBSTANCE = (
    "Bare konkret avtaletekst gjør et punkt dekket: hvem gjør hva, når og hvordan – tall, "
    "frister, rutiner og navngitte roller (vanligvis to eller flere slike setninger).",
    "• Overskrifter, titler, innholdsfortegnelser, lister over delavtaler, avkrysningslister "
    "(«☑ …») og endringslogger: bare overskrift eller liste (svak).",
    "• Plassholdere («under utarbeidelse», «tekst kommer», «fylles ut», «etter nærmere "
    "avtale»): bare overskrift (svak).",
    "• Lister over lover og kilder («Avtalen bygger på følgende lover …»): bare liste (svak).",
    "• Formål og intensjoner («Partene skal samarbeide om …», «Formålet er …»), det partene "
    "bare er kjent med («Partene er kjent med at …»), innhold som skal lages senere («skal "
    "utarbeide en felles rutine», «ved neste revisjon») og planlagte tiltak i en plan: "
    "intensjonserklæring (svak); gjentar de lovteksten, gjentakelse av loven (svak).",
    "• Setninger som forteller hva loven sier («Etter loven har kommunen …»): gjentakelse "
    "av loven (svak).",
    "• Henvisninger til dokumenter som ikke er med i avtalesettet: henvisning (svak).",
    "• Sidetall, topp- og bunntekst, nettside- og transkriptstøy, signaturer, "
    "kontaktopplysninger og versjonslinjer: teller ikke i det hele tatt.",
    "• En hel side på én linje leses setning for setning; bare setningene om punktet teller.",
)


def _element_lines(rule: Rule) -> list[str]:
    """Each element the pack declares for the point, whether it decides, and why."""
    lines = []
    for element in rule.elements:
        decides = "vesentlig – må ha konkret innhold" if element.essential else (
            "vises, men avgjør ikke")
        lines.append(f"• {element.title} ({decides}): {', '.join(element.terms)}")
        if element.reason:
            lines.append(f"  Begrunnelse: {element.reason}")
    return lines


def _match_lines(rule: Rule) -> list[str]:
    lines = []
    if rule.headings:
        lines.append(f"Overskrifter: {_words(rule.headings)}")
    if rule.terms:
        lines.append(f"Ord og uttrykk (minst {rule.min_terms}): {_words(rule.terms)}")
    if rule.exclude:
        lines.append(f"Teller ikke: {_words(rule.exclude)}")
    if rule.scope:
        lines.append(f"Gjelder: {', '.join(rule.scope)}")
    if rule.parts:
        lines.append("Deler som alle må være med:")
        lines.extend(f"• {part.title}: {', '.join(part.terms)}" for part in rule.parts)
    if rule.applies_to:
        lines.append(f"Ser i teksten som vurderes for {rule.applies_to}, etter disse temaene:")
        lines.extend(f"• {topic.title}: {', '.join(topic.terms)}" for topic in rule.topics)
    if rule.dates is not None:
        lines.append("Datoer merket med: " + ", ".join(rule.dates.labels))
        lines.append(f"Siste dato må være høyst {rule.dates.review_months} måneder gammel.")
        if rule.dates.in_force is not None:
            lines.append(f"Eldre enn {rule.dates.in_force.strftime('%d.%m.%Y')}: merknad på "
                         + ", ".join(rule.dates.amended_rules))
    return lines


def _words(terms: list[str] | tuple[str, ...]) -> str:
    """Terms once each, in plain words: a leading ``=`` (the rule format's "the
    whole heading") is said, not shown as syntax."""
    shown = (f"«{t[1:]}» (hele overskriften)" if t.startswith("=")
             else f"«{t}»" if "," in t else t for t in terms)  # a phrase with commas, whole
    return ", ".join(dict.fromkeys(shown))


def _section(text: Text, heading: str, lines: list[str], width: int) -> None:
    if not lines:
        return
    text.append(f"\n\n{heading}", style="bold")
    for line in lines:
        hang = "    " if line.startswith(("• ", "  ")) else "  "
        for paragraph in line.splitlines() or [""]:
            wrapped = textwrap.fill(
                paragraph,
                width=max(width, 40),
                initial_indent="  ",
                subsequent_indent=hang,
                break_on_hyphens=False,
                break_long_words=False,
            )
            text.append(f"\n{wrapped}")
