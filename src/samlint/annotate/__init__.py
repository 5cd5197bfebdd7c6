"""``samlint annotate``: a review copy of each agreement file with the findings in it.

The check is the same as ``samlint check`` (``engine.check_agreements`` and
``policy.apply_policy``, so settings, waivers and the cache count alike); this
package only turns its results into copies: Word comments in a DOCX
(``docx_comments``), highlights and notes in a PDF (``pdf_notes``), and for
every other format an HTML copy with the findings marked (``html_copy``).
What each copy says is decided once, in ``notes``.

Copies are written only into OUTDIR, never beside the user's files, and an
existing copy is kept unless ``force``. A file that cannot be read, or a copy
that cannot be written, costs one line (file, cause, what to do) and exit
status 2; the other copies are still written.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from samlint import runner
from samlint.config import load_project_config
from samlint.discover import AgreementSet, agreement_refs, display_path, resolve_agreements
from samlint.documents import DocumentError
from samlint.documents.model import MAX_READ_MEMORY
from samlint.engine import check_agreements, rule_files, run_options
from samlint.policy import apply_policy, choose_rules
from samlint.results import AgreementResult, FileError
from samlint.rules import load_rule_files

if TYPE_CHECKING:  # the command line imports this package for every command, even ``check``
    from samlint.annotate.notes import FilePlan

EXIT_OK, EXIT_ERROR = 0, 2
Say = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class CopyOptions:
    """Where and how the copies are written."""

    outdir: Path
    suffix: str = "-samlint"
    force: bool = False
    info: bool = False


@dataclass(frozen=True, slots=True)
class Written:
    """One review copy: the file it copies, where it went, how many notes it holds."""

    source: str
    target: Path
    notes: int


def annotate(paths: list[Path], copy: CopyOptions, *, rules: list[Path] | None = None,
             use_defaults: bool = True, config_file: Path | None = None,
             jobs: int | None = None, use_cache: bool = True, timeout: float | None = 120.0,
             as_of: date | None = None, ocr: bool = True, debug: bool = False,
             on_problem: Say | None = None, on_written: Callable[[Written], None] | None = None,
             ) -> int:
    """Check ``paths`` as ``samlint check`` does, then write a review copy of every
    readable file; the exit status is 2 when anything was not read or not written.

    ``on_problem`` gets each problem as one line (default: stderr)."""
    from samlint.annotate.notes import plan_files

    say = on_problem or (lambda line: print(line, file=sys.stderr))
    config = load_project_config(config_file)
    files = rule_files([*config.rules, *(rules or [])], use_defaults=use_defaults)
    loaded = load_rule_files(files)
    active = choose_rules(loaded, config, None, None)
    options = run_options(files, debug=debug, jobs=jobs, use_cache=use_cache, timeout=timeout,
                          as_of=as_of, ocr=ocr)
    entries = resolve_agreements(paths, config)

    def problem(error: FileError) -> None:
        say(f"{error.file}: {error.message}")

    results = check_agreements(entries, loaded, options=options, on_error=problem)
    apply_policy(results, config=config, active=active, refs=agreement_refs(entries))
    status = EXIT_ERROR if any(result.errors for result in results) else EXIT_OK
    packs = sorted({rule.pack for rule in active if rule.pack})
    taken: set[Path] = set()
    for entry, result in zip(entries, results, strict=True):
        if not isinstance(entry, AgreementSet):
            continue
        plans = plan_files(result, active, info=copy.info, day=as_of or date.today(),
                           packs=packs)
        for path in entry.files:
            plan = plans.get(display_path(path))
            if plan is None:
                continue  # unreadable: already reported
            try:
                written = _write_copy(entry, path, plan, copy, taken, debug=debug,
                                      timeout=timeout)
            except CopyProblem as exc:
                say(f"{plan.display}: {exc}")
                status = EXIT_ERROR
                continue
            if on_written is not None:
                on_written(written)
    return status


class CopyProblem(Exception):
    """A review copy that was not written; the message says why and what to do."""


def target_for(entry: AgreementSet, path: Path, copy: CopyOptions, kind: str) -> Path:
    """OUTDIR/name-samlint.ext; a set's files under OUTDIR/<set folder>/ as in the set."""
    extension = path.suffix if kind in (".docx", ".pdf") else ".html"
    name = f"{path.stem}{copy.suffix}{extension}"
    if entry.path.is_dir():
        try:
            relative = path.relative_to(entry.path).parent
        except ValueError:
            relative = Path()
        return copy.outdir / entry.path.resolve().name / relative / name
    return copy.outdir / name


