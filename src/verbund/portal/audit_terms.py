"""What the portal's audit entries mean (``core.audit_terms``): the fields of a legal
page come from its model."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import AuditTerms

TERMS = AuditTerms(
    key="portal",
    group=_("Bürgerportal"),
    actions={"portal.legal_page_saved": _("Rechtliche Seite gespeichert")},
)
