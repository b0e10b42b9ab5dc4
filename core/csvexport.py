"""CSV exports for staff: UTF-8 with a BOM, so that Excel reads Ukrainian, and no formulas.

A cell that a spreadsheet would read as a formula (=, +, -, @, a tab or a carriage return
first) is written as text with a leading apostrophe: what the public typed never runs.
"""

import csv

from django.http import HttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def csv_response(name, columns, rows):
    """A download `<name>-<date>.csv` of `rows`; `columns` are (title, function of a row)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(title) for title, _value in columns])
    for row in rows:
        writer.writerow([safe_cell(value(row)) for _title, value in columns])
    return response
