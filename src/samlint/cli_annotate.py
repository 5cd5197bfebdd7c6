"""The ``samlint annotate`` command: its options and one call into ``samlint.annotate``.

Kept apart from ``cli.py`` (which registers it), so the command line module
stays one screen per command; the options it shares with the other commands
come from ``cli_options``, its help texts from the two-language catalog in
``cli_i18n``, and the one-line error handling from cli. Outside the
``annotate`` package, so that registering the command (on every run, also
``check``) does not import the package.
"""

from pathlib import Path
from typing import Annotated

import typer

from samlint.cli_i18n import text
from samlint.cli_options import (
    AsOfOption,
    ConfigOption,
    DebugOption,
    NoCacheOption,
    NoDefaultRulesOption,
    RulesOption,
)
from samlint.discover import display_path

# No ``from __future__ import annotations``: typer reads these annotations on every run.


def annotate_command(
    paths: Annotated[list[Path], typer.Argument(
        metavar="STI...", show_default=False, help=text("annotate.paths"))],
    outdir: Annotated[Path, typer.Option(
        "--output", "-o", metavar="MAPPE", help=text("annotate.output"))],
    suffix: Annotated[str, typer.Option("--suffix", help=text("annotate.suffix"))] = "-samlint",
    force: Annotated[bool, typer.Option("--force", help=text("annotate.force"))] = False,
    info: Annotated[bool, typer.Option("--info", help=text("annotate.info"))] = False,
    rules: RulesOption = None,
    no_default_rules: NoDefaultRulesOption = False,
    config_file: ConfigOption = None,
    as_of: AsOfOption = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help=text("jobs"),
                                             show_default=text("jobs.default"))] = None,
    no_cache: NoCacheOption = False,
    no_ocr: Annotated[bool, typer.Option("--no-ocr", help=text("no-ocr"))] = False,
    timeout: Annotated[float, typer.Option(
        "--timeout", metavar="SEKUNDER", min=0.001, help=text("annotate.timeout"))] = 120.0,
    debug: DebugOption = False,
) -> None:
    """Review copies of every file of the checked agreements (help text: cli_i18n)."""
    from samlint.cli import _as_of, _error_line, _run_guarded

    def body() -> int:
        from samlint.annotate import CopyOptions, Written, annotate

        def done(copy: Written) -> None:
            count = f"{copy.notes} merknad{'er' if copy.notes != 1 else ''}"
            typer.echo(f"{copy.source} → {display_path(copy.target)} ({count})")

        return annotate(paths, CopyOptions(outdir, suffix, force, info), rules=rules,
                        use_defaults=not no_default_rules, config_file=config_file,
                        as_of=_as_of(as_of), jobs=jobs, use_cache=not no_cache,
                        timeout=timeout, ocr=not no_ocr, debug=debug,
                        on_problem=_error_line, on_written=done)

    _run_guarded(body, debug=debug)
