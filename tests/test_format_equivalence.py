"""The same agreement gives the same verdicts as DOCX, ODT, HTML and .doc (issue 15's target).

A kommune that publishes its agreement as ODT, as a web page or as an old
.doc must get the verdicts the DOCX gets: the same status and, for a weak
verdict, the same kind (what the reviewer acts on). The other formats are
made here from every bundled example DOCX and every DOCX of the shared
corpus with LibreOffice (``--convert-to``), as a kommune would make them:
one LibreOffice start per format for all the files, with a profile of its
own. The complete example is also judged as a set, its DOCX files replaced
by each format, since roles and references between files must survive too.
(DOCX against the PDF exported from it: ``test_docx_headings.py``.)

These tests skip, saying so, only where LibreOffice is not installed;
``.ci/run`` installs it.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO

from samlint import runner
from samlint.documents import convert
from samlint.engine import RunOptions, check_paths
from samlint.rules import default_rule_files, load_rule_files

EXAMPLES = REPO / "examples"
CORPUS = REPO.parent / "shared" / "corpus" / "cases"
OFFICE = convert.office_program()
pytestmark = pytest.mark.skipif(
    OFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install "
    "libreoffice-writer-nogui; .ci/run installs it")
FORMATS = ("odt", "html", "doc")
Verdicts = dict[str, tuple[str, str | None]]  # rule id -> (status, weak kind)


def sources() -> list[Path]:
    """The bundled example DOCX files and every DOCX of the shared corpus."""
    found = [EXAMPLES / "mangelfull.docx", *sorted((EXAMPLES / "komplett").glob("*.docx"))]
    assert CORPUS.is_dir(), "../shared is missing (CI checks it out beside the repository)"
    return found + sorted(CORPUS.rglob("*.docx"))


def office_convert(files: list[Path], fmt: str, out: Path) -> None:
    """One LibreOffice start for many files, with a profile of its own."""
    out.mkdir()
    subprocess.run([OFFICE, f"-env:UserInstallation={(out / 'profil').as_uri()}", "--headless",
                    "--convert-to", fmt, "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=900)


def verdicts(paths: list[Path]) -> list[Verdicts]:
    """Verdicts per path, several at once; every file must have been read."""
    rules = load_rule_files(default_rule_files())
    options = RunOptions(jobs=min(4, runner.cores()), timeout=300.0, as_of=date(2026, 12, 1))
    results = check_paths(paths, rules, options=options)
    assert [result.errors for result in results if result.errors] == []
    return [{rule.rule_id: (rule.status.value, rule.weak_kind) for rule in result.rules}
            for result in results]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every source DOCX in every format, named by its place in ``sources()`` (names
    repeat across sets); RTF, read exactly like .doc, for the deficient example only."""
    root = tmp_path_factory.mktemp("formater")
    originals = root / "docx"
    originals.mkdir()
    for number, source in enumerate(sources()):
        shutil.copyfile(source, originals / f"{number:02d}.docx")
    files = sorted(originals.glob("*.docx"))
    for fmt in FORMATS:
        office_convert(files, fmt, root / fmt)
    office_convert(files[:1], "rtf", root / "rtf")
    return {"docx": originals, **{fmt: root / fmt for fmt in (*FORMATS, "rtf")}}


@pytest.fixture(scope="module")
def expected(converted: dict[str, Path]) -> dict[str, Verdicts]:
    """The DOCX verdicts, by file stem: what every other format must give."""
    originals = sorted(converted["docx"].glob("*.docx"))
    return dict(zip((path.stem for path in originals), verdicts(originals), strict=True))


def _differences(expected: dict[str, Verdicts], got: dict[str, Verdicts]) -> dict[str, object]:
    named = {f"{number:02d}": source.name for number, source in enumerate(sources())}
    return {named.get(name, name): {rule: (verdict, got[name].get(rule))
                                    for rule, verdict in wanted.items()
                                    if got[name].get(rule) != verdict}
            for name, wanted in expected.items() if got[name] != wanted}


@pytest.mark.parametrize("fmt", [*FORMATS, "rtf"])
def test_every_docx_gives_the_same_verdicts_in_every_format(
        converted: dict[str, Path], expected: dict[str, Verdicts], fmt: str) -> None:
    """Per file alone: each rule's status and weak kind as for the DOCX."""
    stems = sorted(expected)[:1] if fmt == "rtf" else sorted(expected)
    copies = [converted[fmt] / f"{stem}.{fmt}" for stem in stems]

    got = dict(zip(stems, verdicts(copies), strict=True))

    assert _differences({stem: expected[stem] for stem in stems}, got) == {}
    assert len(stems) >= (1 if fmt == "rtf" else 6 + 12)  # the examples, the corpus DOCX
    assert all(expected.values())  # judged at all: not equal for being empty


SETS = [EXAMPLES / "komplett", *(CORPUS / name for name in
                                ("02_lagdal_2016_tenesteavtalar", "05_tindvik_delavtaler",
                                 "13_breidalen_avtalesett"))]


def _as_format(converted: dict[str, Path], agreement: Path, folder: Path,
               formats: list[str]) -> Path:
    """A copy of the agreement folder with each DOCX in one of ``formats`` (in turn) under
    its own name, so its role and the references to it are seen; other files as they are."""
    numbers = {source: f"{number:02d}" for number, source in enumerate(sources())}
    turn = 0
    for path in sorted(agreement.rglob("*")):
        if not path.is_file():
            continue
        target = folder / path.relative_to(agreement)
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".docx":
            fmt = formats[turn % len(formats)]
            turn += 1
            target = target.with_suffix(f".{fmt}")
            shutil.copyfile(converted[fmt] / f"{numbers[path]}.{fmt}", target)
        else:
            shutil.copyfile(path, target)
    assert turn >= 2
    return folder


@pytest.mark.parametrize("agreement", SETS, ids=lambda path: path.name)
def test_an_agreement_set_gives_the_same_verdicts_in_every_format(
        converted: dict[str, Path], tmp_path: Path, agreement: Path) -> None:
    """As a set: roles, references between files and evidence across them survive the
    format; a folder that mixes the formats too."""
    mixes = {fmt: [fmt] for fmt in FORMATS} | {"blandet": ["odt", "html", "doc", "docx"]}
    folders = [_as_format(converted, agreement, tmp_path / name / agreement.name, formats)
               for name, formats in mixes.items()]

    [original, *others] = verdicts([agreement, *folders])

    assert original
    differing = {folder.parent.name: {rule: (verdict, got.get(rule))
                                      for rule, verdict in original.items()
                                      if got.get(rule) != verdict}
                 for folder, got in zip(folders, others, strict=True) if got != original}
    assert differing == {}
