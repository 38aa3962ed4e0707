"""The inbox's export for the finance system: the header fields of each invoice
(``selectors.EXPORT_FIELDS``) as CSV (semicolon, UTF-8 with BOM, no formulas) or JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from verbund.core.spreadsheets import escape_formula
from verbund.einvoice.selectors import EXPORT_FIELDS


def inbox_csv(rows: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(EXPORT_FIELDS)
    for row in rows:
        writer.writerow(
            [escape_formula("" if row[name] is None else str(row[name])) for name in EXPORT_FIELDS]
        )
    return "\ufeff" + buffer.getvalue()


def inbox_json(rows: Iterable[dict[str, Any]]) -> str:
    return json.dumps({"invoices": list(rows)}, ensure_ascii=False, indent=1)
