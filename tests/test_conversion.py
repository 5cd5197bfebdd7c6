"""The same agreement in every format gives the same verdicts; .doc and .rtf go through LibreOffice.

The key target of reading more formats: a kommune that publishes its
agreement as ODT, as a web page or as an old .doc must get the verdicts the
DOCX gets. The other formats are made from the DOCX files here with
LibreOffice (``--convert-to``), as a kommune would make them, and judged side
by side. Tests that need LibreOffice skip, saying so, only where it is not
installed; ``.ci/run`` installs it.
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
from samlint.engine import RunOptions, check_paths
from samlint.rules import default_rule_files, load_rule_files

EXAMPLES = REPO / "examples"
CORPUS = REPO.parent / "shared" / "corpus" / "cases"
OFFICE = convert.office_program()
needs_office = pytest.mark.skipif(
    OFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install "
    "libreoffice-writer-nogui; .ci/run installs it")
FORMATS = ("odt", "html", "doc", "rtf")


def sources() -> list[Path]:
    """The bundled example DOCX files and every DOCX of the shared corpus."""
    found = [EXAMPLES / "mangelfull.docx", *sorted((EXAMPLES / "komplett").glob("*.docx"))]
    if CORPUS.is_dir():
        found += sorted(CORPUS.rglob("*.docx"))
    return found


def office_convert(files: list[Path], fmt: str, out: Path) -> None:
    """One LibreOffice start for many files, with a profile of its own."""
    profile = out / "profil"
    subprocess.run([OFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", fmt, "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=600)


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every source DOCX in every format, under a unique name per source."""
    if OFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    root = tmp_path_factory.mktemp("formater")
    renamed = root / "docx"
    renamed.mkdir()
    for number, source in enumerate(sources()):
        shutil.copyfile(source, renamed / f"{number:02d}-{source.stem}.docx")
    files = sorted(renamed.glob("*.docx"))
    for fmt in FORMATS:
        (root / fmt).mkdir()
        office_convert(files[:1] if fmt == "rtf" else files, fmt, root / fmt)
    return {"docx": renamed, **{fmt: root / fmt for fmt in FORMATS}}


def statuses(paths: list[Path]) -> list[dict[str, str]]:
    """Verdicts per path, several at once: each conversion has a LibreOffice of its own."""
    rules = load_rule_files(default_rule_files())
    options = RunOptions(jobs=min(8, runner.cores()), timeout=120.0)
    results = check_paths(paths, rules, options=options)
    assert all(not result.errors for result in results), [r.errors for r in results]
    return [{rule.rule_id: rule.status.value for rule in result.rules} for result in results]


@needs_office
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_docx_gives_the_same_verdicts_in_every_format(converted: dict[str, Path],
                                                           fmt: str) -> None:
    """Per rule, the same status as the DOCX, for each example and corpus DOCX."""
    originals = sorted(converted["docx"].glob("*.docx"))
    if fmt == "rtf":  # RTF is read exactly like .doc; the deficient example is enough
        originals = originals[:1]
    copies = [converted[fmt] / f"{path.stem}.{fmt}" for path in originals]

    expected = statuses(originals)
    got = statuses(copies)

    differing = {path.name: {rule: (expected[i][rule], got[i].get(rule))
                             for rule in expected[i] if expected[i][rule] != got[i].get(rule)}
                 for i, path in enumerate(originals) if expected[i] != got[i]}
    assert differing == {}
    assert len(originals) >= (1 if fmt == "rtf" else 7)  # guard: the examples at least


@needs_office
def test_the_deficient_example_as_a_folder_of_every_format(converted: dict[str, Path],
                                                          tmp_path: Path) -> None:
    """Mixed formats in one agreement folder are read together, every file accounted for."""
    folder = tmp_path / "blandet"
    folder.mkdir()
    komplett = sorted(converted["docx"].glob("*-delavtale-*.docx"))
    for fmt, source in zip(("odt", "html", "doc", "html", "docx"), komplett, strict=False):
        shutil.copyfile(converted[fmt] / f"{source.stem}.{fmt}", folder / f"{source.stem}.{fmt}")
    for pdf in (EXAMPLES / "komplett").glob("*.pdf"):
        shutil.copyfile(pdf, folder / pdf.name)

    [mixed] = statuses([folder])
    [original] = statuses([EXAMPLES / "komplett"])
    assert mixed == original


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
