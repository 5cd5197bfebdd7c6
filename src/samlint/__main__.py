"""Allow ``python -m samlint``."""

from samlint.cli import run

run()
