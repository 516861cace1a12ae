"""Spreadsheets as Excel reads and writes them: the files staff import, the cells we export.

Reading: a file is what Excel saves, in Dutch or English: CSV separated by commas or
semicolons, in UTF-8 (with or without a byte-order mark) or Windows-1252, or an XLSX
workbook (its first sheet). A file that cannot be read says why in a sentence, never a
traceback.

Writing: every cell we export is text, never a formula (``public_site.cells``), and reading
takes the export's mark off again.
"""

import csv
import datetime
import io
import logging
import zipfile

import tablib
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.formats.base_formats import CSV, Format

from public_site.cells import as_imported

logger = logging.getLogger(__name__)

XLSX_MAGIC = b"PK\x03\x04"
DELIMITERS = (";", ",", "\t")


class UnreadableFile(ValueError):
    """The file is not a spreadsheet the import can read; the message says why."""


def check_size(size: int) -> None:
    limit = settings.IMPORT_MAX_BYTES
    if size > limit:
        raise UnreadableFile(
            _("The file is %(size)s; the import takes at most %(limit)s. Split it in parts.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )


def decode(data: bytes) -> str:
    """UTF-8 (a byte-order mark is dropped), else Windows-1252 as older Excel saves it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise UnreadableFile(
            _("The file is not text in UTF-8 or Windows-1252: save it as CSV or Excel (.xlsx).")
        ) from None


def delimiter_of(header_line: str) -> str:
    """The separator of the header row: Dutch Excel writes ``;``, most others ``,``."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in DELIMITERS}
    return max(DELIMITERS, key=lambda delimiter: counts[delimiter])


def _table(header: list, rows: list[list], width_error) -> tablib.Dataset:
    """A dataset of ``rows`` under ``header``: short rows are padded, trailing empty rows
    and cells dropped; a row with more values than columns is refused; a cell that an
    export marked as text (``spreadsheet_safe``) is read as it was."""
    while rows and not any(_filled(value) for value in rows[-1]):
        rows.pop()
    while (
        header
        and not _filled(header[-1])
        and not any(len(row) >= len(header) and _filled(row[len(header) - 1]) for row in rows)
    ):
        header.pop()
    dataset = tablib.Dataset(headers=header)
    for line, row in enumerate(rows, 2):
        extra = row[len(header) :]
        if any(_filled(value) for value in extra):
            raise UnreadableFile(width_error(line))
        cells = [as_imported(value) for value in row[: len(header)]]
        dataset.append(cells + [""] * (len(header) - len(row)))
    return dataset


def _filled(value) -> bool:
    return value is not None and str(value).strip() != ""


def read_csv(data: bytes) -> tablib.Dataset:
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = delimiter_of(first_line)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise UnreadableFile(
            _("The CSV file cannot be read: %(error)s.") % {"error": error}
        ) from None
    if not rows or not any(_filled(value) for value in rows[0]):
        raise UnreadableFile(_("The file is empty: the first row must name the columns."))
    return _table(
        rows[0],
        rows[1:],
        lambda line: (
            _(
                "Line %(line)s has more values than the first row has columns. Is a value with "
                "a “%(delimiter)s” in it not between double quotes?"
            )
            % {"line": line, "delimiter": delimiter}
        ),
    )


def _cell(value):
    """A spreadsheet cell as the resource reads it: a date cell becomes a date."""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value


def read_xlsx(data: bytes) -> tablib.Dataset:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        logger.info("Unreadable XLSX upload: %r", error)
        raise UnreadableFile(
            _("The Excel file cannot be read. Save it again as .xlsx, or as CSV.")
        ) from None
    try:
        sheet = workbook.active.iter_rows(values_only=True)
        rows = [[_cell(value) for value in row] for row in sheet]
    finally:
        workbook.close()
    if not rows or not any(_filled(value) for value in rows[0]):
        raise UnreadableFile(_("The first sheet is empty: its first row must name the columns."))
    return _table(
        [str(value).strip() if value != "" else "" for value in rows[0]],
        rows[1:],
        lambda line: _("Row %(line)s has values in a column without a name.") % {"line": line},
    )


def read_spreadsheet(data: bytes) -> tablib.Dataset:
    """The rows of an uploaded CSV or XLSX file, whichever it is."""
    check_size(len(data))
    if data.startswith(XLSX_MAGIC):
        return read_xlsx(data)
    return read_csv(data)


class DutchExcelCSV(CSV):
    """CSV as Dutch Excel opens it with a double click: separated by semicolons (its list
    separator, the comma being the decimal one), UTF-8 with a byte-order mark (without it,
    Excel reads Windows-1252 and breaks every ë), lines ending in CRLF."""

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + super().export_data(dataset, delimiter=";", **kwargs)


class SpreadsheetFormat(Format):
    """The import's one format: CSV or XLSX, told apart by the file's content."""

    def __init__(self, encoding=None):
        # The encoding is found in the file itself (see ``decode``).
        self.encoding = encoding

    def get_title(self):
        return gettext_lazy("CSV or Excel (.xlsx)")

    def create_dataset(self, in_stream):
        return read_spreadsheet(in_stream)

    def is_binary(self):
        return True

    def can_import(self):
        return True
