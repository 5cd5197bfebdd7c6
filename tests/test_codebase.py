"""The shape issue 14 gave the code, held by tests so that it does not drift back.

Modules small enough to read in one sitting, and none of the start-up
machinery that the runner replaced (a fork before argument parsing, the
garbage-collector games, exits that skip clean-up).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "samlint"
MODULES = sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_every_module_stays_under_500_lines(module: Path) -> None:
    lines = len(module.read_text(encoding="utf-8").splitlines())
    assert lines < 500, f"{module.relative_to(SRC)} has {lines} lines; split it by concern"


def test_the_runner_stays_small() -> None:
    assert len((SRC / "runner.py").read_text(encoding="utf-8").splitlines()) < 250


def test_no_process_or_collector_tricks_come_back() -> None:
    forbidden = re.compile(r"os\._exit|gc\.freeze|gc\.disable")
    found = [f"{m.relative_to(SRC)}:{n}" for m in MODULES
             for n, line in enumerate(m.read_text(encoding="utf-8").splitlines(), 1)
             if forbidden.search(line)]
    assert found == []
