"""Unreadable input end to end: ``python -m samlint check`` as a real process.

A municipality checking a folder of agreements must get one plain Norwegian
line per file that could not be read, exit status 2, and still the verdicts
for every file that could be read, without a traceback and without samlint
writing anything next to their files. Hostile files (a zip bomb) must be
refused quickly rather than inflated.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document as new_docx

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
GOOD_SOURCE = REPO / "examples" / "mangelfull.docx"
GOOD_NAME = "mangelfull.docx"
BUILTIN_IDS = {f"hol-6-2-nr{n}" for n in range(1, 14)} | {"hol-6-2-ledd2"}
TIMEOUT = 60
BOMB_MEMBER_SIZE = 64 * 1024 * 1024


def run_check(*args: str | os.PathLike[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m samlint check ARGS`` with the repo's src on the path, no colour."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "samlint", "check", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=TIMEOUT,
    )


def nonblank(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr


# ------------------------------------------------------------------ bad inputs


@functools.cache
def zip_bomb_bytes() -> bytes:
    """A DOCX whose document part declares 64 MiB but deflates to well under 1 % of that.

    Built once per test session (in memory, about 0.3 s) and written where needed.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        info = zipfile.ZipInfo("word/document.xml", date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        chunk = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * (1 << 15)
        with archive.open(info, "w", force_zip64=True) as member:
            written = 0
            while written < BOMB_MEMBER_SIZE:
                member.write(chunk)
                written += len(chunk)
    return buffer.getvalue()


def make_zip_bomb(path: Path) -> Path:
    path.write_bytes(zip_bomb_bytes())
    return path


def truncated_copy(source: Path, target: Path, fraction: float = 0.6) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * fraction)])
    return target


@dataclass(frozen=True)
class BadInput:
    """How to create one unreadable input in a folder, and what samlint must say about it."""

    name: str  # file or folder name, also what the error line must mention
    code: str  # the stable error code in JSON
    cause: str  # a Norwegian word the one-line cause must contain
    make: Callable[[Path], object]  # creates it inside the given folder (or not, if missing)
    message: str | None = None  # the whole message, where it is pinned down


def _copy(source: Path, name: str) -> Callable[[Path], object]:
    return lambda folder: shutil.copyfile(source, folder / name)


def _empty_dir(folder: Path) -> None:
    (folder / "tom_mappe").mkdir()
    # Hidden files are editor and system leftovers, never part of the agreement.
    (folder / "tom_mappe" / ".notater.rtf").write_text("ikke en avtale", encoding="utf-8")


def _corpus_truncated(folder: Path) -> None:
    source = CORPUS / "bad" / "delavtale_06_avkortet.docx"
    if not source.is_file():
        pytest.skip(f"shared corpus not available at {source}")
    shutil.copyfile(source, folder / "delavtale_06_avkortet.docx")


