"""Allow ``python -m samlint``, which works before the package is installed."""

from samlint.entry import run

run()
