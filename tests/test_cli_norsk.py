"""The command line in bokmål first (issue 18): help and usage errors in bokmål,
English on request, Norwegian option values, the report format from ``-o``'s
extension, and the smaller fixes a case officer met on the command line."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from test_cli import AGREEMENT_TEXT, FakePipeline, stderr_lines
from typer.testing import Result

from samlint.results import Status

Cli = Callable[..., Result]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakePipeline:
    pipeline = FakePipeline()
    monkeypatch.setattr("samlint.documents.read_document", pipeline.read_document)
    monkeypatch.setattr("samlint.engine.check_agreement", pipeline.check_agreement)
    return pipeline


# Bokmål first (issue 18) ---------------------------------------------------------


@pytest.fixture
def bokmal(monkeypatch: pytest.MonkeyPatch) -> None:
    """No English locale in the environment: the run speaks bokmål."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "nb_NO.UTF-8")


def test_help_is_in_bokmal(cli: Cli, bokmal: None) -> None:
    top = cli("--help")
    check = cli("check", "--help")

    assert top.exit_code == 0 and check.exit_code == 0
    assert "Bruk: samlint [VALG] KOMMANDO [ARGUMENTER]..." in top.stdout
    assert "Kommandoer" in top.stdout and "Vis denne hjelpen og avslutt." in top.stdout
    assert "Bruk: samlint check [VALG]" in check.stdout
    for words in ("Argumenter", "Valg", "[påkrevd]", "Avtalefiler eller mapper",
                  "mangler|svak|info", "[standard: 120.0]"):
        assert words in check.stdout, words
    for english in ("Usage:", "Options", "Show this message", "[required]", "<path>"):
        assert english not in check.stdout + top.stdout, english


def test_the_no_ocr_help_says_what_a_pdf_without_text_gives(cli: Cli, bokmal: None) -> None:
    """The help once said scanned pages are only named in a notice; a PDF with no text on
    any page is an error (exit 2), since nothing in it could be judged."""
    flat = " ".join(cli("check", "--help").stdout.replace("│", " ").split())
    assert ("slike sider nevnes i en merknad, og en PDF uten tekst på noen side gir feil "
            "(status 2)") in flat


@pytest.mark.parametrize(("args", "expected"), [
    (("check",), "Mangler argumentet 'STI...'."),
    (("chekc",), "Ukjent kommando 'chekc'. Mente du 'check'?"),
    # The Norwegian word for a command: click suggests only names spelled alike.
    (("sjekk", "a.pdf"), "Ukjent kommando 'sjekk'. Kommandoene har engelske navn: mente du "
                         "'check'?"),
    (("sammenlign",), "mente du 'diff'?"),
    (("tull",), "Ukjent kommando 'tull'."),
    (("check", "a.pdf", "--fail-on", "svakk"),
     "Ugyldig verdi for '--fail-on': 'svakk' er ikke en av 'mangler', 'svak', 'info'"),
    (("check", "a.pdf", "--jobs", "null"), "'null' er ikke et heltall."),
    (("check", "a.pdf", "--fail-onn", "svak"), "Ukjent valg: --fail-onn"),
])
def test_usage_errors_are_in_bokmal(cli: Cli, bokmal: None, args: tuple[str, ...],
                                    expected: str) -> None:
    result = cli(*args)

    assert result.exit_code == 2
    flat = " ".join(result.stderr.replace("│", " ").split())
    assert expected in flat
    assert "Bruk: samlint" in flat and "for hjelp." in flat
    assert "Feil" in flat and "Error" not in flat