BAD_INPUTS = [
    BadInput("kryptert.pdf", "encrypted", "passord", _copy(FIXTURES / "kryptert.pdf",
                                                           "kryptert.pdf")),
    BadInput("uten_tekstlag.pdf", "no-text-layer", "tekstlag",
             _copy(FIXTURES / "uten_tekstlag.pdf", "uten_tekstlag.pdf")),
    BadInput("avkortet.docx", "corrupt", "skadet",
             lambda folder: truncated_copy(GOOD_SOURCE, folder / "avkortet.docx")),
    BadInput("delavtale_06_avkortet.docx", "corrupt", "skadet", _corpus_truncated),
    BadInput("bombe.docx", "too-large", "komprimert",
             lambda folder: make_zip_bomb(folder / "bombe.docx")),
    BadInput("avtale.xlsx", "unsupported", "støttes ikke",
             lambda folder: (folder / "avtale.xlsx").write_text("Samarbeidsavtale",
                                                                encoding="utf-8"),
             "filtypen .xlsx støttes ikke; samlint leser PDF, Word (DOCX, DOCM, DOTX, DOTM, DOC, "
             "RTF), ODT (ODT, OTT), HTML (HTML, HTM), TXT, MD og ZIP – lagre filen som PDF eller "
             "DOCX, eller flytt den ut av avtalemappen hvis den ikke er en del av avtalen"),
    # A picture and a program saved as .pdf are named as what they are, not as damaged PDFs.
    BadInput("bilde.pdf", "wrong-type", "png-bilde",
             lambda folder: (folder / "bilde.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64)),
             "filen heter .pdf, men er et PNG-bilde; skann avtalen til PDF, eller lim bildet inn "
             "i et Word-dokument – samlint leser ikke bilder alene"),
    BadInput("program.pdf", "wrong-type", "program",
             lambda folder: (folder / "program.pdf").write_bytes(b"\x7fELF\x02\x01" + bytes(64)),
             "filen heter .pdf, men er et program (ELF), ikke et dokument; sjekk at det er "
             "riktig fil, og hent avtalen på nytt"),
    BadInput("avtale.odt", "corrupt", "skadet",
             lambda folder: (folder / "avtale.odt").write_text("Samarbeidsavtale",
                                                               encoding="utf-8")),
    BadInput("tom.txt", "empty", "tom", lambda folder: (folder / "tom.txt").write_bytes(b"")),
    # A blank Word document is not 0 bytes, but holds no text: an error, like an empty ODT.
    BadInput("tom.docx", "empty", "ingen tekst",
             lambda folder: new_docx().save(folder / "tom.docx"),
             "filen inneholder ingen tekst; sjekk at det er riktig fil"),
    BadInput("borte.pdf", "not-found", "finnes ikke", lambda folder: None),
    BadInput("tom_mappe", "empty", "ingen filer", _empty_dir),
]


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A folder holding a readable agreement; each test adds the bad inputs it needs."""
    folder = tmp_path / "inn"
    folder.mkdir()
    shutil.copyfile(GOOD_SOURCE, folder / GOOD_NAME)
    return folder


@pytest.mark.parametrize("bad", BAD_INPUTS, ids=[bad.name for bad in BAD_INPUTS])
def test_bad_input_is_one_line_exit_2_and_good_file_still_checked(
    inputs: Path, bad: BadInput
) -> None:
    """Exit 2, one Norwegian error line naming the file, JSON code, and 14 verdicts for the rest."""
    bad.make(inputs)
    result = run_check(f"inn/{bad.name}", f"inn/{GOOD_NAME}", "--format", "json",
                       cwd=inputs.parent)

    assert result.returncode == 2, result.stderr
    assert_no_traceback(result)
    lines = nonblank(result.stderr)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("samlint: ")
    assert bad.name in lines[0]
    assert bad.cause in lines[0].lower()
    if bad.message is not None:
        assert lines[0] == f"samlint: inn/{bad.name}: {bad.message}"

    report = json.loads(result.stdout)
    by_path = {agreement["path"]: agreement for agreement in report["agreements"]}
    assert set(by_path) == {f"inn/{bad.name}", f"inn/{GOOD_NAME}"}
    failed = by_path[f"inn/{bad.name}"]
    assert [error["code"] for error in failed["errors"]] == [bad.code]
    assert failed["rules"] == []  # never "missing" for an agreement samlint did not see
    good = by_path[f"inn/{GOOD_NAME}"]
    assert good["errors"] == []
    assert {rule["id"] for rule in good["rules"]} == BUILTIN_IDS
    assert len(good["rules"]) == 14
    assert report["summary"]["errors"] == 1


def make_all_bad(folder: Path) -> list[str]:
    """Create every bad input that does not need the shared corpus; return their names."""
    names = []
    for bad in BAD_INPUTS:
        if bad.make is _corpus_truncated:
            continue
        bad.make(folder)
        names.append(bad.name)
    return names


def test_all_bad_inputs_in_one_text_run(inputs: Path) -> None:
    """In the text report each bad input is one stderr line and the good file is still judged."""
    names = make_all_bad(inputs)
    result = run_check(*(f"inn/{name}" for name in names), f"inn/{GOOD_NAME}", cwd=inputs.parent)

    assert result.returncode == 2
    assert_no_traceback(result)
    lines = nonblank(result.stderr)
    assert len(lines) == len(names), result.stderr
    for name in names:
        assert sum(name in line for line in lines) == 1, (name, lines)
    assert f"inn/{GOOD_NAME}" in result.stdout
    blocks = {line.split()[1] for line in result.stdout.splitlines()
              if line[:1].isalpha() and len(line.split()) > 1}
    expected = {f"hol-6-2-nr{n}" for n in range(1, 14)} | {"hol-6-2-ledd2"}
    assert expected <= blocks  # one block per rule for the good agreement


def test_debug_does_not_turn_a_bad_file_into_a_crash(inputs: Path) -> None:
    """--debug brings back tracebacks for bugs; an unreadable file is not a bug."""
    names = make_all_bad(inputs)
    result = run_check(*(f"inn/{name}" for name in names), f"inn/{GOOD_NAME}", "--debug",
                       "--format", "json", cwd=inputs.parent)

    assert result.returncode == 2
    assert_no_traceback(result)
    assert len(nonblank(result.stderr)) == len(names), result.stderr
    report = json.loads(result.stdout)
    good = next(a for a in report["agreements"] if a["path"] == f"inn/{GOOD_NAME}")
    assert len(good["rules"]) == 14


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry below ``folder``: SHA-256 for files, a marker for directories."""
    entries = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        entries[key] = "<dir>" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return entries


def test_nothing_is_written_next_to_the_inputs(inputs: Path) -> None:
    """Checking files, one by one and as a folder, leaves the folder exactly as it was."""
    names = make_all_bad(inputs)
    before = snapshot(inputs.parent)
    assert f"inn/{GOOD_NAME}" in before and "inn/kryptert.pdf" in before  # guard

    result = run_check(*(f"inn/{name}" for name in names), f"inn/{GOOD_NAME}", "inn",
                       cwd=inputs.parent)

    assert result.returncode == 2
    assert snapshot(inputs.parent) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_beside_an_agreement_does_not_hang_the_run(inputs: Path) -> None:
    """The case officers' folder: a FIFO there hung samlint before any child (and its
    --timeout) ran, since the parent opened it to hash it for the cache. Now it is one line,
    exit 2, and the agreement beside it is judged; as a file argument too."""
    os.mkfifo(inputs / "rør.txt")
    started = time.monotonic()
    folder = run_check("--timeout", "10", "--format", "json", "inn", cwd=inputs.parent)
    alone = run_check("--timeout", "10", "inn/rør.txt", f"inn/{GOOD_NAME}", cwd=inputs.parent)
    assert time.monotonic() - started < 40

    for result in (folder, alone):
        assert result.returncode == 2, result.stderr
        assert_no_traceback(result)
        [line] = nonblank(result.stderr)
        assert line.startswith("samlint: inn/rør.txt: er ikke en vanlig fil"), line
    [agreement] = json.loads(folder.stdout)["agreements"]
    assert [e["code"] for e in agreement["errors"]] == ["unsupported"]
    assert len(agreement["rules"]) == 14
    assert f"inn/{GOOD_NAME}" in alone.stdout


def test_zip_bomb_is_rejected_fast(inputs: Path) -> None:
    """The zip directory alone gives the bomb away; nothing is inflated."""
    bomb = make_zip_bomb(inputs / "bombe.docx")
    with zipfile.ZipFile(bomb) as archive:  # guard: it really is a high-ratio bomb
        member = archive.getinfo("word/document.xml")
        assert member.file_size >= BOMB_MEMBER_SIZE
        assert member.file_size > 200 * member.compress_size
    assert bomb.stat().st_size < BOMB_MEMBER_SIZE // 100

    started = time.monotonic()
    result = run_check("inn/bombe.docx", cwd=inputs.parent)
    elapsed = time.monotonic() - started

    assert result.returncode == 2
    assert_no_traceback(result)
    assert elapsed < 15, f"took {elapsed:.1f} s"
    lines = nonblank(result.stderr)
    assert len(lines) == 1 and "bombe.docx" in lines[0]


def test_the_unsupported_message_names_every_kind_the_readers_read() -> None:
    """The list is made from the readers' registry (``documents.READABLE``), so it cannot
    leave out a kind samlint reads (it once left out ZIP, .docm, .dotx, .ott, .htm)."""
    from samlint import documents

    read = {*documents.WORD_SUFFIXES, *documents.ODT_SUFFIXES, *documents.HTML_SUFFIXES,
            *documents.CONVERTED_SUFFIXES, ".pdf", ".txt", ".md", documents.BUNDLE_SUFFIX}
    listed = {suffix for _, suffixes in documents.READABLE for suffix in suffixes}
    assert listed == read
    assert set(documents.SUPPORTED_SUFFIXES) == read - {documents.BUNDLE_SUFFIX}
    for suffix in listed:
        assert suffix[1:].upper() in documents.MSG_UNSUPPORTED
