"""The command line of DESIGN.md: validate, solve, check, convert, template, bench, busy.

Exit codes: 0 done, 1 check found violations, 2 invalid input. Problems go to stderr, one per line.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from scheduler.io.load import load_plan_file
from scheduler.problems import Problem, errors
from scheduler.validate.words import counted

OK, VIOLATIONS, INVALID = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.command(args)
        return code
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130
    except Exception as error:  # no traceback reaches a user
        print(f"internal error: {type(error).__name__}: {error}", file=sys.stderr)
        print("please report this with the file that caused it", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scheduler",
        description="Plan the working visits of foreign delegations.",
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check a plan (.json or .xlsx); exit 2 if it has errors")
    validate.add_argument("plan", help="the plan file, .json or .xlsx")
    validate.set_defaults(command=cmd_validate)

    convert = commands.add_parser("convert", help="convert a plan between .json and .xlsx, losslessly")
    convert.add_argument("source", help="the plan to read, .json or .xlsx")
    convert.add_argument("target", help="the file to write, .json or .xlsx")
    convert.set_defaults(command=cmd_convert)

    check = commands.add_parser(
        "check", help="re-check a schedule against every hard rule; exit 1 listing the violations"
    )
    check.add_argument("plan", help="the plan file, .json or .xlsx")
    check.add_argument("schedule", help="the schedule.json to check")
    check.set_defaults(command=cmd_check)

    solve = commands.add_parser("solve", help="build the programme; writes DIR/schedule.json")
    solve.add_argument("plan", help="the plan file, .json or .xlsx")
    solve.add_argument("--out", required=True, help="the directory to write the schedule into")
    solve.add_argument("--time-limit", type=float, default=30.0, help="seconds of search (default 30)")
    solve.add_argument("--workers", type=int, default=2, help="solver threads (default 2)")
    solve.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    solve.add_argument(
        "--keep",
        metavar="SCHEDULE",
        help="an earlier schedule.json to stay close to: its meetings keep their time, room and interpreter "
        "unless the plan no longer allows it or a new or displaced must or high meeting needs the place",
    )
    solve.add_argument(
        "--start-from",
        metavar="SCHEDULE",
        help="a schedule.json of this plan to go on from (a longer search after one cut short): the "
        "search starts from its meetings, so it never places fewer of a priority that counts more; "
        "with --keep, only when it is at least as good on all that keeping counts",
    )
    solve.add_argument(
        "--fresh",
        action="store_true",
        help="when DIR holds a publication (calendars/publication.json), solve without keeping its meetings "
        "in place; the calendars still go on from it (moved meetings rise in SEQUENCE, dropped ones are "
        "published as cancelled)",
    )
    solve.add_argument(
        "--rebuild-record",
        action="store_true",
        help="rebuild DIR/calendars/publication.json from the calendars beside it when it is damaged or "
        "lost (solve refuses to publish over a record it cannot read)",
    )
    solve.add_argument(
        "--english-programme",
        action="store_true",
        help="print every delegation's programme (programme.xlsx) in English; by default each is in the "
        "language its page and calendar use",
    )
    solve.set_defaults(command=cmd_solve)

    bench = commands.add_parser(
        "bench",
        help="the solver benchmark table (python -m scheduler bench --help)",
        add_help=False,
        prefix_chars="\0",
    )
    bench.add_argument("options", nargs=argparse.REMAINDER)
    bench.set_defaults(command=cmd_bench)

    template = commands.add_parser(
        "template", help="write an empty plan workbook with headers, examples and help"
    )
    template.add_argument("target", help="the .xlsx file to write")
    template.set_defaults(command=cmd_template)

    busy = commands.add_parser(
        "busy",
        help="add a host's or interpreter's busy time from their calendar (.ics) as unavailable windows",
    )
    busy.add_argument("plan", help="the plan file, .json or .xlsx")
    busy.add_argument("calendar", help="the calendar export (.ics from Outlook, Google or Thunderbird)")
    busy.add_argument("--who", required=True, help="the id of the host or interpreter whose calendar it is")
    busy.add_argument("--out", required=True, help="the new plan to write, .json or .xlsx")
    busy.set_defaults(command=cmd_busy)
    return parser


def report(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def cmd_validate(args: argparse.Namespace) -> int:
    plan, problems = load_plan_file(args.plan)
    report(problems)
    if plan is None or errors(problems):
        print(f"{args.plan}: {counted(len(errors(problems)), 'error')}", file=sys.stderr)
        return INVALID
    print(
        f"{args.plan}: valid: {counted(len(plan.delegations), 'delegation')}, "
        f"{counted(len(plan.hosts), 'host')}, {counted(len(plan.requests), 'request')}"
        + (f", {counted(len(problems), 'warning')}" if problems else "")
    )
    return OK


def cmd_check(args: argparse.Namespace) -> int:
    """Violations on stdout, one a line; the count (or that there are none) on stderr."""
    from scheduler.verify import verify

    plan, problems = load_plan_file(args.plan)
    report(problems)
    if plan is None or errors(problems):
        return INVALID
    schedule = read_schedule_file(args.schedule)
    if schedule is None:
        return INVALID
    violations = verify(plan, schedule)
    for violation in violations:
        print(violation.message)
    count = len(violations)
    if count:
        print(f"{args.schedule}: {count} violation{'s' * (count != 1)}", file=sys.stderr)
        return VIOLATIONS
    print(f"{args.schedule}: no violations in {len(schedule.meetings)} meetings", file=sys.stderr)
    return OK


def cmd_solve(args: argparse.Namespace) -> int:
    """Solve, write DIR/schedule.json and print a one-paragraph summary."""
    from scheduler.cli_publication import folder_record, kept_from_record
    from scheduler.io.schedule_json import write_schedule_json
    from scheduler.solver import SolveOptions, solve

    plan, problems = load_plan_file(args.plan)
    report(problems)
    if plan is None or errors(problems):
        return INVALID
    published, problems = folder_record(Path(args.out), plan, args.rebuild_record)
    report(problems)
    if errors(problems):
        return INVALID
    earlier = start = None
    if args.keep:
        earlier = read_schedule_file(args.keep)
        if earlier is None:
            return INVALID
    if args.start_from:
        start = read_schedule_file(args.start_from)
        if start is None:
            return INVALID
    options = SolveOptions(
        time_limit=max(args.time_limit, 0.1),
        workers=max(args.workers, 1),
        seed=args.seed,
        keep=earlier.to_keep()
        if earlier
        else kept_from_record(published if _kept(args, published) else None, plan),
        start=start.to_keep() if start else (),
    )
    schedule = solve(plan, options)
    out = Path(args.out)
    target = out / "schedule.json"
    write_file(target, write_schedule_json(schedule))
    record = write_exports(plan, schedule, out, published, english=args.english_programme)
    text = solve_summary(schedule, str(target))
    if earlier is not None:
        text += " " + kept_summary(earlier, schedule, args.keep)
    if published is not None:
        from scheduler.cli_publication import publication_summary

        how = "kept; --fresh lets it all move" if _kept(args, published) else "not kept"
        text += " " + publication_summary(published, record, out / "calendars/publication.json", how)
    print(text)
    return OK


def _kept(args: argparse.Namespace, published) -> bool:
    """The publication in the folder is kept unless --fresh (or --keep names another schedule)."""
    return published is not None and not args.fresh and not args.keep


def read_schedule_file(path: str):
    """The schedule in `path`, or None after reporting why it cannot be read."""
    from scheduler.io.schedule_json import read_schedule_json

    try:
        content = Path(path).read_bytes()
    except OSError as error:
        report([Problem(("file",), path, f"a readable schedule.json ({error.strerror})")])
        return None
    schedule, problems = read_schedule_json(content)
    report([problem.at(f"{path}: {problem.place}") for problem in problems])
    return schedule


def kept_summary(earlier, schedule, path: str) -> str:
    """E.g. "Of the 41 meetings of old/schedule.json, 38 keep their time, 2 moved and 1 is no longer
    scheduled." """
    from scheduler.model import Moves

    moves = Moves.between(earlier, schedule)
    count, gone = len(earlier.meetings), moves.dropped
    return (
        f"Of the {count} meetings of {path}, {moves.kept} keep their time, {moves.moved} moved and {gone} "
        f"{'is' if gone == 1 else 'are'} no longer scheduled."
    )


