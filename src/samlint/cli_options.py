"""The options several samlint commands share, and the choices with Norwegian names.

Kept apart from cli.py so the commands read as what they do. ``--fail-on``
takes the words the report prints (mangler, svak) as well as the spec's
(missing, weak); ``--format`` takes ``tekst`` for ``text``. Each synonym is
turned into the one canonical name before anything else sees it.
"""

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from samlint.cli_i18n import text
from samlint.config import FAIL_ON_SYNONYMS
from samlint.reporting.formats import RENDERERS

# The --format choices are the renderer registry's names, in its order, and the
# Norwegian synonyms: a new format is one module and one line in reporting/formats.py.
FORMAT_SYNONYMS = {"tekst": "text"}
OutputFormat = StrEnum("OutputFormat", {name.upper(): name
                                        for name in [*RENDERERS, *FORMAT_SYNONYMS]})


class FailOn(StrEnum):
    """The failure threshold, as a severity: missing = error, weak = warning, info = any."""

    MANGLER = "mangler"
    SVAK = "svak"
    INFO = "info"
    MISSING = "missing"
    WEAK = "weak"




class DiffFormat(StrEnum):
    TEXT = "text"
    TEKST = "tekst"
    JSON = "json"
    MARKDOWN = "markdown"


def canonical(value: str | None) -> str | None:
    """A --format or --fail-on value by its spec name (``svak`` → ``weak``)."""
    if value is None:
        return None
    value = str(value)
    return FORMAT_SYNONYMS.get(value, FAIL_ON_SYNONYMS.get(value, value))


# -o FILE: the format its extension asks for, and every format such a file may hold.
EXTENSION_FORMATS: dict[str, tuple[str, ...]] = {
    ".html": ("html",), ".htm": ("html",), ".json": ("json", "gitlab", "sarif"),
    ".sarif": ("sarif",), ".md": ("markdown",), ".xml": ("junit",), ".txt": ("text", "github"),
}


def format_for_output(output: Path | None, given: str | None) -> str:
    """The report format: --format when given, else the extension of -o, else text.

    ``-o rapport.html`` without --format writes HTML (it used to write the text
    report into rapport.html without a word). A --format the file name
    contradicts (``--format json -o r.html``) is a usage error.
    """
    name = output.name.lower() if output is not None else ""
    suffix = ".sarif" if name.endswith(".sarif.json") else (output.suffix.lower() if output else "")
    allowed = EXTENSION_FORMATS.get(suffix)
    if given is None:
        return allowed[0] if allowed else "text"
    if allowed and given not in allowed:
        raise ValueError(f"--format {given} passer ikke med -o {output}: en {suffix}-fil får "
                         f"formatet {allowed[0]} – fjern --format eller endre filnavnet")
    return given


RulesOption = Annotated[
    list[Path] | None,
    typer.Option("--rules", metavar="FIL|PAKKE", help=text("rules")),
]
NoDefaultRulesOption = Annotated[
    bool, typer.Option("--no-default-rules", help=text("no-default-rules"))
]
DebugOption = Annotated[bool, typer.Option("--debug", help=text("debug"))]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", metavar="ÅÅÅÅ-MM-DD", show_default=text("as-of.default"),
                 help=text("as-of")),
]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", metavar="FIL", help=text("config"))
]
NoCacheOption = Annotated[bool, typer.Option("--no-cache", help=text("no-cache"))]


def unique_paths(paths: list[Path]) -> list[Path]:
    """The paths once each, in the order given: ``a.pdf ./a.pdf`` is one agreement."""
    seen: dict[str, Path] = {}
    for path in paths:
        seen.setdefault(os.path.normcase(os.path.abspath(path)), path)
    return list(seen.values())


def same_terminal() -> bool:
    """Whether stdout and stderr are one terminal, where the user would read a line twice."""
    try:
        return (sys.stdout.isatty() and sys.stderr.isatty()
                and os.path.samestat(os.fstat(sys.stdout.fileno()), os.fstat(sys.stderr.fileno())))
    except (AttributeError, OSError, ValueError):
        return False
