"""Old Word (``.doc``) and RTF files, read by having LibreOffice convert them to DOCX.

Agreements from 2012 often exist only as ``.doc``; writing a reader for the
binary Word format (or RTF) would be a project of its own, and LibreOffice
already reads both well. So the file is converted headless to DOCX and the
DOCX reader does the rest, with every one of its checks.

This runs inside the reading child (``samlint.runner``), so the run's time
limit and memory cap apply to LibreOffice too. Each conversion gets a
private temporary folder with its own LibreOffice profile: two runs at once
(CI jobs, a pre-commit hook beside an editor) would otherwise fight over the
user's profile and one of them fail. LibreOffice is stopped a little before
the time limit, so the folder is always removed; if the runner kills the
child first, LibreOffice is in the child's process group and dies with it,
and the folder is inside the runner's private temporary folder, which the
runner removes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from samlint import runner
from samlint.documents.model import Document, DocumentError, os_error

MAX_CONVERT_BYTES = 100 * 1024 * 1024
DEFAULT_SECONDS = 300.0  # without a runner limit (a direct call): still never hang
FORMAT_NAMES = {".doc": "gammelt Word-format (.doc)", ".rtf": "RTF-format (.rtf)"}

MSG_NO_LIBREOFFICE = (
    "filer i {name} leses ved å gjøres om til DOCX med LibreOffice, som ikke er installert; "
    "installer LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui eller "
    "libreoffice-writer; macOS: brew install --cask libreoffice; Windows: legg LibreOffices "
    "program-mappe i PATH), eller åpne filen og lagre den som DOCX eller PDF"
)
MSG_FAILED = (
    "LibreOffice klarte ikke å gjøre om filen til DOCX – den er trolig skadet eller "
    "passordbeskyttet; åpne den i Word eller LibreOffice og lagre den som DOCX eller PDF"
)
MSG_TIMEOUT = (
    "omgjøringen til DOCX med LibreOffice tok mer enn {seconds} sekunder og ble stoppet – "
    "filen kan være skadet; lagre den som DOCX eller PDF, eller gi mer tid med --timeout"
)
MSG_NOT_WORD = (
    "filen er ikke et Word- eller RTF-dokument (innholdet stemmer ikke med filendelsen {suffix}); "
    "sjekk at det er riktig fil, eller åpne den og lagre den som DOCX eller PDF"
)
# What a .doc or .rtf may really hold: Word 97-2003 (an OLE compound file), RTF,
# a DOCX under the wrong name, or a web page Word saved as .doc. LibreOffice
# would read anything else as text in some guessed encoding, and its garbage
# would be judged as the agreement.
SIGNATURES = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf", b"PK\x03\x04", b"<")
MSG_TOO_LARGE = (
    f"filen er større enn {MAX_CONVERT_BYTES // (1024 * 1024)} MB, langt mer enn en "
    "samarbeidsavtale; sjekk at det er riktig fil, eller lagre den som PDF"
)


def office_program() -> str | None:
    """LibreOffice's command, as Debian and the upstream packages install it."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_converted(path: Path, display: str) -> Document:
    """Convert ``path`` to DOCX in a private folder, read that, and remove the folder."""
    suffix = path.suffix.lower()
    program = office_program()
    if program is None:
        raise DocumentError("unsupported", MSG_NO_LIBREOFFICE.format(
            name=FORMAT_NAMES.get(suffix, suffix)))
    try:
        if path.stat().st_size > MAX_CONVERT_BYTES:
            raise DocumentError("too-large", MSG_TOO_LARGE)
        with path.open("rb") as handle:
            head = handle.read(512)
    except OSError as exc:
        raise os_error(exc) from None
    if not head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(SIGNATURES):
        raise DocumentError("corrupt", MSG_NOT_WORD.format(suffix=path.suffix))
    work = Path(tempfile.mkdtemp(prefix="samlint-convert-"))
    try:
        # A fixed, plain name: LibreOffice names its output after the input and
        # would take a file name starting with "-" for an option.
        source = work / f"avtale{suffix}"
        try:
            shutil.copyfile(path, source)
        except OSError as exc:
            raise os_error(exc) from None
        out = work / "ut"
        out.mkdir()
        _convert(program, source, out, work / "profil")
        converted = out / "avtale.docx"
        if not converted.is_file():
            raise DocumentError("corrupt", MSG_FAILED)
        from samlint.documents.docx import read_docx

        try:
            document = read_docx(converted, display)
        except DocumentError as exc:
            if exc.code in ("too-large", "empty", "timeout"):
                raise
            raise DocumentError("corrupt", MSG_FAILED) from None
        document.path = path
        return document
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _seconds() -> float:
    """A little below the runner's limit, so there is time to stop LibreOffice and clean up."""
    limit = runner.time_limit()
    if limit is None:
        return DEFAULT_SECONDS
    return max(limit * 0.9, limit - 5)


def _convert(program: str, source: Path, out: Path, profile: Path) -> None:
    command = [
        program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
        "--nologo", "--norestore", "--nodefault", "--nolockcheck",
        "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source),
    ]
    # In a runner child (the leader of its own process group) LibreOffice stays
    # in that group, so a kill by the runner takes it along. Called directly,
    # it gets a group of its own, so stopping it never touches the caller's.
    leader = runner.in_child() and os.getpgid(0) == os.getpid()
    seconds = _seconds()
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=not leader,
                                   cwd=out)
    except OSError as exc:
        raise DocumentError("unsupported", MSG_NO_LIBREOFFICE.format(
            name=FORMAT_NAMES.get(source.suffix, source.suffix))) from exc
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        _stop(process, leader)
        raise DocumentError("timeout", MSG_TIMEOUT.format(
            seconds=f"{seconds:g}".replace(".", ","))) from None
    finally:
        if process.returncode is None:
            _stop(process, leader)


def _stop(process: subprocess.Popen[bytes], leader: bool) -> None:
    """Kill LibreOffice and the processes it started (``soffice`` starts ``soffice.bin``)."""
    if not leader:
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
    else:
        for pid in _group_members(os.getpgid(0)):
            if pid != os.getpid():
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        process.kill()
    with contextlib.suppress(Exception):
        process.wait(timeout=5)


def _group_members(group: int) -> list[int]:
    """Processes in ``group`` (Linux: from /proc; elsewhere none, and ``kill`` must do)."""
    members: list[int] = []
    with contextlib.suppress(OSError):
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                with contextlib.suppress(OSError, ValueError, IndexError):
                    stat = Path(entry.path, "stat").read_text()
                    fields = stat[stat.rindex(")") + 2:].split()
                    if int(fields[2]) == group:  # state, ppid, pgrp
                        members.append(int(entry.name))
    return members
