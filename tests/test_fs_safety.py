"""File-system safety of a whole run: what samlint walks, shows, opens and writes.

samlint runs unattended in CI over folders it did not create: downloads,
scans, checkouts of other people's repositories. So a folder walk must never
loop on a symlink cycle nor leave the folder it was given through a symlink;
a file name that is not valid UTF-8 must be shown (with U+FFFD for the
undecodable bytes), never crash the run or corrupt the JSON; the inputs must
be opened read-only and be bit-for-bit and timestamp-for-timestamp unchanged
afterwards; and the cache must be private (0700) and survive corrupt entries.

The symlink-leaving and non-UTF-8 tests were written before ``discover.py``
(then ``config.py``: the directory walk and ``display_path``) had the behaviour, as
``xfail(strict=True)``; the marks went when it gained it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from samlint.discover import collect_agreements, display_path

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
EXAMPLES = REPO / "examples"
TIMEOUT = 60
BAD_NAME = os.fsdecode(b"avtale-\xff\xfe.docx")  # not UTF-8: two undecodable bytes
SHOWN_BAD_NAME = "avtale-\ufffd\ufffd.docx"


def run_cli(*args: str | os.PathLike[str], cwd: Path, env: dict[str, str] | None = None,
            prelude: str = "") -> subprocess.CompletedProcess[bytes]:
    """``samlint ARGS`` as a real process; output kept as bytes (it may not be UTF-8)."""
    script = textwrap.dedent(prelude) + textwrap.dedent("""
        import sys
        from samlint.cli import app
        sys.argv[0] = "samlint"
        app()
    """)
    full_env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1", **(env or {})}
    return subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True,
                          env=full_env, cwd=cwd, timeout=TIMEOUT)


def assert_no_crash(result: subprocess.CompletedProcess[bytes]) -> None:
    output = result.stdout + result.stderr
    assert b"Traceback" not in output, output.decode("utf-8", "replace")
    assert b"uventet feil" not in output, output.decode("utf-8", "replace")


@pytest.fixture
def agreement(tmp_path: Path) -> Path:
    """``avtale/`` with one good agreement file, and ``ute/`` next to it (outside)."""
    folder = tmp_path / "avtale"
    folder.mkdir()
    shutil.copyfile(EXAMPLES / "mangelfull.docx", folder / "mangelfull.docx")
    outside = tmp_path / "ute"
    outside.mkdir()
    (outside / "hemmelig.txt").write_text("Utenfor mappen: skal aldri leses.\n",
                                          encoding="utf-8")
    return folder


def walked(folder: Path) -> list[str]:
    agreements, problems = collect_agreements([folder])
    assert not problems
    [agreement] = agreements
    return [path.relative_to(folder).as_posix() for path in agreement.files]


# --------------------------------------------------------------------- symlinks


def test_symlink_loops_are_not_followed(agreement: Path) -> None:
    (agreement / "ring").symlink_to("..", target_is_directory=True)
    (agreement / "selv").symlink_to(".", target_is_directory=True)
    (agreement / "under").mkdir()
    (agreement / "under" / "opp").symlink_to("../..", target_is_directory=True)
    started = time.monotonic()
    assert walked(agreement) == ["mangelfull.docx"]
    assert time.monotonic() - started < 5


def test_symlink_loop_through_the_cli_ends(agreement: Path) -> None:
    (agreement / "ring").symlink_to("..", target_is_directory=True)
    result = run_cli("check", agreement, "--no-cache", "--format", "json", cwd=agreement.parent)
    assert_no_crash(result)
    assert result.returncode == 1
    [entry] = json.loads(result.stdout)["agreements"]
    assert entry["files"] == ["avtale/mangelfull.docx"]


def test_symlinked_folder_leading_outside_is_not_entered(agreement: Path) -> None:
    (agreement / "ute").symlink_to(agreement.parent / "ute", target_is_directory=True)
    assert walked(agreement) == ["mangelfull.docx"]


def test_symlinked_file_leading_outside_is_not_read(agreement: Path) -> None:
    (agreement / "lenke.txt").symlink_to(agreement.parent / "ute" / "hemmelig.txt")
    assert walked(agreement) == ["mangelfull.docx"]
    [error] = collect_agreements([agreement])[0][0].errors  # not read, but named
    assert error.file.endswith("avtale/lenke.txt") and "utenfor avtalemappen" in error.message


def test_relative_symlink_leaving_the_folder_is_not_part_of_the_set(agreement: Path) -> None:
    (agreement / "rel.txt").symlink_to(Path("..") / "ute" / "hemmelig.txt")
    result = run_cli("check", agreement, "--no-cache", "--format", "json", cwd=agreement.parent)
    assert_no_crash(result)
    [entry] = json.loads(result.stdout)["agreements"]
    assert entry["files"] == ["avtale/mangelfull.docx"]


# ----------------------------------------------------------- names that are not UTF-8


@pytest.fixture
def bad_name_folder(tmp_path: Path) -> Path:
    """``avtale/`` holding only the example agreement, under a name that is not UTF-8.

    Alone in the set, its name is cited as the evidence of every covered rule.
    """
    folder = tmp_path / "avtale"
    folder.mkdir()
    shutil.copyfile(EXAMPLES / "mangelfull.docx", folder / BAD_NAME)
    return folder


def test_a_name_that_is_not_utf8_is_found_by_the_walk(bad_name_folder: Path) -> None:
    assert walked(bad_name_folder) == [BAD_NAME]


def test_display_name_uses_replacement_characters(bad_name_folder: Path) -> None:
    shown = display_path(bad_name_folder / BAD_NAME)
    assert shown.endswith(SHOWN_BAD_NAME)
    shown.encode("utf-8")  # printable and JSON-safe


def test_json_report_stays_valid_utf8_with_such_a_name(bad_name_folder: Path) -> None:
    result = run_cli("check", bad_name_folder, "--no-cache", "--format", "json",
                     cwd=bad_name_folder.parent)
    assert_no_crash(result)
    report = json.loads(result.stdout.decode("utf-8"))
    [entry] = report["agreements"]
    assert f"avtale/{SHOWN_BAD_NAME}" in entry["files"]


def test_text_report_with_strict_utf8_stdout_does_not_crash(bad_name_folder: Path) -> None:
    result = run_cli("check", bad_name_folder, "--no-cache", cwd=bad_name_folder.parent,
                     env={"PYTHONIOENCODING": "utf-8"})
    assert_no_crash(result)
    assert result.returncode == 1
    assert SHOWN_BAD_NAME.encode() in result.stdout


def test_such_a_name_given_directly_is_checked(bad_name_folder: Path) -> None:
    name = Path(BAD_NAME)
    result = run_cli("check", name, "--no-cache", cwd=bad_name_folder,
                     env={"PYTHONIOENCODING": "utf-8"})
    assert_no_crash(result)
    assert result.returncode == 1  # the deficient example: checked, not skipped
    assert SHOWN_BAD_NAME.encode() in result.stdout


def test_an_unreadable_file_with_such_a_name_gets_one_error_line(bad_name_folder: Path) -> None:
    """The error line goes to stderr, which escapes rather than fails: it must not crash."""
    path = bad_name_folder / os.fsdecode(b"skadet-\xff.pdf")
    path.write_bytes(b"%PDF-1.4 avkortet")
    result = run_cli("check", bad_name_folder, "--no-cache", cwd=bad_name_folder.parent)
    assert_no_crash(result)
    assert result.returncode == 2
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1


# -------------------------------------------------------------- inputs never change

# Audit events that change a file or folder (PEP 578); "open" counts when it asks to write.
WRITING_EVENTS = ("os.rename", "os.replace", "os.remove", "os.unlink", "os.rmdir",
                  "os.truncate", "os.chmod", "os.chown", "os.utime", "os.mkdir", "os.link",
                  "os.symlink", "os.chflags", "os.setxattr", "os.removexattr",
                  "shutil.copyfile", "shutil.copymode", "shutil.copystat", "shutil.move",
                  "shutil.rmtree")

AUDIT_PRELUDE = f"""
    import os, sys
    WATCHED = os.environ["SAMLINT_TEST_WATCHED"]
    WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    WRITING = {WRITING_EVENTS!r}

    def _inside(value):
        if isinstance(value, int) or not isinstance(value, (str, bytes, os.PathLike)):
            return False
        return os.path.abspath(os.fsdecode(value)).startswith(WATCHED)

    def _hook(event, args):
        if event == "open" and args and _inside(args[0]):
            mode = args[1] if len(args) > 1 and isinstance(args[1], str) else "r"
            flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
            if any(c in mode for c in "wax+") or flags & WRITE_FLAGS:
                os.write(2, f"AUDIT-WRITE {{event}} {{args!r}}\\n".encode())
        elif event in WRITING and any(_inside(a) for a in args[:2]):
            os.write(2, f"AUDIT-WRITE {{event}} {{args!r}}\\n".encode())

    sys.addaudithook(_hook)
