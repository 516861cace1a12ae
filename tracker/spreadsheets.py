"""Cells that a spreadsheet shows as text, never runs: for every CSV and XLSX we write.

Excel, LibreOffice and Google Sheets treat a cell that starts with ``=``, ``+``, ``-`` or
``@`` (or a tab or carriage return before one) as a formula, which can compute, fetch URLs
or run commands. Such a value gets a leading apostrophe, the spreadsheets' own mark for
"this is text" (OWASP, CSV injection). Nothing else changes; JSON is never touched.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """``value`` as a spreadsheet will show it: strings that look like formulas, as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
