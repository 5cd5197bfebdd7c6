"""The command line's own words in bokmål, and in English on request.

Bokmål is the default: samlint's users are case officers, not programmers.
``samlint --lang en …``, or a locale whose LANGUAGE/LC_ALL/LC_MESSAGES/LANG
starts with ``en``, gives English.

Why a dict and not gettext: the typer that samlint pins (0.2x) carries its
own copy of click, whose messages are no longer marked for gettext at all
(only a few of typer's own strings are), and typer's panel titles are read
at import time. A catalog compiled to ``.mo`` would translate next to
nothing. So the words are set where they are used, per run:

* help texts are written here in both languages (``TEXTS``) and the command
  tree is given one language before parsing (``use_language``);
* typer's panel titles and "[default: …]" are its module constants, set from
  ``TYPER_WORDS``;
* click's usage errors are recognised by their English wording
  (``ERRORS``, the catalog's msgids) and raised again in the chosen language.
An error click words in a way the catalog does not know is shown as click
wrote it (a test holds the ones samlint's users meet).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import Any

import typer
from typer import core as typer_core

try:  # typer ≥ 0.2x vendors click; older typer uses click itself
    from typer import _click as click  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the installed typer
    import click  # type: ignore[no-redef]

LANGUAGES = ("nb", "en")
_current = ["nb"]

# key: (bokmål, English). cli.py names help by key, so both languages sit side by side.
TEXTS: dict[str, tuple[str, str]] = {
    "app": ("Kontrollerer samarbeidsavtaler mot helse- og omsorgstjenesteloven § 6-2.",
            "Check Norwegian cooperation agreements against helse- og omsorgstjenesteloven "
            "§ 6-2."),
    "version": ("Vis versjonen og avslutt.", "Show the version and exit."),
    "lang": ("Språk for hjelp og feilmeldinger: nb (bokmål, standard) eller en (engelsk).",
             "Language of help and usage errors: nb (bokmål, the default) or en (English)."),
    "help": ("Vis denne hjelpen og avslutt.", "Show this message and exit."),
    "check": ("Kontroller avtaler og gi en vurdering for hvert krav.",
              "Check agreements and report a verdict for every rule."),
    "check.paths": ("Avtalefiler eller mapper. En mappe er ett avtalesett; en fil i et "
                    "avtalesett fra konfigurasjonen står for hele settet.",
                    "Agreement files or folders; a folder is one agreement set, and a file of "
                    "a set declared in the config stands for the whole set."),
    "check.format": ("Rapportformat (tekst = text). Standard: fra filendelsen til -o, ellers "
                     "tekst.",
                     "Report format (tekst = text). Default: from the extension of -o, else "
                     "text."),
    "check.output": ("Skriv rapporten til FIL i stedet for skjermen. Formatet følger "
                     "filendelsen: .html .json .sarif .md .xml (JUnit) .txt.",
                     "Write the report to FILE instead of stdout. The format follows the "
                     "extension: .html .json .sarif .md .xml (JUnit) .txt."),
    "rules": ("Ekstra regelfil (YAML) eller innebygd pakke (veileder, kapittel-6); kan "
              "gjentas. Kommer i tillegg til § 6-2-pakken.",
              "Extra rule file (YAML) or built-in pack name (veileder, kapittel-6); "
              "repeatable. Added to the built-in § 6-2 pack."),
    "no-default-rules": ("Ikke bruk den innebygde § 6-2-pakken.",
                         "Do not load the built-in § 6-2 pack."),
    "fail-on": ("Avslutt med status 1 når et funn når dette nivået: mangler (feil), svak "
                "(advarsel eller verre) eller info (alle funn). Engelsk: missing, weak.",
                "Exit 1 when a finding reaches this severity: missing (error), weak (warning "
                "or worse) or info (any finding). Norwegian: mangler, svak."),
    "fail-on.default": ("fail-on fra konfigurasjonen, ellers mangler",
                        "fail-on from the config, else missing"),
    "exit-zero": ("Avslutt med 0 selv om krav ikke er oppfylt (fortsatt 2 ved feil).",
                  "Exit 0 even when rules fail (still 2 on errors)."),
    "config": ("Konfigurasjonsfil (.samlint.yaml eller pyproject.toml). Standard: nærmeste "
               ".samlint.yaml (eller pyproject.toml med tool.samlint) fra mappen du står i "
               "og opp til git-roten.",
               "Configuration file (.samlint.yaml or pyproject.toml). Default: the nearest "
               ".samlint.yaml (or pyproject.toml with a tool.samlint table) from the working "
               "directory up to the git root."),
    "select": ("Bare disse regel-id-ene eller mønstrene (kommaskilt, kan gjentas). Erstatter "
               "select fra konfigurasjonen.",
               "Only these rule ids or globs (comma-separated, repeatable). Replaces select "
               "from the config."),
    "ignore": ("Utelat disse regel-id-ene eller mønstrene (kommaskilt, kan gjentas). "
               "Erstatter ignore fra konfigurasjonen.",
               "Leave out these rule ids or globs (comma-separated, repeatable). Replaces "
               "ignore from the config."),
    "baseline": ("Bare funn som ikke står i denne grunnlinjen, gir feil; de andre vises som "
                 "info.",
                 "Only findings not recorded in this baseline fail the run; recorded ones are "
                 "shown as info."),
    "write-baseline": ("Skriv dagens funn til FIL som grunnlinje og avslutt med 0.",
                       "Record today's findings in FILE and exit 0."),
    "strict-waivers": ("Avslutt med 1 når et unntak i konfigurasjonen ikke brukes.",
                       "Exit 1 when a waiver in the config is unused."),
    "jobs": ("Antall prosesser når mange avtaler kontrolleres.",
             "Worker processes for checking many agreements."),
    "jobs.default": ("maskinens kjerner", "the machine's cores"),
    "no-cache": ("Ikke les eller skriv mellomlageret med uttrukket tekst.",
                 "Do not read or write the cache of extracted text."),
    "no-ocr": ("Ikke tolk tekst (OCR, med Tesseract) på PDF-sider uten tekstlag; slike "
               "sider nevnes i en merknad, og en PDF uten tekst på noen side gir feil "
               "(status 2).",
               "Do not recognise text (OCR, with Tesseract) on PDF pages without a text "
               "layer; such pages are named in a notice, and a PDF with no text on any page "
               "is an error (exit 2)."),
    "timeout": ("Slutt å lese en fil, eller vurdere en avtale, etter SEKUNDER og meld det "
                "(status 2); vern mot filer som henger.",
                "Stop reading a file, or judging an agreement, after SECONDS and report it "
                "(exit 2); protects unattended runs from files that hang samlint."),
    "as-of": ("Dagen datoreglene måles mot (årlig gjennomgang, endringer).",
              "The day date rules measure against (yearly review, amendments)."),
    "as-of.default": ("i dag", "today"),
    "debug": ("Vis hele feilsporet ved uventede feil.",
              "Show full tracebacks for unexpected errors."),
    "rules-cmd": ("List kravene: den innebygde pakken og filene fra konfigurasjonen og "
                  "--rules.",
                  "List the rules: the built-in pack and the config's and --rules files."),
    "rules.all": ("Vis også de innebygde pakkene som ikke er i bruk.",
                  "Also list the built-in packs that are not active."),
    "explain": ("Vis loven, veiledningen og hva samlint ser etter, for ett krav.",
                "Show the law, the guidance and what samlint looks for, for one rule."),
    "explain.rule": ("Regel-id, f.eks. hol-6-2-nr5.", "Rule id, e.g. hol-6-2-nr5."),
    "diff": ("Sammenlign to versjoner av en avtale, krav for krav (status 1 hvis verre).",
             "Compare two versions of an agreement, requirement by requirement (exit 1 if "
             "worse)."),
    "diff.old": ("Den eldre versjonen: fil eller mappe.", "Earlier version: file or folder."),
    "diff.new": ("Den nyere versjonen: fil eller mappe.", "Later version: file or folder."),
    "diff.format": ("Rapportformat (tekst = text).", "Report format (tekst = text)."),
    "init": ("Skriv en kommentert .samlint.yaml å starte med i mappen du står i.",
             "Write a commented starter .samlint.yaml in the current directory."),
    "annotate": ("Lag gjennomgangskopier: funnene som kommentarer (Word), merknader (PDF) "
                 "eller i en HTML-kopi.",
                 "Write review copies: the findings as comments (Word), notes (PDF) or in an "
                 "HTML copy."),
    "annotate.paths": ("Avtalefiler eller mapper, som for check.",
                       "Agreement files or folders, as for check."),
    "annotate.output": ("Mappen kopiene skrives til (lages ved behov).",
                        "The folder the copies are written to (created when needed)."),
    "annotate.suffix": ("Tillegg til filnavnet på kopien.", "Added to the copy's file name."),
    "annotate.force": ("Skriv over kopier som finnes fra før.", "Overwrite existing copies."),
    "annotate.info": ("Kommenter også funn til orientering.", "Comment on info findings too."),
    "annotate.timeout": ("Stopp lesing, vurdering eller skriving av én kopi etter SEKUNDER.",
                         "Stop reading, judging or writing one copy after SECONDS."),
}

# Metavars and usage words: bokmål → English.
WORDS_EN: dict[str, str] = {
    "STI...": "PATH...", "FIL": "FILE", "FIL|PAKKE": "FILE|PACK", "REGLER": "RULES",
    "SEKUNDER": "SECONDS", "MAPPE": "FOLDER", "ÅÅÅÅ-MM-DD": "YYYY-MM-DD", "REGEL_ID": "RULE_ID",
    "GAMMEL": "OLD", "NY": "NEW", "[VALG]": "[OPTIONS]",
    "KOMMANDO [ARGUMENTER]...": "COMMAND [ARGS]...", "Bruk: ": "Usage: ",
}

TYPE_NAMES = {"Path": ("sti", "path"), "TyperPath": ("sti", "path"),
              "IntRange": ("heltall", "integer"), "FloatRange": ("tall", "float")}

# typer.rich_utils constants (read when help or an error is drawn).
TYPER_WORDS: dict[str, tuple[str, str]] = {
    "ARGUMENTS_PANEL_TITLE": ("Argumenter", "Arguments"),
    "OPTIONS_PANEL_TITLE": ("Valg", "Options"),
    "COMMANDS_PANEL_TITLE": ("Kommandoer", "Commands"),
    "ERRORS_PANEL_TITLE": ("Feil", "Error"),
    "ABORTED_TEXT": ("Avbrutt.", "Aborted."),
    "DEFAULT_STRING": ("[standard: {}]", "[default: {}]"),
    "REQUIRED_LONG_STRING": ("[påkrevd]", "[required]"),
    "ENVVAR_STRING": ("[miljøvariabel: {}]", "[env var: {}]"),
    "DEPRECATED_STRING": ("(utgått) ", "(deprecated) "),
    "RICH_HELP": ("Prøv [blue]'{command_path} {help_option}'[/] for hjelp.",
                  "Try [blue]'{command_path} {help_option}'[/] for help."),
}

# click's usage errors by their English wording → bokmål. Applied in order to
# the whole message, each to what the one before left.
ERRORS: tuple[tuple[str, Any], ...] = (
    (r"Invalid value for (.+?): ", r"Ugyldig verdi for \1: "),
    (r"Invalid value: ", "Ugyldig verdi: "),
    (r"Missing argument '(.+?)'\.", r"Mangler argumentet '\1'."),
    (r"Missing option '(.+?)'\.", r"Mangler valget '\1'."),
    (r"Missing parameter: (\S+)", r"Mangler \1"),
    (r"No such command '(.+?)'\.(?! Did you mean)", lambda m: _unknown_command(m.group(1))),
    (r"No such command '(.+?)'\.", r"Ukjent kommando '\1'."),
    (r"No such option: (\S+)", r"Ukjent valg: \1"),
    (r"Did you mean (.+?)\?", lambda m: f"Mente du {or_list(m.group(1).split(', '))}?"),
    (r"\(Possible options: (.+?)\)", r"(mulige valg: \1)"),
    (r"'(.*?)' is not one of (.+?)\.", r"'\1' er ikke en av \2."),
    (r"'(.*?)' is not a valid (integer|heltall)( range)?\.", r"'\1' er ikke et heltall."),
    (r"'(.*?)' is not a valid (float|tall)( range)?\.", r"'\1' er ikke et tall."),
    (r"(\S+) is not in the range (.+?)\.", r"\1 er utenfor området \2."),
    (r"Option '(.+?)' requires an argument\.", r"Valget '\1' må ha en verdi."),
    (r"Option '(.+?)' requires (\d+) arguments\.", r"Valget '\1' må ha \2 verdier."),
    (r"Option '(.+?)' does not take a value\.", r"Valget '\1' tar ingen verdi."),
    (r"Got unexpected extra argument(?:s|\(s\))? \((.+?)\)", r"Uventet ekstra argument (\1)"),
    (r"Missing command\.", "Mangler kommando."),
    (r"Path '(.+?)' does not exist\.", r"Stien '\1' finnes ikke."),
)


# The commands have English names, as in every linter; a case officer may type the
# Norwegian word for what they want done.
NORWEGIAN_COMMANDS = {
    "sjekk": "check", "sjekke": "check", "kontroller": "check", "kontrollere": "check",
    "regler": "rules", "krav": "rules", "forklar": "explain", "sammenlign": "diff",
    "kommenter": "annotate", "gjennomgang": "annotate", "start": "init",
}


def _unknown_command(name: str) -> str:
    """«Ukjent kommando 'sjekk'.», with the English command meant when the word is Norwegian
    (click suggests only names spelled alike)."""
    meant = NORWEGIAN_COMMANDS.get(name.lower())
    if meant is None:
        return f"Ukjent kommando '{name}'."
    return (f"Ukjent kommando '{name}'. Kommandoene har engelske navn: mente du "
            f"'{meant}'?")


def or_list(items: Sequence[str]) -> str:
    """"a", "a eller b", "a, b eller c": how a suggestion reads in bokmål."""
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} eller {items[-1]}"


def text(key: str) -> str:
    """The bokmål text of ``key``; the English is swapped in by ``use_language``."""
    return TEXTS[key][0]


def language() -> str:
    """The language of this run: "nb" or "en"."""
    return _current[0]


def choose_language(args: Sequence[str], environ: Mapping[str, str]) -> str:
    """``--lang`` on the command line, else the locale (first set of LANGUAGE,
    LC_ALL, LC_MESSAGES, LANG): English for ``en…``, else bokmål."""
    for n, arg in enumerate(args):
        if arg == "--":
            break
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (
            args[n + 1] if arg == "--lang" and n + 1 < len(args) else None)
        if value is not None:
            return "en" if value.lower().startswith("en") else "nb"
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(name):
            return "en" if environ[name].lower().startswith("en") else "nb"
    return "nb"


def translate_error(message: str) -> str:
    """A click usage error in the run's language."""
    if language() == "en":
        return message
    for pattern, replacement in ERRORS:
        message = re.sub(pattern, replacement, message)
    return message


