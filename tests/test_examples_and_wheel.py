"""The bundled examples give the verdicts their README promises, and the built
wheel works on its own: default rules inside it, console script on PATH.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import site
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
        assert re.search(r"^samlint = samlint\.cli:\w+$",
                         archive.read(entry_points).decode(), re.MULTILINE)


def _venv_with_the_wheel(env_dir: Path, wheel: Path) -> Path:
    """A new venv with the wheel installed, seeing the running environment's packages after its own.

    Not ``system_site_packages``: that shows the *base* interpreter's
    packages, which on a machine whose system Python has none of samlint's
    dependencies (a fresh CI image) means none at all. A ``.pth`` file in
    the new venv lists the running interpreter's site-packages instead;
    ``site`` appends them after the venv's own directory, so the installed
    wheel's ``samlint`` wins over the one under test. It is written after
    the wheel is installed: pip would otherwise see that copy of samlint
    and install nothing.
    """
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    assert install.returncode == 0, install.stderr
    inner = subprocess.run(
        [str(python), "-c", "import site; print(site.getsitepackages()[0])"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout.strip()
    outer = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (Path(inner) / "zz_running_environment.pth").write_text(
        "".join(f"{p}\n" for p in outer), encoding="utf-8")
    return python


def test_installed_wheel_checks_an_agreement(wheel: Path, tmp_path: Path) -> None:
    """A fresh environment with only the wheel (dependencies from the running one)."""
    env_dir = tmp_path / "venv"
    python = _venv_with_the_wheel(env_dir, wheel)
    agreement = tmp_path / "avtale.pdf"
    shutil.copy(EXAMPLES / "mangelfull.pdf", agreement)
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run = subprocess.run(
        [str(env_dir / "bin" / "samlint"), "check", agreement.name, "--format", "json"],
        capture_output=True, text=True, cwd=tmp_path, env=environment, timeout=120,
    )
    # Exit 1 (three points are missing) with a report, not exit 1 from a
    # traceback: a missing dependency (the defect this guards) also exits 1.
    assert run.returncode == 1 and run.stdout.startswith("{"), run.stderr
    report = json.loads(run.stdout)
    rules = report["agreements"][0]["rules"]
    assert {r["id"]: r["status"] for r in rules} == MANGELFULL
    located = subprocess.run(
        [str(python), "-c", "import samlint, samlint.rules as r; "
         "print(samlint.__file__); print(r.builtin_rules_dir())"],
        capture_output=True, text=True, cwd=tmp_path, env=environment, timeout=60,
    )
    # The wheel's copy, not the checkout's: the test is of what pip installs.
    package, rules_dir = located.stdout.splitlines()
    assert str(env_dir) in package and str(env_dir) in rules_dir, located.stdout
