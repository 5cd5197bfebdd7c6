"""Fuzzing the readers through the real command line.

Each input is a real sample (the example PDF and DOCX, a text agreement)
damaged by a hypothesis-generated list of mutations (``fuzzing.py``), run
as CI runs samlint: ``python -m samlint check FILE --no-cache --timeout 20``
in its own process. Whatever the damage, the run must end well within a
minute with exit 0, 1 or 2, never print a traceback, and never report an
unexpected error ("uventet feil", a bug in a reader) – a file samlint cannot
read is a plain one-line error, not a crash.

The campaign here is short (the same inputs every run, so CI is stable;
``SAMLINT_FUZZ_RANDOM=1`` draws new ones). The long campaign is
``python tests/fuzz_campaign.py --inputs 2000``; inputs that once crashed or
hung are kept in ``tests/fuzz_corpus/`` and all replayed here.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import fuzzing
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
CORPUS = Path(__file__).resolve().parent / "fuzz_corpus"
PROCESS_TIMEOUT = 60
FILE_TIMEOUT = "20"
SAMPLES = fuzzing.samples()
SUPPORTED = {".pdf", ".docx", ".txt", ".md"}


def run_cli(path: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "samlint", "check", str(path), "--no-cache",
         "--timeout", FILE_TIMEOUT],
        capture_output=True, env=env, cwd=path.parent, timeout=PROCESS_TIMEOUT,
    )


def problems(result: subprocess.CompletedProcess[bytes]) -> list[str]:
    """What is wrong with a run, in words; empty when it ended as it must."""
    found = []
    if result.returncode not in (0, 1, 2):
        found.append(f"exit status {result.returncode}")
    output = result.stdout + result.stderr
    if b"Traceback" in output:
        found.append("traceback")
    if b"uventet feil" in output:
        found.append("unexpected error in a reader")
    return found


mutations = st.lists(
    st.builds(fuzzing.Mutation, st.sampled_from(fuzzing.KINDS), st.floats(0, 1),
              st.sampled_from((1, 2, 4, 8, 16, 64, 512, 4096, 65536)), st.integers(0, 255)),
    min_size=1, max_size=4,
)


@settings(max_examples=30, deadline=None, database=None,
          derandomize=not os.environ.get("SAMLINT_FUZZ_RANDOM"),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.integers(0, len(SAMPLES) - 1), st.integers(0, len(SAMPLES) - 1), mutations)
def test_mutated_samples_never_crash_or_hang_the_cli(
    tmp_path_factory: pytest.TempPathFactory, sample: int, donor: int,
    changes: list[fuzzing.Mutation],
) -> None:
    seed = SAMPLES[sample]
    data = fuzzing.mutate(seed.data, changes, SAMPLES[donor].data)
    path = tmp_path_factory.mktemp("fuzz") / f"{seed.name}{seed.suffix}"
    path.write_bytes(data)
    started = time.monotonic()
    result = run_cli(path)
    found = problems(result)
    assert not found, (
        f"{found} after {time.monotonic() - started:.1f} s on {path} "
        f"(mutations {changes}); keep it with: cp {path} {CORPUS}/\n"
        + result.stderr.decode("utf-8", "replace")[-2000:]
    )


def corpus_files() -> list[Path]:
    """Regression inputs: ``NAME.pdf`` as is, or ``NAME.pdf.gz`` (amplified inputs are big)."""
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.iterdir() if p.name != "README.md"
                  and Path(p.name.removesuffix(".gz")).suffix.lower() in SUPPORTED)


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_every_input_that_once_failed_now_ends_cleanly(path: Path, tmp_path: Path) -> None:
    """Regression inputs found by fuzzing; the file name says what it once did."""
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    copy = tmp_path / path.name.removesuffix(".gz")  # a copy: the corpus is never touched
    copy.write_bytes(data)
    started = time.monotonic()
    result = run_cli(copy)
    assert time.monotonic() - started < 30, "much slower than a real agreement"
    assert not problems(result), result.stderr.decode("utf-8", "replace")[-2000:]


def test_the_regression_corpus_is_not_empty() -> None:
    assert corpus_files(), f"no regression inputs in {CORPUS}"


def test_mutations_are_deterministic_and_do_damage() -> None:
    """The mutator is plain data in, bytes out: the same list gives the same file."""
    changes = [fuzzing.Mutation("number", 0.5, 1, 3), fuzzing.Mutation("zip-member", 0.3, 0, 1)]
    pdf, docx = SAMPLES[0], SAMPLES[1]
    assert fuzzing.mutate(pdf.data, changes, docx.data) == fuzzing.mutate(pdf.data, changes,
                                                                           docx.data)
    digests = {hashlib.sha256(fuzzing.mutate(s.data, [fuzzing.Mutation(kind, 0.4, 8, 7)],
                                             pdf.data)).hexdigest()
               for s in SAMPLES for kind in fuzzing.KINDS}
    assert len(digests) > len(fuzzing.KINDS)
