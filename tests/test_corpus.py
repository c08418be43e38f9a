"""Broken plan files through the real command line: exit code 2 and, word for word, what the user reads.

Each file in tests/corpus has a `<file>.stderr` beside it with the exact lines `python -m scheduler
validate` prints: the JSON path for a JSON plan, sheet, row and column for a workbook.
`tests/corpus/build.py` writes the files; a changed message is reviewed there, line by line.
The files in `tests/corpus/warned` are messy, not broken: warnings only, exit 0, the plan usable.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".json", ".xlsx"))
WARNED = sorted(p for p in (CORPUS / "warned").iterdir() if p.suffix in (".json", ".xlsx"))


def validate(path: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "scheduler", "validate", path.name]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_the_corpus_holds_at_least_25_broken_files_of_both_kinds():
    assert len(FILES) >= 25
    assert {p.suffix for p in FILES} == {".json", ".xlsx"}
    sidecars = {p.name for p in CORPUS.glob("*.stderr")}
    assert sidecars == {f"{p.name}.stderr" for p in FILES}


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_a_broken_file_is_refused_with_located_messages(path: Path):
    done = validate(path, CORPUS)
    expected = (CORPUS / f"{path.name}.stderr").read_text(encoding="utf-8")
    assert done.stderr == expected
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("path", [p for p in FILES if p.suffix == ".xlsx"], ids=lambda p: p.name)
def test_every_workbook_problem_names_a_sheet_row_and_column_or_the_file(path: Path):
    lines = (CORPUS / f"{path.name}.stderr").read_text(encoding="utf-8").splitlines()[:-1]
    for line in lines:
        place = line.split(": ", 2)[1]
        assert place == "file" or place.startswith('sheet "'), line


def test_the_warned_corpus_holds_files_of_both_kinds_each_with_its_messages():
    assert {p.suffix for p in WARNED} == {".json", ".xlsx"}
    sidecars = {p.name for p in (CORPUS / "warned").glob("*.stderr")}
    assert sidecars == {f"{p.name}.stderr" for p in WARNED}


@pytest.mark.parametrize("path", WARNED, ids=[p.name for p in WARNED])
def test_a_messy_file_is_valid_with_located_warnings(path: Path):
    done = validate(path, path.parent)
    expected = (path.parent / f"{path.name}.stderr").read_text(encoding="utf-8")
    assert done.stderr == expected
    assert done.returncode == 0
    lines = expected.splitlines()
    assert lines and all(line.startswith("warning: ") for line in lines)
    if path.suffix == ".xlsx":
        assert all(line.split(": ", 2)[1].startswith('sheet "') for line in lines)
    assert done.stdout.startswith(f"{path.name}: valid: ")
    assert done.stdout.rstrip().endswith(f"{len(lines)} warning{'s' * (len(lines) != 1)}")


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_a_file_over_20_mb_is_refused_before_it_is_read(tmp_path: Path, suffix: str):
    big = tmp_path / f"big{suffix}"
    if suffix == ".json":
        big.write_text('{"name": "' + "x" * (21 * 1024 * 1024) + '"}', encoding="utf-8")
    else:
        big.write_bytes(b"PK\x03\x04" + bytes(21 * 1024 * 1024))
    done = validate(big, tmp_path)
    assert done.returncode == 2
    assert done.stderr == f'error: file: "21.0 MB"; expected a file of at most 20 MB\n{big.name}: 1 error\n'