"""


def snapshot(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Every entry below ``folder``: (content hash, mtime in ns, mode), links not followed."""
    entries = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if stat.S_ISREG(
            info.st_mode) else "-"
        entries[path.relative_to(folder).as_posix()] = (digest, info.st_mtime_ns, info.st_mode)
    folder_info = folder.lstat()
    entries["."] = ("-", folder_info.st_mtime_ns, folder_info.st_mode)
    return entries


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A folder set, a single PDF, and unreadable files: every reader gets its turn."""
    root = tmp_path / "inn"
    shutil.copytree(EXAMPLES / "komplett", root / "komplett")
    shutil.copyfile(EXAMPLES / "mangelfull.pdf", root / "mangelfull.pdf")
    shutil.copyfile(EXAMPLES / "mangelfull.docx", root / "mangelfull.docx")
    (root / "notat.md").write_text("# Notat\n\nKommunen og helseforetaket samarbeider.\n",
                                   encoding="utf-8")
    good_pdf = (EXAMPLES / "mangelfull.pdf").read_bytes()
    (root / "avkortet.pdf").write_bytes(good_pdf[: len(good_pdf) // 2])
    (root / "tom.txt").write_bytes(b"")
    old = time.time() - 10 * 24 * 3600  # so a touched mtime cannot hide in the same tick
    for path in [root, *root.rglob("*")]:
        os.utime(path, (old, old))
    return root


@pytest.mark.parametrize("extra", [
    ["--format", "json"],
    ["--jobs", "2"],
    [],  # with the cache: the second run reads from it
])
def test_inputs_are_opened_read_only_and_left_unchanged(inputs: Path, tmp_path: Path,
                                                        extra: list[str]) -> None:
    before = snapshot(inputs)
    env = {"SAMLINT_TEST_WATCHED": str(inputs), "SAMLINT_CACHE_DIR": str(tmp_path / "cache")}
    names = ["komplett", "mangelfull.pdf", "mangelfull.docx", "notat.md", "avkortet.pdf",
             "tom.txt"]
    for _run in range(2):
        result = run_cli("check", *names, *extra, cwd=inputs, env=env,
                         prelude=AUDIT_PRELUDE)
        assert_no_crash(result)
        assert result.returncode == 2  # the two broken files
        assert b"AUDIT-WRITE" not in result.stderr, result.stderr.decode("utf-8", "replace")
    assert snapshot(inputs) == before


def test_the_write_audit_sees_a_write(tmp_path: Path) -> None:
    """The audit above would pass vacuously if it never fired: show it catches writes."""
    script = textwrap.dedent(AUDIT_PRELUDE) + textwrap.dedent("""
        import os
        with open(os.path.join(WATCHED, "ny.txt"), "w") as handle:
            handle.write("x")
        os.utime(os.path.join(WATCHED, "ny.txt"))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=TIMEOUT,
                            env={**os.environ, "SAMLINT_TEST_WATCHED": str(tmp_path)})
    assert result.stderr.count(b"AUDIT-WRITE") == 2, result.stderr


