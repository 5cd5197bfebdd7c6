"""samlint: checks Norwegian cooperation agreements against helse- og omsorgstjenesteloven § 6-2."""

__version__ = "0.1.0"
