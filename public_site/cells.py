"""Cells as spreadsheets will read them: text, never formulas.

Excel, LibreOffice and Google Sheets treat a cell that starts with ``=``, ``+``, ``-`` or
``@`` (or a tab or carriage return before one) as a formula, which can compute, fetch URLs or
run commands. Every CSV and XLSX written (the public CSV, the admin's export) passes its cells
through ``spreadsheet_safe``: such a value gets a leading apostrophe, the spreadsheets' own mark
for "this is text" (OWASP, CSV injection). JSON is never touched. Reading takes that apostrophe
off again (``as_imported``), so that an exported file imports as it was.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """``value`` as a spreadsheet will show it: strings that look like formulas, as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def as_imported(value):
    """A cell as it was before ``spreadsheet_safe`` marked it as text."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
