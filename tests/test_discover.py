"""How PATH arguments become agreement sets, with and without sets declared in the config."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from workdir import write

from samlint.config import Config, parse_config
from samlint.discover import AgreementSet, collect_agreements, display_path, resolve_agreements
from samlint.results import FileError


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("innhold", encoding="utf-8")


def relative_files(agreement: AgreementSet) -> list[str]:
    return [p.relative_to(agreement.path).as_posix() for p in agreement.files]


def test_file_argument_is_one_agreement_even_if_unsupported(in_tmp: Path) -> None:
    touch(in_tmp, "avtale.xyz")

    agreements, problems = collect_agreements([Path("avtale.xyz")])

    assert problems == []
    assert agreements == [AgreementSet(Path("avtale.xyz"), "avtale.xyz", [Path("avtale.xyz")])]


def test_directory_collects_every_agreement_file_recursively_in_sorted_order(
    in_tmp: Path,
) -> None:
    """Unreadable types are kept: the reader names each one, none is skipped without a word."""
    touch(
        in_tmp / "kommune",
        "vedlegg/b.md",
        "delavtale-10.docx",
        "delavtale-02.pdf",
        "hovedavtale.TXT",
        "vedlegg/a.txt",
        "notater.xlsx",
        "gammel.doc",
        "nettside.htm",
        "delavtale-3.odt",
        "signatur.jpg",
    )

    [agreement], problems = collect_agreements([Path("kommune")])

    assert problems == []
    assert agreement.display == "kommune"
    assert relative_files(agreement) == [
        "delavtale-02.pdf",
        "delavtale-10.docx",
        "delavtale-3.odt",
        "gammel.doc",
        "hovedavtale.TXT",
        "nettside.htm",
        "notater.xlsx",
        "signatur.jpg",
        "vedlegg/a.txt",
        "vedlegg/b.md",
    ]


def test_directory_leaves_out_repository_and_system_files_it_cannot_read(in_tmp: Path) -> None:
    """A README, licence or configuration beside the agreements is not part of them.

    Not even a README or CHANGELOG in a format samlint reads (Markdown, text):
    in a repository of agreements it became an agreement (issue 16). Named on
    the command line, such a file is still read.
    """
    touch(in_tmp / "kommune", "avtale.docx", "README", "README.md", "LICENSE", "CHANGELOG.rst",
          "CHANGELOG.md", "licence.txt", "pyproject.toml", "samlint.yaml", "Thumbs.db",
          "desktop.ini", "regneark.xlsx")

    [agreement], _ = collect_agreements([Path("kommune")])

    assert relative_files(agreement) == ["avtale.docx", "regneark.xlsx"]
    assert collect_agreements([Path("kommune/README.md")])[0][0].files == [
        Path("kommune/README.md")]


def test_directory_skips_hidden_entries_and_office_lock_files(in_tmp: Path) -> None:
    touch(
        in_tmp / "kommune",
        "avtale.docx",
        "~$avtale.docx",
        ".skjult.pdf",
        ".git/kopi.txt",
        "arkiv/.cache/gammel.pdf",
        "arkiv/ok.pdf",
    )

    [agreement], _ = collect_agreements([Path("kommune")])

    assert relative_files(agreement) == ["arkiv/ok.pdf", "avtale.docx"]


def test_missing_path_is_a_not_found_problem_in_norwegian(in_tmp: Path) -> None:
    agreements, problems = collect_agreements([Path("finnes/ikke.pdf")])

    assert agreements == []
    [problem] = problems
    assert problem.file == "finnes/ikke.pdf"
    assert problem.code == "not-found"
    assert "finnes ikke" in problem.message


@pytest.mark.parametrize("contents", [(), (".skjult.pdf", "~$lås.docx", "README", "Thumbs.db")])
def test_directory_without_agreement_files_is_empty(
    in_tmp: Path, contents: tuple[str, ...]
) -> None:
    (in_tmp / "tom").mkdir()
    touch(in_tmp / "tom", *contents)

    agreements, problems = collect_agreements([Path("tom")])

    assert agreements == []
    assert [(p.file, p.code) for p in problems] == [("tom", "empty")]


def test_a_folder_of_only_unreadable_types_is_a_set_whose_files_are_reported(
    in_tmp: Path,
) -> None:
    touch(in_tmp / "regneark", "budsjett.xlsx", "lysark.pptx")

    [agreement], problems = collect_agreements([Path("regneark")])

    assert problems == []
    assert relative_files(agreement) == ["budsjett.xlsx", "lysark.pptx"]


def test_good_and_bad_paths_are_reported_separately_in_order(in_tmp: Path) -> None:
    touch(in_tmp, "b.txt", "a.txt")

    agreements, problems = collect_agreements([Path("b.txt"), Path("mangler"), Path("a.txt")])

    assert [a.display for a in agreements] == ["b.txt", "a.txt"]
    assert [p.file for p in problems] == ["mangler"]


def test_display_is_relative_to_cwd_with_forward_slashes(in_tmp: Path) -> None:
    touch(in_tmp, "avtaler/kommune-x/avtale.pdf")

    [agreement], _ = collect_agreements([in_tmp / "avtaler" / "kommune-x"])

    assert agreement.display == "avtaler/kommune-x"
    assert display_path(agreement.files[0]) == "avtaler/kommune-x/avtale.pdf"


def test_display_outside_cwd_is_path_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "annet" / "avtale.pdf"
    touch(tmp_path, "annet/avtale.pdf")
    (tmp_path / "arbeid").mkdir()
    monkeypatch.chdir(tmp_path / "arbeid")

    [agreement], _ = collect_agreements([elsewhere])

    assert agreement.display == elsewhere.as_posix()


# Declared sets -------------------------------------------------------------------


def make_sets(root: Path) -> None:
    for name in ("hovedavtale.txt", "delavtale-1.txt", "delavtale-2.txt"):
        write(root / "avtaler" / "storfjell" / name, "tekst")
    for name in ("hovedavtale.txt", "delavtale-1.txt"):
        write(root / "avtaler" / "lundvaer" / name, "tekst")
    write(root / "avtaler" / "felles" / "rammeavtale.txt", "tekst")
    write(root / "avtaler" / "lundvaer-notat.txt", "tekst")
    write(root / "løs.txt", "tekst")


SETS = """\
agreements:
  storfjell:
    paths: [avtaler/storfjell]
  lundvaer:
    paths: ["avtaler/lundvaer/*.txt", avtaler/felles]
