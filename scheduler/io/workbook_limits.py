"""Limits that no real plan workbook reaches, checked on the packed file before openpyxl reads it.

A small .xlsx can unpack to gigabytes, hold millions of shared strings or rows, or put a cell in
column XFD of every row; openpyxl would spend minutes and gigabytes on it. The generated XL plan
(50 delegations, 1000 requests, 10 days) needs under 1 MB unpacked, 0.5 MB in its largest part,
1,212 rows, 14 columns and 16,000 cells in its largest sheet: every limit leaves a margin of ten
times that or more (docs/workbook.md). Parts are read one at a time, at most MAX_PART_BYTES each.
"""

from __future__ import annotations

import re
import zipfile

from openpyxl.utils import column_index_from_string

MB = 1024 * 1024
MAX_PARTS = 1_000
MAX_UNPACKED_BYTES = 100 * MB
MAX_PART_BYTES = 20 * MB
MAX_SHARED_STRINGS = 200_000
MAX_STYLE_RECORDS = 20_000  # cell formats, fonts, fills, borders: a plan workbook has a few dozen
MAX_DEFINED_NAMES = 10_000
MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_CELLS = 250_000

_PREFIX = rb"<(?:[A-Za-z_][\w.-]*:)?"
_SHARED_STRING = re.compile(_PREFIX + rb"si[\s/>]")
_STYLE_RECORD = re.compile(_PREFIX + rb"(?:xf|font|fill|border|numFmt|dxf|cellStyle)[\s/>]")
_DEFINED_NAME = re.compile(_PREFIX + rb"definedName[\s/>]")
_ROW = re.compile(_PREFIX + rb"row\b([^>]*)>")
_CELL = re.compile(_PREFIX + rb"c\b([^>]*)>")
_ROW_NUMBER = re.compile(rb'\br\s*=\s*["\'](\d+)')
_CELL_COLUMN = re.compile(rb'\br\s*=\s*["\']\$?([A-Za-z]+)\$?\d')


class TooLarge(Exception):
    """A workbook beyond a limit: `found` says what it holds, `expected` the limit, `where` the sheet."""

    def __init__(self, found: str, expected: str, where: str = "file"):
        super().__init__(found)
        self.found, self.expected, self.where = found, expected, where


def check_limits(archive: zipfile.ZipFile) -> None:
    """Raise TooLarge when the workbook goes beyond a limit; reads each part once, bounded."""
    entries = archive.infolist()
    if len(entries) > MAX_PARTS:
        raise TooLarge(f"a workbook of {len(entries):,} parts", f"at most {MAX_PARTS:,} parts")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        raise TooLarge(
            f"a workbook that unpacks to {unpacked / MB:,.0f} MB",
            f"a workbook that unpacks to at most {MAX_UNPACKED_BYTES // MB} MB",
        )
    titles = _sheet_titles(archive)
    for entry in entries:
        where = (
            f'sheet "{titles[entry.filename]}"' if entry.filename in titles else f'part "{entry.filename}"'
        )
        if entry.file_size > MAX_PART_BYTES:
            expected = f"a sheet or part that unpacks to at most {MAX_PART_BYTES // MB} MB"
            raise TooLarge(f"{entry.file_size / MB:,.0f} MB when unpacked", expected, where)
        if entry.filename.endswith((".xml", ".bin")) or entry.filename in titles:
            _check_part(archive.read(entry), where)


def _check_part(content: bytes, where: str) -> None:
    strings = _count(_SHARED_STRING, content, MAX_SHARED_STRINGS)
    if strings > MAX_SHARED_STRINGS:
        raise TooLarge(
            f"more than {MAX_SHARED_STRINGS:,} different texts",
            f"at most {MAX_SHARED_STRINGS:,} different texts in the workbook",
            where,
        )
    for pattern, most, what in (
        (_STYLE_RECORD, MAX_STYLE_RECORDS, "cell formats, fonts, fills and borders"),
        (_DEFINED_NAME, MAX_DEFINED_NAMES, "defined names"),
    ):
        if _count(pattern, content, most) > most:
            raise TooLarge(f"more than {most:,} {what}", f"at most {most:,} {what} in the workbook", where)
    rows = 0
    for rows, match in enumerate(_ROW.finditer(content), 1):
        number = _ROW_NUMBER.search(match.group(1))
        last = max(rows, int(number.group(1)[:9]) if number else 0)
        if last > MAX_ROWS:
            expected = f"a sheet of at most {MAX_ROWS:,} rows (delete the rows below, even blank ones)"
            raise TooLarge(f"a row numbered {last:,}", expected, where)
    for cells, match in enumerate(_CELL.finditer(content), 1):
        if cells > MAX_CELLS:
            raise TooLarge(f"more than {MAX_CELLS:,} cells", f"a sheet of at most {MAX_CELLS:,} cells", where)
        letters = _CELL_COLUMN.search(match.group(1))
        column = letters.group(1).decode().upper() if letters else ""
        if len(column) > 3 or (column and column_index_from_string(column) > MAX_COLUMNS):
            expected = f"a sheet of at most {MAX_COLUMNS} columns (delete the columns to the right)"
            raise TooLarge(f"a cell in column {column[:5]}", expected, where)


def _count(pattern: re.Pattern[bytes], content: bytes, most: int) -> int:
    """How many matches, counting no further than one beyond `most`."""
    found = 0
    for found, _match in enumerate(pattern.finditer(content), 1):
        if found > most:
            break
    return found


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Part name -> sheet title, from the small workbook and relationship parts; {} when unusual."""
    try:
        names = set(archive.namelist())
        if not {"xl/workbook.xml", "xl/_rels/workbook.xml.rels"} <= names:
            return {}
        book, rels = (archive.getinfo(n) for n in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"))
        if max(book.file_size, rels.file_size) > MAX_PART_BYTES:
            return {}
        sheets = [_attributes(tag) for tag in re.findall(rb"<(?:\w+:)?sheet\b[^>]*>", archive.read(book))]
        relations = [
            _attributes(tag) for tag in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", archive.read(rels))
        ]
        targets = {relation.get("Id"): relation.get("Target", "") for relation in relations}
        titles = {}
        for sheet in sheets:
            target = targets.get(sheet.get("id"), "").lstrip("/")
            titles[target if target.startswith("xl/") else f"xl/{target}"] = sheet.get("name", "")
        return titles
    except Exception:  # the names only make the message friendlier; the limits hold without them
        return {}


def _attributes(tag: bytes) -> dict[str, str]:
    """The attributes of one start tag by local name (`r:id` is `id`); entities left as written."""
    pairs = re.findall(rb'([\w:.-]+)\s*=\s*"([^"]*)"', tag)
    return {name.split(b":")[-1].decode(): value.decode("utf-8", "replace") for name, value in pairs}