def copy_kind(path: Path) -> str:
    """Which copy a file gets: ``.docx``, ``.pdf``, else ``.html``."""
    suffix = path.suffix.lower()
    return suffix if suffix in (".docx", ".pdf") else ".html"


def _write_copy(entry: AgreementSet, path: Path, plan: FilePlan, copy: CopyOptions,
                taken: set[Path], *, debug: bool = False,
                timeout: float | None = None) -> Written:
    kind = copy_kind(path)
    target = target_for(entry, path, copy, kind)
    if target in taken and kind == ".html":  # avtale.txt and avtale.md in one run
        target = target.with_name(f"{path.stem}-{path.suffix.lstrip('.')}{copy.suffix}.html")
    if target in taken:
        raise CopyProblem(f"to filer gir samme kopi {display_path(target)}; gi dem ulike navn "
                          "eller kjør dem hver for seg")
    if target.resolve() == path.resolve():
        raise CopyProblem("kopien ville overskrevet originalen; velg en annen OUTDIR eller "
                          "--suffix")
    if target.exists() and not copy.force:
        raise CopyProblem(f"{display_path(target)} finnes allerede; bruk --force for å "
                          "skrive over den")
    taken.add(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CopyProblem(f"kan ikke lage mappen {display_path(target.parent)} "
                          f"({exc.strerror or type(exc).__name__}); sjekk OUTDIR") from None
    # Written beside the copy, then renamed: a reader never sees half a copy. Made with
    # os.open so it gets the user's usual permissions (mkstemp's are owner-only).
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        # In a child under the run's time limit and memory cap, as the file was read: the
        # copy parses the untrusted file again, with python-docx or PDFium.
        count = runner.call(_render, (kind, path, temporary, plan), seconds=timeout,
                            memory_limit=MAX_READ_MEMORY)
        os.replace(temporary, target)
    except Exception as exc:
        if debug:
            raise
        cause = (exc.message if isinstance(exc, DocumentError)
                 else f"stoppet etter {exc.seconds:g} sekunder".replace(".", ",")
                 if isinstance(exc, runner.ChildTimeout)
                 else f"stoppet uventet: {exc.how}" if isinstance(exc, runner.ChildCrash)
                 else exc.strerror or type(exc).__name__ if isinstance(exc, OSError)
                 else f"{type(exc).__name__}: {' '.join(str(exc).split())}")
        raise CopyProblem(f"gjennomgangskopien kunne ikke skrives ({cause}); sjekk at filen "
                          "åpner i sitt eget program, eller kjør med --debug") from None
    finally:
        if temporary.exists():
            temporary.unlink()
    return Written(plan.display, target, count)


def _render(kind: str, source: Path, target: Path, plan: FilePlan) -> int:
    """Write one copy; the number of notes in it."""
    if kind == ".docx":
        from samlint.annotate.docx_comments import write_docx_copy

        return len(write_docx_copy(source, target, plan))
    if kind == ".pdf":
        from samlint.annotate.pdf_notes import write_pdf_copy

        return write_pdf_copy(source, target, plan)
    from samlint.annotate.html_copy import write_html_copy

    return write_html_copy(source, target, plan)


__all__ = ["AgreementResult", "CopyOptions", "Written", "annotate"]
