""".doc and .rtf go through LibreOffice; .docm, .dotx and .dotm through the DOCX reader.

That every format gives the DOCX's verdicts is ``test_format_equivalence.py``.
Tests that need LibreOffice skip, saying so, only where it is not installed;
``.ci/run`` installs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import REPO, SRC

from samlint import runner
from samlint.documents import convert, read_document
from samlint.documents.model import BlockKind, DocumentError

EXAMPLES = REPO / "examples"
OFFICE = convert.office_program()
needs_office = pytest.mark.skipif(
    OFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install "
    "libreoffice-writer-nogui; .ci/run installs it")


@pytest.mark.parametrize("suffix", [".docm", ".dotx", ".dotm", ".DOCM"])
def test_word_macro_documents_and_templates_are_read_as_docx(tmp_path: Path,
                                                             suffix: str) -> None:
    source = EXAMPLES / "mangelfull.docx"
    copy = tmp_path / f"avtale{suffix}"
    shutil.copyfile(source, copy)

    expected = [(b.text, b.kind, b.level) for b in read_document(source, "x").blocks]
    assert [(b.text, b.kind, b.level) for b in read_document(copy, "x").blocks] == expected


RTF = (r"{\rtf1\ansi\deff0{\fonttbl{\f0 Times;}}{\stylesheet{\s0 Normal;}"
       r"{\s1\outlinelevel0 heading 1;}}" "\n"
       r"{\pard\s1\outlinelevel0 1 Form\u229?l\par}" "\n"
       r"{\pard Partene samarbeider om utskrivningsklare pasienter.\par}" "\n}")


@needs_office
def test_hand_written_rtf_keeps_its_heading(tmp_path: Path) -> None:
    path = tmp_path / "avtale.rtf"
    path.write_text(RTF, encoding="ascii")

    document = read_document(path, "avtale.rtf")

    assert [(b.text, b.kind, b.level) for b in document.blocks] == [
        ("1 Formål", BlockKind.HEADING, 1),
        ("Partene samarbeider om utskrivningsklare pasienter.", BlockKind.PARAGRAPH, 0)]
    assert document.path == path


@needs_office
def test_a_blank_rtf_is_empty_after_conversion(tmp_path: Path) -> None:
    """LibreOffice turns a blank RTF into a DOCX of one empty paragraph: the DOCX reader's
    «ingen tekst» reaches the user, not fourteen «mangler»."""
    path = tmp_path / "tom.rtf"
    path.write_text(r"{\rtf1\ansi }", encoding="ascii")
    with pytest.raises(DocumentError) as caught:
        read_document(path, "tom.rtf")
    assert caught.value.code == "empty"


@needs_office
def test_conversion_leaves_no_temporary_folder(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    path = tmp_path / "avtale.rtf"
    path.write_text(RTF, encoding="ascii")

    read_document(path, "avtale.rtf")

    assert list(scratch.iterdir()) == []


@needs_office
def test_a_conversion_over_its_time_is_stopped_and_cleaned_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setattr(convert, "_seconds", lambda: 0.05)
    path = tmp_path / "avtale.doc"
    shutil.copyfile(EXAMPLES / "mangelfull.docx", path)  # a DOCX named .doc: LibreOffice reads it

    with pytest.raises(DocumentError) as caught:
        read_document(path, "avtale.doc")

    assert caught.value.code == "timeout" and "--timeout" in caught.value.message
    assert list(scratch.iterdir()) == []


def test_the_conversion_time_stays_below_the_runner_limit() -> None:
    """Inside a runner child LibreOffice is stopped before the runner would kill the child."""
    assert runner.time_limit() is None
    limit = runner.call(convert._seconds, seconds=20.0)
    assert 15 <= limit < 20
    assert runner.call(runner.time_limit, seconds=7.5) == 7.5


@pytest.mark.parametrize("name", ["avtale.doc", "avtale.rtf"])
def test_garbage_named_doc_or_rtf_is_refused_before_conversion(tmp_path: Path,
                                                              name: str) -> None:
    """LibreOffice would read it as text in a guessed encoding, and judge the garbage."""
    if OFFICE is None:
        pytest.skip("the content check comes after the LibreOffice check")
    path = tmp_path / name
    path.write_bytes(bytes(range(256)) * 8)

    with pytest.raises(DocumentError) as caught:
        read_document(path, name)

    assert caught.value.code == "corrupt" and "DOCX eller PDF" in caught.value.message


@pytest.mark.parametrize("name", ["avtale.doc", "avtale.rtf"])
def test_without_libreoffice_the_error_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setattr(convert, "office_program", lambda: None)
    path = tmp_path / name
    path.write_text(RTF, encoding="ascii")

    with pytest.raises(DocumentError) as caught:
        read_document(path, name)

    message = caught.value.message
    assert caught.value.code == "unsupported"
    assert "apt-get install libreoffice-writer-nogui" in message
    assert "DOCX eller PDF" in message and "\n" not in message


def test_without_libreoffice_a_run_says_so_in_one_line_and_exits_2(tmp_path: Path) -> None:
    """End to end with no soffice on PATH: the .doc is named, the DOCX beside it still judged."""
    (tmp_path / "avtale.doc").write_text(RTF, encoding="ascii")
    shutil.copyfile(EXAMPLES / "mangelfull.docx", tmp_path / "mangelfull.docx")
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1",
           "PATH": str(Path(sys.executable).parent)}

    run = subprocess.run([sys.executable, "-m", "samlint", "check", "--no-cache",
                          "avtale.doc", "mangelfull.docx"], capture_output=True, text=True,
                         cwd=tmp_path, env=env, timeout=120)

    assert run.returncode == 2
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "avtale.doc" in lines[0] and "LibreOffice" in lines[0]
    assert "Traceback" not in run.stderr
    assert "mangelfull.docx" in run.stdout


@needs_office
def test_a_timeout_in_a_runner_child_stops_libreoffice_and_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the reading child LibreOffice shares the child's group and is stopped with it."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setattr(convert, "_seconds", lambda: 0.5)  # seen by the forked child
    path = tmp_path / "avtale.rtf"
    path.write_text(RTF, encoding="ascii")

    with pytest.raises(DocumentError) as caught:
        runner.call(read_document, (path, "avtale.rtf"), seconds=30.0)

    assert caught.value.code == "timeout"
    assert list(scratch.iterdir()) == []
    left = subprocess.run(["pgrep", "-f", str(scratch)], capture_output=True, text=True)
    assert left.stdout.strip() == ""  # no LibreOffice left running on this folder
