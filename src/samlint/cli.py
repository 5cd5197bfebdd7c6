"""The ``samlint`` command line.

Help, usage errors and everything the user acts on are in bokmål (English
with ``--lang en`` or an English locale; see cli_i18n). Every problem is one
line on stderr, prefixed ``samlint:``, and the run goes on, because a
municipality checking twenty agreements wants nineteen answers rather than none.

Exit status: 2 when a file or path could not be read or the command line or a
rule file is wrong; else 1 when a verdict reaches ``--fail-on``; else 0.
``--exit-zero`` turns 1 into 0 but keeps 2: it is meant for "report, don't
block" CI jobs, and a check that silently skipped an unreadable agreement
should still not look like a pass.
"""

# No ``from __future__ import annotations``: typer reads the commands' annotations on
# every run, and strings it must eval() one by one (184: 11 ms a run); objects are made once.
import os
import sys
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from samlint import __version__, policy
from samlint.cli_i18n import Lang, NorskCommand, NorskGroup, language_option, text
from samlint.cli_options import (
    AsOfOption,
    ConfigOption,
    DebugOption,
    DiffFormat,
    FailOn,
    NoCacheOption,
    NoDefaultRulesOption,
    OutputFormat,
    RulesOption,
    canonical,
    format_for_output,
    same_terminal,
    unique_paths,
)
from samlint.config import CONFIG_FILENAME, ConfigError, load_project_config, unknown_rule_message
from samlint.discover import (
    AgreementRef,
    AgreementSet,
    agreement_refs,
    display_path,
    resolve_agreements,
)
from samlint.engine import (
    RuleSelectionError,
    check_agreements,
    check_paths,
    load_rules,
    rule_files,
    run_options,
    run_rules,
)
from samlint.policy import DEFAULT_FAIL_ON, SelectionError, any_failure, apply_policy, choose_rules
from samlint.reporting.formats import render_report
from samlint.reporting.progress import progress_reporter
from samlint.results import AgreementResult, FileError
from samlint.rules import RuleFileError, builtin_rule_files

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl-C
DEBUG_HINT = "(kjør med --debug for detaljer)"


class UsageProblem(Exception):
    """A mistake in how samlint was called; shown as one line, exit 2."""


app = typer.Typer(name="samlint", help=text("app"), add_completion=False, no_args_is_help=True,
                  pretty_exceptions_enable=False, cls=NorskGroup)
command = partial(app.command, cls=NorskCommand)  # help and errors in the run's language


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"samlint {__version__}")
        raise typer.Exit()


@app.callback(help=text("app"))
def main(
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                          help=text("version"))] = False,
    lang: Annotated[Lang | None, language_option()] = None,
) -> None:
    """samlint itself; --version and --lang (read before parsing, see cli_i18n)."""


