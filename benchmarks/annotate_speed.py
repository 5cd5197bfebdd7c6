"""Time of ``samlint annotate`` on a 200-page PDF against ``samlint check`` on it.

Issue 19's limit: the review copy of a 200-page PDF takes at most twice the
time of checking it. Both commands run as a user runs them (a new process
each, every core), alternating round by round, each round with an empty
cache of its own (``SAMLINT_CACHE_DIR``), so both read and judge the whole
file; annotate then writes the copy (highlights over the weak findings'
lines, notes on page 1, an incremental save).

    python benchmarks/annotate_speed.py [--pages 200] [--repeat 3]

Prints the median wall time of each and their ratio; exit status 1 when the
ratio is above 2.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pdfgen import write_pdf  # beside this script, as in benchmarks/speed.py

TARGET = 2.0


def timed(args: list[str], cache: Path) -> float:
    env = {**os.environ, "SAMLINT_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "samlint", *args], env=env,
                          capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"samlint {args[0]} failed ({done.returncode}): {done.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="samlint-annotate-bench-") as folder:
        root = Path(folder)
        pdf = root / "avtale.pdf"
        write_pdf(pdf, options.pages)
        check, copy = [], []
        for round_number in range(options.repeat):
            check.append(timed(["check", str(pdf), "--format", "json"],
                               root / f"cache-check-{round_number}"))
            copy.append(timed(["annotate", str(pdf), "-o", str(root / "ut"), "--force"],
                              root / f"cache-annotate-{round_number}"))
        notes = subprocess.run([sys.executable, "-m", "samlint", "annotate", str(pdf), "-o",
                                str(root / "ut"), "--force"], capture_output=True, text=True,
                               check=False).stdout.strip()
    check_time, copy_time = statistics.median(check), statistics.median(copy)
    ratio = copy_time / check_time
    print(f"{options.pages} sider: check {check_time:.2f} s, annotate {copy_time:.2f} s "
          f"(median av {options.repeat}); forhold {ratio:.2f} (grense {TARGET:g})")
    print(f"kopien: {notes}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
