"""Participation of another authority (Beteiligung): Kreis Düren asks Gemeinde
Merzenich for its Einvernehmen. Merzenich sees exactly the request and the shared
documents, nothing else of the case; answered or revoked, the request grants
nothing more; both sides' records show it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.applications.conftest import PDF_BYTES, World, pdf
from tests.cases.conftest import clerk_of, submit, take
from tests.clients import logged_in
from tests.factories import AuthorityFactory, MembershipFactory
from verbund.accounts.models import User
from verbund.authorities.models import Authority
from verbund.cases import services
from verbund.cases.deadlines import add_months
from verbund.cases.models import (
    Case,
    CaseDocument,
    CaseEvent,
    CaseStatus,
    DocumentVersion,
    Participation,
    ParticipationKind,
    RequestStatus,
)
from verbund.core.models import AuditEntry
from verbund.networks.models import Membership

pytestmark = pytest.mark.django_db


def html(response: Any) -> str:
    return str(response.content.decode())


def participation_url(participation: Participation) -> str:
    return f"/verwaltung/beteiligungen/{participation.pk}/"


def shared_url(participation: Participation, version: DocumentVersion) -> str:
    return f"{participation_url(participation)}dokumente/{version.pk}/"


@pytest.fixture
def case(world: World, dueren_clerk: User) -> Case:
    """A case with two files in progress at Düren."""
    submission = submit(world, files=[pdf("Lageplan.pdf"), pdf("Bauzeichnung.pdf")])
    return take(submission.case, dueren_clerk)


def versions(case: Case) -> dict[str, DocumentVersion]:
    return {v.filename: v for v in DocumentVersion.objects.filter(document__case=case)}


def ask_merzenich(case: Case, clerk: User, world: World, **kwargs: Any) -> Participation:
    return services.participation_create(
        actor=clerk,
        case=case,
        requested=world.merzenich,
        kind=kwargs.get("kind", ParticipationKind.CONSENT),
        subject="Einvernehmen nach § 36 BauGB – Valdersweg 1",
        message="Wir bitten um Ihr Einvernehmen.",
        due_on=kwargs.get("due_on", add_months(timezone.localdate(), 2)),
        versions=kwargs.get("versions", [versions(case)["Lageplan.pdf"]]),
    )


def state(case: Case) -> tuple[Any, ...]:
    return (
        Case.objects.values().get(pk=case.pk),
        list(Participation.objects.filter(case=case).values()),
        CaseDocument.objects.filter(case=case).count(),
        CaseEvent.objects.filter(case=case).count(),
        AuditEntry.objects.count(),
    )


def test_the_einvernehmen_between_kreis_and_gemeinde(
    world: World, case: Case, dueren_clerk: User, merzenich_clerk: User
) -> None:
    files = versions(case)
    client = logged_in(dueren_clerk)
    form = client.get(f"/verwaltung/vorgaenge/{case.pk}/beteiligung/")
    assert form.status_code == 200
    assert "Merzenich" in html(form)
    response = client.post(
        f"/verwaltung/vorgaenge/{case.pk}/beteiligung/",
        {
            "requested": str(world.merzenich.pk),
            "kind": "consent",
            "subject": "Einvernehmen nach § 36 BauGB – Valdersweg 1",
            "message": "Wir bitten um Ihr Einvernehmen zum Vorhaben.",
            "due_on": "",
            "versions": [str(files["Lageplan.pdf"].pk)],
            "version": str(case.version),
        },
        follow=True,
    )
    assert "Merzenich ist beteiligt" in html(response)
    participation = Participation.objects.get(case=case)
    # § 36 Abs. 2 BauGB: two months, the default for an Einvernehmen.
    assert participation.due_on == add_months(timezone.localdate(), 2)
    assert list(participation.shared_versions.all()) == [files["Lageplan.pdf"]]
    assert Case.objects.get(pk=case.pk).status == CaseStatus.WAITING_STATEMENT
    # Both authorities' audit trails show the request.
    assert (
        AuditEntry.objects.filter(action="participation.request", authority=world.dueren).count()
        == 1
    )
    assert (
        AuditEntry.objects.filter(
            action="participation.received", authority=world.merzenich
        ).count()
        == 1
    )

    # Merzenich: the request in its list, the request's page, the shared file – and nothing else.
    merzenich = logged_in(merzenich_clerk)
    listing = html(merzenich.get(f"/verwaltung/behoerden/{world.merzenich.pk}/beteiligungen/"))
    assert "Einvernehmen nach § 36 BauGB – Valdersweg 1" in listing
    page = html(merzenich.get(participation_url(participation)))
    assert "Wir bitten um Ihr Einvernehmen zum Vorhaben." in page
    assert case.file_number in page
    assert "Lageplan.pdf" in page
    assert "Bauzeichnung.pdf" not in page
    assert "DN 1234" not in page  # the application's answers are not shared
    assert "Anna Schmidt" not in page
    response = merzenich.get(shared_url(participation, files["Lageplan.pdf"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]
    assert merzenich.get(shared_url(participation, files["Bauzeichnung.pdf"])).status_code == 404
    assert merzenich.get(f"/verwaltung/vorgaenge/{case.pk}/").status_code == 404
    for version in files.values():
        url = f"/verwaltung/vorgaenge/{case.pk}/dateien/{version.pk}/"
        assert merzenich.get(url).status_code == 404

    # Merzenich answers with a file.
    response = merzenich.post(
        participation_url(participation),
        {
            "outcome": "consent_given",
            "text": "Das Einvernehmen wird erteilt.",
            "file": SimpleUploadedFile("Beschluss.pdf", PDF_BYTES, content_type="application/pdf"),
        },
        follow=True,
    )
    assert "Ihre Stellungnahme ist übermittelt." in html(response)
    participation.refresh_from_db()
    assert (participation.status, participation.outcome, participation.answered_by) == (
        RequestStatus.ANSWERED,
        "consent_given",
        merzenich_clerk,
    )
    statement = CaseDocument.objects.get(case=case, source="statement")
    assert statement.title == "Stellungnahme Merzenich"
    case = Case.objects.get(pk=case.pk)
    assert case.status == CaseStatus.IN_PROGRESS
    assert case.attention == "Stellungnahme von Merzenich"
    # Answered: Merzenich keeps its record, the shared document is gone for it.
    page = html(merzenich.get(participation_url(participation)))
    assert "Einvernehmen erteilt" in page
    assert "die geteilten Dokumente sind nicht mehr abrufbar" in page
    assert merzenich.get(shared_url(participation, files["Lageplan.pdf"])).status_code == 404
    # Düren's file shows the answer.
    page = html(client.get(f"/verwaltung/vorgaenge/{case.pk}/"))
    assert "Merzenich hat geantwortet: Einvernehmen erteilt." in page
    assert "Stellungnahme Merzenich" in page
    assert (
        AuditEntry.objects.filter(action="participation.answer", authority=world.merzenich).count()
        == 1
    )
    assert (
        AuditEntry.objects.filter(action="participation.answered", authority=world.dueren).count()
        == 1
    )


def test_a_revoked_request_grants_nothing(
    world: World, case: Case, dueren_clerk: User, merzenich_clerk: User
) -> None:
    participation = ask_merzenich(case, dueren_clerk, world)
    lageplan = versions(case)["Lageplan.pdf"]
    merzenich = logged_in(merzenich_clerk)
    assert merzenich.get(shared_url(participation, lageplan)).status_code == 200
    response = logged_in(dueren_clerk).post(
        f"/verwaltung/vorgaenge/{case.pk}/beteiligungen/{participation.pk}/zurueckziehen/",
        follow=True,
    )
    assert "Die Beteiligung ist zurückgezogen." in html(response)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.IN_PROGRESS
    assert merzenich.get(shared_url(participation, lageplan)).status_code == 404
    page = html(merzenich.get(participation_url(participation)))
    assert "zurückgezogen" in page
    assert "Antworten</h2>" not in page
    before = state(case)
    response = merzenich.post(participation_url(participation), {"outcome": "consent_given"})
    assert "bereits beantwortet oder zurückgezogen" in html(response)
    assert state(case) == before


def test_the_einvernehmen_counts_as_given_after_two_months(
    world: World, case: Case, dueren_clerk: User, merzenich_clerk: User
) -> None:
    participation = ask_merzenich(case, dueren_clerk, world)
    Participation.objects.filter(pk=participation.pk).update(
        due_on=timezone.localdate() - dt.timedelta(days=1)
    )
    participation.refresh_from_db()
    assert services.consent_deemed_given(participation) is True
    merzenich = logged_in(merzenich_clerk)
    page = html(merzenich.get(participation_url(participation)))
    assert "Das Einvernehmen gilt als erteilt (§ 36 Abs. 2 Satz 2 BauGB)." in page
    assert "Stellungnahme übermitteln" not in page
    before = state(case)
    with pytest.raises(ValidationError) as refused:
        services.participation_answer(
            actor=merzenich_clerk,
            participation=participation,
            outcome="consent_refused",
            text="Nein",
        )
    assert refused.value.code == "deemed"
    assert state(case) == before
    page = html(logged_in(dueren_clerk).get(f"/verwaltung/vorgaenge/{case.pk}/"))
    assert "Das Einvernehmen gilt als erteilt" in page


def test_answers_need_a_fitting_outcome_and_reasons(
    world: World, case: Case, dueren_clerk: User, merzenich_clerk: User
) -> None:
    participation = ask_merzenich(case, dueren_clerk, world)
    merzenich = logged_in(merzenich_clerk)
    before = state(case)
    url = participation_url(participation)
    assert "Bitte begründen Sie Ihr Ergebnis" in html(
        merzenich.post(url, {"outcome": "consent_refused", "text": ""})
    )
    # A statement's outcome does not fit an Einvernehmen.
    assert "verbund-error-summary" in html(merzenich.post(url, {"outcome": "no_objection"}))
    response = merzenich.post(
        url,
        {
            "outcome": "consent_given",
            "file": SimpleUploadedFile("x.pdf", b"not a pdf", content_type="application/pdf"),
        },
    )
    assert "verbund-error-summary" in html(response)
    assert state(case) == before
    # Düren's clerk cannot answer for Merzenich.
    assert logged_in(dueren_clerk).post(url, {"outcome": "consent_given"}).status_code == 403
    assert state(case) == before


def test_who_can_be_asked(world: World, case: Case, dueren_clerk: User) -> None:
    stranger = AuthorityFactory(ars="053580099099", name="Nicht auf der Plattform")
    # On the platform, but in no network of Düren's and not the case's place.
    elsewhere = MembershipFactory(
        authority=AuthorityFactory(ars="091620000000", name="München, Landeshauptstadt")
    ).authority
    other = submit(world)
    before = state(case)
    for requested, code in (
        (world.dueren, "self"),
        (stranger, "not_on_platform"),
        (elsewhere, "not_a_candidate"),
    ):
        with pytest.raises(ValidationError) as refused:
            services.participation_create(
                actor=dueren_clerk,
                case=case,
                requested=requested,
                kind="statement",
                subject="S",
                message="M",
                due_on=timezone.localdate() + dt.timedelta(days=10),
                versions=[],
            )
        assert refused.value.code == code
    foreign = DocumentVersion.objects.get(document__case=other.case)
    with pytest.raises(ValidationError) as refused:
        ask_merzenich(case, dueren_clerk, world, versions=[foreign])
    assert refused.value.code == "documents"
    assert state(case) == before
    # The page does not offer another case's documents either.
    response = logged_in(dueren_clerk).post(
        f"/verwaltung/vorgaenge/{case.pk}/beteiligung/",
        {
            "requested": str(world.merzenich.pk),
            "kind": "statement",
            "subject": "S",
            "message": "M",
            "versions": [str(foreign.pk)],
            "version": str(Case.objects.get(pk=case.pk).version),
        },
    )
    assert "verbund-error-summary" in html(response)
    assert Participation.objects.filter(case=case).count() == 0


def test_uninvolved_authorities_see_nothing(
    world: World, case: Case, dueren_clerk: User, rhein_erft_clerk: User
) -> None:
    participation = ask_merzenich(case, dueren_clerk, world)
    lageplan = versions(case)["Lageplan.pdf"]
    outsider = logged_in(rhein_erft_clerk)
    before = state(case)
    assert outsider.get(participation_url(participation)).status_code == 404
    assert (
        outsider.post(participation_url(participation), {"outcome": "consent_given"}).status_code
        == 404
    )
    assert outsider.get(shared_url(participation, lageplan)).status_code == 404
    # Düren, the requesting side, reaches the shared file through its case, not this route.
    assert logged_in(dueren_clerk).get(shared_url(participation, lageplan)).status_code == 404
    # Another clerk of Merzenich without the clerk role … a second Merzenich clerk may answer.
    colleague = clerk_of(world.merzenich, "sb2.merzenich")
    assert logged_in(colleague).get(participation_url(participation)).status_code == 200
    assert state(case) == before


# --- whom the clerk may ask -------------------------------------------------------------


NOT_A_CHOICE = (
    "Diese Behörde steht nicht zur Auswahl. Beteiligen können Sie die Mitglieder Ihrer "
    "Verbünde und die Behörden, die für den Ort des Antrags zuständig sind."
)


def test_the_clerk_chooses_among_the_authorities_that_make_sense(
    world: World, case: Case, dueren_clerk: User, rhein_erft: Authority
) -> None:
    """The case's place (Merzenich) and the members of Düren's networks, by official
    name; not every authority on the platform (Rhein-Erft is a member elsewhere)."""
    dueren_network = Membership.objects.get(authority=world.dueren).network
    # Two more members of Düren's network, and Jülich also of a network of its own.
    juelich = Authority.objects.get(ars="053580024024")
    aldenhoven = Authority.objects.get(ars="053580004004")
    for member in (juelich, aldenhoven):
        MembershipFactory(network=dueren_network, authority=member)
    MembershipFactory(authority=juelich)
    # Merzenich is also in Düren's network: it is listed once, for the place.
    MembershipFactory(network=dueren_network, authority=world.merzenich)
    client = logged_in(dueren_clerk)

    form = client.get(f"/verwaltung/vorgaenge/{case.pk}/beteiligung/").context["form"]

    assert form.fields["requested"].choices == [
        ("", "Bitte wählen"),
        (
            "Für den Ort des Antrags (Gemeinde Merzenich)",
            [(world.merzenich.pk, "Gemeinde Merzenich")],
        ),
        (
            f"Mitglieder von {dueren_network.name}",
            [(aldenhoven.pk, "Gemeinde Aldenhoven"), (juelich.pk, "Stadt Jülich")],
        ),
    ]
    page = html(client.get(f"/verwaltung/vorgaenge/{case.pk}/beteiligung/"))
    assert f'<option value="{juelich.pk}">Stadt Jülich</option>' in page
    assert "Jülich, Stadt" not in page
    assert rhein_erft.name not in page

    # Rhein-Erft is on the platform, but no choice here: refused, nothing written.
    before = state(case)
    response = client.post(
        f"/verwaltung/vorgaenge/{case.pk}/beteiligung/",
        {
            "requested": str(rhein_erft.pk),
            "kind": "statement",
            "subject": "S",
            "message": "M",
            "version": str(Case.objects.get(pk=case.pk).version),
        },
    )
    assert response.status_code == 200
    assert {k: list(v) for k, v in response.context["form"].errors.items()} == {
        "requested": [NOT_A_CHOICE]
    }
    assert NOT_A_CHOICE in html(response)
    assert state(case) == before
    assert Participation.objects.count() == 0

    # A choice: the message names it officially.
    response = client.post(
        f"/verwaltung/vorgaenge/{case.pk}/beteiligung/",
        {
            "requested": str(juelich.pk),
            "kind": "statement",
            "subject": "S",
            "message": "M",
            "version": str(Case.objects.get(pk=case.pk).version),
        },
        follow=True,
    )
    assert "Stadt Jülich ist beteiligt und sieht die geteilten Dokumente bis zur Antwort." in html(
        response
    )
    assert Participation.objects.get().requested == juelich


def test_an_unknown_or_malformed_id_is_no_choice(
    world: World, case: Case, dueren_clerk: User
) -> None:
    before = state(case)
    for posted in ("999999", "abc", ""):
        response = logged_in(dueren_clerk).post(
            f"/verwaltung/vorgaenge/{case.pk}/beteiligung/",
            {
                "requested": posted,
                "kind": "statement",
                "subject": "S",
                "message": "M",
                "version": str(case.version),
            },
        )
        errors = response.context["form"].errors["requested"]
        assert list(errors) == (
            [NOT_A_CHOICE] if posted else ["Dieses Feld ist zwingend erforderlich."]
        )
    assert state(case) == before