"""


def shown(entries: list[AgreementSet | FileError]) -> list[tuple[str, list[str]]]:
    return [
        (e.display, [display_path(f) for f in e.files]) if isinstance(e, AgreementSet)
        else (e.file, [e.code])
        for e in entries
    ]


def test_a_file_of_a_set_stands_for_the_whole_set_once(in_tmp: Path) -> None:
    make_sets(in_tmp)
    config = parse_config(yaml.safe_load(SETS), file=in_tmp / ".samlint.yaml")

    entries = resolve_agreements(
        [Path("avtaler/storfjell/delavtale-2.txt"), Path("løs.txt"),
         Path("avtaler/storfjell/hovedavtale.txt"), Path("finnes-ikke.txt")], config)

    assert shown(entries) == [
        ("avtaler/storfjell", ["avtaler/storfjell/delavtale-1.txt",
                               "avtaler/storfjell/delavtale-2.txt",
                               "avtaler/storfjell/hovedavtale.txt"]),
        ("løs.txt", ["løs.txt"]),
        ("finnes-ikke.txt", ["not-found"]),
    ]
    assert entries[0].name == "storfjell"  # type: ignore[union-attr]


def test_a_set_of_several_paths_is_shown_by_name(in_tmp: Path) -> None:
    make_sets(in_tmp)
    config = parse_config(yaml.safe_load(SETS), file=in_tmp / ".samlint.yaml")

    entries = resolve_agreements([Path("avtaler/felles/rammeavtale.txt")], config)

    assert shown(entries) == [("lundvaer", ["avtaler/felles/rammeavtale.txt",
                                            "avtaler/lundvaer/delavtale-1.txt",
                                            "avtaler/lundvaer/hovedavtale.txt"])]


def test_a_folder_holding_sets_is_split_into_them(in_tmp: Path) -> None:
    make_sets(in_tmp)
    config = parse_config(yaml.safe_load(SETS), file=in_tmp / ".samlint.yaml")

    entries = resolve_agreements([Path("avtaler")], config)

    assert [(name, len(files)) for name, files in shown(entries)] == [
        ("lundvaer", 3),          # avtaler/felles/… comes first in file order
        ("avtaler", 1),           # the folder's files in no set, together as before
        ("avtaler/storfjell", 3),
    ]
    assert shown(entries)[1][1] == ["avtaler/lundvaer-notat.txt"]


def test_resolution_is_deterministic_and_order_preserving(in_tmp: Path) -> None:
    make_sets(in_tmp)
    config = parse_config(yaml.safe_load(SETS), file=in_tmp / ".samlint.yaml")
    args = [Path("løs.txt"), Path("avtaler/lundvaer/hovedavtale.txt"),
            Path("avtaler/storfjell/delavtale-1.txt"), Path("avtaler/lundvaer")]

    first = shown(resolve_agreements(args, config))

    assert first == shown(resolve_agreements(args, config))
    assert [name for name, _ in first] == ["løs.txt", "lundvaer", "avtaler/storfjell"]


def test_without_declared_sets_resolution_is_collect_agreements(in_tmp: Path) -> None:
    make_sets(in_tmp)
    args = [Path("avtaler/storfjell/delavtale-1.txt"), Path("avtaler"), Path("borte")]

    agreements, problems = collect_agreements(args)

    assert resolve_agreements(args, Config(root=in_tmp)) == [*agreements[:2], *problems]


def test_a_declared_set_keeps_an_unreadable_file_so_it_is_reported(in_tmp: Path) -> None:
    make_sets(in_tmp)
    touch(in_tmp / "avtaler" / "storfjell", "vedlegg.pages", "README")
    config = parse_config(yaml.safe_load(SETS), file=in_tmp / ".samlint.yaml")

    entries = resolve_agreements([Path("avtaler/storfjell/hovedavtale.txt")], config)

    assert "avtaler/storfjell/vedlegg.pages" in shown(entries)[0][1]
    assert "avtaler/storfjell/README" not in shown(entries)[0][1]


def test_every_file_in_a_folder_is_read_or_named_in_an_error(in_tmp: Path) -> None:
    """End to end: exit 2, one line per unreadable file, and the readable file still judged."""
    folder = in_tmp / "kommune"
    folder.mkdir()
    (folder / "avtale.txt").write_text("1 Formål\n\nPartene samarbeider.\n", encoding="utf-8")
    for name in ("budsjett.xlsx", "avtale.pages"):
        (folder / name).write_bytes(b"PK\x03\x04 ikke lesbar")
    (folder / "README").write_text("Om mappen", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "samlint", "check", "--no-cache", "--format",
                          "json", "kommune"], capture_output=True, text=True, cwd=in_tmp,
                         timeout=120)

    assert run.returncode == 2, run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 2, run.stderr
    for name, line in zip(("avtale.pages", "budsjett.xlsx"), lines, strict=True):
        assert f"kommune/{name}" in line and "støttes ikke" in line and "lagre" in line
    assert "Traceback" not in run.stderr
    [agreement] = json.loads(run.stdout)["agreements"]
    assert [e["code"] for e in agreement["errors"]] == ["unsupported", "unsupported"]
    assert agreement["rules"]  # the readable file is still judged


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
NOT_REGULAR = ("er ikke en vanlig fil, men en navngitt kø (FIFO), og samlint leser den ikke; "
               "pek på selve avtalefilen, eller flytt den ut av avtalemappen")


@needs_fifo
def test_a_named_pipe_in_a_folder_is_an_error_and_never_opened(in_tmp: Path) -> None:
    """Opening a FIFO waits for a writer forever, and the parent (which hashes the files
    for the cache) has no time limit: it is named at discovery, not read."""
    touch(in_tmp, "kommune/avtale.txt")
    os.mkfifo(in_tmp / "kommune" / "rør.txt")
    (in_tmp / "bare-rør").mkdir()
    os.mkfifo(in_tmp / "bare-rør" / "rør.txt")

    agreements, problems = collect_agreements([Path("kommune"), Path("bare-rør")])

    assert problems == []
    assert [(relative_files(a), [(e.file, e.code, e.message) for e in a.errors])
            for a in agreements] == [
        (["avtale.txt"], [("kommune/rør.txt", "unsupported", NOT_REGULAR)]),
        ([], [("bare-rør/rør.txt", "unsupported", NOT_REGULAR)])]  # not «an empty folder»


@needs_fifo
def test_a_named_pipe_on_the_command_line_is_an_error(in_tmp: Path) -> None:
    os.mkfifo(in_tmp / "rør.txt")
    (in_tmp / "lenke.txt").symlink_to("rør.txt")

    agreements, problems = collect_agreements([Path("rør.txt"), Path("lenke.txt")])

    assert agreements == []
    assert problems == [FileError("rør.txt", "unsupported", NOT_REGULAR),
                        FileError("lenke.txt", "unsupported", NOT_REGULAR)]


@needs_fifo
def test_a_link_in_a_folder_to_a_named_pipe_there_is_an_error(in_tmp: Path) -> None:
    touch(in_tmp, "kommune/avtale.txt")
    os.mkfifo(in_tmp / "kommune" / ".rør")  # hidden: only the link names it
    (in_tmp / "kommune" / "rør.txt").symlink_to(".rør")

    [agreement], _ = collect_agreements([Path("kommune")])

    assert relative_files(agreement) == ["avtale.txt"]
    assert [(e.file, e.message) for e in agreement.errors] == [("kommune/rør.txt", NOT_REGULAR)]


@needs_fifo
def test_a_named_pipe_a_declared_set_matches_is_an_error(in_tmp: Path) -> None:
    make_sets(in_tmp)
    os.mkfifo(in_tmp / "avtaler" / "lundvaer" / "rør.txt")  # matched by the set's glob
    config = parse_config(yaml.safe_load(SETS), file=in_tmp / ".samlint.yaml")

    [entry] = resolve_agreements([Path("avtaler/lundvaer/hovedavtale.txt")], config)

    assert isinstance(entry, AgreementSet)
    assert [(e.file, e.code, e.message) for e in entry.errors] == [
        ("avtaler/lundvaer/rør.txt", "unsupported", NOT_REGULAR)]


def test_discovery_does_not_depend_on_the_configuration_module() -> None:
    """The flow runs one way: config uses discovery's types, never the reverse."""
    code = "import sys, samlint.discover; print('samlint.config' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)

    assert run.stdout.strip() == "False", run.stderr



