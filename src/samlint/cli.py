"""The ``samlint`` command line.

Flags and help are in English (the convention for developer tools); what the
user acts on (verdicts, errors) is in bokmål. Every problem is one line on
stderr, prefixed ``samlint:``, and the run goes on, because a municipality
checking twenty agreements wants nineteen answers rather than none.

Exit status: 2 when a file or path could not be read or the command line or a
rule file is wrong; else 1 when a verdict reaches ``--fail-on``; else 0.
``--exit-zero`` turns 1 into 0 but keeps 2: it is meant for "report, don't
block" CI jobs, and a check that silently skipped an unreadable agreement
should still not look like a pass.
"""

from __future__ import annotations

import difflib
import textwrap
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.table import Table
from rich.text import Text

from samlint import __version__
from samlint.cache import Cache, rules_fingerprint
from samlint.cache import default_directory as default_cache_directory
from samlint.engine import RunOptions, check_paths, default_jobs
from samlint.reporting.json_report import render_json
from samlint.reporting.progress import progress_reporter
from samlint.reporting.text import make_console, render_text
from samlint.results import AgreementResult, FileError, Status
from samlint.rules import Rule, RuleFileError, default_rule_files, load_rule_files

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl-C
DEBUG_HINT = "(kjør med --debug for detaljer)"


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class FailOn(StrEnum):
    MISSING = "missing"
    WEAK = "weak"


class UsageProblem(Exception):
    """A mistake in how samlint was called; shown as one line, exit 2."""


app = typer.Typer(
    name="samlint",
    help="Check Norwegian cooperation agreements against helse- og omsorgstjenesteloven § 6-2.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

RulesOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--rules",
        metavar="FILE",
        help="Extra rule file (YAML); repeatable. Added to the built-in § 6-2 pack.",
    ),
]
NoDefaultRulesOption = Annotated[
    bool, typer.Option("--no-default-rules", help="Do not load the built-in § 6-2 pack.")
]
DebugOption = Annotated[
    bool, typer.Option("--debug", help="Show full tracebacks for unexpected errors.")
]


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"samlint {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Check Norwegian cooperation agreements against helse- og omsorgstjenesteloven § 6-2."""


@app.command()
def check(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help="Agreement files or folders; a folder is one agreement set.",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="Report format.")
    ] = OutputFormat.TEXT,
    rules: RulesOption = None,
    no_default_rules: NoDefaultRulesOption = False,
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on", help="Exit 1 when any rule is missing, or weak or missing."),
    ] = FailOn.MISSING,
    exit_zero: Annotated[
        bool,
        typer.Option("--exit-zero", help="Exit 0 even when rules fail (still 2 on errors)."),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, show_default="the machine's cores",
                     help="Worker processes for checking many agreements or long PDFs."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the cache of extracted text.")
    ] = False,
    debug: DebugOption = False,
) -> None:
    """Check agreements and report a verdict for every rule."""

    def body() -> int:
        files = rule_files(rules or [], use_defaults=not no_default_rules)
        active = load_rule_files(files)
        options = RunOptions(
            debug=debug,
            jobs=jobs or default_jobs(),
            cache=None if no_cache else Cache(default_cache_directory()),
            rules_fingerprint=rules_fingerprint(files),
        )
        with progress_reporter(paths) as on_progress:
            results = check_paths(paths, active, options=options, on_error=_report_file_error,
                                  on_progress=on_progress)
        if output_format is OutputFormat.JSON:
            typer.echo(render_json(results))
        else:
            render_text(results, make_console())
        return exit_status(results, fail_on, exit_zero=exit_zero)

    _run_guarded(body, debug=debug)


@app.command("rules")
def list_rules(
    rules: RulesOption = None,
    no_default_rules: NoDefaultRulesOption = False,
    debug: DebugOption = False,
) -> None:
    """List the active rules."""

    def body() -> int:
        table = Table("Id", "Tittel", "Kilde")
        for rule in load_rules(rules or [], use_defaults=not no_default_rules):
            table.add_row(Text(rule.id), Text(rule.title), Text(rule.source))
        make_console().print(table)
        return EXIT_OK

    _run_guarded(body, debug=debug)


@app.command()
def explain(
    rule_id: Annotated[str, typer.Argument(metavar="RULE_ID", help="Rule id, e.g. hol-6-2-nr5.")],
    rules: RulesOption = None,
    no_default_rules: NoDefaultRulesOption = False,
    debug: DebugOption = False,
) -> None:
    """Show the law, the guidance and what samlint looks for, for one rule."""

    def body() -> int:
        active = load_rules(rules or [], use_defaults=not no_default_rules)
        rule = next((r for r in active if r.id == rule_id.strip().lower()), None)
        if rule is None:
            raise UsageProblem(_unknown_rule_message(rule_id, [r.id for r in active]))
        console = make_console()
        console.print(explanation(rule, console.width))
        return EXIT_OK

    _run_guarded(body, debug=debug)


