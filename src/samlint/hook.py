"""The pre-commit hook: judge every agreement set a commit touches, deletions included.

pre-commit passes the changed files that still exist; a commit that only
deletes a delavtale passes none, and the set that now lacks points would go
unjudged. So the hook (``always_run``) also asks git which staged files are
deleted, and checks each set any of them belongs to (``discover.touched_sets``),
by running ``samlint check`` with the hook's own arguments.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

NOTHING_TOUCHED = "samlint: ingen avtalesett er endret"


def staged_deletions() -> list[Path]:
    """Files the commit deletes (empty outside a git repository or without git)."""
    try:
        listed = subprocess.run(["git", "diff", "--cached", "--name-only", "--diff-filter=D",
                                 "-z"], capture_output=True, check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [Path(name) for name in listed.decode("utf-8", "surrogateescape").split("\0") if name]


def split_arguments(argv: list[str]) -> tuple[list[str], list[Path]]:
    """The hook's options (from ``args:``, which pre-commit puts first) and the file names."""
    import typer.main

    from samlint.cli import app

    command = typer.main.get_command(app).commands["check"]  # type: ignore[attr-defined]
    takes_value = {name for param in command.params if not getattr(param, "is_flag", True)
                   for name in getattr(param, "opts", [])}
    options: list[str] = []
    index = 0
    while index < len(argv) and argv[index].startswith("-"):
        options.append(argv[index])
        if argv[index] in takes_value and index + 1 < len(argv):
            options.append(argv[index + 1])
            index += 1
        index += 1
    return options, [Path(name) for name in argv[index:]]


def main(argv: list[str] | None = None) -> None:
    from samlint.cli import run
    from samlint.config import ConfigError, load_project_config
    from samlint.discover import touched_sets

    options, files = split_arguments(sys.argv[1:] if argv is None else argv)
    try:
        config = load_project_config(None)
    except ConfigError:
        config = None  # «samlint check» reports the broken configuration itself
    paths = touched_sets([*files, *staged_deletions()], config)
    if not paths:
        print(NOTHING_TOUCHED)
        return
    sys.argv = ["samlint", "check", *options, *map(str, paths)]
    run()


if __name__ == "__main__":
    main()
