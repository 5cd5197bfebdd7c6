"""Agreement sets as they really are (issue 16): discovery by folders and parties,
roles and parties of every document, and the notice for agreements § 6-2 does not govern.

The folders are built from the examples: ``komplett/`` is Storfjell kommune's
complete set, ``mangelfull.docx`` Lundvær kommune's deficient agreement.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from samlint.engine import RunOptions, check_paths
from samlint.results import AgreementResult, Status
from samlint.rules import default_rule_files, load_rule_files

REPO = Path(__file__).resolve().parents[1]
KOMPLETT = REPO / "examples" / "komplett"
MANGELFULL = REPO / "examples" / "mangelfull.docx"
SHARED = REPO.parent / "shared"
if not SHARED.is_dir():
    SHARED = Path("/work/shared")
LUNDVAER_MISSING = {"hol-6-2-nr4", "hol-6-2-nr12", "hol-6-2-nr13"}
OPTIONS = RunOptions(jobs=1, cache=None)


@pytest.fixture(scope="module")
def rules() -> list:
    return load_rule_files(default_rule_files())


def statuses(result: AgreementResult) -> dict[str, Status]:
    return {rule.rule_id: rule.status for rule in result.rules}


def missing(result: AgreementResult) -> set[str]:
    return {rule.rule_id for rule in result.rules if rule.status is Status.MISSING}


def storfjell_and_lundvaer(root: Path) -> Path:
    shutil.copytree(KOMPLETT, root / "storfjell")
    (root / "lundvaer").mkdir(parents=True)
    shutil.copy2(MANGELFULL, root / "lundvaer" / "samarbeidsavtale.docx")
    return root


def samlint(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "samlint", "check", "--no-cache", *map(str, args)],
                          cwd=cwd, capture_output=True, text=True, timeout=600)


# --------------------------------------------------------------------------- discovery


def test_a_folder_of_kommune_folders_is_one_agreement_per_kommune(tmp_path: Path) -> None:
    """Issue 16's first target: two agreements with their own verdicts, exit 1."""
    avtaler = storfjell_and_lundvaer(tmp_path / "avtaler")
    (tmp_path / "README.md").write_text("# Avtalene våre\n", encoding="utf-8")

    proc = samlint(".", "--format", "json", cwd=tmp_path)

    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    by_path = {a["path"]: a for a in report["agreements"]}
    assert set(by_path) == {"avtaler/lundvaer", "avtaler/storfjell"}  # README.md is no agreement
    storfjell, lundvaer = by_path["avtaler/storfjell"], by_path["avtaler/lundvaer"]
    assert {r["status"] for r in storfjell["rules"]} == {"covered"}
    assert {r["id"] for r in lundvaer["rules"] if r["status"] == "missing"} == LUNDVAER_MISSING
    assert [p["name"] for p in lundvaer["parties"]] == ["Lundvær kommune", "Helse Nordvik HF"]
    assert avtaler.is_dir()


def test_the_same_files_side_by_side_are_split_by_kommune(tmp_path: Path, rules: list) -> None:
    """Never one agreement: Lundvær's missing points stay missing beside Storfjell's set."""
    flat = tmp_path / "avtaler"
    shutil.copytree(KOMPLETT, flat)
    shutil.copy2(MANGELFULL, flat / "samarbeidsavtale-lundvaer.docx")
    separate = storfjell_and_lundvaer(tmp_path / "hver")

    results = check_paths([flat], rules, options=OPTIONS)
    alone = {r.path.rsplit("/", 1)[-1]: r for r in check_paths(
        [separate / "storfjell", separate / "lundvaer"], rules, options=OPTIONS)}

    assert len(results) == 2
    storfjell, lundvaer = sorted(results, key=lambda r: "Lundvær" in r.path)
    assert storfjell.path.endswith("avtaler (Storfjell kommune)")
    assert lundvaer.path.endswith("avtaler (Lundvær kommune)")
    assert statuses(storfjell) == statuses(alone["storfjell"])
    assert statuses(lundvaer) == statuses(alone["lundvaer"])
    assert missing(lundvaer) == LUNDVAER_MISSING
    assert len(lundvaer.files) == 1 and len(storfjell.files) == 7


def test_a_file_that_names_neither_kommune_stops_the_set_with_exit_2(tmp_path: Path) -> None:
    flat = tmp_path / "avtaler"
    shutil.copytree(KOMPLETT, flat)
    shutil.copy2(MANGELFULL, flat / "lundvaer.docx")
    (flat / "kontakter.txt").write_text(
        "Kontaktliste\n\nVakttelefonen til legevakten og til sengeposten står her.\n",
        encoding="utf-8")

    proc = samlint("avtaler", cwd=tmp_path)

    assert proc.returncode == 2
    [line] = proc.stderr.strip().splitlines()
    assert "Storfjell kommune" in line and "Lundvær kommune" in line
    assert "avtaler/kontakter.txt" in line and ".samlint.yaml" in line
    assert "1 avtale:" in proc.stdout  # one set, not judged: no verdict hides the mix-up
    # the files were read: the set is counted as not judged, not as unreadable files
    assert "1 avtale kunne ikke vurderes" in proc.stdout
    assert "kunne ikke leses" not in proc.stdout


