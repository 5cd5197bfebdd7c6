"""Every samlint command the README and the user guide show is run, and its
output compared with what the page shows, so the docs never drift.

The convention (docs/brukerveiledning.md says it too): a fenced block marked
``console`` holds commands, each on a line starting with ``$ ``, each followed
by the output it prints (stdout and stderr together, as a terminal shows
them). A line that is only ``…`` stands for any number of lines left out.
The version number is written ``X.Y.Z`` on the page. Commands run in a
scratch folder that has the repository's ``examples`` in it, 80 columns
wide, in bokmål, with the time fixed (``SOURCE_DATE_EPOCH``) for the HTML
report's "Laget …" line. Blocks marked ``sh``, ``yaml`` and the like are
instructions (installing, CI files) and are not run here.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from samlint import __version__

REPO = Path(__file__).resolve().parent.parent
PAGES = [REPO / "README.md", REPO / "docs" / "brukerveiledning.md"]
BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)
EPOCH = "1796572800"  # 2026-12-06 16:00 UTC


def examples(page: Path) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) for every ``$ `` line of every console block."""
    found: list[tuple[str, list[str]]] = []
    for block in BLOCK.findall(page.read_text(encoding="utf-8")):
        for line in block.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            elif found:
                found[-1][1].append(line)
    return found


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line; a ``…`` line matches any run of lines (none included)."""
    if not expected:
        return not actual
    if expected[0] == "…":
        return any(matches(expected[1:], actual[n:]) for n in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def normalise(text: str) -> list[str]:
    text = text.replace(f"samlint {__version__}", "samlint X.Y.Z")
    text = re.sub(rf'"(version|semanticVersion)": "{re.escape(__version__)}"', r'"\1": "X.Y.Z"',
                  text)
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    (folder / "examples").symlink_to(REPO / "examples")
    return folder


ALL = [(page, command, expected) for page in PAGES for command, expected in examples(page)]


def test_the_pages_show_commands() -> None:
    for page in PAGES:
        assert len(examples(page)) >= 3, page


@pytest.mark.parametrize(("page", "command", "expected"), ALL,
                         ids=[f"{p.name}:{c}" for p, c, _ in ALL])
def test_a_documented_command_prints_what_the_page_shows(
        scratch: Path, page: Path, command: str, expected: list[str]) -> None:
    args = shlex.split(command)
    assert args[0] == "samlint", f"{page.name}: only samlint commands are run: {command}"
    env = {**os.environ, "COLUMNS": "80", "LANG": "nb_NO.UTF-8", "NO_COLOR": "1",
           "SOURCE_DATE_EPOCH": EPOCH, "SAMLINT_CACHE_DIR": str(scratch / ".cache")}
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        env.pop(name, None)
    proc = subprocess.run([sys.executable, "-m", "samlint", *args[1:]], cwd=scratch, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=600, check=False)
    actual = normalise(proc.stdout)
    assert matches([line.rstrip() for line in expected], actual), (
        f"{page.name}: «{command}» printed:\n" + "\n".join(actual))


def test_the_marker_convention() -> None:
    assert matches(["a", "…", "d"], ["a", "b", "c", "d"])
    assert matches(["a", "…"], ["a"])
    assert not matches(["a", "d"], ["a", "b", "d"])
