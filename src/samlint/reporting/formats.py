"""Every ``--format``, by name, as a function from results (and rules) to text.

``RENDERERS`` is the one list of formats: the command line's ``--format``
choices are its keys, in its order. The command line only picks a name and
decides where the text goes; so a new format is one module and one line here,
and the tests can render every format exactly as the command line does.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from importlib import import_module

from samlint.results import AgreementResult
from samlint.rules import Rule

Renderer = Callable[[list[AgreementResult], list[Rule]], str]


def _plain_text(results: list[AgreementResult], rules: list[Rule]) -> str:
    """The terminal report without colour, as it looks in a CI log."""
    from samlint.reporting.text import write_text_report

    buffer = io.StringIO()
    write_text_report(results, buffer)
    return buffer.getvalue()


def _lazy(module: str, function: str, *, with_rules: bool = False,
          newline: bool = False) -> Renderer:
    """A renderer whose module is imported only when that format is asked for.

    A hook run prints one format; importing all eight cost it tens of
    milliseconds on every commit.
    """
    def render(results: list[AgreementResult], rules: list[Rule]) -> str:
        renderer = getattr(import_module(f"samlint.reporting.{module}"), function)
        text: str = renderer(results, rules) if with_rules else renderer(results)
        return text + "\n" if newline else text

    return render


RENDERERS: dict[str, Renderer] = {
    "text": _plain_text,
    "json": _lazy("json_report", "render_json", newline=True),
    "sarif": _lazy("sarif", "render_sarif", with_rules=True, newline=True),
    "junit": _lazy("junit", "render_junit"),
    "github": _lazy("github", "render_github"),
    "gitlab": _lazy("gitlab", "render_gitlab", newline=True),
    "markdown": _lazy("markdown", "render_markdown"),
    "html": _lazy("html", "render_html", with_rules=True),
}


def render_report(name: str, results: list[AgreementResult], rules: list[Rule]) -> str:
    """The report in format ``name``, ending in a newline (or empty, for github with nothing)."""
    return RENDERERS[name](results, rules)