@pytest.mark.parametrize("how", ["flag", "flag after the command", "locale"])
def test_english_on_request(cli: Cli, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8" if how == "locale" else "nb_NO.UTF-8")
    before = ("--lang", "en") if how == "flag" else ()
    after = ("--lang=en",) if how == "flag after the command" else ()

    helped = cli(*before, "check", *after, "--help")
    missing = cli(*before, "check", *after)

    assert "Usage: samlint check [OPTIONS]" in helped.stdout
    assert "Agreement files or folders" in helped.stdout and "Argumenter" not in helped.stdout
    assert "Missing argument 'PATH...'" in missing.stderr
    # and back: the next run in bokmål is all bokmål again
    monkeypatch.setenv("LANG", "nb_NO.UTF-8")
    assert "Avtalefiler eller mapper" in cli("check", "--help").stdout


def test_an_unknown_language_is_a_usage_error(cli: Cli, bokmal: None) -> None:
    result = cli("--lang", "sv", "check", "a.pdf")

    assert result.exit_code == 2
    assert "'sv' er ikke en av 'nb', 'en'" in " ".join(result.stderr.replace("│", " ").split())


def test_every_help_text_has_both_languages() -> None:
    from samlint.cli_i18n import TEXTS

    for key, (nb, en) in TEXTS.items():
        assert nb and en and nb != en, key


def test_norwegian_option_values_are_accepted(cli: Cli, mini_rules: Path, in_tmp: Path,
                                              fake: FakePipeline) -> None:
    fake.status = Status.WEAK
    (in_tmp / "avtale.txt").write_text(AGREEMENT_TEXT, encoding="utf-8")
    base = ("check", "--no-default-rules", "--rules", mini_rules, "avtale.txt")

    assert cli(*base, "--fail-on", "svak").exit_code == 1
    assert cli(*base, "--fail-on", "mangler").exit_code == 0
    assert cli(*base, "--format", "tekst").stdout == cli(*base).stdout


@pytest.mark.parametrize(("name", "start"), [
    ("rapport.html", "<!DOCTYPE html>"), ("r.json", '{\n  "schema_version"'),
    ("r.sarif", '{\n  "$schema"'), ("r.xml", "<?xml"), ("r.md", "<!-- samlint-report -->"),
    ("r.txt", "avtale.txt (1 fil)"),
])
def test_output_file_extension_picks_the_format(cli: Cli, mini_rules: Path, in_tmp: Path,
                                                fake: FakePipeline, name: str,
                                                start: str) -> None:
    (in_tmp / "avtale.txt").write_text(AGREEMENT_TEXT, encoding="utf-8")

    result = cli("check", "--no-default-rules", "--rules", mini_rules, "avtale.txt", "-o", name)

    assert result.exit_code == 0, result.stderr
    assert (in_tmp / name).read_text(encoding="utf-8").startswith(start)


def test_a_format_the_file_name_contradicts_is_one_line_and_exit_2(
        cli: Cli, mini_rules: Path, in_tmp: Path, fake: FakePipeline) -> None:
    (in_tmp / "avtale.txt").write_text(AGREEMENT_TEXT, encoding="utf-8")
    base = ("check", "--no-default-rules", "--rules", mini_rules, "avtale.txt")

    result = cli(*base, "--format", "json", "-o", "r.html")

    assert result.exit_code == 2
    assert stderr_lines(result) == [
        "samlint: --format json passer ikke med -o r.html: en .html-fil får formatet html "
        "– fjern --format eller endre filnavnet"]
    assert not (in_tmp / "r.html").exists()
    # GitLab's report is JSON: a .json name is no contradiction
    assert cli(*base, "--format", "gitlab", "-o", "gl.json").exit_code == 0


def test_a_path_given_twice_is_checked_once(cli: Cli, mini_rules: Path, in_tmp: Path,
                                            fake: FakePipeline) -> None:
    (in_tmp / "avtale.txt").write_text(AGREEMENT_TEXT, encoding="utf-8")

    result = cli("check", "--no-default-rules", "--rules", mini_rules, "--format", "json",
                 "avtale.txt", "./avtale.txt", "avtale.txt")

    assert [a["path"] for a in json.loads(result.stdout)["agreements"]] == ["avtale.txt"]


def test_a_missing_path_has_no_file_count(cli: Cli, mini_rules: Path, in_tmp: Path) -> None:
    result = cli("check", "--no-default-rules", "--rules", mini_rules, "finnesikke.pdf")

    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == "finnesikke.pdf"
    assert "(0 filer)" not in result.stdout


def test_file_errors_are_said_once_on_a_terminal(in_tmp: Path) -> None:
    """stdout and stderr on one terminal: the report names the unread file, stderr not again."""
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    proc = subprocess.run([sys.executable, "-m", "samlint", "check", "finnesikke.pdf"],
                          stdin=follower, stdout=follower, stderr=follower, cwd=in_tmp,
                          timeout=120, check=False)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    text = re.sub(r"\x1b\[[0-9;]*m", "", seen.decode("utf-8"))
    assert proc.returncode == 2
    assert text.count("finnes ikke") == 1, text


def test_several_suggestions_read_as_a_list(cli: Cli) -> None:
    result = cli("explain", "hol-6-2-nr")

    assert result.exit_code == 2
    [line] = stderr_lines(result)
    assert re.fullmatch(r"samlint: ukjent regel «hol-6-2-nr» – mente du hol-6-2-nr\d+, "
                        r"hol-6-2-nr\d+ eller hol-6-2-nr\d+\?", line), line


def test_explain_says_terms_once_in_plain_words(cli: Cli) -> None:
    result = cli("explain", "hol-6-2-nr5")

    assert result.exit_code == 0
    looks_for = result.stdout.split("Hva samlint ser etter", 1)[1]
    assert "=" not in looks_for
    assert "«utskrivning» (hele overskriften)" in " ".join(looks_for.split())
    for line in looks_for.splitlines():
        if ":" in line:
            terms = [t.strip() for t in line.split(":", 1)[1].split("»,")]
            assert len(terms) == len(set(terms)), line


def test_every_command_speaks_the_run_language() -> None:
    """A command added with ``@app.command()`` instead of cli.py's ``@command()`` would
    print "Usage:" and English help in a bokmål run."""
    import typer.main

    from samlint.cli import app
    from samlint.cli_i18n import NorskCommand, NorskGroup

    group = typer.main.get_command(app)
    assert isinstance(group, NorskGroup)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert isinstance(command, NorskCommand), name