def load_rules(extra: list[Path], *, use_defaults: bool) -> list[Rule]:
    """The built-in pack (unless switched off) plus the user's own files."""
    return load_rule_files(rule_files(extra, use_defaults=use_defaults))


def rule_files(extra: list[Path], *, use_defaults: bool) -> list[Path]:
    """The rule files of a run, in load order.

    A user naming the built-in file again with --rules gets it once, not a
    duplicate-id error about a file they did not think they had loaded twice.
    """
    files: list[Path] = []
    if use_defaults:
        files = default_rule_files()
        if not files:
            raise UsageProblem(
                "fant ikke den innebygde regelpakken hol-6-2.yaml – installasjonen er ufullstendig"
            )
    known = {p.resolve() for p in files}
    for path in extra:
        if path.resolve() not in known:
            known.add(path.resolve())
            files.append(path)
    if not files:
        raise UsageProblem(
            "ingen regler er valgt – bruk --rules FIL eller dropp --no-default-rules"
        )
    return files


def exit_status(results: list[AgreementResult], fail_on: FailOn, *, exit_zero: bool) -> int:
    """2 for anything unread, else 1 when a verdict reaches the threshold, else 0."""
    if any(result.errors for result in results):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    failing = {Status.MISSING}
    if fail_on is FailOn.WEAK:
        failing.add(Status.WEAK)
    statuses = (rule.status for result in results for rule in result.rules)
    return EXIT_FAILED if any(status in failing for status in statuses) else EXIT_OK


def explanation(rule: Rule, width: int = 100) -> Text:
    """Everything a reviewer needs to judge the rule themselves, without the YAML.

    Wrapped here rather than by rich so section bodies keep their indent and
    bullets hang, which makes long law text and term lists readable.
    """
    text = Text(f"{rule.id} – {rule.title}", style="bold")
    if rule.source:
        text.append(f"\nKilde: {rule.source}")
    _section(text, "Lovtekst", [rule.law] if rule.law else [], width)
    _section(text, "Veiledning", [rule.guidance] if rule.guidance else [], width)
    _section(text, "Avtalen bør beskrive", [f"• {i}" for i in rule.should_describe], width)
    _section(text, "Hva samlint ser etter", _match_lines(rule), width)
    return text


def _match_lines(rule: Rule) -> list[str]:
    lines = []
    if rule.headings:
        lines.append(f"Overskrifter: {', '.join(rule.headings)}")
    if rule.terms:
        lines.append(f"Ord og uttrykk (minst {rule.min_terms}): {', '.join(rule.terms)}")
    if rule.exclude:
        lines.append(f"Teller ikke: {', '.join(rule.exclude)}")
    if rule.scope:
        lines.append(f"Gjelder: {', '.join(rule.scope)}")
    if rule.parts:
        lines.append("Deler som alle må være med:")
        lines.extend(f"• {part.title}: {', '.join(part.terms)}" for part in rule.parts)
    return lines


def _section(text: Text, heading: str, lines: list[str], width: int) -> None:
    if not lines:
        return
    text.append(f"\n\n{heading}", style="bold")
    for line in lines:
        hang = "    " if line.startswith("• ") else "  "
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


def _unknown_rule_message(rule_id: str, known: list[str]) -> str:
    """Point at the likely intended id: "nr5" should find "hol-6-2-nr5"."""
    wanted = rule_id.strip().lower()
    candidates = [k for k in known if wanted and k.endswith(wanted)]
    candidates += difflib.get_close_matches(wanted, known, n=3, cutoff=0.6)
    suggestions = list(dict.fromkeys(candidates))[:3]
    if suggestions:
        return f"ukjent regel «{rule_id}» – mente du {' eller '.join(suggestions)}?"
    return f"ukjent regel «{rule_id}» – se «samlint rules» for alle regler"


def _report_file_error(error: FileError) -> None:
    _error_line(f"{error.file}: {error.message}")


def _error_line(message: str) -> None:
    typer.echo(f"samlint: {message}", err=True)


def _run_guarded(body: Callable[[], int], *, debug: bool) -> NoReturn:
    """Run a command so that any failure is one readable line and exit 2.

    A traceback tells a municipal adviser nothing; --debug brings it back for
    whoever has to fix the bug.
    """
    try:
        code = body()
    except (typer.Exit, typer.Abort, typer.exceptions.TyperException):
        raise
    except RuleFileError as exc:
        _error_line(f"feil i regelfil: {exc}")
        code = EXIT_ERROR
    except UsageProblem as exc:
        _error_line(str(exc))
        code = EXIT_ERROR
    except KeyboardInterrupt:
        _error_line("avbrutt")
        code = EXIT_INTERRUPTED
    except Exception as exc:
        if debug:
            raise
        cause = " ".join(str(exc).split())  # one line, even for multi-line messages
        _error_line(f"uventet feil: {type(exc).__name__}: {cause} {DEBUG_HINT}")
        code = EXIT_ERROR
    raise typer.Exit(code)