def _word(word: str | None) -> str | None:
    return WORDS_EN.get(word, word) if (word and language() == "en") else word


def _english(text_nb: str | None) -> str | None:
    if not text_nb or language() != "en":
        return text_nb
    return _EN_BY_NB.get(text_nb, text_nb)


_EN_BY_NB = {nb: en for nb, en in TEXTS.values()}


def use_language(command: Any, lang: str) -> None:
    """Give the command tree and typer's help panels one language for this run."""
    _current[0] = lang
    for cmd in [command, *getattr(command, "commands", {}).values()]:
        nb = getattr(cmd, "_samlint_nb", None)
        if nb is None:  # remember the bokmål once; a later run may switch back
            nb = cmd._samlint_nb = (cmd.help, cmd.short_help,
                                    [(p.help if hasattr(p, "help") else None, p.metavar,
                                      getattr(p, "show_default", None)) for p in cmd.params])
        cmd.help, cmd.short_help = _english(nb[0]), _english(nb[1])
        cmd.options_metavar = _word("[VALG]")
        for param, (help_nb, metavar, shown) in zip(cmd.params, nb[2], strict=True):
            if hasattr(param, "help"):
                param.help = _english(help_nb)
            param.metavar = _word(metavar)
            kind = type(param.type).__name__  # a per-parameter type object, named in help
            if kind in TYPE_NAMES:
                param.type.name = TYPE_NAMES[kind][LANGUAGES.index(lang)]
            if isinstance(shown, str):
                param.show_default = _english(shown)
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = _word("KOMMANDO [ARGUMENTER]...")


