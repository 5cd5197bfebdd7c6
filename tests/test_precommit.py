"""The pre-commit hook, run for real by pre-commit in a throwaway repository.

pre-commit installs the hook from a git repository, so the hook repository is
a copy of this working tree committed in a temporary folder (never a commit
in the real checkout). pre-commit then builds its own virtualenv with samlint
in it, exactly as for a user; that environment is shared by the tests here
through one PRE_COMMIT_HOME, so it is built once.

What is checked is the point of the hook: pre-commit passes only the changed
file, and samlint must judge the whole agreement set that file belongs to.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
KOMPLETT = REPO / "examples" / "komplett"
SET_DIR = "avtaler/kommune"
CHANGED = f"{SET_DIR}/delavtale-2-innleggelse-ohd-utskrivning.docx"
POINTS_12_13_LEDD2 = "delavtale-6-planlegging-barn-unge-samarbeidstiltak.docx"

pytest.importorskip("pre_commit", reason="pre-commit is in the test extra: pip install '.[test]'")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "samlint-test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "samlint-test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(cwd: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd, capture_output=True, text=True, env={**os.environ, **GIT_IDENTITY}, check=True,
    )
    return proc.stdout.strip()


def readme_block(section: str, language: str) -> str:
    """The first ```language block under the README heading ``## section``."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    body = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(rf"```{language}\n(.*?)```", body, re.S)
    assert match, f"no {language} block under {section}"
    return match.group(1)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This working tree (tracked and new files, not ignored ones), committed in a copy."""
    copy = tmp_path_factory.mktemp("hook-repo") / "samlint"
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, check=True,
    ).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "-m", "hook repository for tests")
    return copy, git(copy, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def agreements_repo(tmp_path: Path) -> Path:
    """A municipality's repository: one agreement set, declared in .samlint.yaml.

    ``fail-on: weak``: without delavtale 6 the main agreement's list of
    delavtaler still names points 12 and 13, which samlint grades weak (a
    reference to a document that is not there), not missing.
    """
    repo = tmp_path / "avtalerepo"
    shutil.copytree(KOMPLETT, repo / SET_DIR)
    (repo / ".samlint.yaml").write_text(
        f"fail-on: weak\nagreements:\n  kommune:\n    paths: [{SET_DIR}]\n", encoding="utf-8"
    )
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "avtaler")
    return repo


def pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_IDENTITY, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)  # the hook must run the samlint pre-commit installed
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args, "--color", "never", "--verbose"],
        cwd=repo, capture_output=True, text=True, env=env, timeout=600,
    )


def test_try_repo_fails_when_the_set_loses_a_delavtale(
    hook_repo: tuple[Path, str], pre_commit_home: Path, agreements_repo: Path
) -> None:
    """``pre-commit try-repo`` with only one unchanged delavtale passed: the set is judged.

    try-repo builds the hook's environment in a temporary store every time, so
    it is run once here; the pass/fail/pass sequence runs through the README's
    configuration below, whose environment is built once.
    """
    hook_path, _ = hook_repo
    (agreements_repo / SET_DIR / POINTS_12_13_LEDD2).unlink()

    result = pre_commit(agreements_repo, pre_commit_home,
                        "try-repo", str(hook_path), "samlint", "--files", CHANGED)

    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{SET_DIR} (6 filer)" in result.stdout
    flat = " ".join(result.stdout.split())
    assert "svak hol-6-2-nr13 Barn og unge" in flat
    assert "Viser til dokument som ikke er med." in flat
    assert "1 avtale:" in result.stdout  # the set, checked once


def test_readme_hook_config_judges_the_whole_set_of_the_changed_file(
    hook_repo: tuple[Path, str], pre_commit_home: Path, agreements_repo: Path
) -> None:
    """The README's .pre-commit-config.yaml, pointed at the local copy, as written otherwise."""
    hook_path, sha = hook_repo
    snippet = readme_block("pre-commit", "yaml")
    config = re.sub(r"(?m)^(\s*- repo: ).*$", rf"\g<1>{hook_path.as_posix()}", snippet)
    config = re.sub(r"(?m)^(\s*rev: ).*$", rf"\g<1>{sha}", config)
    assert config != snippet
    (agreements_repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (agreements_repo / "README.md").write_text("# Avtaler\n", encoding="utf-8")

    def run() -> subprocess.CompletedProcess[str]:
        # README.md is passed too: the snippet's «files» must keep it out.
        return pre_commit(agreements_repo, pre_commit_home, "run", "--files", CHANGED,
                          "README.md")

    intact = run()
    # Judged alone, this delavtale lacks most points; judged with its set, nothing.
    assert intact.returncode == 0, intact.stdout + intact.stderr
    assert f"{SET_DIR} (7 filer)" in intact.stdout
    assert "1 avtale: 14 dekket, 0 svake, 0 mangler" in intact.stdout

    removed = agreements_repo / SET_DIR / POINTS_12_13_LEDD2
    saved = removed.read_bytes()
    removed.unlink()
    broken = run()
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert f"{SET_DIR} (6 filer)" in broken.stdout
    assert "svak hol-6-2-nr13" in " ".join(broken.stdout.split())

    removed.write_bytes(saved)
    restored = run()
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "1 avtale: 14 dekket, 0 svake, 0 mangler" in restored.stdout


def test_a_commit_that_only_deletes_a_delavtale_judges_its_set(
    hook_repo: tuple[Path, str], pre_commit_home: Path, tmp_path: Path
) -> None:
    """Issue 16: a deletion passes no file to the hook, yet the set it leaves is judged.

    No .samlint.yaml: the sets are found by the folder rules. Lundvær's
    deficient agreement is in the repository too, untouched: only the sets a
    commit touches are judged, so it does not fail this commit.
    """
    hook_path, sha = hook_repo
    repo = tmp_path / "kommunerepo"
    shutil.copytree(KOMPLETT, repo / "avtaler" / "storfjell")
    (repo / "avtaler" / "lundvaer").mkdir(parents=True)
    shutil.copy2(REPO / "examples" / "mangelfull.docx", repo / "avtaler" / "lundvaer")
    config = re.sub(r"(?m)^(\s*- repo: ).*$", rf"\g<1>{hook_path.as_posix()}",
                    readme_block("pre-commit", "yaml"))
    config = re.sub(r"(?m)^(\s*rev: ).*$", rf"\g<1>{sha}", config)
    config += "        args: [--fail-on, weak]\n"
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "avtaler")

    (repo / "README.md").write_text("# Avtaler\n", encoding="utf-8")
    git(repo, "add", "README.md")
    untouched = pre_commit(repo, pre_commit_home, "run")
    assert untouched.returncode == 0, untouched.stdout + untouched.stderr
    assert "ingen avtalesett er endret" in untouched.stdout
    git(repo, "commit", "-q", "-m", "readme")

    git(repo, "rm", "-q", f"avtaler/storfjell/{POINTS_12_13_LEDD2}")
    deleted = pre_commit(repo, pre_commit_home, "run")

    assert deleted.returncode == 1, deleted.stdout + deleted.stderr
    assert "avtaler/storfjell (6 filer)" in deleted.stdout
    assert re.search(r"^svak +hol-6-2-nr13\b", deleted.stdout, re.M), deleted.stdout
    assert "lundvaer" not in deleted.stdout
    assert "1 avtale:" in deleted.stdout
