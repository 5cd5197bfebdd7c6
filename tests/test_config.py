"""The configuration file: finding it, validating it, and what its keys do to a run."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from fake_pipeline import FakePipeline, install
from test_discover import SETS, make_sets
from typer.testing import Result
from workdir import write

from samlint.config import (
    Config,
    ConfigError,
    Waiver,
    check_rule_ids,
    find_config,
    load_config,
    load_project_config,
    parse_config,
)
from samlint.results import Status
from samlint.rules import load_rule_files

Cli = Callable[..., Result]
REPO = Path(__file__).resolve().parents[1]
BUILTIN_IDS = [f"hol-6-2-nr{n}" for n in range(1, 14)] + ["hol-6-2-ledd2"]


def stderr_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakePipeline:
    return install(monkeypatch, FakePipeline())


# Finding the file --------------------------------------------------------------


def test_found_in_the_working_directory(in_tmp: Path) -> None:
    write(in_tmp / ".samlint.yaml", "fail-on: weak\n")

    assert find_config(in_tmp) == in_tmp / ".samlint.yaml"
    assert load_project_config().fail_on == "weak"


def test_found_in_a_parent_and_paths_are_relative_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / ".samlint.yaml", "rules: [regler/egne.yaml]\n")
    (tmp_path / "avtaler" / "kommune").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "avtaler" / "kommune")

    config = load_project_config()

    assert config.file == tmp_path / ".samlint.yaml"
    assert config.rules == (tmp_path / "regler" / "egne.yaml",)


def test_search_stops_at_the_git_root_after_looking_there(tmp_path: Path) -> None:
    write(tmp_path / ".samlint.yaml", "fail-on: weak\n")  # above the repository: not used
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "avtaler").mkdir()

    assert find_config(tmp_path / "repo" / "avtaler") is None
    write(tmp_path / "repo" / ".samlint.yaml", "")
    assert find_config(tmp_path / "repo" / "avtaler") == tmp_path / "repo" / ".samlint.yaml"


def test_pyproject_table_is_read_when_no_yaml_at_that_level(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.samlint]\nfail-on = "info"\nignore = ["x"]\n')
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'annet'\n")  # no table: go on

    found = find_config(tmp_path / "sub")

    assert found == tmp_path / "pyproject.toml"
    config = load_config(found)
    assert (config.fail_on, config.ignore) == ("info", ("x",))


def test_yaml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.samlint]\nfail-on = "info"\n')
    write(tmp_path / ".samlint.yaml", "fail-on: weak\n")

    assert find_config(tmp_path) == tmp_path / ".samlint.yaml"


def test_no_file_is_the_empty_default(in_tmp: Path) -> None:
    (in_tmp / ".git").mkdir()

    config = load_project_config()

    assert config == Config(root=in_tmp)


def test_explicit_config_is_used_instead_of_search(in_tmp: Path) -> None:
    write(in_tmp / ".samlint.yaml", "fail-on: weak\n")
    other = write(in_tmp / "ci" / "strengt.yaml", "fail-on: info\n")

    assert load_project_config(other).fail_on == "info"


# Validation ------------------------------------------------------------------


def problem(data: object, **kwargs: object) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_config(data, file=Path.cwd() / ".samlint.yaml", **kwargs)  # type: ignore[arg-type]
    return str(caught.value)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"fail_on": "weak"}, ".samlint.yaml: fail_on: ukjent nøkkel – mente du fail-on?"),
        ({"fail-on": "never"}, ".samlint.yaml: fail-on: «never» er ikke gyldig"),
        ({"select": "hol-6-2-nr1"}, ".samlint.yaml: select: må være en liste"),
        ({"ignore": ["ok", 5]}, ".samlint.yaml: ignore[1]: må være tekst"),
        ({"rules": [""]}, ".samlint.yaml: rules[0]: må være tekst som ikke er tom"),
        ({"severity": {"hol-6-2-nr8": "fatal"}},
         ".samlint.yaml: severity.hol-6-2-nr8: «fatal» er ikke en gyldig alvorlighetsgrad"),
        ({"severity": {"hol-6-2-nr8": {"svak": "info"}}},
         ".samlint.yaml: severity.hol-6-2-nr8.svak: ukjent nøkkel"),
        ({"agreements": {"x": {"path": ["a"]}}},
         ".samlint.yaml: agreements.x.path: ukjent nøkkel – mente du paths?"),
        ({"agreements": {"x": {"paths": []}}}, ".samlint.yaml: agreements.x.paths: mangler"),
        ({"agreements": ["a"]}, ".samlint.yaml: agreements: må være en mapping"),
        ({"waivers": {"agreement": "a"}}, ".samlint.yaml: waivers: må være en liste"),
        ({"waivers": [{"agreement": "a", "rule": "r", "reason": "  "}]},
         ".samlint.yaml: waivers[0].reason: er tom – en begrunnelse er påkrevd"),
        ({"waivers": [{"agreement": "a", "reason": "fordi"}]},
         ".samlint.yaml: waivers[0].rule: mangler"),
        ({"waivers": [{"agreement": "a", "rule": "r", "reason": "x", "note": "y"}]},
         ".samlint.yaml: waivers[0].note: ukjent nøkkel"),
        (["rules"], ".samlint.yaml: må være en mapping"),
    ],
)
def test_bad_values_name_file_and_key(in_tmp: Path, data: object, expected: str) -> None:
    assert problem(data).startswith(expected)


def test_missing_reason_names_the_list_index(in_tmp: Path) -> None:
    ok = {"agreement": "avtaler/a", "rule": "hol-6-2-nr8", "reason": "avtalt"}
    data = {"waivers": [ok, ok, {"agreement": "avtaler/b", "rule": "hol-6-2-nr9"}]}

    assert problem(data) == ".samlint.yaml: waivers[2].reason: mangler – en begrunnelse er påkrevd"


def test_pyproject_keys_are_named_with_their_table(in_tmp: Path) -> None:
    write(in_tmp / "pyproject.toml", '[tool.samlint]\n"fail-on" = 3\n')

    with pytest.raises(ConfigError, match=r"^pyproject.toml: tool.samlint.fail-on: "):
        load_config(in_tmp / "pyproject.toml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("select: [a\n", r"^\.samlint\.yaml: ugyldig YAML på linje 2"),
     ("", None), ("# bare kommentarer\n", None)],
)
def test_yaml_syntax_and_empty_files(in_tmp: Path, text: str, expected: str | None) -> None:
    write(in_tmp / ".samlint.yaml", text)
    if expected is None:
        assert load_config(in_tmp / ".samlint.yaml").waivers == ()
    else:
        with pytest.raises(ConfigError, match=expected):
            load_config(in_tmp / ".samlint.yaml")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"select": ["hol-6-2-nr55"]},
         ".samlint.yaml: select[0]: ukjent regel «hol-6-2-nr55» – mente du hol-6-2-nr5"),
        ({"ignore": ["hol-6-2-nr1", "nr99*"]},
         ".samlint.yaml: ignore[1]: mønsteret «nr99*» passer ikke til noen regel"),
        ({"severity": {"hol-6-2-nr77": "info"}}, ".samlint.yaml: severity.hol-6-2-nr77: ukjent"),
        ({"waivers": [{"agreement": "a", "rule": "hol-6-2-ledd3", "reason": "x"}]},
         ".samlint.yaml: waivers[0].rule: ukjent regel «hol-6-2-ledd3» – mente du hol-6-2-ledd2"),
    ],
)
def test_unknown_rule_ids_are_errors(in_tmp: Path, data: object, expected: str) -> None:
    config = parse_config(data, file=in_tmp / ".samlint.yaml")

    with pytest.raises(ConfigError) as caught:
        check_rule_ids(config, BUILTIN_IDS)
    assert str(caught.value).startswith(expected)


def test_globs_and_exact_ids_that_name_rules_are_fine(in_tmp: Path) -> None:
    config = parse_config({"select": ["hol-6-2-nr1*", "HOL-6-2-LEDD2"], "ignore": ["*nr13"],
                           "severity": {"*": {"weak": "info"}}}, file=in_tmp / "x.yaml")

    check_rule_ids(config, BUILTIN_IDS)  # no error


def test_parse_config_keeps_waiver_order_and_index() -> None:
    config = parse_config({"waivers": [
        {"agreement": "b", "rule": "R2", "reason": "  to   mellomrom "},
        {"agreement": "a", "rule": "r1", "reason": "en"},
    ]}, root=Path("/prosjekt"))

    assert config.waivers == (Waiver(0, "b", "r2", "to mellomrom"), Waiver(1, "a", "r1", "en"))


# The command line with a config -------------------------------------------------


def json_rules(result: Result) -> list[tuple[str, str, str | None]]:
    [agreement] = json.loads(result.stdout)["agreements"]
    return [(r["id"], r["status"], r["severity"]) for r in agreement["rules"]]


def test_cli_bad_config_is_one_line_and_exit_2(
    cli: Cli, mini_rules: Path, in_tmp: Path, fake: FakePipeline
) -> None:
    write(in_tmp / "avtale.txt", "tekst")
    ok = "  - {agreement: avtale.txt, rule: mini-jordmor, reason: avtalt}\n"
    write(in_tmp / ".samlint.yaml",
          "waivers:\n" + ok + ok + "  - {agreement: avtale.txt, rule: mini-jordmor}\n")

    result = cli("check", "--no-default-rules", "--rules", mini_rules, "avtale.txt")

    assert result.exit_code == 2
    assert stderr_lines(result) == [
        "samlint: .samlint.yaml: waivers[2].reason: mangler – en begrunnelse er påkrevd"
    ]
    assert result.stdout == ""
    assert fake.checked == []  # nothing is checked with a broken config


def test_cli_unknown_rule_in_config_is_exit_2(
    cli: Cli, mini_rules: Path, in_tmp: Path, fake: FakePipeline
) -> None:
    write(in_tmp / "avtale.txt", "tekst")
    write(in_tmp / ".samlint.yaml", "ignore: [mini-jordmr]\n")

    result = cli("check", "--no-default-rules", "--rules", mini_rules, "avtale.txt")

    assert result.exit_code == 2
    assert stderr_lines(result) == [
        "samlint: .samlint.yaml: ignore[0]: ukjent regel «mini-jordmr» – mente du mini-jordmor?"
    ]


def test_config_rules_key_loads_rule_files_relative_to_the_config(
    cli: Cli, mini_rules: Path, in_tmp: Path, fake: FakePipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(in_tmp / "avtaler" / "avtale.txt", "tekst")
    write(in_tmp / ".samlint.yaml", "rules: [mini.yaml]\n")
    monkeypatch.chdir(in_tmp / "avtaler")

    result = cli("check", "--format", "json", "--no-default-rules", "avtale.txt")
    listed = cli("rules", "--no-default-rules")

    assert result.exit_code == 0, result.stderr
    assert [r[0] for r in json_rules(result)] == ["mini-utskrivning", "mini-jordmor"]
    assert "mini-jordmor" in listed.stdout


@pytest.mark.parametrize(
    ("config", "args", "expected"),
    [
        ("select: [mini-jordmor]\n", [], ["mini-jordmor"]),
        ("ignore: [mini-jordmor]\n", [], ["mini-utskrivning"]),
        ("select: ['mini-*']\nignore: [mini-utskrivning]\n", [], ["mini-jordmor"]),
        ("select: [mini-jordmor]\n", ["--select", "mini-utskrivning,mini-jordmor"],
         ["mini-utskrivning", "mini-jordmor"]),  # the option replaces the config, rule order kept
        ("ignore: [mini-jordmor]\n", ["--ignore", "mini-utskrivning"], ["mini-jordmor"]),
    ],
)
def test_select_and_ignore_decide_the_json_rules_in_rule_order(
    cli: Cli, mini_rules: Path, in_tmp: Path, fake: FakePipeline,
    config: str, args: list[str], expected: list[str],
) -> None:
    write(in_tmp / "avtale.txt", "tekst")
    write(in_tmp / ".samlint.yaml", config)

    result = cli("check", "--format", "json", "--no-default-rules", "--rules", mini_rules,
                 *args, "avtale.txt")

    assert result.exit_code == 0, result.stderr
    assert [r[0] for r in json_rules(result)] == expected
    summary = json.loads(result.stdout)["summary"]
    assert summary["covered"] == len(expected)


def test_ignored_missing_rule_does_not_fail_any_format(
    cli: Cli, mini_rules: Path, in_tmp: Path, fake: FakePipeline
) -> None:
    fake.statuses = {"mini-jordmor": Status.MISSING}
    write(in_tmp / "avtale.txt", "tekst")
    base = ["check", "--no-default-rules", "--rules", mini_rules, "avtale.txt"]

    assert cli(*base).exit_code == 1
    write(in_tmp / ".samlint.yaml", "ignore: [mini-jordmor]\n")
    for fmt in ("text", "json", "sarif", "gitlab", "markdown"):
        result = cli(*base, "--format", fmt)
        assert result.exit_code == 0, (fmt, result.stderr)
        assert "mini-jordmor" not in result.stdout, fmt


def test_unknown_id_on_the_command_line_is_exit_2(
    cli: Cli, mini_rules: Path, in_tmp: Path, fake: FakePipeline
) -> None:
    write(in_tmp / "avtale.txt", "tekst")

    result = cli("check", "--no-default-rules", "--rules", mini_rules, "--select", "mini-x",
                 "avtale.txt")

    assert result.exit_code == 2
    [line] = stderr_lines(result)
    assert line.startswith("samlint: --select: ukjent regel «mini-x»")


def test_ignoring_every_rule_is_an_error(
    cli: Cli, mini_rules: Path, in_tmp: Path, fake: FakePipeline
) -> None:
    write(in_tmp / "avtale.txt", "tekst")

    result = cli("check", "--no-default-rules", "--rules", mini_rules, "--ignore", "*",
                 "avtale.txt")

    assert result.exit_code == 2
    assert "slår av alle regler" in result.stderr


@pytest.mark.parametrize(
    ("config", "args", "code"),
    [
        ("", [], 0),                                   # weak does not fail by default
        ("fail-on: weak\n", [], 1),                    # the config's threshold
        ("fail-on: weak\n", ["--fail-on", "missing"], 0),  # the option overrides it
        ("fail-on: missing\n", ["--fail-on", "weak"], 1),
        ("fail-on: weak\nseverity: {mini-jordmor: {weak: info}}\n", [], 0),  # demoted
        ("fail-on: info\nseverity: {mini-jordmor: {weak: info}}\n", [], 1),
        ("severity: {mini-jordmor: error}\n", [], 1),  # promoted past the default threshold
    ],
)
def test_fail_on_and_severity_decide_the_exit_status(
    cli: Cli, mini_rules: Path, in_tmp: Path, fake: FakePipeline,
    config: str, args: list[str], code: int,
) -> None:
    fake.statuses = {"mini-jordmor": Status.WEAK}
    write(in_tmp / "avtale.txt", "tekst")
    write(in_tmp / ".samlint.yaml", config)

    result = cli("check", "--no-default-rules", "--rules", mini_rules, *args, "avtale.txt")

    assert result.exit_code == code, result.stderr


def test_severity_override_shows_in_json(
    cli: Cli, mini_rules: Path, in_tmp: Path, fake: FakePipeline
) -> None:
    fake.statuses = {"mini-jordmor": Status.WEAK, "mini-utskrivning": Status.MISSING}
    write(in_tmp / "avtale.txt", "tekst")
    write(in_tmp / ".samlint.yaml",
          "severity:\n  '*': warning\n  mini-jordmor: {weak: info}\n")  # later entry wins

    result = cli("check", "--format", "json", "--no-default-rules", "--rules", mini_rules,
                 "avtale.txt")

    assert result.exit_code == 0, result.stderr  # missing is only a warning now
    assert json_rules(result) == [("mini-utskrivning", "missing", "warning"),
                                  ("mini-jordmor", "weak", "info")]


def test_explicit_config_option(
    cli: Cli, mini_rules: Path, in_tmp: Path, fake: FakePipeline
) -> None:
    fake.statuses = {"mini-jordmor": Status.WEAK}
    write(in_tmp / "avtale.txt", "tekst")
    write(in_tmp / "ci.yaml", "fail-on: weak\n")
    base = ["check", "--no-default-rules", "--rules", mini_rules, "avtale.txt"]

    assert cli(*base).exit_code == 0
    assert cli(*base, "--config", "ci.yaml").exit_code == 1
    missing = cli(*base, "--config", "finnes-ikke.yaml")
    assert missing.exit_code == 2
    assert stderr_lines(missing) == [
        "samlint: finnes-ikke.yaml: finnes ikke – sjekk stien til --config"
    ]


# Declared agreement sets on the command line ----------------------------------------


def test_check_judges_the_set_not_the_file(
    cli: Cli, mini_rules: Path, in_tmp: Path, fake: FakePipeline
) -> None:
    make_sets(in_tmp)
    write(in_tmp / ".samlint.yaml", SETS)

    result = cli("check", "--format", "json", "--no-default-rules", "--rules", mini_rules,
                 "avtaler/storfjell/delavtale-1.txt", "avtaler/storfjell/delavtale-2.txt")

    assert result.exit_code == 0, result.stderr
    [agreement] = json.loads(result.stdout)["agreements"]
    assert agreement["path"] == "avtaler/storfjell"
    assert len(agreement["files"]) == 3
    assert fake.checked == [agreement["files"]]


# The README's examples --------------------------------------------------------------


def readme_blocks(section: str, language: str) -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    body = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{language}\n(.*?)```", body, re.S)


def test_readme_configuration_examples_are_valid(in_tmp: Path, builtin_pack: Path) -> None:
    known = [r.id for r in load_rule_files([builtin_pack])]
    [yaml_block] = readme_blocks("Configuration", "yaml")
    [toml_block] = readme_blocks("Configuration", "toml")
    write(in_tmp / ".samlint.yaml", yaml_block)
    write(in_tmp / "pyproject.toml", toml_block)

    from_yaml = load_config(in_tmp / ".samlint.yaml")
    from_toml = load_config(in_tmp / "pyproject.toml")

    check_rule_ids(from_yaml, known)
    check_rule_ids(from_toml, known)
    assert {g.name for g in from_yaml.agreements} == {"storfjell", "lundvaer"}
    assert from_toml.agreements[0].paths == ("avtaler/storfjell",)
    for block in readme_blocks("Waivers and baseline", "yaml"):
        check_rule_ids(parse_config(yaml.safe_load(block), file=in_tmp / "w.yaml"), known)


def test_fail_on_takes_the_words_the_report_prints(in_tmp: Path) -> None:
    """«svak» and «mangler», as the report says them, are accepted as on the command line."""
    write(in_tmp / ".samlint.yaml", "fail-on: svak\n")
    assert load_project_config().fail_on == "weak"
    write(in_tmp / ".samlint.yaml", "fail-on: mangler\n")
    assert load_project_config().fail_on == "missing"
