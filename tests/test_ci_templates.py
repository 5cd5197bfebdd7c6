"""The GitHub Action, the GitLab CI template and the pre-commit hook definition.

Neither CI service can run here, so the files are parsed and their structure
checked, and the shell their steps run is executed with a ``samlint`` on PATH
that runs this checkout: that catches a wrong option or a lost exit status,
which a structure check alone would not.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
DEFICIENT = REPO / "examples" / "mangelfull.pdf"
KOMPLETT = REPO / "examples" / "komplett"


def load(name: str) -> Any:
    return yaml.safe_load((REPO / name).read_text(encoding="utf-8"))


def readme_blocks(section: str, language: str) -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    body = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{language}\n(.*?)```", body, re.S)


@pytest.fixture
def shims(tmp_path: Path) -> Path:
    """A bin folder with ``samlint`` running this checkout and a ``pip`` that does nothing."""
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "samlint").write_text(
        f'#!/bin/sh\nPYTHONPATH="{REPO / "src"}" exec "{sys.executable}" -m samlint "$@"\n',
        encoding="utf-8")
    (folder / "pip").write_text("#!/bin/sh\necho \"pip $*\" >> \"$PIP_LOG\"\n", encoding="utf-8")
    for shim in folder.iterdir():
        shim.chmod(0o755)
    return folder


def run_shell(script: str, cwd: Path, shims: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **env, "PATH": f"{shims}{os.pathsep}{os.environ['PATH']}",
                   "PIP_LOG": str(cwd / "pip.log")}
    return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=cwd,
                          capture_output=True, text=True, env=environment, timeout=300)


# GitHub Action ---------------------------------------------------------------------


def action_steps() -> list[dict[str, Any]]:
    action = load("action.yml")
    assert action["runs"]["using"] == "composite"
    return action["runs"]["steps"]


def run_step() -> dict[str, Any]:
    [step] = [s for s in action_steps() if "samlint check" in s.get("run", "")]
    return step


def test_action_inputs() -> None:
    inputs = load("action.yml")["inputs"]

    assert set(inputs) == {"paths", "args", "sarif", "python-version"}
    assert inputs["sarif"]["default"] == "false"
    assert all(not spec.get("required", False) for spec in inputs.values())
    assert all(spec.get("description") for spec in inputs.values())


def test_action_steps_set_up_python_install_run_and_upload() -> None:
    steps = action_steps()
    uses = [s.get("uses", "").split("@")[0] for s in steps]

    assert uses[0] == "actions/setup-python"
    assert steps[0]["with"]["python-version"] == "${{ inputs.python-version }}"
    [install] = [s for s in steps if "pip install" in s.get("run", "")]
    assert install["env"]["SAMLINT_ACTION_PATH"] == "${{ github.action_path }}"
    step = run_step()
    assert re.search(r"^samlint check \$SAMLINT_PATHS \$SAMLINT_ARGS$", step["run"], re.M)
    assert step["env"]["SAMLINT_PATHS"] == "${{ inputs.paths }}"
    assert step["shell"] == "bash"
    [upload] = [s for s in steps
                if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
    assert "inputs.sarif == 'true'" in upload["if"] and "always()" in upload["if"]
    assert upload["with"]["sarif_file"] == step["env"]["SAMLINT_SARIF_FILE"]
    assert steps.index(install) < steps.index(step) < steps.index(upload)


def test_action_inputs_never_pasted_into_shell() -> None:
    """Inputs reach scripts as environment variables: no ${{ }} inside a run script."""
    for step in action_steps():
        assert "${{" not in step.get("run", ""), step.get("name")


@pytest.mark.parametrize(("target", "sarif", "code"),
                         [(DEFICIENT, "true", 1), (KOMPLETT, "false", 0)])
def test_action_run_script_works(
    tmp_path: Path, shims: Path, target: Path, sarif: str, code: int
) -> None:
    sarif_file = tmp_path / "samlint.sarif"

    proc = run_shell(run_step()["run"], tmp_path, shims, SAMLINT_PATHS=str(target),
                     SAMLINT_ARGS="--no-cache", SAMLINT_SARIF=sarif,
                     SAMLINT_SARIF_FILE=str(sarif_file))

    assert proc.returncode == code, proc.stderr
    assert "1 avtale:" in proc.stdout  # the readable report is in the log
    if sarif == "true":
        report = json.loads(sarif_file.read_text(encoding="utf-8"))
        assert report["version"] == "2.1.0"
        assert report["runs"][0]["results"]
    else:
        assert not sarif_file.exists()


def test_readme_workflow_uses_the_action_inputs() -> None:
    [workflow_text] = readme_blocks("GitHub Actions", "yaml")
    workflow = yaml.safe_load(workflow_text)
    inputs = set(load("action.yml")["inputs"])

    [step] = [s for s in workflow["jobs"]["samlint"]["steps"] if "samlint@" in s.get("uses", "")]
    assert set(step["with"]) <= inputs
    assert workflow["permissions"]["security-events"] == "write"
    table = (REPO / "README.md").read_text(encoding="utf-8").split("## GitHub Actions", 1)[1]
    for name in inputs:
        assert f"| `{name}` |" in table


# GitLab CI ------------------------------------------------------------------------


def gitlab_job() -> dict[str, Any]:
    [job] = load("docs/gitlab-ci.yml").values()
    return job


def test_gitlab_job_writes_the_code_quality_report() -> None:
    job = gitlab_job()

    report = job["artifacts"]["reports"]["codequality"]
    assert report == "gl-code-quality-report.json"
    assert job["artifacts"]["when"] == "always"  # the report is wanted most when it fails
    [writer] = [line for line in job["script"] if "--format gitlab" in line]
    assert writer.startswith("samlint check ")
    assert writer.endswith(f"-o {report}")
    assert "|| true" not in writer  # its exit status decides the job


def test_gitlab_script_runs(tmp_path: Path, shims: Path) -> None:
    job = gitlab_job()
    shutil.copy(DEFICIENT, tmp_path / "avtale.pdf")
    env = {**job["variables"], "SAMLINT_PACKAGE": "samlint==0.1.0",
           "SAMLINT_PATHS": "avtale.pdf", "SAMLINT_ARGS": "--no-cache"}

    proc = run_shell("\n".join(job["script"]), tmp_path, shims, **env)

    assert proc.returncode == 1, proc.stderr  # missing points fail the job
    assert "1 avtale:" in proc.stdout
    assert "samlint==0.1.0" in (tmp_path / "pip.log").read_text(encoding="utf-8")
    issues = json.loads((tmp_path / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert isinstance(issues, list) and issues
    assert {"description", "fingerprint", "severity", "location"} <= set(issues[0])


def test_gitlab_script_refuses_without_a_package(tmp_path: Path, shims: Path) -> None:
    job = gitlab_job()

    proc = run_shell("\n".join(job["script"]), tmp_path, shims, **job["variables"])

    assert proc.returncode == 2
    assert proc.stderr.strip() == "samlint: sett variabelen SAMLINT_PACKAGE"


def test_readme_gitlab_block_is_the_template() -> None:
    [block] = readme_blocks("GitLab CI", "yaml")

    assert block == (REPO / "docs" / "gitlab-ci.yml").read_text(encoding="utf-8")


# pre-commit hook definition ------------------------------------------------------------


def test_pre_commit_hook_definition() -> None:
    [hook] = load(".pre-commit-hooks.yaml")

    assert hook["id"] == "samlint"
    assert hook["name"]
    # The hook module finds the sets the commit touches, deletions too (samlint.hook).
    assert hook["entry"] == "python -m samlint.hook"
    assert hook["always_run"] is True
    assert hook["language"] == "python"
    assert "types" not in hook
    assert hook["pass_filenames"] is True
    assert hook["require_serial"] is True
    files = re.compile(hook["files"])
    assert files.search("avtaler/x/delavtale-6.docx")
    assert not files.search("avtaler/x/notater.xlsx")
    # Every type samlint reads is passed to it, and nothing else.
    from samlint.documents import SUPPORTED_SUFFIXES

    assert all(files.search(f"avtaler/x/avtale{suffix}") for suffix in SUPPORTED_SUFFIXES)
    assert not files.search("avtaler/x/bilde.png")
