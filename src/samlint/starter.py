"""``samlint init``: a commented starter ``.samlint.yaml``.

Every key is present with a value that changes nothing, and an example under
its comment, so a new user sees all there is to configure in one file and
turns things on by editing, not by reading documentation first. The file is
valid as written (a test loads it, and every example in it).
"""

from __future__ import annotations

from pathlib import Path

from samlint.config import CONFIG_FILENAME

TEMPLATE = """\
# samlint – innstillinger for dette prosjektet.
#
# samlint finner filen ved å lete fra arbeidsmappen og oppover, til og med
# roten av git-repoet. Stier her er relative til mappen denne filen ligger i.
# Valg på kommandolinjen (--select, --ignore, --fail-on) overstyrer filen, og
# --rules legger til regelfiler. Verdiene nedenfor endrer ingenting før du
# fyller dem ut; se eksemplene.

# Ekstra regelfiler (YAML, samme format som den innebygde § 6-2-pakken).
# Eksempel:
#   rules: [regler/egne-krav.yaml]
rules: []

# Bare disse reglene brukes: eksakte id-er eller enkle mønstre med * og ?.
# Uten verdi brukes alle regler («samlint rules» viser dem).
# Eksempel:
#   select: ["hol-6-2-*"]
select:

# Disse reglene brukes ikke.
# Eksempel:
#   ignore: [hol-6-2-nr8]
ignore: []

# Alvorlighetsgrad per regel: error, warning eller info, for både «svak» og
# «mangler» eller for hver av dem. Standard er error for «mangler» og warning
# for «svak»; fail-on avgjør hvilke grader som gir feil.
# Eksempel:
#   severity:
#     hol-6-2-nr10: {weak: info}
#     hol-6-2-nr7: warning
severity: {}

# Når kjøringen skal feile (exit-status 1):
#   missing – når et krav mangler (grad error; standard)
#   weak    – også når et krav er svakt (grad warning)
#   info    – ved alle funn
fail-on: missing

# Avtalesett: mappene eller mønstrene som til sammen er én avtale. Når én fil
# fra et sett sjekkes (som i en pre-commit-hook), sjekkes hele settet.
# Eksempel:
#   agreements:
#     storfjell:
#       paths: [avtaler/storfjell]
agreements: {}

# Unntak: en regel som ikke gjelder for en avtale, med en begrunnelse (påkrevd).
# Regelen vises som «unntatt» og gir aldri feil. Et unntak som ikke lenger
# brukes, gir en advarsel (med --strict-waivers: exit-status 1).
# Eksempel:
#   waivers:
#     - agreement: avtaler/storfjell
#       rule: hol-6-2-nr8
#       reason: "Jordmortjenester er avtalt i egen avtale med Helse Nordvik (sak 2024/117)."
waivers: []
"""


def write_starter(directory: Path) -> Path:
    """Create ``.samlint.yaml`` in ``directory``; FileExistsError if one is there.

    Opened with ``x`` so an existing file is never overwritten, even by a race.
    """
    path = directory / CONFIG_FILENAME
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(TEMPLATE)
    return path
