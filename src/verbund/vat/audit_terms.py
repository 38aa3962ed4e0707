"""What the audit entries of the §2b UStG activity analysis mean (``core.audit_terms``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import AMOUNT, NUMBER, TEXT, AuditField, AuditTerms, Choice
from verbund.vat.models import AssessmentStatus, Rate
from verbund.vat.rules import (
    COUNTERPARTY_LABELS,
    LEGAL_FORM_LABELS,
    RESULT_LABELS,
    RULE_LABELS,
)

TERMS = AuditTerms(
    key="vat",
    group=_("Umsatzsteuer (§ 2b UStG)"),
    actions={
        "vat.group_created": _("Gruppe gleichartiger Tätigkeiten angelegt"),
        "vat.stream_created": _("Einnahmeart angelegt"),
        "vat.stream_updated": _("Einnahmeart geändert"),
        "vat.amount_set": _("Beträge einer Einnahmeart eingetragen"),
        "vat.assessment_created": _("Tätigkeit nach § 2b UStG bewertet"),
        "vat.assessment_revised": _("Bewertung nach § 2b UStG neu entschieden"),
        "vat.assessment_reused": _("Bewertung eines anderen Mitglieds übernommen"),
        "vat.assessment_approved": _("Bewertung nach § 2b UStG freigegeben"),
        "vat.reminder_sent": _("An die Neubewertung erinnert"),
    },
    fields={
        "name": AuditField(_("Bezeichnung")),
        "title": AuditField(_("Bezeichnung")),
        "account": AuditField(_("Konto oder Produkt")),
        "legal_form": AuditField(
            _("Rechtsform der Tätigkeit"), Choice(list(LEGAL_FORM_LABELS.items()))
        ),
        "legal_basis": AuditField(_("Rechtsgrundlage")),
        "counterparty": AuditField(
            _("Leistungsempfänger"), Choice(list(COUNTERPARTY_LABELS.items()))
        ),
        "group": AuditField(_("Gruppe gleichartiger Tätigkeiten")),
        "network": AuditField(_("Kostenerstattung im Verbund (Nr.)")),
        "notes": AuditField(_("Nachweise und Anmerkungen")),
        "year": AuditField(_("Jahr"), NUMBER),
        "forecast": AuditField(_("Prognose"), AMOUNT),
        "actual": AuditField(_("Ist"), AMOUNT),
        "result": AuditField(_("Ergebnis"), Choice(list(RESULT_LABELS.items()))),
        "rule": AuditField(_("entscheidende Regel"), Choice(list(RULE_LABELS.items()))),
        "rate": AuditField(_("Steuersatz"), Choice(Rate.choices)),
        "exemption": AuditField(_("Steuerbefreiung nach § 4 UStG")),
        "group_total": AuditField(_("Prognose der gleichartigen Tätigkeiten"), AMOUNT),
        "status": AuditField(_("Stand"), Choice(AssessmentStatus.choices)),
        "prepared_by_network": AuditField(_("vorbereitet vom Verbund (Nr.)")),
        "reused_from": AuditField(_("übernommen von Bewertung Nr.")),
        "streams": AuditField(_("Einnahmearten"), TEXT, many=True),
    },
)
