"""How long and how much memory the loader takes to refuse each hostile workbook (issue 17's sizes).

    python scripts/measure_bombs.py

Each bomb is built by tests/workbook_bombs.py, then loaded by `load_plan` in a fresh process; the
table shows the file size, the seconds to the answer, the process's peak memory and the answer.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from tests import workbook_bombs  # noqa: E402  (after the path is set)

CASES = {
    "20 million shared strings": lambda base: workbook_bombs.shared_strings(base, 20_000_000),
    "300,000 shared strings": lambda base: workbook_bombs.shared_strings(base, 300_000),
    "1.6 million rows": lambda base: workbook_bombs.many_rows(base, 1_600_000),
    "30,000 rows": lambda base: workbook_bombs.many_rows(base, 30_000),
    "19,000 rows of 13 cells (inside the limits)": workbook_bombs.full_sheet,
    "one row numbered 1,048,576": workbook_bombs.last_row_only,
    "a cell in column XFD, 2000 rows": workbook_bombs.far_right,
    "790 MB of blanks": lambda base: workbook_bombs.blanks(base, 790),
    "250,000 cell formats": workbook_bombs.many_styles,
    "19,000 cell formats (inside the limits)": lambda base: workbook_bombs.many_styles(base, 19_000),
    "a 5001-digit number": workbook_bombs.long_number,
}

CHILD = """
import resource, sys, time
sys.path[:0] = [{root!r}]
from scheduler.io.load import load_plan_file
started = time.perf_counter()
plan, problems = load_plan_file({path!r})
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{{seconds:.2f}}\\t{{peak:.0f}}\\t{{problems[0] if problems else 'accepted'}}")
"""


def main() -> None:
    from scheduler.io.plan_json import read_plan_json
    from scheduler.io.workbook import plan_to_workbook

    plan, _ = read_plan_json((ROOT / "data" / "ukraine-prosecutors-2024.json").read_bytes())
    assert plan is not None
    base = plan_to_workbook(plan)
    print("bomb | file MB | seconds | peak MB | answer")
    with tempfile.TemporaryDirectory() as folder:
        for name, build in CASES.items():
            path = Path(folder) / "bomb.xlsx"
            path.write_bytes(build(base))
            child = CHILD.format(root=str(ROOT), path=str(path))
            out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True)
            seconds, peak, answer = out.stdout.strip().split("\t", 2)
            size = path.stat().st_size / 1024 / 1024
            print(f"{name} | {size:.2f} | {seconds} | {peak} | {answer[:110]}")


if __name__ == "__main__":
    main()
