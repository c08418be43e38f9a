"""`solve --out DIR` into a folder that holds a publication: its UIDs survive a rename, it is kept unless
--fresh, a damaged record is never published over (and can be rebuilt from the calendars), and the
files are written as the umask says. Calendars are read back with libical."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data/ukraine-prosecutors-2024.json"


def solve(plan: Path, out: Path, *options: str, umask: int = 0o022) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scheduler", "solve", str(plan), "--out", str(out), "--time-limit", "5",
         "--workers", "1", "--seed", "1", *options],
        capture_output=True, text=True, cwd=ROOT, check=False, preexec_fn=lambda: os.umask(umask),
    )  # fmt: skip


def variant(tmp_path: Path, name: str = "", drop: str = "") -> Path:
    """The sample plan, renamed and/or without one request."""
    data = json.loads(SAMPLE.read_text())
    if name:
        data["name"] = name
    if drop:
        data["requests"] = [r for r in data["requests"] if r["id"] != drop]
        data["pinned"] = [p for p in data.get("pinned", []) if p["request"] != drop]
    path = tmp_path / f"plan-{name or 'same'}-{drop or 'all'}.json"
    path.write_text(json.dumps(data))
    return path


def libical(folder: Path) -> dict[str, dict[str, dict]]:
    """Calendar file name -> UID -> the event as libical reads it."""
    probe = subprocess.run(["/usr/bin/python3", "-c", "import gi; gi.require_version('ICalGLib', '3.0')"],
                           capture_output=True)  # fmt: skip
    if probe.returncode != 0:
        pytest.skip("libical through GObject is missing: apt-get install python3-gi gir1.2-ical-3.0")
    paths = sorted(str(p) for p in (folder / "calendars").glob("*.ics"))
    done = subprocess.run(["/usr/bin/python3", str(ROOT / "tests/libical_read.py"), *paths],
                          capture_output=True, check=True)  # fmt: skip
    return {
        Path(path).name: {e["uid"]: e for e in found["events"]}
        for path, found in json.loads(done.stdout).items()
    }


def starts(out: Path) -> dict[str, str]:
    schedule = json.loads((out / "schedule.json").read_text())
    return {m["request"]: m["start"] for m in schedule["meetings"]}


def test_renaming_the_plan_keeps_every_calendar_uid(tmp_path):
    out = tmp_path / "out"
    assert solve(SAMPLE, out).returncode == 0
    before = libical(out)
    done = solve(variant(tmp_path, name="Ukrainian prosecutors, renamed"), out)
    assert done.returncode == 0, done.stderr
    after = libical(out)
    assert set(before) == set(after)
    for name, events in before.items():
        assert set(events) == set(after[name]), name  # every event, the same UID
    assert len(before["all.ics"]) >= 15


def test_solving_again_into_a_published_folder_keeps_it_and_says_what_changed(tmp_path):
    out = tmp_path / "out"
    assert solve(SAMPLE, out).returncode == 0
    published = starts(out)
    dropped = "ua-policy"
    done = solve(variant(tmp_path, drop=dropped), out)
    assert done.returncode == 0, done.stderr
    assert {r: s for r, s in published.items() if r != dropped} == starts(out)  # nothing else moved
    assert (
        "calendars/publication.json (kept; --fresh lets it all move): 14 meetings as published" in done.stdout
    )
    assert f"1 cancelled ({dropped})" in done.stdout
    cancelled = [e for e in libical(out)["all.ics"].values() if e["status"] == "CANCELLED"]
    assert len(cancelled) == 1 and cancelled[0]["sequence"] == 1
    fresh = solve(variant(tmp_path, drop=dropped), out, "--fresh")
    assert fresh.returncode == 0, fresh.stderr
    assert "calendars/publication.json (not kept):" in fresh.stdout


def sequences(folder: Path) -> dict[str, tuple[int, str]]:
    return {uid: (e["sequence"], e["status"]) for uid, e in libical(folder)["all.ics"].items()}


def test_a_damaged_record_is_never_published_over_and_can_be_rebuilt_from_the_calendars(tmp_path):
    out = tmp_path / "out"
    assert solve(SAMPLE, out).returncode == 0
    plan = variant(tmp_path, name="Renamed", drop="ua-policy")
    assert solve(plan, out).returncode == 0  # one cancelled (SEQUENCE 1), under a new name
    before = sequences(out)
    assert (1, "CANCELLED") in before.values()
    calendars = {p.name: p.read_bytes() for p in (out / "calendars").glob("*.ics")}
    record = out / "calendars/publication.json"
    for damage in (b'{"format": "publ', None):  # cut short, or lost altogether
        if damage is None:
            record.unlink()
        else:
            record.write_bytes(damage)
        refused = solve(plan, out)
        assert refused.returncode == 2
        assert "--rebuild-record" in refused.stderr and "calendars/publication.json" in refused.stderr
        assert {p.name: p.read_bytes() for p in (out / "calendars").glob("*.ics")} == calendars  # untouched
    rebuilt = solve(plan, out, "--rebuild-record")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "Rebuilt" in rebuilt.stderr
    after = sequences(out)
    for uid, (sequence, status) in after.items():
        assert sequence >= before.get(uid, (0, ""))[0], uid
        assert not (before.get(uid, (0, ""))[1] == "CANCELLED" and status != "CANCELLED"), uid
    assert {uid for uid, (_, status) in after.items() if status == "CONFIRMED"} == {
        uid for uid, (_, status) in before.items() if status == "CONFIRMED"
    }
    assert json.loads(record.read_text())["events"]  # a record again, to go on from


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_output_files_honour_the_umask(tmp_path, umask, mode):
    out = tmp_path / "out"
    done = solve(SAMPLE, out, umask=umask)
    assert done.returncode == 0, done.stderr
    files = [out / "schedule.json", out / "programme.xlsx", *(out / "calendars").iterdir()]
    assert len(files) > 5
    assert {path.name: stat.S_IMODE(path.stat().st_mode) for path in files} == {
        path.name: mode for path in files
    }