# ------------------------------------------------ symbolic links: read, or named (folder_walk)

OUTSIDE_FILE = ("lenken peker til en fil utenfor avtalemappen (ute/delavtale-6.txt), og samlint "
                "følger ikke lenker ut av mappen som kontrolleres; filen er ikke lest – kopier den "
                "inn i mappen i stedet for å lenke til den")
OUTSIDE_FOLDER = ("lenken peker til en mappe utenfor avtalemappen (ute), og samlint følger ikke "
                  "lenker ut av mappen som kontrolleres; filene der er ikke lest – kopier mappen "
                  "inn i stedet for å lenke til den")


def linked_folder(root: Path) -> Path:
    """``avtale/`` with a file of its own and one link of each kind; ``ute/`` beside it."""
    folder, outside = root / "avtale", root / "ute"
    touch(root, "avtale/hovedavtale.txt", "avtale/delavtaler/delavtale-1.txt",
          "avtale/.arkiv/delavtale-2.txt", "ute/delavtale-6.txt")
    (folder / "delavtale-6.txt").symlink_to(outside / "delavtale-6.txt")  # out of the folder
    (folder / "delavtale-7.pdf").symlink_to(root / "finnes_ikke.pdf")  # broken
    (folder / "ring.txt").symlink_to("ring.txt")  # to itself
    (folder / "kopi.txt").symlink_to("hovedavtale.txt")  # to a file read anyway
    (folder / "delavtale-2.txt").symlink_to(".arkiv/delavtale-2.txt")  # to one not read otherwise
    (folder / "delavtaler-lenket").symlink_to(outside, target_is_directory=True)
    (folder / "delavtaler" / "opp").symlink_to("..", target_is_directory=True)  # inside: a ring
    (folder / "rot").symlink_to(root, target_is_directory=True)  # the folder lies in it
    return folder


