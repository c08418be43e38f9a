"""File names for exported files, made from ids so that no id can write outside its folder.

A plan's ids are meant to be short codes, but a file name must stay safe even when one is not:
no path separators, no "..", no leading dot, no name Windows reserves, a bounded length. Two
different ids never map to the same name (a short hash is added whenever an id had to change).
"""

from __future__ import annotations

import hashlib
import re

MAX_LENGTH = 64
_ALLOWED = re.compile(r"[^A-Za-z0-9_.-]")
_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{n}" for n in range(10)),
    *(f"LPT{n}" for n in range(10)),
}


def safe_file_name(id: str) -> str:
    """A file name stem (without extension) for an id: unchanged when it is already a safe short code."""
    cleaned = _ALLOWED.sub("_", id).strip(". ")
    cleaned = re.sub(r"\.{2,}", ".", cleaned)
    if cleaned.split(".")[0].upper() in _WINDOWS_RESERVED:
        cleaned = "_" + cleaned
    if not cleaned.strip("_"):
        cleaned = "id"
    if cleaned == id and len(cleaned) <= MAX_LENGTH:
        return cleaned
    digest = hashlib.sha256(id.encode("utf-8")).hexdigest()[:8]
    return f"{cleaned[: MAX_LENGTH - 9]}-{digest}"
