"""``samlint init``: the starter configuration is valid, commented, and never overwrites."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import yaml
from typer.testing import Result
from workdir import write

from samlint.config import Config, check_rule_ids, load_config, parse_config
from samlint.rules import load_rule_files
from samlint.starter import TEMPLATE

Cli = Callable[..., Result]


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
    [line] = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith("samlint: .samlint.yaml finnes allerede")
    assert (in_tmp / ".samlint.yaml").read_text(encoding="utf-8") == "fail-on: weak\n"
