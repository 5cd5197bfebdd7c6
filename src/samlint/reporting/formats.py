"""Every ``--format``, by name, as a function from results (and rules) to text.

The command line only picks a name and decides where the text goes; keeping
the table here means a new format is one module and one line, and the tests
can render every format exactly as the command line does.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from samlint.reporting.github import render_github
from samlint.reporting.gitlab import render_gitlab
from samlint.reporting.html import render_html
from samlint.reporting.json_report import render_json
from samlint.reporting.junit import render_junit
from samlint.reporting.markdown import render_markdown
from samlint.reporting.sarif import render_sarif
from samlint.reporting.text import make_console, render_text
from samlint.results import AgreementResult
from samlint.rules import Rule

Renderer = Callable[[list[AgreementResult], list[Rule]], str]


def _plain_text(results: list[AgreementResult], rules: list[Rule]) -> str:
    """The terminal report without colour, as it looks in a CI log."""
    buffer = io.StringIO()
    render_text(results, make_console(buffer))
    return buffer.getvalue()


RENDERERS: dict[str, Renderer] = {
    "text": _plain_text,
    "json": lambda results, rules: render_json(results) + "\n",
    "sarif": lambda results, rules: render_sarif(results, rules) + "\n",
    "junit": lambda results, rules: render_junit(results),
    "github": lambda results, rules: render_github(results),
    "gitlab": lambda results, rules: render_gitlab(results) + "\n",
    "markdown": lambda results, rules: render_markdown(results),
    "html": render_html,
}


def render_report(name: str, results: list[AgreementResult], rules: list[Rule]) -> str:
    """The report in format ``name``, ending in a newline (or empty, for github with nothing)."""
    return RENDERERS[name](results, rules)