@command(help=text("check"))
def check(
    paths: Annotated[list[Path], typer.Argument(metavar="STI...", help=text("check.paths"),
                                                show_default=False)],
    output_format: Annotated[OutputFormat | None,
                             typer.Option("--format", help=text("check.format"))] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FIL",
                                                help=text("check.output"))] = None,
    rules: RulesOption = None,
    no_default_rules: NoDefaultRulesOption = False,
    fail_on: Annotated[FailOn | None, typer.Option(
        "--fail-on", show_default=text("fail-on.default"), help=text("fail-on"))] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help=text("exit-zero"))] = False,
    config_file: ConfigOption = None,
    select: Annotated[list[str] | None, typer.Option("--select", metavar="REGLER",
                                                     help=text("select"))] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", metavar="REGLER",
                                                     help=text("ignore"))] = None,
    baseline: Annotated[Path | None, typer.Option("--baseline", metavar="FIL",
                                                  help=text("baseline"))] = None,
    write_baseline_to: Annotated[Path | None, typer.Option(
        "--write-baseline", metavar="FIL", help=text("write-baseline"))] = None,
    strict_waivers: Annotated[bool, typer.Option("--strict-waivers",
                                                 help=text("strict-waivers"))] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help=text("jobs"),
                                             show_default=text("jobs.default"))] = None,
    no_cache: NoCacheOption = False,
    no_ocr: Annotated[bool, typer.Option("--no-ocr", help=text("no-ocr"))] = False,
    timeout: Annotated[float, typer.Option("--timeout", metavar="SEKUNDER", min=0.001,
                                           help=text("timeout"))] = 120.0,
    as_of: AsOfOption = None,
    debug: DebugOption = False,
) -> None:
    def body() -> int:
        try:
            report_format = format_for_output(output, canonical(output_format))
        except ValueError as exc:
            raise UsageProblem(str(exc)) from None
        if output is not None:
            from samlint.reporting.output import check_output_path, write_report

            _output_problem(check_output_path, output)
        config = load_project_config(config_file)
        files = rule_files([*config.rules, *(rules or [])], use_defaults=not no_default_rules)
        loaded = run_rules(files, use_cache=not no_cache)
        active = choose_rules(loaded, config, policy.split_ids(select), policy.split_ids(ignore))
        known = None
        if baseline is not None:  # fail before work; most checks never load the module
            from samlint.baseline import read_baseline
            known = read_baseline(baseline)
        options = run_options(files, debug=debug, jobs=jobs, use_cache=not no_cache,
                              timeout=timeout, as_of=_as_of(as_of), ocr=not no_ocr)
        entries = resolve_agreements(unique_paths(paths), config)
        shown = [Path(e.display if isinstance(e, AgreementSet) else e.file) for e in entries]
        # A text report on the terminal that also shows stderr names every unread
        # file itself: a line on stderr as well would say it twice.
        to_screen = output is None and report_format == "text" and same_terminal()
        with progress_reporter(shown) as on_progress:
            results = check_agreements(
                entries, loaded, options=options, on_progress=on_progress,
                on_error=(lambda error: None) if to_screen else _report_file_error)
        refs = agreement_refs(entries)
        outcome = apply_policy(results, config=config, active=active, refs=refs, baseline=known)
        if output is None and report_format == "text":
            from samlint.reporting.text import write_text_report

            write_text_report(results)  # coloured on a terminal
        else:
            report = render_report(report_format, results, active)
            if output is None:
                typer.echo(report, nl=False)
            else:
                _output_problem(write_report, output, report)
        for unused in outcome.unused_waivers:
            _error_line(unused.message(config))
        if write_baseline_to is not None:
            return _write_baseline(write_baseline_to, results, refs)
        threshold = canonical(fail_on) or config.fail_on or DEFAULT_FAIL_ON
        unused_count = len(outcome.unused_waivers) if strict_waivers else 0
        return exit_status(results, threshold, exit_zero=exit_zero, unused_waivers=unused_count)

    _run_guarded(body, debug=debug)


@command("rules", help=text("rules-cmd"))
def list_rules(
    rules: RulesOption = None,
    no_default_rules: NoDefaultRulesOption = False,
    config_file: ConfigOption = None,
    all_packs: Annotated[bool, typer.Option("--all", help=text("rules.all"))] = False,
    debug: DebugOption = False,
) -> None:

    def body() -> int:
        from rich.table import Table
        from rich.text import Text

        from samlint.reporting.text import make_console

        table = Table("Id", "Pakke", "Tittel", "Kilde")
        extra = [*(rules or []), *(builtin_rule_files() if all_packs else [])]
        for rule in load_rules(extra, use_defaults=not no_default_rules,
                               config_file=config_file):
            table.add_row(Text(rule.id), Text(rule.pack), Text(rule.title), Text(rule.source))
        make_console().print(table)
        return EXIT_OK

    _run_guarded(body, debug=debug)


@command(help=text("explain"))
def explain(
    rule_id: Annotated[str, typer.Argument(metavar="REGEL_ID", help=text("explain.rule"))],
    rules: RulesOption = None,
    no_default_rules: NoDefaultRulesOption = False,
    config_file: ConfigOption = None,
    debug: DebugOption = False,
) -> None:

    def body() -> int:
        # Every built-in pack can be explained, active or not.
        active = load_rules([*(rules or []), *builtin_rule_files()],
                            use_defaults=not no_default_rules, config_file=config_file)
        rule = next((r for r in active if r.id == rule_id.strip().lower()), None)
        if rule is None:
            raise UsageProblem(unknown_rule_message(rule_id, [r.id for r in active]))
        from samlint.reporting.explanation import explanation
        from samlint.reporting.text import make_console

        console = make_console()
        console.print(explanation(rule, console.width))
        return EXIT_OK

    _run_guarded(body, debug=debug)


