"""Long fuzz campaign over the readers, run by hand (not part of the test suite).

    python tests/fuzz_campaign.py --inputs 2000 [--seed 1] [--jobs 2] [--cli] [--save]

Each input is a sample damaged by 1–4 random mutations (``fuzzing.py``). By
default it is checked in-process for speed – ``samlint.engine.check_paths``
with the same per-file child process and limits as the CLI, itself run inside an
outer child process so that a crash or hang of the whole check is caught too;
``--cli`` runs the real command line for every input instead (slower, same
verdicts).

Outcomes are counted as the CLI would exit (0, 1 or 2) plus the problems:
``internal`` (an unexpected exception in a reader: a bug), ``crash`` (the
check itself died), ``hang`` (the check itself did not end), ``masked`` (a
reader said "corrupt" because of an exception that points at a bug in
samlint rather than at the file, e.g. a TypeError in the DOCX walk),
``slow`` (the check took more than 10 s), and – reported, though contained –
``timeout`` (a reader needed the per-file limit) and ``reader-crash`` (a
reader died in C code and was reported as a damaged file). With ``--save``
every problem input is written, gzipped, to tests/fuzz_corpus/.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import hashlib
import os
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO / "src")]

import fuzzing  # noqa: E402

from samlint.runner import ChildCrash, ChildTimeout, call  # noqa: E402

CORPUS = HERE / "fuzz_corpus"
FILE_TIMEOUT = 20.0
CHECK_TIMEOUT = 60.0
PROBLEMS = ("internal", "crash", "hang", "timeout", "reader-crash", "masked", "slow")
SLOW_SECONDS = 10.0  # a check this slow is a near-hang worth a look
# What a damaged file legitimately raises under a reader's "corrupt".
EXPECTED_CAUSES = {"BadZipFile", "LargeZipFile", "error", "EOFError", "NotImplementedError",
                   "XMLSyntaxError", "RuntimeError", "OSError", "UnicodeDecodeError"}


def make_input(index: int, seed: int, folder: Path) -> tuple[Path, str]:
    """The ``index``-th input of the campaign: deterministic from (seed, index)."""
    rng = random.Random(seed * 1_000_003 + index)
    samples = fuzzing.samples()
    sample = rng.choice(samples)
    donor = rng.choice(samples)
    changes = [fuzzing.random_mutation(rng) for _ in range(rng.randint(1, 4))]
    data = fuzzing.mutate(sample.data, changes, donor.data)
    path = folder / f"input-{index}{sample.suffix}"
    path.write_bytes(data)
    return path, f"{sample.name}{sample.suffix} {[(m.kind, m.size, m.value) for m in changes]}"


def _masked_cause(path: Path) -> str:
    """The unexpected exception behind a "corrupt" DocumentError, if any.

    Read directly (the chained cause does not survive the child's pickling).
    """
    from samlint.documents import DocumentError, read_document

    try:
        read_document(path, path.name)
    except DocumentError as exc:
        cause = exc.__cause__
        if cause is not None and type(cause).__name__ not in EXPECTED_CAUSES:
            return f"{type(cause).__name__}: {cause}"
    return ""


def _check_in_process(path: Path) -> tuple[int, list[tuple[str, str]]]:
    """(exit status as the CLI computes it, [(error code, message)]) for one file."""
    from samlint.engine import RunOptions, check_paths
    from samlint.results import Status
    from samlint.rules import default_rule_files, load_rule_files

    masked = ""
    if path.suffix == ".docx":  # only the DOCX reader turns any exception into "corrupt"
        try:
            masked = call(_masked_cause, (path,), seconds=FILE_TIMEOUT)
        except (ChildTimeout, ChildCrash):
            masked = ""  # the check below reports the timeout or crash
    if masked:
        return 2, [("masked", masked)]
    results = check_paths([path], load_rule_files(default_rule_files()),
                          options=RunOptions(timeout=FILE_TIMEOUT))
    errors = [(e.code, e.message) for r in results for e in r.errors]
    if errors:
        return 2, errors
    missing = any(rule.status is Status.MISSING for r in results for rule in r.rules)
    return (1 if missing else 0), errors


def classify_in_process(path: Path) -> tuple[str, str]:
    try:
        status, errors = call(_check_in_process, (path,), seconds=CHECK_TIMEOUT)
    except ChildTimeout:
        return "hang", "the whole check did not end"
    except ChildCrash as exc:
        return "crash", str(exc)
    except Exception as exc:  # escaped check_paths: a bug outside the readers
        return "crash", f"{type(exc).__name__}: {exc}"
    for code, message in errors:
        if code == "masked":
            return "masked", message
        if code == "internal":
            return "internal", message
        if code == "timeout":
            return "timeout", message
        if "stoppet uventet" in message:
            return "reader-crash", message
    return f"exit-{status}", ",".join(code for code, _message in errors)


def classify_cli(path: Path) -> tuple[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "NO_COLOR": "1"}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "samlint", "check", str(path), "--no-cache",
             "--timeout", str(FILE_TIMEOUT)],
            capture_output=True, env=env, timeout=CHECK_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return "hang", "the CLI did not end"
    output = (result.stdout + result.stderr).decode("utf-8", "replace")
    if result.returncode not in (0, 1, 2) or "Traceback" in output:
        return "crash", output[-500:]
    if "uventet feil" in output:
        return "internal", output[-500:]
    if "tok mer enn" in output:
        return "timeout", output[-300:]
    if "stoppet uventet" in output:
        return "reader-crash", output[-300:]
    return f"exit-{result.returncode}", ""


def run_chunk(indices: list[int], seed: int, cli: bool) -> list[tuple[int, str, str, str, bytes]]:
    """Check some inputs in this worker; problem inputs come back with their bytes."""
    out = []
    with tempfile.TemporaryDirectory(prefix="samlint-fuzz-") as folder:
        for index in indices:
            path, description = make_input(index, seed, Path(folder))
            started = time.monotonic()
            outcome, detail = (classify_cli if cli else classify_in_process)(path)
            elapsed = time.monotonic() - started
            if elapsed > SLOW_SECONDS and outcome not in PROBLEMS:
                outcome, detail = "slow", f"{elapsed:.0f} s, then {outcome} {detail}"
            data = path.read_bytes() if outcome in PROBLEMS else b""
            out.append((index, outcome, detail, description, data))
            path.unlink()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--cli", action="store_true", help="run the real CLI for every input")
    parser.add_argument("--save", action="store_true", help="copy problem inputs to the corpus")
    args = parser.parse_args()

    # Import what the children use once, here, so every fork has it for free.
    import samlint.engine  # noqa: F401
    from samlint.documents import preload_reader

    for suffix in (".pdf", ".docx", ".txt"):
        preload_reader(Path(f"x{suffix}"))

    started = time.monotonic()
    chunks = [list(range(start, args.inputs, args.jobs)) for start in range(args.jobs)]
    outcomes: collections.Counter[str] = collections.Counter()
    codes: collections.Counter[str] = collections.Counter()
    found: list[tuple[int, str, str, str, bytes]] = []
    with ProcessPoolExecutor(args.jobs, mp_context=get_context("fork")) as pool:
        futures = [pool.submit(run_chunk, chunk, args.seed, args.cli) for chunk in chunks]
        for future in futures:
            for item in future.result():
                index, outcome, detail, _description, _data = item
                outcomes[outcome] += 1
                if outcome == "exit-2":
                    codes.update(detail.split(","))
                if outcome in PROBLEMS:
                    found.append(item)
    elapsed = time.monotonic() - started

    mode = "CLI" if args.cli else "in-process (engine + runner)"
    print(f"samlint fuzz campaign: {args.inputs} inputs tried, seed {args.seed}, {mode}, "
          f"{elapsed:.0f} s ({elapsed / max(args.inputs, 1) * 1000:.0f} ms per input)")
    for status in ("exit-0", "exit-1", "exit-2"):
        print(f"  {status}: {outcomes[status]}")
    if not args.cli:  # the CLI's codes are in its JSON, which this mode does not ask for
        print(f"  error codes among exit 2: {dict(sorted(codes.items()))}")
    for problem in PROBLEMS:
        print(f"  {problem}: {outcomes[problem]}")
    for index, outcome, detail, description, data in sorted(found):
        line = f"  #{index} {outcome}: {description} -> {detail[:200]}"
        if args.save:
            CORPUS.mkdir(exist_ok=True)
            suffix = Path(description.split()[0]).suffix
            name = f"{outcome}-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"
            (CORPUS / f"{name}.gz").write_bytes(gzip.compress(data, mtime=0))
            line += f" (saved as tests/fuzz_corpus/{name}.gz)"
        print(line)
    serious = sum(outcomes[p] for p in ("internal", "crash", "hang"))
    return 1 if serious else 0


if __name__ == "__main__":
    sys.exit(main())