def test_a_file_naming_no_kommune_joins_the_set_beside_it(tmp_path: Path, rules: list) -> None:
    """Unambiguous: the vedlegg sits in Storfjell's folder, only Storfjell's files are there."""
    root = storfjell_and_lundvaer(tmp_path / "avtaler")
    (root / "storfjell" / "vedlegg-1.txt").write_text(
        "Vedlegg 1 – Kontaktliste\n\nVakttelefonen til legevakten står her.\n", encoding="utf-8")

    results = check_paths([root], rules, options=OPTIONS)

    assert [r.path.rsplit("/", 1)[-1] for r in results] == ["lundvaer", "storfjell"]
    assert [d.role for d in results[1].documents].count("vedlegg") == 1


INTERKOMMUNAL = {
    "hovedavtale.txt": (
        "Samarbeidsavtale mellom Fjordvik, Nesby og Holmen kommuner og Sykehuset Kystlia HF\n\n"
        "1 Parter\n\nAvtalen er inngått mellom kommunene Fjordvik, Nesby og Holmen og "
        "Sykehuset Kystlia HF.\n\n2 Formål\n\nPartene samarbeider om pasientforløp.\n"),
    "delavtale-1.txt": (
        "Delavtale 1 – Oppgaver\n\nDelavtale til samarbeidsavtalen mellom Fjordvik, Nesby og "
        "Holmen kommuner og Sykehuset Kystlia HF\n\n1 Formål\n\nKommunene og sykehuset deler "
        "oppgavene slik tabellen viser.\n"),
    "delavtale-2.txt": (
        "Delavtale 2 – Beredskap\n\nDelavtale mellom Nesby kommune og Sykehuset Kystlia HF, "
        "som del av den interkommunale avtalen\n\n1 Formål\n\nPartene har felles "
        "beredskapsplaner.\n"),
}


def test_an_interkommunal_agreement_is_one_agreement(tmp_path: Path, rules: list) -> None:
    folder = tmp_path / "kystlia"
    folder.mkdir()
    for name, text in INTERKOMMUNAL.items():
        (folder / name).write_text(text, encoding="utf-8")

    [result] = check_paths([folder], rules, options=OPTIONS)

    assert not result.errors
    assert [p.name for p in result.parties] == [
        "Fjordvik kommune", "Nesby kommune", "Holmen kommune", "Sykehuset Kystlia HF"]
    assert [(d.role, d.number) for d in result.documents] == [
        ("delavtale", 1), ("delavtale", 2), ("hovedavtale", None)]


def test_delavtaler_in_a_subfolder_belong_to_the_set(tmp_path: Path, rules: list) -> None:
    nested = tmp_path / "storfjell"
    shutil.copytree(KOMPLETT, nested)
    (nested / "delavtaler").mkdir()
    for delavtale in nested.glob("delavtale-*"):
        delavtale.rename(nested / "delavtaler" / delavtale.name)

    [result] = check_paths([nested], rules, options=OPTIONS)
    [flat] = check_paths([KOMPLETT], rules, options=OPTIONS)

    assert len(result.files) == 7
    assert statuses(result) == statuses(flat)
    assert {s for s in statuses(result).values()} == {Status.COVERED}


def test_declared_sets_are_never_split(tmp_path: Path, rules: list) -> None:
    """The user's declaration decides, even when its files name different kommuner."""
    from samlint.config import parse_config

    folder = tmp_path / "avtaler"
    shutil.copytree(KOMPLETT, folder)
    shutil.copy2(MANGELFULL, folder / "lundvaer.docx")
    config = parse_config({"agreements": {"alt": {"paths": ["avtaler"]}}}, root=tmp_path)

    results = check_paths([folder], rules, options=OPTIONS, config=config)

    assert len(results) == 1 and len(results[0].files) == 8


def test_every_report_names_the_parties_and_roles(rules: list) -> None:
    from samlint.reporting.formats import render_report

    results = check_paths([KOMPLETT], rules, options=OPTIONS)
    title = "Storfjell kommune – Helse Nordvik HF: hovedavtale, delavtale 1–6"

    for name in ("text", "markdown", "html"):
        assert title in render_report(name, results, rules), name
    report = json.loads(render_report("json", results, rules))
    [agreement] = report["agreements"]
    assert agreement["parties"] == [{"name": "Storfjell kommune", "kind": "kommune"},
                                    {"name": "Helse Nordvik HF", "kind": "helseforetak"}]
    assert agreement["documents"][0] == {
        "file": agreement["files"][0], "role": "delavtale", "number": 1, "numbers": [1]}
    sarif = json.loads(render_report("sarif", results, rules))
    [run] = sarif["runs"]
    assert run["properties"]["agreements"][0]["title"] == title


