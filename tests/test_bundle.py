"""Zip bundles (issue 15, item 2): a ``.zip`` in an agreement folder is part of the set.

Its members are read like the folder's files, cited as ``bundle.zip!member``,
under the same limits as a DOCX package; nothing in it is skipped silently.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from samlint.documents import bundle, docx_package
from samlint.engine import RunOptions, check_paths
from samlint.results import Status
from samlint.rules import default_rule_files, load_rule_files

REPO = Path(__file__).resolve().parents[1]
KOMPLETT = REPO / "examples" / "komplett"
OPTIONS = RunOptions(jobs=1, cache=None)


@pytest.fixture(scope="module")
def rules() -> list:
    return load_rule_files(default_rule_files())


def zip_of(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def komplett_members(*, without: str = "") -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(KOMPLETT.iterdir()) if without not in p.name
            or not without}


def test_a_bundle_of_the_complete_set_is_the_complete_set(tmp_path: Path, rules: list) -> None:
    bundled = zip_of(tmp_path / "bundle.zip", komplett_members())

    [result] = check_paths([bundled], rules, options=OPTIONS)
    [folder] = check_paths([KOMPLETT], rules, options=OPTIONS)

    assert not result.errors
    assert {r.rule_id: r.status for r in result.rules} == {
        r.rule_id: r.status for r in folder.rules}
    assert {r.status for r in result.rules} == {Status.COVERED}
    files = {e.file for r in result.rules for e in r.evidence}
    assert any(f.endswith("bundle.zip!delavtale-2-innleggelse-ohd-utskrivning.docx")
               for f in files), files
    assert [d.role for d in result.documents].count("delavtale") == 6


def test_a_bundle_inside_an_agreement_folder_is_read_with_it(tmp_path: Path, rules: list) -> None:
    """Hovedavtale beside a zip of the delavtaler: one set, every point covered."""
    folder = tmp_path / "storfjell"
    folder.mkdir()
    (folder / "hovedavtale.pdf").write_bytes((KOMPLETT / "hovedavtale.pdf").read_bytes())
    zip_of(folder / "delavtaler.zip", komplett_members(without="hovedavtale"))

    proc = subprocess.run([sys.executable, "-m", "samlint", "check", "--no-cache", "--format",
                           "json", "storfjell"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=600)

    assert proc.returncode == 0, proc.stderr
    [agreement] = json.loads(proc.stdout)["agreements"]
    assert agreement["files"] == ["storfjell/delavtaler.zip", "storfjell/hovedavtale.pdf"]
    assert {r["status"] for r in agreement["rules"]} == {"covered"}
    assert agreement["documents"][0]["file"].startswith(
        "storfjell/delavtaler.zip!delavtale-1")


def test_a_member_samlint_cannot_read_is_an_error_naming_it(tmp_path: Path, rules: list) -> None:
    bundled = zip_of(tmp_path / "pakke.zip", {
        **komplett_members(), "notater.xlsx": b"PK\x03\x04 ikke et regneark",
        "__MACOSX/._hovedavtale.pdf": b"metadata", "mappe/": b""})

    [result] = check_paths([bundled], rules, options=OPTIONS)

    assert [(e.file.rsplit("/", 1)[-1], e.code) for e in result.errors] == [
        ("pakke.zip!notater.xlsx", "unsupported")]
    # The advice fits a member: out of the zip file, not out of a folder it is not in.
    assert "ta den ut av zip-filen" in result.errors[0].message
    assert "avtalemappen" not in result.errors[0].message
    assert result.rules  # the rest is judged


def test_a_damaged_zip_is_an_error_not_a_skip(tmp_path: Path, rules: list) -> None:
    broken = tmp_path / "pakke.zip"
    broken.write_bytes(b"PK\x03\x04 dette er ingen zip-fil")

    [result] = check_paths([broken], rules, options=OPTIONS)

    [error] = result.errors
    assert error.file.endswith("pakke.zip") and error.code == "corrupt"
    assert "zip-filen" in error.message


def test_nesting_deeper_than_the_limit_is_refused(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("a.txt", "Delavtale 1\n\nTekst.\n")
    data = inner.getvalue()
    for depth in range(bundle.MAX_DEPTH):
        outer = io.BytesIO()
        with zipfile.ZipFile(outer, "w") as zf:
            zf.writestr(f"lag{depth}.zip", data)
        data = outer.getvalue()
    (tmp_path / "dyp.zip").write_bytes(data)

    documents, errors = bundle.read_bundle(tmp_path / "dyp.zip", "dyp.zip")

    assert documents == []
    [error] = errors
    assert error.code == "too-large" and "inne i" in error.message


def test_the_package_limits_apply(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = zip_of(tmp_path / "mange.zip", {f"{n}.txt": b"Tekst.\n" for n in range(5)})
    monkeypatch.setattr(docx_package, "MAX_MEMBERS", 3)

    documents, errors = bundle.read_bundle(bundled, "mange.zip")

    assert documents == []
    assert [(e.file, e.code) for e in errors] == [("mange.zip", "too-large")]
    assert errors[0].message == TOO_MANY.format(count=5, limit=3)


TOO_MANY = ("zip-filen inneholder {count} deler, flere enn de {limit} samlint pakker ut; et "
            "avtalesett har sjelden mer enn noen titalls filer – lag en zip-fil med bare "
            "avtalefilene, eller pakk den ut og kontroller mappen med avtalefilene")


def test_a_zip_of_too_many_members_says_so_not_too_large(tmp_path: Path) -> None:
    """End to end: its own cause (not «for stor eller hardt komprimert»), exit 2, and the
    other file of the run is still judged."""
    limit = docx_package.MAX_MEMBERS
    zip_of(tmp_path / "mange.zip", {f"vedlegg/{n}.txt": b"Tekst.\n" for n in range(limit + 1)})
    run = subprocess.run([sys.executable, "-m", "samlint", "check", "--no-cache", "--format",
                          "json", "mange.zip", str(KOMPLETT / "hovedavtale.pdf")],
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)

    assert run.returncode == 2, run.stderr
    message = TOO_MANY.format(count=limit + 1, limit=limit)
    assert run.stderr.splitlines() == [f"samlint: mange.zip: {message}"]
    bundled, other = json.loads(run.stdout)["agreements"]
    assert [(e["code"], e["message"]) for e in bundled["errors"]] == [("too-large", message)]
    assert other["rules"] and not other["errors"]


def test_a_member_path_never_leaves_the_scratch_folder(tmp_path: Path) -> None:
    bundled = zip_of(tmp_path / "lure.zip", {"../../utenfor.txt": b"Delavtale 1\n\nTekst.\n"})

    documents, errors = bundle.read_bundle(bundled, "lure.zip")

    assert not errors and [d.display for d in documents] == ["lure.zip!../../utenfor.txt"]
    assert not (tmp_path.parent / "utenfor.txt").exists()


def test_text_and_markdown_name_a_member_in_a_subfolder_as_json_does(tmp_path: Path,
                                                                     rules: list) -> None:
    """``bundle.zip!delavtaler/x.docx`` in every format, and the heading counts the members."""
    from samlint.reporting.json_report import build_report
    from samlint.reporting.markdown import render_markdown
    from samlint.reporting.text import report_lines

    members = {("delavtaler/" if "delavtale" in name else "") + name: data
               for name, data in komplett_members().items()}
    bundled = zip_of(tmp_path / "bundle.zip", members)
    [result] = check_paths([bundled], rules, options=OPTIONS)

    [agreement] = build_report([result])["agreements"]
    cited = {e["file"] for r in agreement["rules"] for e in r["evidence"]}
    member = next(f for f in cited if "!delavtaler/" in f)
    shown = "bundle.zip!" + member.split("!", 1)[1]  # the zip's folder is in the heading
    text = "\n".join("".join(piece for piece, _ in line) for line in report_lines([result], 200))
    assert f"{shown} l. " in text or f"{shown} s. " in text
    assert f"{shown.replace('!', chr(92) + '!')} " in render_markdown([result])
    assert f"bundle.zip ({len(members)} filer)" in text
    assert f"bundle.zip ({len(members)} filer)" in render_markdown([result])
