"""Reading a report back as a person's tools would: the XLSX with openpyxl, the PDF's text with pypdf."""

import unicodedata
from pathlib import Path

import openpyxl
from pypdf import PdfReader


def pdf_text(path: str | Path) -> str:
    return unicodedata.normalize("NFC", "\n".join(page.extract_text() for page in PdfReader(path).pages))


def pdf_flat(path: str | Path) -> str:
    """The text with every run of spaces and line breaks as one space (a sentence may wrap anywhere)."""
    return " ".join(pdf_text(path).split())


def pdf_lines(path: str | Path) -> list[str]:
    return [" ".join(line.split()) for line in pdf_text(path).splitlines()]


def xlsx_table(path: str | Path, sheet: str, title: str) -> list[dict]:
    """The rows of the Excel table that follows the cell holding `title` in column A of `sheet`."""
    book = openpyxl.load_workbook(path)
    worksheet = book[sheet]
    title_row = next(cell.row for cell in worksheet["A"] if cell.value == title)
    for table in worksheet.tables.values():
        (first, *rest) = list(worksheet[table.ref])
        if first[0].row > title_row:
            header = [cell.value for cell in first]
            return [dict(zip(header, [cell.value for cell in row])) for row in rest]
    raise AssertionError(f"no table after {title!r} in sheet {sheet!r}")


def sheet_texts(path: str | Path) -> list[str]:
    book = openpyxl.load_workbook(path)
    return [str(cell.value) for ws in book.worksheets for row in ws.iter_rows() for cell in row
            if cell.value is not None]
