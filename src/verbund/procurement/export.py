"""The demand summary of a call as CSV for spreadsheets: every member's lines with
their lot, each member's totals, the call's totals and the threshold check.

Semicolon separated, decimal comma without thousands separators, a German header row,
``\\r\\n`` line ends; the caller encodes the text as UTF-8 (with a BOM for Excel).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext as _

from verbund.core.spreadsheets import escape_formula
from verbund.procurement.models import DemandCall, DemandLine
from verbund.procurement.selectors import CallFigures, MemberTotal, line_annual


def _number(value: Decimal) -> str:
    return format(value, "f").replace(".", ",")


def summary_csv(
    call: DemandCall,
    lines: list[DemandLine],
    totals: list[MemberTotal],
    figures: CallFigures,
) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Mitglied"),
            _("Los"),
            _("Leistungsbeschreibung"),
            _("Menge je Jahr"),
            _("Einheit"),
            _("Einzelpreis netto (€)"),
            _("Jahreswert netto (€)"),
            _("Lieferort"),
            _("Haushaltsstelle"),
        ]
    )
    for line in lines:
        writer.writerow(
            [
                escape_formula(line.authority.name),
                str(line.lot.number) if line.lot else "",
                escape_formula(line.description),
                _number(line.quantity),
                escape_formula(line.unit),
                _number(line.unit_price),
                _number(line_annual(line)),
                escape_formula(line.delivery_site),
                escape_formula(line.budget_line),
            ]
        )
    writer.writerow([])
    writer.writerow(
        [
            _("Mitglied"),
            _("Bedarfsmeldungen"),
            _("Jahreswert netto (€)"),
            _("Geschätzter Wert über die Laufzeit (€)"),
            _("Mandat erteilt"),
        ]
    )
    for total in totals:
        writer.writerow(
            [
                escape_formula(total.authority.name),
                str(total.lines),
                _number(total.annual),
                _number(total.value),
                _("ja") if total.mandate else _("nein"),
            ]
        )
    writer.writerow(
        [_("Summe"), str(len(lines)), _number(figures.annual), _number(figures.value), ""]
    )
    writer.writerow([])
    writer.writerow([_("Gegenstand"), escape_formula(call.subject)])
    writer.writerow([_("CPV-Code"), call.cpv_code])
    writer.writerow([_("Berechnung"), figures.formula])
    writer.writerow([_("Schwellenwert"), figures.check.reason])
    if figures.check.rules:
        writer.writerow([_("Vergaberecht"), figures.check.rules])
    return out.getvalue()