def test_every_symlink_in_a_folder_is_read_or_named(in_tmp: Path) -> None:
    linked_folder(in_tmp)

    [agreement], problems = collect_agreements([Path("avtale")])

    assert problems == []
    assert relative_files(agreement) == ["delavtale-2.txt", "delavtaler/delavtale-1.txt",
                                         "hovedavtale.txt"]
    assert [(e.file, e.code, e.message) for e in agreement.errors] == [
        ("avtale/delavtaler-lenket", "symlink", OUTSIDE_FOLDER),
        ("avtale/delavtale-6.txt", "symlink", OUTSIDE_FILE),
        ("avtale/delavtale-7.pdf", "symlink",
         f"lenken peker til en fil som ikke finnes ({in_tmp / 'finnes_ikke.pdf'}); rett lenken, "
         "eller fjern den fra mappen"),
        ("avtale/ring.txt", "symlink",
         "lenken peker i ring (ring.txt); rett lenken, eller fjern den fra mappen")]
    assert [(n.file, n.message) for n in agreement.notices] == [
        ("avtale/rot", "er en lenke til mappen «.», som avtalemappen ligger i; lenken "
                       "går i ring og er ikke fulgt, og filene i avtalemappen er lest under sine "
                       "egne navn"),
        ("avtale/delavtaler/opp", "er en lenke til mappen «avtale», som er en del av avtalemappen; "
                                  "lenken er ikke fulgt, og filene der er lest under sine egne "
                                  "navn"),
        ("avtale/kopi.txt", "er en lenke til avtale/hovedavtale.txt, som allerede er med; filen "
                            "er lest én gang")]