def _typer_words() -> None:
    """Typer's panel titles in the run's language; called only when help or an
    error is drawn, since typer.rich_utils imports rich (0.04 s on every check)."""
    from typer import rich_utils

    for name, words in TYPER_WORDS.items():
        setattr(rich_utils, name, words[LANGUAGES.index(language())])


@contextmanager
def translated_errors() -> Iterator[None]:
    """Raise click's usage errors again, in the run's language."""
    try:
        yield
    except click.exceptions.UsageError as error:
        _typer_words()
        if type(error).__name__ == "NoArgsIsHelpError" or language() == "en":
            raise
        raise click.exceptions.UsageError(
            translate_error(error.format_message()), ctx=error.ctx) from None


class _Words:
    """What the group and its commands share: usage line and --help in the run's language."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_word("Bruk: "))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _typer_words()
        super().format_help(ctx, formatter)  # type: ignore[misc]

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = TEXTS["help"][LANGUAGES.index(language())]
        return option

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with translated_errors():
            return super().make_context(*args, **kwargs)  # type: ignore[misc]

    def invoke(self, ctx: Any) -> Any:
        with translated_errors():
            return super().invoke(ctx)  # type: ignore[misc]


class NorskCommand(_Words, typer_core.TyperCommand):
    """A samlint command (``@app.command(cls=NorskCommand)``)."""


class NorskGroup(_Words, typer_core.TyperGroup):
    """samlint itself: chooses the run's language before anything is parsed."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        args = list(sys.argv[1:] if args is None else args)
        use_language(self, choose_language(args, os.environ))
        return super().main(_lang_before_command(args), *rest, **kwargs)


def _lang_before_command(args: list[str]) -> list[str]:
    """The arguments without a ``--lang`` given after the command.

    ``samlint check --lang en avtale.pdf`` is what people type; the language
    is already chosen (``choose_language``), so there it is taken out rather
    than refused as an option ``check`` does not have.
    """
    kept: list[str] = []
    command_seen = skip = False
    for n, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "--":
            return kept + args[n:]
        elif command_seen and (arg == "--lang" or arg.startswith("--lang=")):
            skip = arg == "--lang"
        else:
            command_seen = command_seen or not (arg.startswith("-") or kept[-1:] == ["--lang"])
            kept.append(arg)
    return kept


class Lang(StrEnum):
    NB = "nb"
    EN = "en"


def language_option() -> Any:
    """The ``--lang`` option (read by ``NorskGroup.main`` before parsing; shown in help)."""
    return typer.Option("--lang", help=text("lang"))
