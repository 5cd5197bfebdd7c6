"""How PATH arguments become agreement sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from samlint.discover import AgreementSet, collect_agreements, display_path


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


def test_directory_collects_supported_files_recursively_in_sorted_order(in_tmp: Path) -> None:
    touch(
        in_tmp / "kommune",
        "vedlegg/b.md",
        "delavtale-10.docx",
        "delavtale-02.pdf",
        "hovedavtale.TXT",
        "vedlegg/a.txt",
        "notater.xlsx",
        "gammel.doc",
    )

    [agreement], problems = collect_agreements([Path("kommune")])

    assert problems == []
    assert agreement.display == "kommune"
    assert relative_files(agreement) == [
        "delavtale-02.pdf",
        "delavtale-10.docx",
        "hovedavtale.TXT",
        "vedlegg/a.txt",
        "vedlegg/b.md",
    ]


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


@pytest.mark.parametrize("contents", [(), ("regneark.xlsx", ".skjult.pdf", "~$lås.docx")])
def test_directory_without_supported_files_is_empty(
    in_tmp: Path, contents: tuple[str, ...]
) -> None:
    (in_tmp / "tom").mkdir()
    touch(in_tmp / "tom", *contents)

    agreements, problems = collect_agreements([Path("tom")])

    assert agreements == []
    assert [(p.file, p.code) for p in problems] == [("tom", "empty")]


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
