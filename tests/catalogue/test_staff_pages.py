"""Staff pages of the catalogue: build, publish and adopt a service, offices, refusals."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.clients import logged_in
from tests.factories import (
    AdoptionFactory,
    AuthorityRoleFactory,
    MembershipFactory,
    NetworkFactory,
    OfficeFactory,
    ServiceFactory,
    make_user,
)
from verbund.accounts.models import User
from verbund.authorities.models import Authority
from verbund.catalogue.index import routing_index
from verbund.catalogue.models import Adoption, Level, Office, Service, ServiceStatus
from verbund.core.models import AuditEntry
from verbund.networks.models import Network

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_on", "demo_register")]

MERZENICH, JUELICH, KERPEN, KREIS_DUEREN = "053580040040", "053580024024", "053620032032", "05358"

SERVICE_FORM = {
    "slug": "hundesteuer-anmeldung",
    "leika_key": "99102013104000",
    "ozg_id": "",
    "title": "Hundesteuer – Anmeldung",
    "summary": "Sie melden Ihren Hund zur Hundesteuer an.",
    "volltext": "Wer einen Hund hält, meldet ihn innerhalb von zwei Wochen an.",
    "voraussetzungen": "",
    "unterlagen": "Nachweis der Haftpflichtversicherung",
    "kosten": "",
    "verfahrensablauf": "",
    "bearbeitungsdauer": "",
    "fristen": "Zwei Wochen nach Beginn der Haltung",
    "rechtsgrundlagen": "Hundesteuersatzung",
    "hinweise": "",
    "processing_days": "10",
    "synonyms": " Hund anmelden \nHundemarke\n\nHund anmelden",
    "themenfeld": "steuern-zoll",
    "level": "gemeinde",
    "maturity": "4",
    "online_url": "https://hund.example.org/antrag",
}

OFFICE_FORM = {
    "name": "Bürgerbüro Merzenich",
    "street": "Valdersweg 1",
    "postcode": "52399",
    "city": "Merzenich",
    "phone": "02421 3940",
    "email": "buergerbuero@merzenich.example",
    "opening_hours": "Mo–Fr 8–12 Uhr",
    "accessibility": "Stufenloser Zugang, Aufzug.",
}


def _authority(ars: str) -> Authority:
    return Authority.objects.get(ars=ars)


def _member(ars: str, network: Network | None = None) -> Authority:
    authority = _authority(ars)
    if network is None:
        MembershipFactory(authority=authority, joined_on=dt.date(2024, 1, 1))
    else:
        MembershipFactory(authority=authority, network=network, joined_on=dt.date(2024, 1, 1))
    return authority


def _admin(*authorities: Authority, username: str = "admin.merzenich") -> User:
    user = make_user(username=username, demo=True)
    for authority in authorities:
        AuthorityRoleFactory(user=user, authority=authority, admin=True)
        AuthorityRoleFactory(user=user, authority=authority)
    return user


def _clerk(authority: Authority) -> User:
    user = make_user(username="clerk.merzenich", demo=True)
    AuthorityRoleFactory(user=user, authority=authority)
    return user


def _service(**kwargs: Any) -> Service:
    return cast(Service, ServiceFactory(**kwargs))


def _office(authority: Authority, **kwargs: Any) -> Office:
    return cast(Office, OfficeFactory(authority=authority, **kwargs))


def _adoption(**kwargs: Any) -> Adoption:
    return cast(Adoption, AdoptionFactory(**kwargs))


def _messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _summary(response: Any) -> str:
    """The text of the error summary above the form ("" when there is none)."""
    content: str = response.content.decode()
    if "verbund-error-summary" not in content:
        return ""
    return content.split("verbund-error-summary", 1)[1].split("</div>\n</div>", 1)[0]


def _counts() -> tuple[int, int, int, int]:
    return (
        Service.objects.count(),
        Office.objects.count(),
        Adoption.objects.count(),
        AuditEntry.objects.count(),
    )


def _de(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


# --- URL paths ------------------------------------------------------------------------


def test_url_paths() -> None:
    assert reverse("staff:catalogue") == "/verwaltung/leistungen/"
    assert reverse("staff:service_create") == "/verwaltung/leistungen/neu/"
    assert reverse("staff:service", kwargs={"pk": 3}) == "/verwaltung/leistungen/3/"
    assert reverse("staff:service_edit", kwargs={"pk": 3}) == "/verwaltung/leistungen/3/bearbeiten/"
    assert (
        reverse("staff:service_publish", kwargs={"pk": 3})
        == "/verwaltung/leistungen/3/veroeffentlichen/"
    )
    assert (
        reverse("staff:service_withdraw", kwargs={"pk": 3})
        == "/verwaltung/leistungen/3/zurueckziehen/"
    )
    assert (
        reverse("staff:authority_services", kwargs={"pk": 4})
        == "/verwaltung/behoerden/4/leistungen/"
    )
    assert (
        reverse("staff:office_create", kwargs={"pk": 4}) == "/verwaltung/behoerden/4/stellen/neu/"
    )
    assert (
        reverse("staff:office_edit", kwargs={"pk": 4, "office_pk": 7})
        == "/verwaltung/behoerden/4/stellen/7/"
    )
    assert (
        reverse("staff:adoption_create", kwargs={"pk": 4, "service_pk": 3})
        == "/verwaltung/behoerden/4/leistungen/3/nachnutzen/"
    )
    assert (
        reverse("staff:adoption_edit", kwargs={"pk": 4, "adoption_pk": 8})
        == "/verwaltung/behoerden/4/nachnutzungen/8/"
    )
    assert (
        reverse("staff:adoption_end", kwargs={"pk": 4, "adoption_pk": 8})
        == "/verwaltung/behoerden/4/nachnutzungen/8/beenden/"
    )


# --- The whole journey ----------------------------------------------------------------


def test_build_publish_adopt_edit_and_end_a_service() -> None:
    merzenich = _member(MERZENICH)
    client = logged_in(_admin(merzenich))

    # The catalogue offers to create a service; the builder can only be Merzenich.
    catalogue = client.get(reverse("staff:catalogue"))
    assert catalogue.status_code == 200
    assert "Neue Leistung anlegen" in catalogue.content.decode()
    form = client.get(reverse("staff:service_create")).context["form"]
    assert [a.name for a in form.fields["builder"].queryset] == ["Merzenich"]

    # Create: a draft with the synonyms as a clean list.
    response = client.post(
        reverse("staff:service_create"), {**SERVICE_FORM, "builder": merzenich.pk}
    )
    service = Service.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:service", kwargs={"pk": service.pk})
    assert (service.builder, service.status, service.title) == (
        merzenich,
        ServiceStatus.DRAFT,
        "Hundesteuer – Anmeldung",
    )
    assert service.synonyms == ["Hund anmelden", "Hundemarke"]
    assert (service.leika_key, service.processing_days, service.maturity) == (
        "99102013104000",
        10,
        4,
    )
    assert service.ozg_id is None
    assert _messages(response) == [
        "Die Leistung „Hundesteuer – Anmeldung“ wurde als Entwurf angelegt."
    ]

    # A draft cannot be adopted yet; its builder may publish it.
    detail = client.get(reverse("staff:service", kwargs={"pk": service.pk})).content.decode()
    assert "Leistung veröffentlichen" in detail
    assert "Für Merzenich nachnutzen" not in detail
    response = client.post(reverse("staff:service_publish", kwargs={"pk": service.pk}))
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.status == ServiceStatus.PUBLISHED
    assert service.published_at is not None

    detail = client.get(reverse("staff:service", kwargs={"pk": service.pk})).content.decode()
    adopt_url = reverse(
        "staff:adoption_create", kwargs={"pk": merzenich.pk, "service_pk": service.pk}
    )
    assert f'href="{adopt_url}"' in detail
    assert "Für Merzenich nachnutzen" in detail
    assert "Leistung zurückziehen" in detail

    # Without an office the adoption page sends the user to create one first.
    page = client.get(adopt_url).content.decode()
    assert "Legen Sie zuerst eine Stelle an." in page
    assert reverse("staff:office_create", kwargs={"pk": merzenich.pk}) in page
    assert 'name="fees"' not in page

    response = client.post(reverse("staff:office_create", kwargs={"pk": merzenich.pk}), OFFICE_FORM)
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:authority_services", kwargs={"pk": merzenich.pk})
    office = Office.objects.get()
    assert (office.authority, office.name, office.address_line) == (
        merzenich,
        "Bürgerbüro Merzenich",
        "Valdersweg 1, 52399 Merzenich",
    )

    # Adopt with two fees; the only office is preselected.
    assert client.get(adopt_url).context["form"].initial["office"] == office.pk
    response = client.post(
        adopt_url,
        {
            "office": office.pk,
            "fees": "Anmeldung: 0\n\nErsatzmarke: 5,00 €",
            "online": "on",
            "online_url": "",
            "started_on": "01.01.2025",
        },
    )
    assert response.status_code == 302
    adoption = Adoption.objects.get()
    assert (adoption.service, adoption.authority, adoption.office) == (service, merzenich, office)
    assert adoption.fees == [
        {"label": "Anmeldung", "amount": "0.00"},
        {"label": "Ersatzmarke", "amount": "5.00"},
    ]
    assert (adoption.online, adoption.started_on, adoption.ended_on) == (
        True,
        dt.date(2025, 1, 1),
        None,
    )
    assert _messages(response) == ["Merzenich nutzt „Hundesteuer – Anmeldung“ jetzt nach."]

    # Citizens of Merzenich are now routed to the office and the shared online service.
    index = routing_index()
    ref = index.service("99102013104000")
    place = index.place(MERZENICH)
    assert ref is not None
    assert place is not None
    resolution = index.resolve(ref, place)
    assert resolution.responsible.id == merzenich.pk
    assert resolution.adoption is not None
    assert resolution.adoption.office.name == "Bürgerbüro Merzenich"
    assert resolution.adoption.fees == (("Anmeldung", "0.00"), ("Ersatzmarke", "5.00"))
    assert resolution.online_url == "https://hund.example.org/antrag"

    overview = client.get(reverse("staff:authority_services", kwargs={"pk": merzenich.pk}))
    assert [a.pk for a in overview.context["running"]] == [adoption.pk]
    assert overview.context["history"] == []
    assert "Ersatzmarke: 5,00 €" in overview.content.decode()

    # Edit: the form shows the fees as lines; one fee and no longer online.
    edit_url = reverse(
        "staff:adoption_edit", kwargs={"pk": merzenich.pk, "adoption_pk": adoption.pk}
    )
    edit_form = client.get(edit_url).context["form"]
    assert edit_form.initial["fees"] == "Anmeldung: 0,00\nErsatzmarke: 5,00"
    response = client.post(edit_url, {"office": office.pk, "fees": "Anmeldung: 6,50"})
    assert response.status_code == 302
    adoption.refresh_from_db()
    assert adoption.fees == [{"label": "Anmeldung", "amount": "6.50"}]
    assert adoption.online is False
    resolution = routing_index().resolve(ref, place)
    assert resolution.adoption is not None
    assert resolution.online_url == ""

    # End it yesterday: the row stays as history, the route has no adoption any more,
    # and Merzenich may adopt the service again.
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    end_url = reverse("staff:adoption_end", kwargs={"pk": merzenich.pk, "adoption_pk": adoption.pk})
    response = client.post(end_url, {"ended_on": _de(yesterday)})
    assert response.status_code == 302
    adoption.refresh_from_db()
    assert adoption.ended_on == yesterday
    assert Adoption.objects.count() == 1
    overview = client.get(reverse("staff:authority_services", kwargs={"pk": merzenich.pk}))
    assert overview.context["running"] == []
    assert [a.pk for a in overview.context["history"]] == [adoption.pk]
    fresh_ref = routing_index().service("99102013104000")
    assert fresh_ref is not None
    assert routing_index().resolve(fresh_ref, place).adoption is None
    after = client.get(reverse("staff:service", kwargs={"pk": service.pk}))
    assert [a.pk for a in after.context["past"]] == [adoption.pk]
    assert [a.name for a in after.context["adopters"]] == ["Merzenich"]

    # An ended adoption is shown, not edited.
    page = client.get(edit_url).content.decode()
    assert "kann nicht mehr geändert werden" in page
    assert 'name="fees"' not in page

    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True))[-6:] == [
        "catalogue.service_created",
        "catalogue.service_published",
        "catalogue.office_created",
        "catalogue.adoption_created",
        "catalogue.adoption_updated",
        "catalogue.adoption_ended",
    ]


def test_edit_and_withdraw_a_service() -> None:
    merzenich = _member(MERZENICH)
    client = logged_in(_admin(merzenich))
    service = _service(builder=merzenich, title="Sperrmüll – Abholung", synonyms=["Sperrgut"])
    url = reverse("staff:service_edit", kwargs={"pk": service.pk})
    form = client.get(url).context["form"]
    assert form.initial["synonyms"] == "Sperrgut"

    data = {
        **SERVICE_FORM,
        "slug": service.slug,
        "leika_key": service.leika_key,
        "title": "Sperrmüll – Abholung beantragen",
        "synonyms": "Sperrgut\nSperrmülltermin",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.title == "Sperrmüll – Abholung beantragen"
    assert service.synonyms == ["Sperrgut", "Sperrmülltermin"]

    response = client.post(reverse("staff:service_withdraw", kwargs={"pk": service.pk}))
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.status == ServiceStatus.WITHDRAWN
    detail = client.get(reverse("staff:service", kwargs={"pk": service.pk}))
    assert "Leistung veröffentlichen" in detail.content.decode()
    assert detail.context["adopters"] == []
    assert "Für Merzenich nachnutzen" not in detail.content.decode()


# --- Refusals -------------------------------------------------------------------------


def test_a_gemeinde_cannot_adopt_a_kreis_service_and_nothing_is_saved() -> None:
    merzenich = _member(MERZENICH)
    office = _office(merzenich)
    dueren = _authority(KREIS_DUEREN)
    service = _service(builder=dueren, level=Level.KREIS, title="Führerschein – Ersterteilung")
    client = logged_in(_admin(merzenich))
    reason = (
        "Für „Führerschein – Ersterteilung“ ist der Kreis oder die kreisfreie Stadt zuständig; "
        "Merzenich ist eine Kreisangehörige Gemeinde."
    )

    detail = client.get(reverse("staff:service", kwargs={"pk": service.pk}))
    assert detail.context["adopters"] == []
    assert "Für Merzenich nachnutzen" not in detail.content.decode()

    url = reverse("staff:adoption_create", kwargs={"pk": merzenich.pk, "service_pk": service.pk})
    assert reason in client.get(url).content.decode()

    before = _counts()
    response = client.post(
        url, {"office": office.pk, "fees": "Gebühr: 43,00", "started_on": "01.02.2026"}
    )
    assert response.status_code == 200
    assert reason in _summary(response)
    assert response.context["form"].non_field_errors() == [reason]
    assert _counts() == before


def test_a_clerk_sees_no_buttons_and_is_refused_every_write() -> None:
    merzenich = _member(MERZENICH)
    office = _office(merzenich)
    draft = _service(builder=merzenich, draft=True, title="Entwurf Merzenich")
    published = _service(builder=_authority(JUELICH), title="Leistung aus Jülich")
    adoption = _adoption(service=published, authority=merzenich, office=office)
    client = logged_in(_clerk(merzenich))

    catalogue = client.get(reverse("staff:catalogue"))
    assert "Neue Leistung anlegen" not in catalogue.content.decode()
    assert [s.title for s in catalogue.context["unpublished"]] == ["Entwurf Merzenich"]
    detail = client.get(reverse("staff:service", kwargs={"pk": draft.pk})).content.decode()
    assert "Leistung bearbeiten" not in detail
    assert "Leistung veröffentlichen" not in detail
    detail = client.get(reverse("staff:service", kwargs={"pk": published.pk})).content.decode()
    assert "Für Merzenich nachnutzen" not in detail
    overview = client.get(reverse("staff:authority_services", kwargs={"pk": merzenich.pk}))
    assert overview.status_code == 200
    assert "Neue Stelle anlegen" not in overview.content.decode()
    assert "Nachnutzung beenden" not in overview.content.decode()

    before = _counts()
    for url in (
        reverse("staff:service_create"),
        reverse("staff:service_edit", kwargs={"pk": draft.pk}),
        reverse("staff:office_create", kwargs={"pk": merzenich.pk}),
        reverse("staff:office_edit", kwargs={"pk": merzenich.pk, "office_pk": office.pk}),
        reverse("staff:adoption_create", kwargs={"pk": merzenich.pk, "service_pk": published.pk}),
        reverse("staff:adoption_edit", kwargs={"pk": merzenich.pk, "adoption_pk": adoption.pk}),
    ):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url
    for url in (
        reverse("staff:service_publish", kwargs={"pk": draft.pk}),
        reverse("staff:service_withdraw", kwargs={"pk": draft.pk}),
        reverse("staff:adoption_end", kwargs={"pk": merzenich.pk, "adoption_pk": adoption.pk}),
    ):
        assert client.post(url, {"ended_on": "01.02.2026"}).status_code == 403, url
    assert _counts() == before
    draft.refresh_from_db()
    assert draft.status == ServiceStatus.DRAFT


def test_only_member_authorities_build_services() -> None:
    merzenich = _member(MERZENICH)
    kerpen = _authority(KERPEN)  # administered, but in no network
    client = logged_in(_admin(merzenich, kerpen))
    form = client.get(reverse("staff:service_create")).context["form"]
    assert [a.name for a in form.fields["builder"].queryset] == ["Merzenich"]

    before = _counts()
    response = client.post(reverse("staff:service_create"), {**SERVICE_FORM, "builder": kerpen.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["builder"] == [
        "Bitte eine gültige Auswahl treffen. Dies ist keine gültige Auswahl."
    ]
    assert _counts() == before

    # An admin of no member authority has nothing to build with.
    outsider = logged_in(_admin(kerpen, username="admin.kerpen"))
    assert "Neue Leistung anlegen" not in outsider.get(reverse("staff:catalogue")).content.decode()
    assert outsider.get(reverse("staff:service_create")).status_code == 403


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"leika_key": "12102013104000"}, "leika_key", "beginnt mit 99"),
        ({"slug": "Hunde_Steuer"}, "slug", "Kleinbuchstaben a–z"),
        ({"maturity": "8"}, "maturity", "kleiner oder gleich 7"),
        ({"title": ""}, "title", "Dieses Feld ist zwingend erforderlich."),
        ({"slug": "sperrmuell"}, "slug", "Diese Kennung trägt bereits eine andere Leistung."),
    ],
)
def test_service_errors_are_shown_at_their_field(
    change: dict[str, str], field: str, message: str
) -> None:
    merzenich = _member(MERZENICH)
    _service(builder=merzenich, slug="sperrmuell")
    client = logged_in(_admin(merzenich))
    before = _counts()
    response = client.post(
        reverse("staff:service_create"), {**SERVICE_FORM, "builder": merzenich.pk, **change}
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert f'href="#id_{field}"' in _summary(response)
    assert _counts() == before


def test_level_of_an_adopted_service_cannot_change() -> None:
    merzenich = _member(MERZENICH)
    service = _service(builder=merzenich, level=Level.GEMEINDE)
    _adoption(service=service, authority=merzenich)
    client = logged_in(_admin(merzenich))
    data = {**SERVICE_FORM, "slug": service.slug, "leika_key": service.leika_key, "level": "kreis"}
    response = client.post(reverse("staff:service_edit", kwargs={"pk": service.pk}), data)
    assert response.status_code == 200
    assert response.context["form"].errors["level"] == [
        "Die Zuständigkeitsebene kann sich nicht ändern, solange die Leistung nachgenutzt wird."
    ]
    service.refresh_from_db()
    assert (service.level, service.title) == (Level.GEMEINDE, service.title)
    assert service.title != SERVICE_FORM["title"]


@pytest.mark.parametrize(
    ("fees", "line"),
    [
        ("Anmeldung: 10,00\nErsatzmarke 5,00", 2),
        ("Anmeldung:", 1),
        ("Anmeldung: zehn Euro", 1),
        (": 5,00", 1),
        ("Anmeldung: 10,00\n\nErsatzmarke: 5,001", 3),
        ("Anmeldung: -3", 1),
    ],
)
def test_a_bad_fee_line_is_named_and_nothing_is_saved(fees: str, line: int) -> None:
    merzenich = _member(MERZENICH)
    office = _office(merzenich)
    service = _service(builder=_authority(JUELICH))
    client = logged_in(_admin(merzenich))
    url = reverse("staff:adoption_create", kwargs={"pk": merzenich.pk, "service_pk": service.pk})
    before = _counts()
    response = client.post(url, {"office": office.pk, "fees": fees, "started_on": "01.02.2026"})
    assert response.status_code == 200
    message = (
        f"Zeile {line}: Schreiben Sie die Gebühr als „Bezeichnung: Betrag“, "
        "z. B. „Erstausstellung: 16,80“."
    )
    assert response.context["form"].errors["fees"] == [message]
    assert 'href="#id_fees"' in _summary(response)
    assert _counts() == before


def test_online_without_an_online_service_is_refused_at_the_checkbox() -> None:
    merzenich = _member(MERZENICH)
    office = _office(merzenich)
    service = _service(builder=_authority(JUELICH), online_url="")
    client = logged_in(_admin(merzenich))
    url = reverse("staff:adoption_create", kwargs={"pk": merzenich.pk, "service_pk": service.pk})
    before = _counts()
    response = client.post(url, {"office": office.pk, "online": "on", "started_on": "01.02.2026"})
    assert response.status_code == 200
    assert "keinen gemeinsamen Online-Dienst" in " ".join(response.context["form"].errors["online"])
    assert _counts() == before


@pytest.mark.parametrize("postcode", ["5239", "523990", "5239x", "ABCDE", ""])
def test_a_bad_postcode_is_refused(postcode: str) -> None:
    merzenich = _member(MERZENICH)
    client = logged_in(_admin(merzenich))
    before = _counts()
    response = client.post(
        reverse("staff:office_create", kwargs={"pk": merzenich.pk}),
        {**OFFICE_FORM, "postcode": postcode},
    )
    assert response.status_code == 200
    expected = (
        "Dieses Feld ist zwingend erforderlich."
        if not postcode
        else "Eine Postleitzahl hat genau 5 Ziffern."
    )
    assert response.context["form"].errors["postcode"] == [expected]
    assert 'href="#id_postcode"' in _summary(response)
    assert _counts() == before


def test_edit_an_office_and_keep_names_unique() -> None:
    merzenich = _member(MERZENICH)
    office = _office(merzenich, name="Bürgerbüro")
    _office(merzenich, name="Standesamt")
    client = logged_in(_admin(merzenich))
    url = reverse("staff:office_edit", kwargs={"pk": merzenich.pk, "office_pk": office.pk})
    assert client.get(url).context["form"].initial["name"] == "Bürgerbüro"

    before = _counts()
    response = client.post(url, {**OFFICE_FORM, "name": "Standesamt"})
    assert response.context["form"].errors["name"] == [
        "Eine Stelle mit dieser Bezeichnung gibt es bei Ihnen schon."
    ]
    response = client.post(url, {**OFFICE_FORM, "postcode": "5239"})
    assert response.status_code == 200
    assert _counts() == before
    office.refresh_from_db()
    assert (office.name, office.postcode) == ("Bürgerbüro", "99999")

    response = client.post(url, {**OFFICE_FORM, "name": "Bürgerbüro im Rathaus"})
    assert response.status_code == 302
    office.refresh_from_db()
    assert (office.name, office.postcode) == ("Bürgerbüro im Rathaus", "52399")


def test_ending_before_the_start_is_refused() -> None:
    merzenich = _member(MERZENICH)
    adoption = _adoption(
        service=_service(builder=merzenich), authority=merzenich, started_on=dt.date(2025, 6, 1)
    )
    admin = _admin(merzenich)
    client = logged_in(admin)
    url = reverse("staff:adoption_end", kwargs={"pk": merzenich.pk, "adoption_pk": adoption.pk})
    response = client.post(url, {"ended_on": "31.05.2025"})
    assert response.status_code == 302
    assert _messages(response) == ["Das Ende darf nicht vor dem Beginn der Nachnutzung liegen."]
    response = logged_in(admin).post(url, {"ended_on": "kein Datum"})
    assert _messages(response) == ["Bitte geben Sie ein gültiges Enddatum an."]
    adoption.refresh_from_db()
    assert adoption.ended_on is None


# --- Lists and figures ------------------------------------------------------------------


def test_catalogue_lists_published_services_and_my_own_drafts() -> None:
    merzenich = _member(MERZENICH)
    juelich = _member(JUELICH)
    shared = _service(builder=juelich, title="Anwohnerparkausweis")
    _service(builder=merzenich, title="Baumfällgenehmigung")
    _service(builder=merzenich, draft=True, title="Eigener Entwurf")
    _service(builder=juelich, draft=True, title="Fremder Entwurf")
    _adoption(service=shared, authority=merzenich)
    _adoption(service=shared, authority=juelich, ended=True)

    response = logged_in(_admin(merzenich)).get(reverse("staff:catalogue"))
    rows = [(s.title, s.builder.name, s.running_count) for s in response.context["page"]]
    assert rows == [
        ("Anwohnerparkausweis", "Jülich, Stadt", 1),
        ("Baumfällgenehmigung", "Merzenich", 0),
    ]
    assert [s.title for s in response.context["unpublished"]] == ["Eigener Entwurf"]
    assert "Fremder Entwurf" not in response.content.decode()


def test_authority_workspace_links_to_its_services() -> None:
    merzenich = _member(MERZENICH)
    response = logged_in(_clerk(merzenich)).get(
        reverse("staff:authority", kwargs={"pk": merzenich.pk})
    )
    assert (
        reverse("staff:authority_services", kwargs={"pk": merzenich.pk})
        in response.content.decode()
    )


def test_service_page_shows_use_per_network() -> None:
    network = cast(Network, NetworkFactory(name="Digitalverbund Düren"))
    merzenich = _member(MERZENICH, network)
    juelich = _member(JUELICH, network)
    service = _service(builder=merzenich, title="Hundesteuer")
    _adoption(service=service, authority=juelich)
    response = logged_in(_clerk(merzenich)).get(reverse("staff:service", kwargs={"pk": service.pk}))
    assert "Digitalverbund Düren: genutzt von 1 von 2 Mitgliedern" in response.content.decode()
    assert [a.authority.name for a in response.context["running"]] == ["Jülich, Stadt"]


def test_network_page_shows_reuse_figures() -> None:
    network = cast(Network, NetworkFactory(name="Digitalverbund Düren"))
    merzenich = _member(MERZENICH, network)
    juelich = _member(JUELICH, network)
    _member(KERPEN, network)
    built = _service(builder=merzenich, title="Hundesteuer")
    outside = _service(builder=_authority(KREIS_DUEREN), title="Wohngeld", level=Level.GEMEINDE)
    _adoption(service=built, authority=juelich)
    _adoption(service=outside, authority=juelich)
    _adoption(service=outside, authority=merzenich)

    response = logged_in(_clerk(merzenich)).get(reverse("staff:network", kwargs={"pk": network.pk}))
    reuse = response.context["reuse"]
    assert (reuse.members, reuse.services_built, reuse.adoptions, reuse.members_served) == (
        3,
        1,
        3,
        2,
    )
    assert [(r.service.title, r.adopters) for r in reuse.rows] == [
        ("Hundesteuer", 1),
        ("Wohngeld", 2),
    ]
    content = response.content.decode()
    assert [
        _figure(content, label)
        for label in (
            "Mitglieder",
            "entwickelte Leistungen",
            "Nachnutzungen",
            "versorgte Mitglieder",
        )
    ] == ["3", "1", "3", "2"]
    assert f"{_authority(KREIS_DUEREN).name} (kein Mitglied)" in content
    assert '<td class="kern-table__cell">2 Mitgliedern</td>' in content
    assert '<td class="kern-table__cell">1 Mitglied</td>' in content


def _figure(content: str, label: str) -> str:
    """The value next to ``label`` in a description list."""
    match = re.search(
        rf'__key">{re.escape(label)}</dt><dd class="kern-description-list-item__value">([^<]*)<',
        content,
    )
    assert match is not None, label
    return match.group(1)


def test_catalogue_query_count_does_not_grow_with_the_services() -> None:
    merzenich = _member(MERZENICH)
    client = logged_in(_admin(merzenich))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("staff:catalogue")).status_code == 200
        return len(captured)

    _service(builder=merzenich, draft=True)
    _adoption(service=_service(builder=_authority(JUELICH)), authority=merzenich)
    few = queries()
    for _n in range(5):
        _adoption(service=_service(builder=_authority(JUELICH)), authority=merzenich)
        _service(builder=merzenich, draft=True)
    assert queries() == few


def test_anonymous_is_sent_to_login() -> None:
    response = Client().get(reverse("staff:catalogue"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