def lundvaer_copy(source: Path, target: Path) -> Path:
    """A DOCX of the Storfjell set made Lundvær's, by editing the party names in its text."""
    import docx

    document = docx.Document(str(source))
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.text = run.text.replace("Storfjell", "Lundvær")
    document.save(str(target))
    return target


def test_a_subfolder_with_its_own_main_agreement_is_its_own_agreement(
        tmp_path: Path, rules: list) -> None:
    """An old agreement kept in ``arkiv/`` must not cover points for today's set.

    The archived delavtale 2 describes døgnopphold for øyeblikkelig hjelp (nr. 4),
    which today's agreement lacks: merged, nr. 4 would wrongly be covered.
    """
    folder = tmp_path / "lundvaer"
    (folder / "arkiv").mkdir(parents=True)
    shutil.copy2(MANGELFULL, folder / "samarbeidsavtale.docx")
    (folder / "arkiv" / "samarbeidsavtale-2016.txt").write_text(
        "Samarbeidsavtale mellom Lundvær kommune og Helse Nordvik HF\n\nVedtatt i 2016\n\n"
        "1. Parter\n\nAvtalen er inngått mellom Lundvær kommune og Helse Nordvik HF.\n",
        encoding="utf-8")
    lundvaer_copy(KOMPLETT / "delavtale-2-innleggelse-ohd-utskrivning.docx",
                  folder / "arkiv" / "delavtale-2.docx")

    results = check_paths([folder], rules, options=OPTIONS)

    today, archive = results
    assert today.path.endswith("lundvaer") and archive.path.endswith("lundvaer/arkiv")
    assert missing(today) == LUNDVAER_MISSING
    assert "hol-6-2-nr4" not in missing(archive)
    assert [p.name for p in archive.parties] == ["Lundvær kommune", "Helse Nordvik HF"]


def test_diff_refuses_a_folder_of_several_sets_in_one_line(tmp_path: Path) -> None:
    storfjell_and_lundvaer(tmp_path / "avtaler")

    proc = subprocess.run([sys.executable, "-m", "samlint", "diff", "--no-cache", "avtaler",
                           "avtaler/storfjell"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=600)

    assert proc.returncode == 2
    [line] = proc.stderr.strip().splitlines()
    assert "flere avtalesett" in line and "Traceback" not in proc.stderr


def test_the_hook_finds_the_sets_of_changed_and_deleted_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from samlint.config import parse_config
    from samlint.discover import touched_sets
    from samlint.hook import split_arguments

    monkeypatch.chdir(tmp_path)
    storfjell_and_lundvaer(tmp_path / "avtaler")
    gone = Path("avtaler/storfjell/delavtale-9-slettet.docx")  # deleted: not on disk
    declared = parse_config({"agreements": {"s": {"paths": ["avtaler/storfjell"]}}},
                            root=tmp_path)

    assert touched_sets([gone], None) == [Path("avtaler/storfjell")]
    assert touched_sets([Path("avtaler/lundvaer/samarbeidsavtale.docx"), gone], None) == [
        Path("avtaler/lundvaer"), Path("avtaler/storfjell")]
    [stand_in] = touched_sets([gone], declared)
    assert stand_in.parent == tmp_path / "avtaler" / "storfjell"
    assert touched_sets([Path("README.md")], None) == []  # not there, in no set
    assert split_arguments(["--fail-on", "weak", "--no-cache", "a.pdf", "b.docx"]) == (
        ["--fail-on", "weak", "--no-cache"], [Path("a.pdf"), Path("b.docx")])


def test_a_readme_beside_the_agreement_files_is_named_in_a_notice(tmp_path: Path) -> None:
    """Not taken as part of the agreement (issue 16), and not left out without a word."""
    folder = tmp_path / "lundvaer"
    folder.mkdir()
    shutil.copy2(MANGELFULL, folder / "samarbeidsavtale.docx")
    (folder / "README.md").write_text("# Avtalene våre\n\nOppdatert av rådgiver.\n",
                                      encoding="utf-8")

    proc = samlint("lundvaer", "--format", "json", cwd=tmp_path)

    assert proc.returncode == 1  # the notice fails nothing; the missing points do
    [agreement] = json.loads(proc.stdout)["agreements"]
    assert agreement["files"] == ["lundvaer/samarbeidsavtale.docx"]
    assert [(n["file"], n["code"]) for n in agreement["notices"]] == [
        ("lundvaer/README.md", "not-an-agreement")]