def write_exports(plan, schedule, out: Path, published=None, english: bool = False):
    """DIR/programme.xlsx, DIR/calendars/<id>.ics and DIR/mail/<id>.eml; the publication record left
    there by an earlier solve (`published`) makes moved meetings rise in SEQUENCE and dropped ones
    appear as cancelled, and a first one gets a new calendar id for its UIDs. Returns the new record."""
    import uuid

    from scheduler.cli_publication import record_bytes
    from scheduler.export import PUBLICATION_FILE, calendar_files, publication_from_json
    from scheduler.export.excel import programme_workbook

    write_file(out / "programme.xlsx", programme_workbook(plan, schedule, english=english))
    files, problems = calendar_files(plan, schedule, record_bytes(published), calendar_id=str(uuid.uuid4()))
    report(problems)
    for relative, content in files.items():
        write_file(out / relative, content)
    record = publication_from_json(files[PUBLICATION_FILE])[0]
    write_mail(plan, schedule, out, published, record)
    return record


def write_mail(plan, schedule, out: Path, published, record) -> None:
    """DIR/mail/<id>.eml: a message to each person with an e-mail address whose programme this
    publication changed; the previous publication's messages are removed first."""
    from scheduler.export.mail import FOLDER, mail_files

    for old in (out / FOLDER).glob("*.eml") if (out / FOLDER).is_dir() else []:
        old.unlink()
    for relative, content in mail_files(plan, schedule, published, record).items():
        write_file(out / relative, content)


