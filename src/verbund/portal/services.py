"""Writes on the portal's content. Each function is atomic and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from verbund.authorities.models import Authority
from verbund.core.actors import Actor
from verbund.core.audit import audit_record, field_changes
from verbund.portal.models import LegalPage, LegalPageKind

_EDITABLE_FIELDS = ("body", "contact_email", "conformity", "reviewed_on")


def _legal_page_state(page: LegalPage) -> dict[str, Any]:
    return {name: getattr(page, name) for name in _EDITABLE_FIELDS}


def legal_page_save(
    *,
    actor: Actor,
    authority: Authority,
    kind: str,
    body: str,
    contact_email: str,
    conformity: str,
    reviewed_on: dt.date,
) -> LegalPage:
    """Create or update the legal page ``kind`` of ``authority``.

    Only the accessibility statement carries a conformity status; BITV 2.0
    requires it to name the status and a contact for feedback. Saving the
    same values again writes nothing and records nothing.
    """
    if kind != LegalPageKind.ACCESSIBILITY:
        conformity = ""
    elif not conformity or not contact_email:
        raise ValidationError(
            _(
                "Die Erklärung zur Barrierefreiheit braucht den Stand der Vereinbarkeit "
                "und eine E-Mail-Adresse für Rückmeldungen."
            )
        )
    with transaction.atomic():
        page = LegalPage.objects.select_for_update().filter(authority=authority, kind=kind).first()
        before = None if page is None else _legal_page_state(page)
        if page is None:
            page = LegalPage(authority=authority, kind=kind)
        page.body, page.contact_email = body, contact_email
        page.conformity, page.reviewed_on = conformity, reviewed_on
        after = _legal_page_state(page)
        if before is None:
            changes = field_changes(None, {"kind": kind, **after})
        else:
            changes = field_changes(before, after)
            if not changes:
                return page
        page.full_clean()
        page.save()
        audit_record(
            actor=actor,
            action="portal.legal_page_saved",
            obj=page,
            authority=authority,
            changes=changes,
        )
        return page
