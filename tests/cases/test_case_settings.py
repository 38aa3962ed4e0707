"""The settings of the back office: the builder's case type of a service (letter texts,
file plan code, retention) and an authority's records settings (file numbers,
letterhead, archive), and the file numbers that follow from them."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tests.applications.conftest import World
from tests.cases.conftest import clerk_of, process_for_dueren, submit
from tests.clients import logged_in
from tests.factories import AdoptionFactory
from verbund.accounts.models import User
from verbund.authorities.models import Authority
from verbund.cases.models import CaseSettings, CaseType, FileNumberCounter
from verbund.cases.placeholders import render_file_number, validate_file_number_pattern
from verbund.core.models import AuditEntry

pytestmark = pytest.mark.django_db

LETTER_NAMES = (
    "{anrede}, {antragsteller}, {leistung}, {vorgangsnummer}, {aktenzeichen}, {eingangsdatum}, "
    "{behoerde}, {ort}, {verwaltungsgericht}"
)
BRACES = "Eine geschweifte Klammer ist nicht geschlossen. Für eine Klammer im Text: {{ oder }}."
CASE_TYPE = {
    "file_plan_code": "622",
    "retention_years": "30",
    "disposal": "archive",
    "granted_text": "Sehr geehrte(r) {antragsteller},\nIhr Antrag {vorgangsnummer} ist bewilligt.",
    "refused_text": "Ihr Antrag {vorgangsnummer} vom {eingangsdatum} wird abgelehnt.",
    "remedy_notice": "Klage beim {verwaltungsgericht}; {{Hinweis}} in geschweiften Klammern.",
}
SETTINGS = {
    "file_number_pattern": "63-{aktenplan}/{jahr}/{nr:5}",
    "department": "Amt für Umwelt und Naturschutz",
    "street": "Bismarckstraße 16",
    "postcode": "52351",
    "city": "Düren",
    "phone": "02421 22-1061",
    "email": "umweltamt@kreis-dueren.de",
    "website": "www.kreis-dueren.de",
    "signatory": "Im Auftrag Dr. Erika Mustermann",
    "archive_name": "Kreisarchiv Düren",
    "court_name": "Verwaltungsgericht Aachen",
    "court_street": "Kasernenstraße 25",
    "court_postcode": "52064",
    "court_city": "Aachen",
}


def case_type_url(world: World) -> str:
    return f"/verwaltung/leistungen/{world.service.pk}/vorgangsart/"


def settings_url(authority: Authority) -> str:
    return f"/verwaltung/behoerden/{authority.pk}/aktenfuehrung/"


def form_errors(response: Any) -> dict[str, list[str]]:
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def year() -> int:
    return timezone.localdate().year


def audit_actions() -> list[str]:
    return list(AuditEntry.objects.order_by("id").values_list("action", flat=True))


@pytest.fixture
def rhein_erft_admin(rhein_erft: Authority, demo_on: None) -> User:
    return clerk_of(rhein_erft, "lead.rhein-erft", admin=True)


# --- the case type ------------------------------------------------------------------------


def test_the_builders_admin_saves_the_case_type(world: World, dueren_lead: User) -> None:
    client = logged_in(dueren_lead)
    response = client.get(case_type_url(world))
    assert response.status_code == 200
    assert response.context["form"].initial["retention_years"] == 10
    assert response.context["form"].initial["disposal"] == "appraise"
    audit = AuditEntry.objects.count()

    saved = client.post(case_type_url(world), CASE_TYPE)

    assert saved.status_code == 303
    assert saved["Location"] == case_type_url(world)
    row = CaseType.objects.get()
    assert row.service == world.service
    assert row.authority == world.dueren
    assert (row.file_plan_code, row.retention_years, row.disposal) == ("622", 30, "archive")
    assert row.granted_text == CASE_TYPE["granted_text"]
    assert row.refused_text == CASE_TYPE["refused_text"]
    assert row.remedy_notice == CASE_TYPE["remedy_notice"]
    assert AuditEntry.objects.count() == audit + 1
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.actor, entry.authority_id) == (
        "case_type.save",
        dueren_lead,
        world.dueren.pk,
    )
    assert entry.changes == {
        "file_plan_code": [None, "622"],
        "retention_years": [None, 30],
        "disposal": [None, "archive"],
        "granted_text": [None, CASE_TYPE["granted_text"]],
        "refused_text": [None, CASE_TYPE["refused_text"]],
        "remedy_notice": [None, CASE_TYPE["remedy_notice"]],
    }
    assert "Die Vorgangsart ist gespeichert." in client.get(case_type_url(world)).content.decode()

    # The same values again: saved, and nothing recorded.
    updated_at = row.updated_at
    assert client.post(case_type_url(world), CASE_TYPE).status_code == 303
    assert AuditEntry.objects.count() == audit + 1
    assert CaseType.objects.get().updated_at == updated_at

    # One change: exactly that change is recorded.
    assert (
        client.post(case_type_url(world), {**CASE_TYPE, "retention_years": "50"}).status_code == 303
    )
    assert CaseType.objects.get().retention_years == 50
    assert AuditEntry.objects.latest("id").changes == {"retention_years": [30, 50]}
    assert AuditEntry.objects.count() == audit + 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Hallo {foo}", f"Unbekannter Platzhalter „{{foo}}“. Erlaubt sind: {LETTER_NAMES}."),
        (
            "{antragsteller.__class__}",
            f"Unbekannter Platzhalter „{{antragsteller.__class__}}“. Erlaubt sind: {LETTER_NAMES}.",
        ),
        (
            "{antragsteller!r}",
            f"Unbekannter Platzhalter „{{antragsteller!r}}“. Erlaubt sind: {LETTER_NAMES}.",
        ),
        (
            "{antragsteller[0]}",
            f"Unbekannter Platzhalter „{{antragsteller[0]}}“. Erlaubt sind: {LETTER_NAMES}.",
        ),
        ("Leer: {}", f"Unbekannter Platzhalter „{{}}“. Erlaubt sind: {LETTER_NAMES}."),
        ("Sehr geehrte {antragsteller", BRACES),
        ("Eine } allein", BRACES),
        ("{antragsteller:>30}", "Platzhalter im Bescheid haben keine Formatangabe („:“)."),
    ],
)
@pytest.mark.parametrize("field", ["granted_text", "refused_text", "remedy_notice"])
def test_a_text_with_a_bad_placeholder_is_refused(
    world: World, dueren_lead: User, field: str, text: str, message: str
) -> None:
    audit = AuditEntry.objects.count()
    response = logged_in(dueren_lead).post(case_type_url(world), {**CASE_TYPE, field: text})
    assert response.status_code == 200
    assert form_errors(response) == {field: [message]}
    assert CaseType.objects.count() == 0
    assert AuditEntry.objects.count() == audit


def test_markup_in_a_refused_placeholder_is_shown_escaped(world: World, dueren_lead: User) -> None:
    response = logged_in(dueren_lead).post(
        case_type_url(world), {**CASE_TYPE, "granted_text": "{<script>}"}
    )
    html = response.content.decode()
    assert "„{&lt;script&gt;}“" in html
    assert "<script>}" not in html
    assert CaseType.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"retention_years": "0"},
            {"retention_years": ["Dieser Wert muss größer oder gleich 1 sein."]},
        ),
        (
            {"retention_years": "101"},
            {"retention_years": ["Dieser Wert muss kleiner oder gleich 100 sein."]},
        ),
        (
            {"disposal": "burn"},
            {"disposal": ["Bitte eine gültige Auswahl treffen. burn ist keine gültige Auswahl."]},
        ),
    ],
)
def test_invalid_retention_is_refused(
    world: World, dueren_lead: User, changes: dict[str, str], errors: dict[str, list[str]]
) -> None:
    audit = AuditEntry.objects.count()
    response = logged_in(dueren_lead).post(case_type_url(world), {**CASE_TYPE, **changes})
    assert response.status_code == 200
    assert form_errors(response) == errors
    assert CaseType.objects.count() == 0
    assert AuditEntry.objects.count() == audit


def test_only_the_builders_admins_change_the_case_type(
    world: World,
    rhein_erft: Authority,
    rhein_erft_admin: User,
    dueren_clerk: User,
    merzenich_clerk: User,
) -> None:
    # Rhein-Erft uses the service too; the published service is visible to all staff,
    # so those who may not change it get 403 (not 404).
    AdoptionFactory(service=world.service, authority=rhein_erft)
    audit = AuditEntry.objects.count()
    for user in (rhein_erft_admin, dueren_clerk, merzenich_clerk):
        client = logged_in(user)
        assert client.get(case_type_url(world)).status_code == 403
        assert client.post(case_type_url(world), CASE_TYPE).status_code == 403
    assert CaseType.objects.count() == 0
    assert AuditEntry.objects.count() == audit
    assert (
        logged_in(rhein_erft_admin).get("/verwaltung/leistungen/999999/vorgangsart/").status_code
        == 404
    )


# --- the authority's settings -------------------------------------------------------------


def test_the_authority_admin_saves_the_settings(world: World, dueren_lead: User) -> None:
    client = logged_in(dueren_lead)
    response = client.get(settings_url(world.dueren))
    assert response.status_code == 200
    assert response.context["form"]["file_number_pattern"].value() == "{jahr}/{nr:5}"
    audit = AuditEntry.objects.count()

    saved = client.post(settings_url(world.dueren), SETTINGS)

    assert saved.status_code == 303
    assert saved["Location"] == settings_url(world.dueren)
    row = CaseSettings.objects.get()
    assert row.authority == world.dueren
    expected = {**SETTINGS, "website": "https://www.kreis-dueren.de"}
    assert {name: getattr(row, name) for name in SETTINGS} == expected
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.actor, entry.authority_id) == (
        "case_settings.save",
        dueren_lead,
        world.dueren.pk,
    )
    assert entry.changes == {name: [None, value] for name, value in expected.items()}
    page = client.get(settings_url(world.dueren)).content.decode()
    assert "Die Einstellungen der Aktenführung sind gespeichert." in page

    assert client.post(settings_url(world.dueren), SETTINGS).status_code == 303
    assert AuditEntry.objects.count() == audit + 1

    changed = {**SETTINGS, "file_number_pattern": " {jahr}-{nr} ", "phone": ""}
    assert client.post(settings_url(world.dueren), changed).status_code == 303
    assert AuditEntry.objects.latest("id").changes == {
        "file_number_pattern": ["63-{aktenplan}/{jahr}/{nr:5}", "{jahr}-{nr}"],
        "phone": ["02421 22-1061", ""],
    }
    assert AuditEntry.objects.count() == audit + 2


NR_ONCE = "Das Muster braucht genau einmal die laufende Nummer {nr}."
WIDTH = "Nur die Nummer hat eine Stellenzahl (1 bis 9), z. B. {nr:5}."
FILE_NAMES = "{jahr}, {nr}, {aktenplan}"


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("{jahr}", NR_ONCE),
        ("{jahr}/{nr}/{nr}", NR_ONCE),
        ("{jahr}/{nr:0}", WIDTH),
        ("{jahr}/{nr:10}", WIDTH),
        ("{jahr}/{nr:05}", WIDTH),
        ("{jahr:4}/{nr}", WIDTH),
        ("{jahr}/{nr:{jahr}}", WIDTH),
        ("{foo}/{jahr}/{nr}", f"Unbekannter Platzhalter „{{foo}}“. Erlaubt sind: {FILE_NAMES}."),
        ("{jahr}/{nr!r}", f"Unbekannter Platzhalter „{{nr!r}}“. Erlaubt sind: {FILE_NAMES}."),
        (
            "{jahr.real}/{nr}",
            f"Unbekannter Platzhalter „{{jahr.real}}“. Erlaubt sind: {FILE_NAMES}.",
        ),
        ("{jahr}/{nr", BRACES),
        ("{jahr}}/{nr}", BRACES),
        # The running number starts again every year: without the year, numbers repeat.
        (
            "AZ-{nr:5}",
            "Das Muster braucht das Jahr {jahr}: Die laufende Nummer beginnt jedes Jahr neu.",
        ),
        (
            "{aktenplan}{aktenplan}{aktenplan}/{jahr}/{nr}",
            "Mit diesem Muster kann ein Aktenzeichen länger als 80 Zeichen werden.",
        ),
        ("", "Dieses Feld ist zwingend erforderlich."),
    ],
)
def test_an_invalid_pattern_is_refused(
    world: World, dueren_lead: User, pattern: str, message: str
) -> None:
    audit = AuditEntry.objects.count()
    response = logged_in(dueren_lead).post(
        settings_url(world.dueren), {**SETTINGS, "file_number_pattern": pattern}
    )
    assert response.status_code == 200
    assert form_errors(response) == {"file_number_pattern": [message]}
    assert CaseSettings.objects.count() == 0
    assert AuditEntry.objects.count() == audit


def test_invalid_contact_data_is_refused(world: World, dueren_lead: User) -> None:
    response = logged_in(dueren_lead).post(
        settings_url(world.dueren), {**SETTINGS, "email": "kein-e-mail", "postcode": "523510"}
    )
    assert response.status_code == 200
    assert form_errors(response) == {
        "postcode": [
            "Bitte sicherstellen, dass der Wert aus höchstens 5 Zeichen besteht. "
            "(Er besteht aus 6 Zeichen.)"
        ],
        "email": ["Gib eine gültige E-Mail Adresse an."],
    }
    assert CaseSettings.objects.count() == 0


COMPLETE_COURT = (
    "Geben Sie das Verwaltungsgericht vollständig an: Name, Straße und Hausnummer, PLZ und Sitz."
)


def test_the_court_is_entered_in_its_own_group(world: World, dueren_lead: User) -> None:
    client = logged_in(dueren_lead)
    html = client.get(settings_url(world.dueren)).content.decode()
    legend = (
        '<legend class="kern-heading-small">Verwaltungsgericht für die Rechtsbehelfsbelehrung'
        "</legend>"
    )
    assert legend in html
    group = html[html.index(legend) : html.index("</fieldset>", html.index(legend))]
    for label in (
        "Name des Verwaltungsgerichts",
        "Straße und Hausnummer des Gerichts",
        "PLZ des Gerichts",
        "Sitz des Gerichts (Ort)",
    ):
        assert f">{label} <span" in group
    assert "ohne diese Angaben ergeht kein Bescheid." in group
    # The groups keep the page's order: file numbers, letterhead, court, archive.
    order = [
        html.index(f'<legend class="kern-heading-small">{name}</legend>')
        for name in (
            "Aktenzeichen",
            "Briefkopf der Bescheide",
            "Verwaltungsgericht für die Rechtsbehelfsbelehrung",
            "Archiv",
        )
    ]
    assert order == sorted(order)


@pytest.mark.parametrize(
    ("court", "errors"),
    [
        (
            {"court_name": "Verwaltungsgericht Aachen"},
            {
                "court_street": [COMPLETE_COURT],
                "court_postcode": [COMPLETE_COURT],
                "court_city": [COMPLETE_COURT],
            },
        ),
        (
            {"court_street": "Kasernenstraße 25", "court_city": "Aachen", "court_postcode": " "},
            {"court_name": [COMPLETE_COURT], "court_postcode": [COMPLETE_COURT]},
        ),
        (
            {
                "court_name": "Verwaltungsgericht Aachen",
                "court_street": "Kasernenstraße 25",
                "court_postcode": "5206",
                "court_city": "Aachen",
            },
            {"court_postcode": ["Die PLZ hat fünf Ziffern."]},
        ),
    ],
)
def test_an_incomplete_court_is_refused(
    world: World, dueren_lead: User, court: dict[str, str], errors: dict[str, list[str]]
) -> None:
    audit = AuditEntry.objects.count()
    empty = dict.fromkeys(("court_name", "court_street", "court_postcode", "court_city"), "")
    response = logged_in(dueren_lead).post(
        settings_url(world.dueren), {**SETTINGS, **empty, **court}
    )
    assert response.status_code == 200
    assert form_errors(response) == errors
    assert CaseSettings.objects.count() == 0
    assert AuditEntry.objects.count() == audit


def test_the_court_can_be_left_empty_and_removed(world: World, dueren_lead: User) -> None:
    client = logged_in(dueren_lead)
    empty = dict.fromkeys(("court_name", "court_street", "court_postcode", "court_city"), "")
    assert client.post(settings_url(world.dueren), {**SETTINGS, **empty}).status_code == 303
    assert CaseSettings.objects.get().court_name == ""
    assert client.post(settings_url(world.dueren), SETTINGS).status_code == 303
    row = CaseSettings.objects.get()
    assert (row.court_name, row.court_street, row.court_postcode, row.court_city) == (
        "Verwaltungsgericht Aachen",
        "Kasernenstraße 25",
        "52064",
        "Aachen",
    )
    assert AuditEntry.objects.latest("id").changes == {
        "court_name": ["", "Verwaltungsgericht Aachen"],
        "court_street": ["", "Kasernenstraße 25"],
        "court_postcode": ["", "52064"],
        "court_city": ["", "Aachen"],
    }


REMEDY_PLACEHOLDER = (
    "Die Rechtsbehelfsbelehrung muss das Gericht mit dem Platzhalter {verwaltungsgericht} "
    "nennen: Jede Behörde, die die Leistung anbietet, hat ihr eigenes Verwaltungsgericht."
)


@pytest.mark.parametrize(
    "text",
    [
        "Gegen diesen Bescheid kann Klage beim Verwaltungsgericht Aachen erhoben werden.",
        "Klage beim für Ihren Wohnort zuständigen Verwaltungsgericht, {ort}.",
    ],
)
def test_a_remedy_notice_names_the_court_by_its_placeholder(
    world: World, dueren_lead: User, text: str
) -> None:
    audit = AuditEntry.objects.count()
    response = logged_in(dueren_lead).post(
        case_type_url(world), {**CASE_TYPE, "remedy_notice": text}
    )
    assert response.status_code == 200
    assert form_errors(response) == {"remedy_notice": [REMEDY_PLACEHOLDER]}
    assert CaseType.objects.count() == 0
    assert AuditEntry.objects.count() == audit
    # Empty is the default text, which names the court.
    response = logged_in(dueren_lead).post(case_type_url(world), {**CASE_TYPE, "remedy_notice": ""})
    assert response.status_code == 303
    assert CaseType.objects.get().remedy_notice == ""


def test_only_the_authoritys_admins_change_its_settings(
    world: World, dueren_clerk: User, rhein_erft_admin: User
) -> None:
    audit = AuditEntry.objects.count()
    clerk = logged_in(dueren_clerk)
    assert clerk.get(settings_url(world.dueren)).status_code == 403
    assert clerk.post(settings_url(world.dueren), SETTINGS).status_code == 403
    other = logged_in(rhein_erft_admin)
    assert other.get(settings_url(world.dueren)).status_code == 404
    assert other.post(settings_url(world.dueren), SETTINGS).status_code == 404
    assert CaseSettings.objects.count() == 0
    assert AuditEntry.objects.count() == audit


# --- file numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "number", "expected"),
    [
        ("{jahr}/{nr:5}", 7, "2026/00007"),
        ("{jahr}/{nr:5}", 123456, "2026/123456"),
        ("{jahr}/{nr}", 7, "2026/7"),
        ("{jahr}-{nr:1}", 42, "2026-42"),
        ("63-{aktenplan}/{jahr}/{nr:5}", 17, "63-622/2026/00017"),
        ("{nr:3}.{jahr}", 5, "005.2026"),
        ("{{nr:5}}/{jahr}/{nr:2}", 3, "{nr:5}/2026/03"),
        ("  {jahr}/{nr}  ", 1, "2026/1"),
    ],
)
def test_file_numbers_follow_the_pattern(pattern: str, number: int, expected: str) -> None:
    validate_file_number_pattern(pattern)
    assert render_file_number(pattern, year=2026, number=number, file_plan_code="622") == expected


def test_an_empty_file_plan_code_leaves_its_place_empty() -> None:
    assert (
        render_file_number("63-{aktenplan}/{jahr}/{nr:5}", year=2027, number=1, file_plan_code="")
        == "63-/2027/00001"
    )


def test_submitted_cases_get_the_authoritys_file_numbers(
    world: World, dueren_lead: User, rhein_erft: Authority
) -> None:
    this_year = year()
    # Last year's counter is last year's: this year starts again at 1.
    FileNumberCounter.objects.create(authority=world.dueren, year=this_year - 1, last=41)
    client = logged_in(dueren_lead)
    assert client.post(case_type_url(world), CASE_TYPE).status_code == 303
    assert client.post(settings_url(world.dueren), SETTINGS).status_code == 303

    first, second = submit(world), submit(world)

    assert first.case.file_number == f"63-622/{this_year}/00001"
    assert second.case.file_number == f"63-622/{this_year}/00002"

    # Rhein-Erft processes now: its own counter and its own (default) pattern.
    process_for_dueren(world, rhein_erft)
    elsewhere = submit(world)
    assert elsewhere.case.authority == rhein_erft
    assert elsewhere.case.file_number == f"{this_year}/00001"

    # Back at Düren the count goes on; a new pattern applies to new files only.
    process_for_dueren(world, world.dueren)
    assert (
        client.post(
            settings_url(world.dueren), {**SETTINGS, "file_number_pattern": "NU/{jahr}/{nr:3}"}
        ).status_code
        == 303
    )
    third = submit(world)
    assert third.case.file_number == f"NU/{this_year}/003"
    first.case.refresh_from_db()
    assert first.case.file_number == f"63-622/{this_year}/00001"

    counters = FileNumberCounter.objects.order_by("authority_id", "year")
    assert sorted((c.authority_id, c.year, c.last) for c in counters) == sorted(
        [
            (world.dueren.pk, this_year - 1, 41),
            (world.dueren.pk, this_year, 3),
            (rhein_erft.pk, this_year, 1),
        ]
    )