def solve_summary(schedule, target: str) -> str:
    from scheduler.criteria import headroom_sentence, proof_sentence

    objective = schedule.objective
    placed = ", ".join(
        f"{objective.scheduled.get(p, 0)}/{objective.requested.get(p, 0)} {p}"
        for p in ("must", "high", "normal", "low")
        if objective.requested.get(p, 0)
    )
    missing = len(schedule.unscheduled)
    text = (
        f"{schedule.plan}: {schedule.status} schedule in {schedule.solve_seconds:.1f} s with "
        f"{len(schedule.meetings)} meetings ({placed or 'no requests'}); delegations travel "
        f"{objective.travel_minutes} minutes in all. "
    )
    if missing:
        first = schedule.unscheduled[0]
        plural = "s" * (missing != 1)
        text += f"{missing} request{plural} not scheduled, e.g. {first.request}: {first.reasons[0]}. "
    else:
        text += "Every request is scheduled. "
    if schedule.status == "feasible" and objective.criteria:
        room = headroom_sentence(objective)
        going_on = f"To go on from this schedule: solve --start-from {target}." if room else ""
        sentences = (proof_sentence(objective.criteria), room, going_on)
        text += "".join(f"{sentence} " for sentence in sentences if sentence)
    return text + f"Wrote {target}, programme.xlsx and calendars/ beside it."


def cmd_convert(args: argparse.Namespace) -> int:
    target = Path(args.target)
    suffix = target.suffix.lower()
    if suffix not in (".json", ".xlsx"):
        report([Problem(("target",), args.target, "a file name ending in .json or .xlsx")])
        return INVALID
    plan, problems = load_plan_file(args.source)
    report(problems)
    if plan is None or errors(problems):
        return INVALID
    if suffix == ".json":
        from scheduler.io.plan_json import write_plan_json

        content = write_plan_json(plan)
    else:
        from scheduler.io.workbook import plan_to_workbook

        content = plan_to_workbook(plan)
    write_file(target, content)
    print(f"wrote {target}")
    return OK


def cmd_busy(args: argparse.Namespace) -> int:
    """The plan with the person's busy time added; prints the windows added, per date."""
    from scheduler.io.busy import import_busy

    target = Path(args.out)
    if target.suffix.lower() not in (".json", ".xlsx"):
        report([Problem(("out",), args.out, "a file name ending in .json or .xlsx")])
        return INVALID
    plan, problems = load_plan_file(args.plan)
    report(problems)
    if plan is None or errors(problems):
        return INVALID
    try:
        content = Path(args.calendar).read_bytes()
    except OSError as error:
        report([Problem(("calendar",), args.calendar, f"a readable calendar file ({error.strerror})")])
        return INVALID
    found, problems = import_busy(plan, args.who, content, args.calendar)
    report(problems)
    if found is None:
        return INVALID
    print(found.summary(args.calendar))
    for line in found.lines():
        print(f"  {line}")
    write_plan(found.plan, target)
    print(f"wrote {target}")
    return OK


def write_plan(plan, target: Path) -> None:
    from scheduler.io.plan_json import write_plan_json
    from scheduler.io.workbook import plan_to_workbook

    write_file(target, write_plan_json(plan) if target.suffix.lower() == ".json" else plan_to_workbook(plan))


def cmd_bench(args: argparse.Namespace) -> int:
    from scheduler.bench import main as bench

    return bench(args.options)


def cmd_template(args: argparse.Namespace) -> int:
    from scheduler.io.workbook import template_workbook

    target = Path(args.target)
    if target.suffix.lower() != ".xlsx":
        report([Problem(("target",), args.target, "a file name ending in .xlsx")])
        return INVALID
    write_file(target, template_workbook())
    print(f"wrote {target}")
    return OK


def write_file(path: Path, content: bytes) -> None:
    """Write all or nothing: a half-written file never replaces a good one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(handle, 0o666 & ~_umask())  # mkstemp makes it 0600: a web server could not read it
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it: put it back at once
    os.umask(mask)
    return mask
