"""The re-assessment reminder (``verbund vat_remind``, a daily periodic job): each
authority's admins get one e-mail listing the streams that became due since the last
reminder — every 1 January all of them (no approved assessment for the new year), and
whenever amounts change or a group crosses the 17,500 € line. A stream is named once
per due reason (``RevenueStream.reminded_for``), so a second run sends nothing."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from verbund.accounts.selectors import staff_of_authority
from verbund.authorities.models import Authority
from verbund.vat.models import RevenueStream
from verbund.vat.selectors import register_of
from verbund.vat.services import streams_mark_reminded


def _admins(authority_id: int) -> list[str]:
    return sorted(
        {
            role.user.email
            for role in staff_of_authority(authority_id)
            if role.role == "authority_admin" and role.user.is_active and role.user.email
        }
    )


def remind(*, today: dt.date | None = None) -> int:
    """Send the reminders of ``today``'s year; returns the number of e-mails sent."""
    year = (today or timezone.localdate()).year
    sent = 0
    authority_ids = sorted(
        set(RevenueStream.objects.values_list("authority_id", flat=True).distinct())
    )
    base = settings.VERBUND_PUBLIC_URL
    for authority_id in authority_ids:
        new: list[tuple[RevenueStream, str, str]] = []
        for group in register_of(authority_id, year):
            for row in group.streams:
                if not row.due:
                    continue
                key = "|".join(d.key for d in row.due)[:80]
                if row.stream.reminded_for != key:
                    new.append((row.stream, key, "; ".join(d.text for d in row.due)))
        recipients = _admins(authority_id)
        if not new or not recipients:
            continue
        authority = Authority.objects.get(pk=authority_id)
        with translation.override("de"):
            subject = _("Tätigkeitsanalyse § 2b UStG %(year)d: Einnahmearten neu bewerten") % {
                "year": year
            }
            lines = [
                _("Guten Tag,"),
                "",
                _("für %(name)s sind diese Einnahmearten für %(year)d neu zu bewerten:")
                % {"name": authority.name, "year": year},
                "",
                *[f"- {stream.title}: {reasons}" for stream, _key, reasons in new],
                "",
                _("Zur Tätigkeitsanalyse: %(url)s")
                % {"url": base + reverse("staff:vat_register", kwargs={"pk": authority_id})},
            ]
        EmailMessage(subject, "\n".join(lines) + "\n", to=recipients).send()
        streams_mark_reminded(
            actor=None,
            authority=authority,
            reminders={stream.pk: key for stream, key, _r in new},
            when=timezone.now(),
        )
        sent += 1
    return sent