def test_a_broken_link_named_on_the_command_line_says_so(in_tmp: Path) -> None:
    (in_tmp / "avtale.pdf").symlink_to(in_tmp / "borte.pdf")

    agreements, problems = collect_agreements([Path("avtale.pdf")])

    assert agreements == []
    assert problems == [FileError("avtale.pdf", "symlink",
                                  f"lenken peker til en fil som ikke finnes ({in_tmp}/borte.pdf); "
                                  "rett lenken, eller fjern den fra mappen")]


def test_a_symlinked_agreement_folder_leading_out_of_a_folder_of_agreements_is_named(
        in_tmp: Path) -> None:
    touch(in_tmp, "avtaler/storfjell/hovedavtale.txt", "ute/lundvaer/hovedavtale.txt")
    (in_tmp / "avtaler" / "lundvaer").symlink_to(in_tmp / "ute" / "lundvaer")
    (in_tmp / "avtaler" / "storfjell-igjen").symlink_to(in_tmp / "avtaler" / "storfjell")

    agreements, problems = collect_agreements([Path("avtaler")])

    assert [a.display for a in agreements] == ["avtaler/storfjell"]
    assert [(p.file, p.code) for p in problems] == [("avtaler/lundvaer", "symlink")]
    assert "ute/lundvaer" in problems[0].message


def test_links_of_a_declared_set_are_named_too(in_tmp: Path) -> None:
    linked_folder(in_tmp)
    config = parse_config(yaml.safe_load("agreements:\n  storfjell:\n    paths: [avtale]\n"),
                          file=in_tmp / ".samlint.yaml")

    [agreement] = resolve_agreements([Path("avtale/hovedavtale.txt")], config)

    assert isinstance(agreement, AgreementSet)
    assert [e.file for e in agreement.errors] == [
        "avtale/delavtaler-lenket", "avtale/delavtale-6.txt", "avtale/delavtale-7.pdf",
        "avtale/ring.txt"]
    assert len(agreement.notices) == 3


def test_links_not_read_fail_the_run_and_the_rest_is_still_judged(in_tmp: Path) -> None:
    """End to end: one line per link not read, exit 2, notices in the report."""
    folder = linked_folder(in_tmp)
    (folder / "hovedavtale.txt").write_text("1 Formål\n\nPartene samarbeider.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "samlint", "check", "--no-cache", "--format",
                          "json", "avtale"], capture_output=True, text=True, cwd=in_tmp,
                         timeout=120)

    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert f"samlint: avtale/delavtale-6.txt: {OUTSIDE_FILE}" in run.stderr.splitlines()
    [agreement] = json.loads(run.stdout)["agreements"]
    assert [e["code"] for e in agreement["errors"]] == ["symlink"] * 4
    assert [n["file"] for n in agreement["notices"] if n["code"] == "symlink"] == [
        "avtale/rot", "avtale/delavtaler/opp", "avtale/kopi.txt"]
    assert "avtale/kopi.txt" not in agreement["files"]
    assert agreement["rules"]  # the files that could be read are judged
