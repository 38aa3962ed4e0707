"""The eRechnung inbox end to end: channels, routing, duplicates, decisions, exports,
the finance API and the access rules (a forbidden action changes nothing)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.einvoice.conftest import JUELICH_ID, SAMPLE, UNKNOWN_ID, World, sample_xml
from tests.integrations.partners import bearer, make_client
from tests.tasks import run_tasks
from verbund.einvoice import services
from verbund.einvoice.models import Channel, Invoice, InvoiceStatus, LeitwegId
from verbund.einvoice.samples import zugferd_pdf
from verbund.integrations.models import WebhookDelivery


def receive(world: World, data: bytes, **extra: object) -> Invoice:
    return services.invoice_receive(
        inbox=world.inbox,
        data=data,
        channel=Channel.PORTAL,
        **extra,  # type: ignore[arg-type]
    )


def login(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_a_valid_invoice_reaches_the_member_its_leitweg_id_names(world: World) -> None:
    invoice = receive(world, sample_xml())
    assert invoice.receipt_number.startswith("ER-")
    assert len(invoice.receipt_number) == 18
    assert (invoice.valid, invoice.status, invoice.authority_id) == (
        True,
        InvoiceStatus.RECEIVED,
        world.juelich.pk,
    )
    assert invoice.number == "RE-2026-0815"
    assert invoice.buyer_reference == JUELICH_ID
    assert invoice.seller_vat_id == "DE123456789"
    # 40 × 4.25 + 2 × 85.00 = 340.00 net, 19 % = 64.60
    assert (invoice.net_total, invoice.tax_total, invoice.gross_total) == (
        Decimal("340.00"),
        Decimal("64.60"),
        Decimal("404.60"),
    )
    assert invoice.supplier_email == "rechnung@buerotechnik-rur.example"
    assert bytes(invoice.xml) == bytes(invoice.original) == sample_xml()


@pytest.mark.parametrize(
    ("reference", "note"),
    [
        (UNKNOWN_ID, f"Die Leitweg-ID {UNKNOWN_ID} gehört zu keinem Mitglied dieses Verbunds."),
        ("05358024-12345-00", "Die Prüfziffern der Leitweg-ID"),
        ("", "Die Leitweg-ID fehlt."),
    ],
)
def test_an_unroutable_invoice_waits_in_the_clarification_queue(
    world: World, reference: str, note: str
) -> None:
    invoice = receive(world, sample_xml(leitweg_id=reference))
    assert invoice.authority_id is None
    assert invoice.status == InvoiceStatus.CLARIFICATION
    assert invoice.routing_note.startswith(note)


def test_a_new_leitweg_id_routes_the_invoices_waiting_for_it(world: World) -> None:
    waiting = receive(world, sample_xml(leitweg_id=UNKNOWN_ID))
    services.leitweg_id_add(
        actor=world.merzenich_admin, authority=world.merzenich, value=UNKNOWN_ID
    )
    waiting.refresh_from_db()
    assert (waiting.authority_id, waiting.status) == (world.merzenich.pk, InvoiceStatus.RECEIVED)


def test_leitweg_ids_are_checked_and_only_the_authoritys_admins_add_them(world: World) -> None:
    with pytest.raises(ValidationError) as refused:
        services.leitweg_id_add(
            actor=world.merzenich_admin, authority=world.merzenich, value="05358040-1-00"
        )
    assert "Prüfziffern" in refused.value.message_dict["value"][0]
    with pytest.raises(ValidationError):
        services.leitweg_id_add(
            actor=world.merzenich_clerk, authority=world.merzenich, value=UNKNOWN_ID
        )
    with pytest.raises(ValidationError) as taken:
        services.leitweg_id_add(
            actor=world.merzenich_admin, authority=world.merzenich, value=JUELICH_ID
        )
    assert taken.value.message_dict["value"] == ["Diese Leitweg-ID ist bereits vergeben."]
    assert list(LeitwegId.objects.values_list("value", flat=True)) == [JUELICH_ID]


def test_the_same_supplier_number_and_amount_is_flagged_as_duplicate(world: World) -> None:
    first = receive(world, sample_xml())
    second = receive(world, sample_xml())
    other_amount = receive(world, sample_xml(lines=SAMPLE.lines[:1]))
    assert second.duplicate_of == first
    assert other_amount.duplicate_of is None
    assert Invoice.objects.count() == 3


def test_an_invalid_invoice_is_kept_with_its_report_and_cannot_be_accepted(world: World) -> None:
    invoice = receive(world, b"<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>")
    assert invoice.valid is False
    assert invoice.report["messages"][0]["code"] == "INPUT"
    assert invoice.status == InvoiceStatus.CLARIFICATION
    broken = receive(
        world,
        sample_xml().replace(
            b"<cbc:BuyerReference>", b"<cbc:Note>x</cbc:Note><cbc:BuyerReference>"
        ),
    )
    assert broken.valid is False
    assert broken.authority_id == world.juelich.pk
    with pytest.raises(ValidationError):
        services.invoice_accept(actor=world.juelich_clerk, invoice=broken)
    broken.refresh_from_db()
    assert (broken.status, broken.decided_at) == (InvoiceStatus.RECEIVED, None)


def test_accepting_tells_the_finance_systems_and_only_the_member_may(world: World) -> None:
    client, token = make_client(world.juelich, callback_url="https://finanzen.example.org/hook")
    invoice = receive(world, sample_xml())
    for outsider in (world.merzenich_clerk, world.coordinator, world.olpe_clerk):
        with pytest.raises(ValidationError):
            services.invoice_accept(actor=outsider, invoice=invoice)
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.RECEIVED
    assert WebhookDelivery.objects.count() == 0
    accepted = services.invoice_accept(actor=world.juelich_clerk, invoice=invoice)
    assert accepted.status == InvoiceStatus.ACCEPTED
    delivery = WebhookDelivery.objects.get()
    assert (delivery.client_id, delivery.event) == (client.pk, "invoice.accepted")
    assert delivery.payload["reference"] == invoice.receipt_number
    assert delivery.payload["href"].endswith(f"/api/v1/invoices/{invoice.receipt_number}")
    api = bearer(token)
    listed = api.get("/api/v1/invoices").json()["results"]
    assert [row["receipt_number"] for row in listed] == [invoice.receipt_number]
    assert listed[0]["gross_total"] == "404.60"
    xml = api.get(f"/api/v1/invoices/{invoice.receipt_number}/xml")
    assert xml.status_code == 200
    assert xml.content == sample_xml()
    _other, other_token = make_client(world.merzenich)
    assert bearer(other_token).get(f"/api/v1/invoices/{invoice.receipt_number}").status_code == 404


def test_rejecting_needs_a_reason_and_tells_the_supplier(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    invoice = receive(world, sample_xml())
    run_tasks()
    mail.outbox.clear()
    with pytest.raises(ValidationError):
        services.invoice_reject(actor=world.juelich_clerk, invoice=invoice, reason="  ")
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.RECEIVED
    with django_capture_on_commit_callbacks(execute=True):
        services.invoice_reject(
            actor=world.juelich_clerk, invoice=invoice, reason="Bestellnummer fehlt."
        )
    run_tasks()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rechnung@buerotechnik-rur.example"]
    assert "Bestellnummer fehlt." in mail.outbox[0].body
    with pytest.raises(ValidationError):
        services.invoice_accept(actor=world.juelich_clerk, invoice=invoice)


def test_coordinators_assign_a_queued_invoice_to_a_member_only(world: World) -> None:
    queued = receive(world, sample_xml(leitweg_id=""))
    with pytest.raises(ValidationError):
        services.invoice_assign(actor=world.coordinator, invoice=queued, authority=world.olpe)
    with pytest.raises(ValidationError):
        services.invoice_assign(
            actor=world.other_coordinator, invoice=queued, authority=world.juelich
        )
    queued.refresh_from_db()
    assert queued.authority_id is None
    services.invoice_assign(actor=world.coordinator, invoice=queued, authority=world.merzenich)
    queued.refresh_from_db()
    assert (queued.authority_id, queued.status) == (world.merzenich.pk, InvoiceStatus.RECEIVED)


def test_a_supplier_uploads_on_the_portal_and_sees_the_receipt(world: World) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client()
    assert client.get("/erechnung/dlz/").status_code == 200
    response = client.post(
        "/erechnung/dlz/",
        {"file": SimpleUploadedFile("re.pdf", zugferd_pdf(SAMPLE), "application/pdf")},
    )
    invoice = Invoice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/erechnung/eingang/{invoice.receipt_number}/"
    assert (invoice.container, invoice.valid, invoice.authority_id) == (
        "pdf",
        True,
        world.juelich.pk,
    )
    page = client.get(response["Location"])
    assert invoice.receipt_number in page.content.decode()
    assert "Die Rechnung ist gültig." in page.content.decode()
    empty = client.post("/erechnung/dlz/", {})
    assert empty.status_code == 200
    assert Invoice.objects.count() == 1


def test_the_api_takes_an_invoice_and_answers_the_report(world: World) -> None:
    client = Client()
    response = client.post(
        "/api/v1/einvoice/dlz/invoices",
        sample_xml(leitweg_id=""),
        content_type="application/xml",
        HTTP_X_SUPPLIER_EMAIL="buchhaltung@lieferant.example",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["valid"] is False
    assert body["status"] == "clarification"
    assert "BR-DE-15" in [m["code"] for m in body["report"]["messages"]]
    assert Invoice.objects.get().supplier_email == "buchhaltung@lieferant.example"
    assert (
        client.post(
            "/api/v1/einvoice/dlz/invoices", b"", content_type="application/xml"
        ).status_code
        == 400
    )
    assert (
        client.post(
            "/api/v1/einvoice/nirgends/invoices", b"<x/>", content_type="application/xml"
        ).status_code
        == 404
    )
    assert Invoice.objects.count() == 1


def test_portal_and_api_share_a_limit_per_address(world: World, settings: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.VERBUND_EINVOICE_SUBMISSIONS_PER_HOUR = 2
    client = Client()
    first = client.post(
        "/api/v1/einvoice/dlz/invoices", sample_xml(), content_type="application/xml"
    )
    assert first.status_code == 201
    second = client.post("/erechnung/dlz/", {"file": SimpleUploadedFile("a.xml", sample_xml())})
    assert second.status_code == 302
    api = client.post("/api/v1/einvoice/dlz/invoices", sample_xml(), content_type="application/xml")
    assert api.status_code == 429
    assert api["Retry-After"] == "3600"
    assert api.json()["detail"].startswith("Von Ihrem Anschluss kamen in der letzten Stunde")
    page = client.post("/erechnung/dlz/", {"file": SimpleUploadedFile("b.xml", sample_xml())})
    assert page.status_code == 429
    assert "zu viele Rechnungen" in page.content.decode()
    assert Invoice.objects.count() == 2
    # An e-mail is not counted here: the mail server limits its senders.


def test_an_email_with_invoices_gets_receipt_numbers_back(world: World, tmp_path: object) -> None:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "Buchhaltung <buchhaltung@lieferant.example>"
    message["To"] = "rechnung@dlz.example"
    message["Subject"] = "Rechnungen"
    message.set_content("Anbei zwei Rechnungen.")
    message.add_attachment(sample_xml(), maintype="application", subtype="xml", filename="a.xml")
    message.add_attachment(
        sample_xml(number="RE-2"), maintype="application", subtype="xml", filename="b.xml"
    )
    path = tmp_path / "mail.eml"  # type: ignore[operator]
    path.write_bytes(message.as_bytes())
    mail.outbox.clear()
    call_command("einvoice_receive_mail", str(path))
    invoices = list(Invoice.objects.order_by("number"))
    assert [(i.number, i.channel, i.authority_id) for i in invoices] == [
        ("RE-2", Channel.EMAIL, world.juelich.pk),
        ("RE-2026-0815", Channel.EMAIL, world.juelich.pk),
    ]
    # The command only stores and enqueues: a mail server that is down cannot make
    # the message bounce after its invoices arrived. The task worker sends the reply.
    assert mail.outbox == []
    assert run_tasks() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["buchhaltung@lieferant.example"]
    assert mail.outbox[0].from_email == "rechnung@dlz.example"
    assert all(i.receipt_number in mail.outbox[0].body for i in invoices)
    unknown = EmailMessage()
    unknown["From"] = "x@lieferant.example"
    unknown["To"] = "niemand@example.org"
    unknown.set_content("?")
    path.write_bytes(unknown.as_bytes())
    call_command("einvoice_receive_mail", str(path))
    assert Invoice.objects.count() == 2
    assert run_tasks() == 1
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == ["x@lieferant.example"]
    assert mail.outbox[1].body == "Unter dieser Adresse nimmt kein Verbund Rechnungen an.\n"


def test_an_automatic_reply_is_never_answered(world: World, tmp_path: object) -> None:
    from email.message import EmailMessage

    bounce = EmailMessage()
    bounce["From"] = "MAILER-DAEMON@lieferant.example"
    bounce["To"] = "rechnung@dlz.example"
    bounce["Auto-Submitted"] = "auto-replied"
    bounce.set_content("Abwesend.")
    path = tmp_path / "auto.eml"  # type: ignore[operator]
    path.write_bytes(bounce.as_bytes())
    mail.outbox.clear()
    call_command("einvoice_receive_mail", str(path))
    assert run_tasks() == 0
    assert mail.outbox == []
    assert Invoice.objects.count() == 0


def test_the_member_sees_and_exports_its_inbox_and_others_get_404(world: World) -> None:
    invoice = receive(world, sample_xml())
    services.invoice_accept(actor=world.juelich_clerk, invoice=invoice)
    own = login(world.juelich_clerk)
    page = own.get(reverse("staff:einvoice_inbox", kwargs={"pk": world.juelich.pk}))
    assert invoice.receipt_number in page.content.decode()
    detail = own.get(reverse("staff:einvoice_invoice", kwargs={"invoice_pk": invoice.pk}))
    assert "Kopierpapier A4, 500 Blatt" in detail.content.decode()
    csv_text = own.get(
        reverse("staff:einvoice_export_csv", kwargs={"pk": world.juelich.pk})
    ).content.decode("utf-8-sig")
    header, row = csv_text.splitlines()[:2]
    assert header.split(";")[:3] == ["receipt_number", "received_at", "channel"]
    assert row.split(";")[0] == invoice.receipt_number
    assert ";404.60;" in row
    exported = json.loads(
        own.get(reverse("staff:einvoice_export_json", kwargs={"pk": world.juelich.pk})).content
    )
    assert [r["number"] for r in exported["invoices"]] == ["RE-2026-0815"]
    other = login(world.merzenich_clerk)
    assert (
        other.get(reverse("staff:einvoice_invoice", kwargs={"invoice_pk": invoice.pk})).status_code
        == 404
    )
    assert (
        other.get(reverse("staff:einvoice_inbox", kwargs={"pk": world.juelich.pk})).status_code
        == 404
    )
    coordinator = login(world.coordinator)
    assert (
        coordinator.get(
            reverse("staff:einvoice_invoice", kwargs={"invoice_pk": invoice.pk})
        ).status_code
        == 404
    )


def test_a_foreign_invoice_of_another_network_is_never_routed_here(world: World) -> None:
    invoice = services.invoice_receive(
        inbox=world.other_inbox, data=sample_xml(), channel=Channel.API
    )
    assert invoice.authority_id is None
    assert invoice.network_id == world.other_network.pk
    assert invoice.routing_note == (
        f"Die Leitweg-ID {JUELICH_ID} gehört zu keinem Mitglied dieses Verbunds."
    )
