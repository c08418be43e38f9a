"""Hostile workbooks, built on demand from a real plan workbook (never committed as large files).

Each bomb keeps the real workbook's parts and swaps or adds one: a shared-strings table of a
million texts, a sheet of a million rows, a cell far to the right in every row, a part of blanks
that unpacks to hundreds of megabytes. `python tests/workbook_bombs.py DIR` writes them all.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

MAIN = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
END = b"</sheetData></worksheet>"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def rebuilt(base: bytes, swap: dict[str, Callable[[], Iterator[bytes]]], strings: bool = False) -> bytes:
    """`base` with the parts in `swap` replaced (or added) by streamed content."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            if entry.filename in swap:
                continue
            content = source.read(entry)
            if strings and entry.filename == "[Content_Types].xml":
                override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{STRINGS_TYPE}"/>'
                content = content.replace(b"</Types>", override.encode() + b"</Types>")
            target.writestr(entry, content)
        for name, chunks in swap.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with target.open(info, "w", force_zip64=True) as part:
                for chunk in chunks():
                    part.write(chunk)
    return out.getvalue()


def requests_part(base: bytes) -> str:
    """The part holding the Requests sheet: the one a bomb replaces."""
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        book = archive.read("xl/workbook.xml").decode()
    position = book[: book.index('name="Requests"')].count("<sheet ")  # counts the Requests tag too
    return f"xl/worksheets/sheet{position}.xml"


def shared_strings(base: bytes, count: int = 1_000_000) -> bytes:
    def chunks() -> Iterator[bytes]:
        yield f'<sst xmlns="{MAIN[12:-12].decode()}" count="{count}" uniqueCount="{count}">'.encode()
        for start in range(0, count, 10_000):
            yield b"<si><t>x</t></si>" * (min(count, start + 10_000) - start)
        yield b"</sst>"

    return rebuilt(base, {"xl/sharedStrings.xml": chunks}, strings=True)


def many_rows(base: bytes, count: int = 1_000_000) -> bytes:
    def chunks() -> Iterator[bytes]:
        yield MAIN
        for start in range(1, count + 1, 10_000):
            rows = range(start, min(count + 1, start + 10_000))
            yield b"".join(
                b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>r</t></is></c></row>' % (r, r) for r in rows
            )
        yield END

    return rebuilt(base, {requests_part(base): chunks})


def full_sheet(base: bytes, rows: int = 19_000, columns: int = 13) -> bytes:
    """Just inside the limits: `rows` rows of `columns` 20-character texts, headed by nothing known."""
    text = b"t" * 20

    def chunks() -> Iterator[bytes]:
        yield MAIN
        for r in range(1, rows + 1):
            cells = b"".join(b'<c t="inlineStr"><is><t>%s</t></is></c>' % text for _ in range(columns))
            yield b'<row r="%d">%s</row>' % (r, cells)
        yield END

    return rebuilt(base, {requests_part(base): chunks})


def last_row_only(base: bytes) -> bytes:
    """One row, numbered 1,048,576: openpyxl would fill in a million empty rows before it."""
    row = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return rebuilt(base, {requests_part(base): lambda: iter([MAIN, row, END])})


def far_right(base: bytes, rows: int = 2_000) -> bytes:
    """A cell in column XFD of each row: openpyxl would make 16,384 cells of every row."""

    def chunks() -> Iterator[bytes]:
        yield MAIN
        yield b"".join(b'<row r="%d"><c r="XFD%d"><v>1</v></c></row>' % (r, r) for r in range(1, rows + 1))
        yield END

    return rebuilt(base, {requests_part(base): chunks})


def blanks(base: bytes, megabytes: int = 790) -> bytes:
    """A sheet that unpacks to `megabytes` of spaces."""

    def chunks() -> Iterator[bytes]:
        yield MAIN
        for _ in range(megabytes):
            yield b" " * (1024 * 1024)
        yield END

    return rebuilt(base, {requests_part(base): chunks})


def many_styles(base: bytes, count: int = 250_000) -> bytes:
    """`count` cell formats: openpyxl builds an object for each (250,000 took 25 s and 290 MB)."""
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        styles = archive.read("xl/styles.xml")
    record = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    at = styles.index(b">", styles.index(b"<cellXfs")) + 1
    changed = styles[:at] + record * count + styles[at:]
    return rebuilt(base, {"xl/styles.xml": lambda: iter([changed])})


def long_number(base: bytes, digits: int = 5001) -> bytes:
    """A number cell of `digits` digits in the Requests sheet (Python refuses to convert it)."""
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        part = requests_part(base)
        sheet = archive.read(part)
    cell = b'<c r="A2"><v>' + b"9" * digits + b"</v></c>"
    at = sheet.index(b'<row r="2"')
    at = sheet.index(b">", at) + 1
    changed = sheet[:at] + cell + sheet[sheet.index(b"</c>", at) + 4 :]
    return rebuilt(base, {part: lambda: iter([changed])})


BOMBS = {
    "shared-strings": shared_strings,
    "many-rows": many_rows,
    "last-row-only": last_row_only,
    "far-right": far_right,
    "blanks": blanks,
    "many-styles": many_styles,
}


def main(folder: str) -> None:
    from scheduler.io.plan_json import read_plan_json
    from scheduler.io.workbook import plan_to_workbook

    sample = Path(__file__).parent.parent / "data" / "ukraine-prosecutors-2024.json"
    plan, _ = read_plan_json(sample.read_bytes())
    assert plan is not None
    base = plan_to_workbook(plan)
    Path(folder).mkdir(parents=True, exist_ok=True)
    for name, build in BOMBS.items():
        content = build(base)
        (Path(folder) / f"{name}.xlsx").write_bytes(content)
        print(f"{name}.xlsx: {len(content) / 1024 / 1024:.2f} MB")


if __name__ == "__main__":
    main(sys.argv[1])
