"""Binding agreements route cases: while an agreement is in force, the covered
service's applications of the other parties land in the processing member's inbox;
when it ends, new ones go to each member itself again. Overlaps and wrong parties are
refused with a clear message and nothing saved."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.cases.conftest import clerk_of
from tests.clients import logged_in
from tests.factories import (
    AdoptionFactory,
    FormVersionFactory,
    MembershipFactory,
    NetworkFactory,
    OfficeFactory,
    ServiceFactory,
)
from verbund.applications.models import Submission
from verbund.applications.services import draft_save_step, draft_start, submission_create
from verbund.authorities.models import Authority
from verbund.catalogue.models import Level, Service
from verbund.catalogue.selectors import routing_index
from verbund.core.models import AuditEntry
from verbund.formengine.models import FormVersion
from verbund.formengine.selectors import form_of
from verbund.networks.models import Agreement, AgreementKind, Network
from verbund.networks.services import agreement_create, agreement_end

pytestmark = pytest.mark.django_db

MERZENICH, KERPEN, JUELICH = "053580040040", "053620032032", "053580024024"
LINNICH, INDEN, NIEDERZIER = "053580036036", "053580020020", "053580048048"
DLZ = (MERZENICH, KERPEN, JUELICH, LINNICH, INDEN, NIEDERZIER)

DEFINITION: dict[str, Any] = {
    "schema": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "name": {"type": "string", "title": "Ihr Name", "maxLength": 100},
            "email": {"type": "string", "format": "email", "title": "Ihre E-Mail-Adresse"},
        },
        "required": ["name", "email"],
    },
    "steps": [{"key": "person", "title": "Angaben zu Ihnen", "fields": ["name", "email"]}],
    "fees": [],
    "contact": {"email": "email", "name": "name"},
}


@dataclass
class Dlz:
    network: Network
    members: dict[str, Authority]
    service: Service
    version: FormVersion
    other_service: Service

    def __getitem__(self, ars: str) -> Authority:
        return self.members[ars]


@pytest.fixture
def dlz(demo_register: None) -> Dlz:
    network = NetworkFactory(name="DLZ", slug="dlz")
    members = {ars: Authority.objects.get(ars=ars) for ars in DLZ}
    for authority in members.values():
        MembershipFactory(network=network, authority=authority, joined_on=dt.date(2024, 1, 1))
    service = ServiceFactory(
        builder=members[MERZENICH], level=Level.GEMEINDE, title="Hundesteuer anmelden"
    )
    other = ServiceFactory(
        builder=members[MERZENICH], level=Level.GEMEINDE, title="Gewerbe anmelden"
    )
    for authority in members.values():
        office = OfficeFactory(authority=authority, name=f"Steueramt {authority.name}")
        for offered in (service, other):
            AdoptionFactory(
                service=offered,
                authority=authority,
                office=office,
                online=True,
                started_on=dt.date(2025, 1, 1),
            )
    version = FormVersionFactory(service=service, number=1, definition=DEFINITION)
    return Dlz(network, members, service, version, other)


def apply(dlz: Dlz, place: str, name: str = "Jana Jülicher") -> Submission:
    index = routing_index()
    service, where = index.service(dlz.service.key), index.place(place)
    assert service is not None
    assert where is not None
    draft = draft_start(version=dlz.version, resolution=index.resolve(service, where))
    step = form_of(dlz.version).steps[0]
    draft = draft_save_step(
        draft=draft, step=step, values={"name": name, "email": "jana@example.de"}
    )
    submission, created = submission_create(draft=draft)
    assert created
    return submission


def inbox(authority: Authority, username: str) -> list[str]:
    client = logged_in(clerk_of(authority, username))
    response = client.get(f"/verwaltung/behoerden/{authority.pk}/vorgaenge/")
    assert response.status_code == 200
    return [row.reference for row in response.context["rows"]]


def agree(dlz: Dlz, **overrides: Any) -> Agreement:
    values: dict[str, Any] = {
        "actor": None,
        "network": dlz.network,
        "title": "Hundesteuer für alle DLZ-Kommunen",
        "kind": AgreementKind.MANDATING,
        "processing": dlz[MERZENICH],
        "parties": list(dlz.members.values()),
        "service_ids": [dlz.service.pk],
        "starts_on": dt.date(2026, 1, 1),
        **overrides,
    }
    return agreement_create(**values)


def test_an_agreement_routes_a_juelich_application_to_merzenich_until_it_ends(
    dlz: Dlz, demo_on: None
) -> None:
    before = apply(dlz, JUELICH, "Vorher Jülich")
    assert (before.authority_id, before.responsible_id) == (dlz[JUELICH].pk, dlz[JUELICH].pk)

    agreement = agree(dlz)
    during = apply(dlz, JUELICH)
    # Mandating: Jülich stays responsible, Merzenich processes in its name.
    assert (during.authority_id, during.responsible_id) == (dlz[MERZENICH].pk, dlz[JUELICH].pk)
    assert during.case.on_behalf is True
    for member in (KERPEN, LINNICH, INDEN, NIEDERZIER, MERZENICH):
        assert apply(dlz, member).authority_id == dlz[MERZENICH].pk
    # Another service of the same members is not covered.
    index = routing_index()
    other, juelich = index.service(dlz.other_service.key), index.place(JUELICH)
    assert other is not None
    assert juelich is not None
    assert index.resolve(other, juelich).processing.id == dlz[JUELICH].pk

    assert during.reference in inbox(dlz[MERZENICH], "sb.merzenich")
    assert inbox(dlz[JUELICH], "sb.juelich") == [before.reference]

    yesterday = timezone.localdate() - dt.timedelta(days=1)
    agreement_end(actor=None, agreement=agreement, ends_on=yesterday)
    after = apply(dlz, JUELICH, "Nachher Jülich")
    assert (after.authority_id, after.responsible_id) == (dlz[JUELICH].pk, dlz[JUELICH].pk)
    assert sorted(inbox(dlz[JUELICH], "sb.juelich.2")) == sorted(
        [before.reference, after.reference]
    )
    # What was routed while the agreement held stays with Merzenich.
    assert during.reference in inbox(dlz[MERZENICH], "sb.merzenich.2")
    actions = list(
        AuditEntry.objects.filter(object_type="networks.Agreement", object_id=str(agreement.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["networks.agreement_created", "networks.agreement_ended"]


def test_a_delegating_agreement_passes_the_task_itself(dlz: Dlz, demo_on: None) -> None:
    agree(dlz, kind=AgreementKind.DELEGATING)
    index = routing_index()
    service, juelich = index.service(dlz.service.key), index.place(JUELICH)
    assert service is not None
    assert juelich is not None
    resolution = index.resolve(service, juelich)
    assert (resolution.responsible.id, resolution.processing.id) == ((dlz[MERZENICH].pk,) * 2)
    assert resolution.delegated_by is not None
    assert resolution.delegated_by.id == dlz[JUELICH].pk
    assert resolution.agreement is not None
    assert resolution.agreement.title == "Hundesteuer für alle DLZ-Kommunen"
    # Merzenich's own office and settings apply to the task it took over.
    assert resolution.adoption is not None
    assert resolution.adoption.office.name == "Steueramt Merzenich"
    submission = apply(dlz, JUELICH)
    assert (submission.authority_id, submission.responsible_id) == ((dlz[MERZENICH].pk,) * 2)
    assert submission.case.on_behalf is False


def test_an_agreement_that_starts_later_does_not_route_yet(dlz: Dlz) -> None:
    agree(dlz, starts_on=timezone.localdate() + dt.timedelta(days=1))
    assert apply(dlz, JUELICH).authority_id == dlz[JUELICH].pk


def _refused(dlz: Dlz, **overrides: Any) -> list[str]:
    count = Agreement.objects.count()
    audits = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as raised:
        agree(dlz, **overrides)
    assert Agreement.objects.count() == count
    assert AuditEntry.objects.count() == audits
    return list(raised.value.messages)


def test_bad_agreements_are_refused_and_nothing_is_saved(dlz: Dlz) -> None:
    outsider = Authority.objects.get(ars="05358")  # Kreis Düren: not a DLZ member
    assert _refused(dlz, processing=outsider) == [
        "Das erledigende Mitglied Düren ist keine Vertragspartei."
    ]
    assert _refused(dlz, parties=[dlz[MERZENICH]]) == [
        "Eine Vereinbarung braucht mindestens zwei Vertragsparteien."
    ]
    assert _refused(dlz, parties=[dlz[MERZENICH], dlz[JUELICH], outsider]) == [
        "Am 1. Januar 2026 keine Mitglieder des Verbunds: Düren."
    ]
    assert _refused(dlz, ends_on=dt.date(2025, 12, 31)) == ["Das Ende liegt vor dem Beginn."]

    first = agree(dlz, parties=[dlz[MERZENICH], dlz[JUELICH], dlz[INDEN]])
    # The same service and member in an overlapping period, also with another
    # processing member: refused, naming the agreement in force.
    messages = _refused(
        dlz,
        title="Zweite Vereinbarung",
        processing=dlz[LINNICH],
        parties=[dlz[LINNICH], dlz[JUELICH], dlz[KERPEN]],
        starts_on=dt.date(2026, 6, 1),
    )
    assert messages == [
        "Für Hundesteuer anmelden und Jülich, Stadt gilt in diesem Zeitraum bereits "
        "die Vereinbarung „Hundesteuer für alle DLZ-Kommunen“."
    ]
    # After the first one ends the same parties may agree anew; other members at once.
    agreement_end(actor=None, agreement=first, ends_on=dt.date(2026, 5, 31))
    second = agree(
        dlz,
        title="Zweite Vereinbarung",
        processing=dlz[LINNICH],
        parties=[dlz[LINNICH], dlz[JUELICH], dlz[KERPEN]],
        starts_on=dt.date(2026, 6, 1),
    )
    assert set(second.parties.values_list("ars", flat=True)) == {LINNICH, JUELICH, KERPEN}
    with pytest.raises(ValidationError) as raised:
        agreement_end(actor=None, agreement=first, ends_on=dt.date(2026, 12, 31))
    assert raised.value.messages == ["Die Vereinbarung endet bereits am 31. Mai 2026."]


def test_the_signed_document_is_kept_with_its_digest(dlz: Dlz) -> None:
    signed = SimpleUploadedFile("vereinbarung.pdf", b"%PDF-1.4 signed", "application/pdf")
    agreement = agree(dlz, document=signed)
    assert agreement.document_name == "vereinbarung.pdf"
    assert agreement.document_sha256 == hashlib.sha256(b"%PDF-1.4 signed").hexdigest()
    with agreement.document.open("rb") as stored:
        assert stored.read() == b"%PDF-1.4 signed"


def test_the_citizen_learns_who_handles_the_application(dlz: Dlz, client: Any) -> None:
    url = f"/leistungen/{dlz.service.slug}/"
    agreement = agree(dlz)
    page = client.get(url, {"ort": JUELICH}).content.decode()
    assert "Gemeinde Merzenich bearbeitet Ihren Antrag im Auftrag von Stadt Jülich." in page
    agreement_end(actor=None, agreement=agreement, ends_on=dt.date(2026, 1, 1))
    agree(dlz, kind=AgreementKind.DELEGATING, starts_on=dt.date(2026, 1, 2))
    page = client.get(url, {"ort": JUELICH}).content.decode()
    assert "im Auftrag von" not in page
    assert (
        "Gemeinde Merzenich hat diese Aufgabe für Stadt Jülich übernommen "
        "(Vereinbarung „Hundesteuer für alle DLZ-Kommunen“)."
    ) in page
    assert "Steueramt Merzenich" in page
