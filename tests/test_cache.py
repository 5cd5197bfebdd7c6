"""The cache never serves what other code made: its keys include a fingerprint of
samlint's own modules and rule data (``cache.code_fingerprint``), not only the
version string, so an edited checkout or an upgrade shows its own verdicts.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from samlint import cache

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"

# Appended to the copy's samlint/matching/__init__.py: every verdict message
# changes, as an edited message template would change it.
EDIT = '''

import dataclasses as _dataclasses

_unedited = check_agreement


def check_agreement(documents, rules, as_of=None, *args):  # noqa: D103
    return [_dataclasses.replace(result, message=result.message + " (endret)")
            for result in _unedited(documents, rules, as_of, *args)]
'''


def _copy_of_samlint(root: Path) -> Path:
    """The package and its rule folder copied, laid out as in the checkout."""
    shutil.copytree(REPO / "src" / "samlint", root / "src" / "samlint",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "rules", root / "rules")
    return root / "src"


def _check(source: Path, cache_dir: Path, agreement: Path) -> list[dict[str, object]]:
    run = subprocess.run(
        [sys.executable, "-m", "samlint", "check", str(agreement), "--format", "json"],
        capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=agreement.parent,
        env={**os.environ, "PYTHONPATH": str(source), "SAMLINT_CACHE_DIR": str(cache_dir)})
    assert run.returncode == 1, run.stderr  # the deficient example
    return json.loads(run.stdout)["agreements"][0]["rules"]


def test_an_edited_samlint_shows_its_own_verdicts_not_the_cached_ones(tmp_path: Path) -> None:
    source = _copy_of_samlint(tmp_path / "copy")
    cache_dir = tmp_path / "cache"
    agreement = tmp_path / "mangelfull.docx"
    shutil.copy(EXAMPLES / "mangelfull.docx", agreement)
    before = _check(source, cache_dir, agreement)
    assert not any(str(rule["message"]).endswith("(endret)") for rule in before)
    with (source / "samlint" / "matching" / "__init__.py").open("a", encoding="utf-8") as module:
        module.write(EDIT)
    after = _check(source, cache_dir, agreement)
    assert [rule["message"] for rule in after] == [
        f"{rule['message']} (endret)" for rule in before]


def test_a_changed_file_in_the_rule_folder_misses_the_cache(tmp_path: Path) -> None:
    """Language data and other files the matcher loads count, not only the packs named."""
    source = _copy_of_samlint(tmp_path / "copy")
    cache_dir = tmp_path / "cache"
    agreement = tmp_path / "mangelfull.docx"
    shutil.copy(EXAMPLES / "mangelfull.docx", agreement)
    first = _check(source, cache_dir, agreement)
    entries = set(cache_dir.rglob("*.json"))
    assert len(entries) == 3  # the document, the verdicts and the parsed rules
    assert _check(source, cache_dir, agreement) == first
    assert set(cache_dir.rglob("*.json")) == entries  # a warm run adds nothing
    (tmp_path / "copy" / "rules" / "README.txt").write_text("ny fil\n", encoding="utf-8")
    assert _check(source, cache_dir, agreement) == first
    assert len(set(cache_dir.rglob("*.json")) - entries) == 3  # all made anew


def test_the_fingerprint_is_cheap_and_stable() -> None:
    cache.code_fingerprint.cache_clear()
    started = time.perf_counter()
    first = cache.code_fingerprint()
    took = time.perf_counter() - started
    cache.code_fingerprint.cache_clear()
    assert cache.code_fingerprint() == first
    assert took < 0.1, f"{took * 1000:.0f} ms"  # a few ms measured; generous for a busy CI



@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_hashing_refuses_a_named_pipe_without_waiting_for_a_writer(tmp_path: Path) -> None:
    """The parent hashes files outside any time limit: whatever reaches it that is not a
    regular file must fail at once (the reader then names it), not block in open()."""
    fifo = tmp_path / "rør.txt"
    os.mkfifo(fifo)
    outcome: list[object] = []

    def digest() -> None:
        try:
            outcome.append(cache.file_digest(fifo))
        except OSError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=digest, daemon=True)
    worker.start()
    worker.join(5)
    if worker.is_alive():  # blocked in open(): a writer lets it go before the test fails
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(5)
        pytest.fail("hashing a named pipe waited for a writer")
    assert isinstance(outcome[0], OSError)