@command(help=text("diff"))
def diff(
    old: Annotated[Path, typer.Argument(metavar="GAMMEL", help=text("diff.old"))],
    new: Annotated[Path, typer.Argument(metavar="NY", help=text("diff.new"))],
    output_format: Annotated[DiffFormat, typer.Option("--format", help=text("diff.format"))
                             ] = DiffFormat.TEXT,
    rules: RulesOption = None,
    no_default_rules: NoDefaultRulesOption = False,
    config_file: ConfigOption = None,
    as_of: AsOfOption = None,
    no_cache: NoCacheOption = False,
    debug: DebugOption = False,
) -> None:

    def body() -> int:
        from samlint.agreement_sets import one_each
        from samlint.diff import compare
        from samlint.reporting.diff_report import render_json, render_markdown
        from samlint.reporting.diff_report import render_text as render_diff_text

        config = load_project_config(config_file)
        files = rule_files([*config.rules, *(rules or [])], use_defaults=not no_default_rules)
        options = run_options(files, debug=debug, use_cache=not no_cache, as_of=_as_of(as_of))
        before, after = one_each(check_paths([old, new], run_rules(files, use_cache=not no_cache),
                                             options=options, on_error=_report_file_error))
        if (before.errors and not before.rules) or (after.errors and not after.rules):
            return EXIT_ERROR  # nothing to compare; the errors are already on stderr
        changes = compare(before, after)
        if output_format == DiffFormat.JSON:
            typer.echo(render_json(changes))
        elif output_format == DiffFormat.MARKDOWN:
            typer.echo(render_markdown(changes), nl=False)
        else:
            from rich.text import Text

            from samlint.reporting.text import make_console

            make_console().print(Text(render_diff_text(changes).rstrip("\n")), soft_wrap=True)
        if before.errors or after.errors:
            return EXIT_ERROR
        return EXIT_FAILED if changes.worse else EXIT_OK

    _run_guarded(body, debug=debug)


def _as_of(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageProblem(f"--as-of: «{value}» er ikke en dato på formen ÅÅÅÅ-MM-DD") from None


@command(help=text("init"))
def init(debug: DebugOption = False) -> None:

    def body() -> int:
        from samlint.starter import write_starter

        try:
            path = write_starter(Path.cwd())
        except FileExistsError:
            raise UsageProblem(f"{CONFIG_FILENAME} finnes allerede – rediger den, eller slett "
                               "den og kjør samlint init på nytt") from None
        typer.echo(f"Skrev {display_path(path)} – rediger den og kjør samlint check.")
        return EXIT_OK

    _run_guarded(body, debug=debug)


def exit_status(results: list[AgreementResult], fail_on: FailOn | str, *, exit_zero: bool,
                unused_waivers: int = 0) -> int:
    """2 for anything unread, else 1 when a verdict reaches the threshold, else 0.

    The threshold is a severity (see ``policy.is_failure``), so per-rule
    severities from the config count; waived and baselined verdicts never
    fail. ``unused_waivers`` (counted only with --strict-waivers) fail too.
    """
    if any(result.errors for result in results):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    if unused_waivers or any_failure(results, str(fail_on)):
        return EXIT_FAILED
    return EXIT_OK


def _write_baseline(path: Path, results: list[AgreementResult],
                    refs: dict[str, AgreementRef]) -> int:
    """Record the run's findings; refused when a file could not be read.

    A baseline written without an unreadable agreement's findings would make
    all of them "new" later, or hide that the run was incomplete, so it is not
    written and the run exits 2 as any run with unread files does.
    """
    if any(result.errors for result in results):
        _error_line(f"{display_path(path)}: grunnlinjen ble ikke skrevet fordi noen filer ikke "
                    "kunne leses")
        return EXIT_ERROR
    from samlint.baseline import collect_findings, write_baseline
    findings = collect_findings(results, refs, Path(os.path.abspath(path)).parent)
    write_baseline(path, findings)
    _error_line(f"{display_path(path)}: grunnlinjen er skrevet med {len(findings)} funn")
    return EXIT_OK


def _output_problem(action: Callable[..., None], *args: object) -> None:
    """Run an --output step; a path that cannot be written is a usage problem (exit 2)."""
    from samlint.reporting.output import OutputError

    try:
        action(*args)
    except OutputError as exc:
        raise UsageProblem(str(exc)) from None


def _baseline_error() -> type[Exception]:
    """BaselineError, imported when an exception is matched (an ``except`` clause's types
    are evaluated then): a check without a baseline never loads that module."""
    from samlint.baseline import BaselineError
    return BaselineError


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
    except (UsageProblem, RuleSelectionError, ConfigError, SelectionError, _baseline_error()) as x:
        _error_line(str(x))
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


def run() -> None:
    """The console script (and ``python -m samlint``).

    ``samlint check … | head`` closes the pipe before the report is written:
    the rest of the output is dropped quietly, as other command-line tools do,
    instead of Python's "Exception ignored" noise when it flushes at exit.
    """
    try:
        app(prog_name="samlint")
    finally:
        try:
            sys.stdout.flush()
        except (BrokenPipeError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


from samlint.cli_annotate import annotate_command  # noqa: E402  (shares the options)

command("annotate", help=text("annotate"))(annotate_command)
