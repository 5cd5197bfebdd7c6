"""Files samlint wrote itself, recognised when they lie among the agreement's files.

``samlint check . -o rapport.html`` writes its report into the folder it
checks, and the review copies of ``samlint annotate`` often land there too.
Read as a document of the agreement, such a file lends the agreement
samlint's own words: every point's title, quoted evidence, «Ingen tekst i
avtalen omhandler …». A case officer's trial saved the report of an agreement
lacking three points beside it, and the next check found all fourteen
covered, exit 0. So a reader that meets a file samlint wrote leaves it out,
and the run says so in a notice, as discovery does for a README.

Recognised by what samlint writes into every such file, never by its name:
the Markdown report's first line, the ``generator`` of an HTML report or
review copy, and the text report's closing line of totals. The writers use
the marks defined here, and a test writes every format into an agreement
folder and checks it again, so a changed report cannot slip past unrecognised.
"""

from __future__ import annotations

import re

from samlint.documents.model import DocumentError

# The first line of a Markdown report (a CI bot also finds its own comment by it).
MARKDOWN_MARK = "<!-- samlint-report -->"
# ``<meta name="generator" content="samlint 0.1.0">`` in an HTML report and review copy.
GENERATOR = "samlint"
_GENERATOR_META = re.compile(
    r"""<meta\s+name=["']generator["']\s+content=["']samlint[\s"']""", re.IGNORECASE)
# The text report's last line: «1 avtale: 6 dekket, 5 svake, 3 mangler» (``text.summary_line``).
_TEXT_TOTALS = re.compile(r"\d+ avtaler?: \d+ dekket, \d+ svake?, \d+ mangler(?:, [^\n]*)?")
REVIEW_COPY = "samlint-review-copy"  # the class of a review copy's <body>: what kind it is

LEFT_OUT_CODE = "not-an-agreement"  # the code discovery gives a README it leaves out
MSG_REPORT = ("er en rapport fra samlint, ikke en del av avtalen, og er ikke lest; lagre "
              "rapporter utenfor mappen som kontrolleres")
MSG_REVIEW_COPY = ("er en gjennomgangskopi laget av samlint annotate, ikke en del av avtalen, "
                   "og er ikke lest; lagre gjennomgangskopiene utenfor mappen som kontrolleres")


class LeftOut(DocumentError):
    """A readable file that is no part of the agreement: named in a notice, not an error."""

    def __init__(self, message: str) -> None:
        super().__init__(LEFT_OUT_CODE, message)


def check_markup(data: bytes) -> None:
    """Raise ``LeftOut`` for an HTML page samlint wrote (its head names samlint as generator;
    samlint writes UTF-8, where the tag is ASCII)."""
    if _GENERATOR_META.search(data[:4096].decode("ascii", "replace")):
        raise LeftOut(MSG_REVIEW_COPY if REVIEW_COPY.encode() in data else MSG_REPORT)


def check_plain(text: str) -> None:
    """Raise ``LeftOut`` for a Markdown or text report samlint wrote."""
    if text.lstrip("\ufeff").startswith(MARKDOWN_MARK):
        raise LeftOut(MSG_REPORT)
    lines = text.rstrip().rsplit("\n", 1)
    if _TEXT_TOTALS.fullmatch(lines[-1].strip()):
        raise LeftOut(MSG_REPORT)
