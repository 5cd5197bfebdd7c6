"""Files and real ``python -m samlint`` runs in a test's own folder.

Shared by the end-to-end test modules, which all need to lay out agreements
and configuration files and run the command line the way a user's shell does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` (UTF-8), creating its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_samlint(*args: str | os.PathLike[str], cwd: Path,
                cache: Path) -> subprocess.CompletedProcess[str]:
    """A real ``python -m samlint`` run with its own cache, as a user's shell runs it."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "SAMLINT_CACHE_DIR": str(cache)}
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "samlint", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=cwd, timeout=120,
    )
