"""The configuration file: finding it, validating it, and what its keys do to a run."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import Result
from workdir import write

from samlint.config import (
    AgreementSet,
    Config,
    ConfigError,
    check_rule_ids,
    collect_agreements,
    find_config,
    load_config,
    load_project_config,
    parse_config,
    resolve_agreements,
)
from samlint.documents import Document
from samlint.results import FileError, RuleResult, Severity, Status
from samlint.rules import Rule, load_rule_files
from samlint.starter import TEMPLATE

Cli = Callable[..., Result]
REPO = Path(__file__).resolve().parents[1]
BUILTIN_IDS = [f"hol-6-2-nr{n}" for n in range(1, 14)] + ["hol-6-2-ledd2"]


def stderr_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


class FakePipeline:
    """Readers and matcher stand-ins: every rule gets the status set per rule id."""

    def __init__(self, log: Path) -> None:
        self.statuses: dict[str, Status] = {}
        self._log = log  # the matcher runs in a child process: it reports through a file

    @property
    def checked(self) -> list[list[str]]:
        """The files of each agreement judged, in order."""
        if not self._log.exists():
            return []
        return [json.loads(line) for line in self._log.read_text(encoding="utf-8").splitlines()]

    def read_document(self, path: Path, display: str) -> Document:
        return Document(path=path, display=display, blocks=[])

    def check_agreement(self, documents: list[Document], rules: list[Rule],
                        *_args: object) -> list[RuleResult]:
        with self._log.open("a", encoding="utf-8") as log:
            log.write(json.dumps([d.display for d in documents]) + "\n")
        results = []
        for rule in rules:
            status = self.statuses.get(rule.id, Status.COVERED)
            severity = {Status.MISSING: Severity(rule.severity_missing),
                        Status.WEAK: Severity(rule.severity_weak)}.get(status)
            results.append(RuleResult(rule.id, rule.title, status, severity, "melding", [],
                                      "intent" if status is Status.WEAK else None))
        return results


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
         ) -> FakePipeline:
    pipeline = FakePipeline(tmp_path_factory.mktemp("fake") / "checked.jsonl")
    monkeypatch.setattr("samlint.documents.read_document", pipeline.read_document)
    monkeypatch.setattr("samlint.engine.check_agreement", pipeline.check_agreement)
    return pipeline


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


# Agreement sets ------------------------------------------------------------------


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
    from samlint.config import display_path

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


# samlint init ----------------------------------------------------------------------


def test_init_writes_a_valid_commented_starter(cli: Cli, in_tmp: Path, builtin_pack: Path) -> None:
    result = cli("init")

    assert result.exit_code == 0, result.stderr
    text = (in_tmp / ".samlint.yaml").read_text(encoding="utf-8")
    assert text == TEMPLATE
    data = yaml.safe_load(text)
    assert list(data) == ["rules", "select", "ignore", "severity", "fail-on", "agreements",
                          "waivers"]
    config = load_config(in_tmp / ".samlint.yaml")
    check_rule_ids(config, [r.id for r in load_rule_files([builtin_pack])])
    assert config == Config(root=in_tmp, file=in_tmp / ".samlint.yaml", fail_on="missing")
    assert "begrunnelse" in text and "Eksempel" in text  # bokmål comments


def test_init_examples_are_valid_too(in_tmp: Path, builtin_pack: Path) -> None:
    """Every ``# Eksempel:`` block, uncommented, is a valid setting of its key."""
    blocks = re.findall(r"# Eksempel:\n((?:#   .*\n)+)", TEMPLATE)
    examples: dict[str, object] = {}
    for block in blocks:
        examples.update(yaml.safe_load("".join(line[4:] + "\n" for line in block.splitlines())))

    # fail-on has no example block: its three values are listed instead.
    assert sorted(examples) == sorted(set(yaml.safe_load(TEMPLATE)) - {"fail-on"})
    assert all(f"#   {value}" in TEMPLATE for value in ("missing", "weak", "info"))
    config = parse_config(examples, file=in_tmp / ".samlint.yaml")
    check_rule_ids(config, [r.id for r in load_rule_files([builtin_pack])])
    assert config.waivers[0].reason.startswith("Jordmortjenester")


def test_init_refuses_to_overwrite(cli: Cli, in_tmp: Path) -> None:
    write(in_tmp / ".samlint.yaml", "fail-on: weak\n")

    result = cli("init")

    assert result.exit_code == 2
    [line] = stderr_lines(result)
    assert line.startswith("samlint: .samlint.yaml finnes allerede")
    assert (in_tmp / ".samlint.yaml").read_text(encoding="utf-8") == "fail-on: weak\n"


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
