"""Reading and writing plans and schedules: JSON (the v1 interchange format) and workbooks."""
