"""An editor's change (the data_editor's edited, added and deleted rows), applied again to a newer table.

Rows are matched by their first column (the id, or the request of a pin), not by position, so that
an edit made on version 3 lands on the same items of version 4 even if someone added rows meanwhile.
"""

from __future__ import annotations

import pandas as pd


def has_edit(delta: object) -> bool:
    return isinstance(delta, dict) and any(
        delta.get(k) for k in ("edited_rows", "added_rows", "deleted_rows")
    )


def apply_edit(original: pd.DataFrame, delta: dict, target: pd.DataFrame) -> pd.DataFrame:
    """`target` with the change that `delta` made to `original`."""
    key = original.columns[0]
    result = target.copy()
    for position in delta.get("deleted_rows", []):
        wanted = original.iloc[int(position)][key]
        result = result[result[key] != wanted]
    for position, changes in delta.get("edited_rows", {}).items():
        row = original.iloc[int(position)]
        matches = result.index[result[key] == row[key]]
        if len(matches):
            for column, value in changes.items():
                result.at[matches[0], column] = value
        else:  # the item was removed meanwhile: the edit brings it back as it was edited
            result = pd.concat([result, pd.DataFrame([{**row.to_dict(), **changes}])], ignore_index=True)
    added = [row for row in delta.get("added_rows", []) if row]
    if added:
        result = pd.concat([result, pd.DataFrame(added)], ignore_index=True)
    result.index = pd.RangeIndex(1, len(result) + 1)
    return result