def test_read_only_inputs_in_a_read_only_folder_are_checked(inputs: Path) -> None:
    """Files 0444 in folders 0555 (as a CI checkout may be): nothing needs write access."""
    for path in inputs.rglob("*"):
        path.chmod(0o444 if path.is_file() else 0o555)
    inputs.chmod(0o555)
    try:
        before = snapshot(inputs)
        result = run_cli("check", "komplett", "mangelfull.docx", "--no-cache", cwd=inputs)
        assert_no_crash(result)
        assert result.returncode == 1
        assert snapshot(inputs) == before
    finally:
        for path in [inputs, *inputs.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)


# ------------------------------------------------------------------------- the cache


def _cache_entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*.json") if p.is_file())


def test_cache_directory_is_created_private(tmp_path: Path, agreement: Path) -> None:
    cache = tmp_path / "ny" / "dypere" / "cache"
    result = run_cli("check", agreement, cwd=tmp_path,
                     env={"SAMLINT_CACHE_DIR": str(cache)}, prelude="import os; os.umask(0)\n")
    assert_no_crash(result)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    for path in cache.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path
    assert _cache_entries(cache)


def test_an_existing_open_cache_directory_is_made_private(tmp_path: Path,
                                                          agreement: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o755)
    cache.chmod(0o755)
    run_cli("check", agreement, cwd=tmp_path, env={"SAMLINT_CACHE_DIR": str(cache)})
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700


CORRUPTIONS = {
    "binary": b"\x00\xff\xfe garbage \x89PNG",
    "truncated": b'{"schema": 1, "value": {"blocks": [["Avtale", "para',
    "wrong-schema": b'{"schema": 999, "value": {}}',
    "wrong-shape": b'{"schema": 1, "value": {"blocks": "ikke en liste", "rules": 7}}',
    "wrong-types": (b'{"schema": 1, "value": {"blocks": [["x", "heading", "en", null, "to"]],'
                    b' "page_count": "mange", "furniture": 5, "path": 1, "files": 2,'
                    b' "rules": [{"rule_id": 1}], "errors": [3]}}'),
    "empty": b"",
}


@pytest.mark.parametrize("kind", sorted(CORRUPTIONS))
def test_corrupt_cache_entries_are_ignored_and_rebuilt(tmp_path: Path, agreement: Path,
                                                       kind: str) -> None:
    cache = tmp_path / "cache"
    env = {"SAMLINT_CACHE_DIR": str(cache)}
    (agreement / "notat.md").write_text("# Notat\n\nPartene samarbeider.\n", encoding="utf-8")
    first = run_cli("check", agreement, "--format", "json", cwd=tmp_path, env=env)
    entries = _cache_entries(cache)
    assert entries
    for entry in entries:
        entry.write_bytes(CORRUPTIONS[kind])
    second = run_cli("check", agreement, "--format", "json", cwd=tmp_path, env=env)
    assert_no_crash(second)
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)
    for entry in _cache_entries(cache):
        data = json.loads(entry.read_bytes())
        assert data["schema"] == 1
    third = run_cli("check", agreement, "--format", "json", cwd=tmp_path, env=env)
    assert third.stdout == first.stdout
