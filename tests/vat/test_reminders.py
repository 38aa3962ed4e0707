"""``verbund vat_remind``: one e-mail per authority to its admins listing the streams
newly due, each due reason once; a second run sends nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from tests.vat.conftest import PUBLIC_OPEN, YEAR, D, World, make_stream
from verbund.core.models import AuditEntry
from verbund.vat import services
from verbund.vat.reminders import remind

pytestmark = pytest.mark.django_db


def test_remind_once_per_reason(world: World, settings: Any) -> None:
    settings.VERBUND_PUBLIC_URL = "https://verbund.example"
    world.merzenich_admin.email = "kaemmerei@merzenich.example"
    world.merzenich_admin.save()
    parking = make_stream(world.merzenich, title="Parkgebühren")
    make_stream(world.merzenich, title="Altpapier")
    services.amount_set(actor=None, stream=parking, year=YEAR, forecast=D("17000"))
    january = dt.date(YEAR, 1, 2)

    assert remind(today=january) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kaemmerei@merzenich.example"]
    assert message.subject == "Tätigkeitsanalyse § 2b UStG 2027: Einnahmearten neu bewerten"
    assert message.body == (
        "Guten Tag,\n\n"
        "für Merzenich sind diese Einnahmearten für 2027 neu zu bewerten:\n\n"
        "- Altpapier: keine freigegebene Bewertung für 2027\n"
        "- Parkgebühren: keine freigegebene Bewertung für 2027\n\n"
        f"Zur Tätigkeitsanalyse: https://verbund.example/verwaltung/behoerden/"
        f"{world.merzenich.pk}/umsatzsteuer/\n"
    )
    # The second run sends nothing.
    assert remind(today=january) == 0
    assert len(mail.outbox) == 1

    # Approved, then the amounts cross the line: one new reminder for that stream.
    assessment = services.assessment_decide(
        actor=None, stream=parking, year=YEAR, answers={**PUBLIC_OPEN, "reserved_task": False}
    )
    services.assessment_approve(actor=world.merzenich_admin, assessment=assessment)
    assert remind(today=january) == 0
    services.amount_set(actor=None, stream=parking, year=YEAR, forecast=D("18000"))
    assert remind(today=january) == 1
    assert mail.outbox[1].body.splitlines()[4] == (
        "- Parkgebühren: Beträge nach der Bewertung geändert ("
        + mail.outbox[1].body.splitlines()[4].split("(")[1].split(")")[0]
        + "); Summe der gleichartigen Tätigkeiten jetzt 18.000,00 € statt 17.000,00 €: "
        "die Grenze von 17.500 € ist überschritten oder unterschritten"
    )
    assert remind(today=january) == 0
    assert AuditEntry.objects.filter(action="vat.reminder_sent").count() == 2


def test_no_admin_address_no_mail_and_the_command(world: World) -> None:
    make_stream(world.juelich)
    world.juelich_admin.email = ""
    world.juelich_admin.save()
    call_command("vat_remind", verbosity=0)
    assert mail.outbox == []
    assert not AuditEntry.objects.filter(action="vat.reminder_sent").exists()
