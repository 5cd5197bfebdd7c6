"""The ``samlint annotate`` command: its options and one call into the package.

Kept beside the package rather than in ``cli.py`` (which registers it), so the
command line module stays one screen per command; the options it shares with
the other commands and the one-line error handling come from there.
"""

from pathlib import Path
from typing import Annotated

import typer

from samlint.cli import (
    AsOfOption,
    ConfigOption,
    DebugOption,
    NoDefaultRulesOption,
    RulesOption,
    _as_of,
    _error_line,
    _run_guarded,
)
from samlint.discover import display_path

# No ``from __future__ import annotations``: typer reads these annotations on every run.


def annotate_command(
    paths: Annotated[list[Path], typer.Argument(
        metavar="PATH", show_default=False, help="Avtalefiler eller -mapper, som for check.")],
    outdir: Annotated[Path, typer.Option(
        "--output", "-o", metavar="OUTDIR", help="Mappen kopiene skrives til (lages ved behov).")],
    suffix: Annotated[str, typer.Option("--suffix", help="Tillegg til filnavnet.")] = "-samlint",
    force: Annotated[bool, typer.Option("--force", help="Skriv over kopier som finnes.")] = False,
    info: Annotated[bool, typer.Option("--info", help="Kommenter også info-funn.")] = False,
    rules: RulesOption = None,
    no_default_rules: NoDefaultRulesOption = False,
    config_file: ConfigOption = None,
    as_of: AsOfOption = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Prosesser, som for "
                                             "check.", show_default="maskinens kjerner")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Ikke bruk hurtigbufferen.")
                        ] = False,
    no_ocr: Annotated[bool, typer.Option("--no-ocr", help="Ikke tolk skannede sider (OCR).")
                      ] = False,
    timeout: Annotated[float, typer.Option(
        "--timeout", metavar="SECONDS", min=0.001,
        help="Stopp lesing, vurdering eller skriving av én kopi etter SECONDS.")] = 120.0,
    debug: DebugOption = False,
) -> None:
    """Lag gjennomgangskopier: funnene som kommentarer (Word), merknader (PDF) eller i HTML."""

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
