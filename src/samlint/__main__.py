"""Allow ``python -m samlint``, which works before the package is installed."""

from samlint.cli import run

run()
