"""The bundled examples give the verdicts their README promises, and the built
wheel works on its own: default rules inside it, console script on PATH.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from samlint.engine import check_paths
from samlint.results import Status
from samlint.rules import default_rule_files, load_rule_files

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"

MANGELFULL = {
    "hol-6-2-nr1": "covered", "hol-6-2-nr2": "covered", "hol-6-2-nr3": "covered",
    "hol-6-2-nr4": "missing", "hol-6-2-nr5": "covered", "hol-6-2-nr6": "covered",
    "hol-6-2-nr7": "weak", "hol-6-2-nr8": "weak", "hol-6-2-nr9": "weak",
    "hol-6-2-nr10": "weak", "hol-6-2-nr11": "covered", "hol-6-2-nr12": "missing",
    "hol-6-2-nr13": "missing", "hol-6-2-ledd2": "weak",
}


def test_complete_example_set_covers_everything() -> None:
    rules = load_rule_files(default_rule_files())
    [result] = check_paths([EXAMPLES / "komplett"], rules)
    assert not result.errors
    assert len(result.files) == 7
    assert {r.rule_id: r.status for r in result.rules} == {r.id: Status.COVERED for r in rules}


@pytest.mark.parametrize("name", ["mangelfull.pdf", "mangelfull.docx"])
def test_deficient_example_gives_documented_verdicts(name: str) -> None:
    rules = load_rule_files(default_rule_files())
    [result] = check_paths([EXAMPLES / name], rules)
    assert {r.rule_id: r.status.value for r in result.rules} == MANGELFULL
    kinds = {r.rule_id: r.weak_kind for r in result.rules}
    assert kinds["hol-6-2-nr7"] == "dangling-reference"
    assert kinds["hol-6-2-nr8"] == "heading"
    assert kinds["hol-6-2-ledd2"] == "ledd2-partial"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel the way `pip install .` does (isolated build)."""
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr
    [built] = out.glob("samlint-*.whl")
    return built


def test_wheel_ships_rules_and_console_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "samlint/rules/hol-6-2.yaml" in names
        # The packs as YAML only, with their language data and schema.
        assert {"samlint/rules/language.yaml", "samlint/rules/schema.json"} <= set(names)
        assert not [n for n in names if n.endswith(".parsed.json")]
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        assert "samlint = samlint.entry:run" in archive.read(entry_points).decode()


def test_installed_wheel_checks_an_agreement(wheel: Path, tmp_path: Path) -> None:
    """A fresh environment with only the wheel (dependencies from the running one)."""
    env_dir = tmp_path / "venv"
    venv.create(env_dir, system_site_packages=True, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    assert install.returncode == 0, install.stderr
    agreement = tmp_path / "avtale.pdf"
    shutil.copy(EXAMPLES / "mangelfull.pdf", agreement)
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run = subprocess.run(
        [str(env_dir / "bin" / "samlint"), "check", agreement.name, "--format", "json"],
        capture_output=True, text=True, cwd=tmp_path, env=environment, timeout=120,
    )
    assert run.returncode == 1, run.stderr  # three points are missing
    report = json.loads(run.stdout)
    rules = report["agreements"][0]["rules"]
    assert {r["id"]: r["status"] for r in rules} == MANGELFULL
    located = subprocess.run(
        [str(python), "-c", "import samlint.rules as r; print(r.builtin_rules_dir())"],
        capture_output=True, text=True, cwd=tmp_path, env=environment, timeout=60,
    )
    assert "site-packages" in located.stdout
    # The installed packs come parsed: loading them never imports PyYAML.
    loaded = subprocess.run(
        [str(python), "-c", "import sys; from samlint import rules; "
         "rules.load_rule_files(rules.builtin_rule_files()); print('yaml' in sys.modules)"],
        capture_output=True, text=True, cwd=tmp_path, env=environment, timeout=60,
    )
    assert loaded.stdout.strip() == "False", loaded.stderr
