"""Staff pages of the form builder: edit, check, preview and publish a service's form."""

from __future__ import annotations

import copy
import json
import re
from typing import Any, cast

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests.clients import logged_in
from tests.factories import (
    SIMPLE_DEFINITION,
    AuthorityFactory,
    AuthorityRoleFactory,
    ServiceFactory,
    make_user,
)
from verbund.accounts.models import User
from verbund.authorities.models import Authority
from verbund.catalogue.models import Service, ServiceStatus
from verbund.core.models import AuditEntry
from verbund.formengine import engine
from verbund.formengine.forms import STARTER_DEFINITION, as_text
from verbund.formengine.models import FormVersion, ServiceForm

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_on")]

NS = "staff:formengine_staff"
PUBLISHED = (
    "Version %d ist veröffentlicht. Alle Behörden, die die Leistung nutzen, "
    "verwenden ab sofort diese Version."
)

# Every kind of question the preview must render, with conditions and fees.
RICH_DEFINITION: dict[str, Any] = {
    "schema": {
        "type": "object",
        "properties": {
            "erstausgabe": {"type": "boolean", "title": "Ist es die erste Plakette?"},
            "anzahl": {"type": "integer", "title": "Anzahl der Pferde", "minimum": 1},
            "rasse": {"type": "string", "title": "Rasse", "enum": ["Haflinger", "Trakehner"]},
            "farben": {
                "type": "array",
                "title": "Farben",
                "items": {"enum": ["braun", "schwarz"]},
                "uniqueItems": True,
            },
            "geboren": {"type": "string", "format": "date", "title": "Geboren am"},
            "stall": {"type": "object", "x-kind": "address", "title": "Anschrift des Stalls"},
            "nachweis": {
                "type": "array",
                "x-kind": "file",
                "title": "Nachweis",
                "x-when": {
                    "properties": {"erstausgabe": {"const": True}},
                    "required": ["erstausgabe"],
                },
            },
            "bemerkung": {"type": "string", "x-kind": "textarea", "title": "Bemerkung"},
            "email": {"type": "string", "format": "email", "title": "E-Mail-Adresse"},
        },
        "required": ["erstausgabe", "anzahl", "email"],
    },
    "steps": [
        {"key": "plakette", "title": "Ihre Plakette", "fields": ["erstausgabe"]},
        {
            "key": "pferd",
            "title": "Ihr Pferd",
            "fields": ["anzahl", "rasse", "farben", "geboren", "stall", "nachweis"],
            "when": {"properties": {"erstausgabe": {"const": True}}, "required": ["erstausgabe"]},
        },
        {"key": "kontakt", "title": "Kontakt", "fields": ["bemerkung", "email"]},
    ],
    "fees": [
        {"label": "Reitabgabe", "amount": "25.00", "per": "anzahl"},
        {
            "label": "Plakette",
            "amount": "5.50",
            "when": {"properties": {"erstausgabe": {"const": True}}},
        },
    ],
    "contact": {"email": "email"},
}


@pytest.fixture
def builder() -> Authority:
    return cast(Authority, AuthorityFactory(name="Merzenich"))


@pytest.fixture
def service(builder: Authority) -> Service:
    return cast(Service, ServiceFactory(builder=builder, title="Reitplakette"))


@pytest.fixture
def admin(builder: Authority) -> User:
    user = make_user(username="admin.merzenich", display_name="Anna Admin", demo=True)
    AuthorityRoleFactory(user=user, authority=builder, admin=True)
    AuthorityRoleFactory(user=user, authority=builder)
    return user


@pytest.fixture
def client(admin: User) -> Client:
    return logged_in(admin)


def _url(name: str, service: Service, **kwargs: Any) -> str:
    return reverse(f"{NS}:{name}", kwargs={"service_id": service.pk, **kwargs})


def _messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _definition(**changes: Any) -> dict[str, Any]:
    definition = copy.deepcopy(SIMPLE_DEFINITION)
    definition.update(changes)
    return definition


def _save(client: Client, service: Service, definition: Any, *, follow: bool = True) -> Any:
    """Save through the editor; following the redirect shows (and uses up) its message."""
    text = definition if isinstance(definition, str) else json.dumps(definition, indent=2)
    return client.post(_url("form", service), {"definition": text}, follow=follow)


def _state() -> tuple[list[Any], list[Any], int]:
    return (
        list(ServiceForm.objects.order_by("pk").values()),
        list(FormVersion.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )


def _summary(response: Any) -> str:
    content: str = response.content.decode()
    if "verbund-error-summary" not in content:
        return ""
    return content.split("verbund-error-summary", 1)[1].split("</ul>", 1)[0]


def test_url_paths() -> None:
    assert reverse(f"{NS}:form", kwargs={"service_id": 3}) == "/verwaltung/leistungen/3/formular/"
    assert (
        reverse(f"{NS}:form_validate", kwargs={"service_id": 3})
        == "/verwaltung/leistungen/3/formular/pruefen/"
    )
    assert (
        reverse(f"{NS}:form_preview", kwargs={"service_id": 3})
        == "/verwaltung/leistungen/3/formular/vorschau/"
    )
    assert (
        reverse(f"{NS}:form_publish", kwargs={"service_id": 3})
        == "/verwaltung/leistungen/3/formular/veroeffentlichen/"
    )
    assert (
        reverse(f"{NS}:form_version", kwargs={"service_id": 3, "number": 2})
        == "/verwaltung/leistungen/3/formular/versionen/2/"
    )


def test_service_page_links_to_the_form(client: Client, service: Service) -> None:
    content = client.get(reverse("staff:service", kwargs={"pk": service.pk})).content.decode()
    assert f'href="{_url("form", service)}"' in content
    assert "Antragsformular" in content


def test_empty_editor_offers_the_starter(client: Client, service: Service) -> None:
    response = client.get(_url("form", service))
    assert response.status_code == 200
    assert response.context["form"].initial["definition"] == as_text(STARTER_DEFINITION)
    assert engine.validate_definition(STARTER_DEFINITION) == []
    content = response.content.decode()
    assert "Gezeigt wird eine Vorlage zum Anpassen." in content
    assert "Noch keine Version veröffentlicht." in content
    assert 'aria-live="polite"' in content
    assert "verbund/form-editor.js" in content
    assert "Prüfen und speichern" in content
    assert _url("form_publish", service) in content
    assert _url("form_preview", service) in content


def test_editor_without_draft_shows_the_newest_version(client: Client, service: Service) -> None:
    FormVersion.objects.create(
        service=service,
        authority=service.builder,
        number=1,
        definition=SIMPLE_DEFINITION,
        digest=engine.definition_digest(SIMPLE_DEFINITION),
        published_at="2026-06-01T10:00:00Z",
    )
    response = client.get(_url("form", service))
    assert response.context["form"].initial["definition"] == as_text(SIMPLE_DEFINITION)


def test_save_a_valid_draft(client: Client, service: Service, admin: User) -> None:
    definition = _definition()
    response = _save(client, service, definition, follow=False)
    assert response.status_code == 302
    assert response["Location"] == _url("form", service)
    assert _messages(response) == [
        "Der Entwurf wurde gespeichert. Er ist vollständig und kann veröffentlicht werden."
    ]
    form = ServiceForm.objects.get()
    assert (form.service, form.authority, form.draft, form.updated_by) == (
        service,
        service.builder,
        definition,
        admin,
    )
    entry = AuditEntry.objects.get(action="form.save_draft")
    assert (entry.actor, entry.authority_id) == (admin, service.builder_id)
    assert entry.changes == {"digest": engine.definition_digest(definition)}

    page = client.get(_url("form", service))
    assert page.context["form"].initial["definition"] == as_text(definition)
    content = page.content.decode()
    assert "Entwurf zuletzt gespeichert am" in content
    assert "Keine Fehler gefunden." in content


def test_invalid_json_is_not_saved_and_the_text_is_kept(client: Client, service: Service) -> None:
    before = _state()
    text = '{\n  "schema": {\n    "type": "object",\n  }\n}'
    response = _save(client, service, text)
    assert response.status_code == 200
    message = "Das ist kein gültiges JSON: Fehler in Zeile 4, Spalte 3."
    assert message in _summary(response)
    assert response.context["form"].errors == {"definition": [message]}
    assert response.context["form"]["definition"].value() == text
    assert escape(text) in response.content.decode()
    assert _state() == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1, 2]", "Die Definition muss ein JSON-Objekt sein."),
        ('{"a": 1, "a": 2}', "Der Schlüssel „a“ steht zweimal im selben JSON-Objekt."),
        ('{"a": NaN}', "„NaN“ ist in JSON nicht erlaubt."),
        ("", "Bitte geben Sie die Definition ein."),
    ],
)
def test_other_unreadable_input_is_not_saved(
    client: Client, service: Service, text: str, message: str
) -> None:
    before = _state()
    response = _save(client, service, text)
    assert response.status_code == 200
    assert response.context["form"].errors == {"definition": [message]}
    assert _state() == before


def test_a_draft_with_errors_is_saved_and_every_error_listed(
    client: Client, service: Service
) -> None:
    definition = _definition(
        steps=[
            {"key": "name", "title": "Wie heißen Sie?", "fields": ["name", "alter"]},
            {"key": "pruefen", "title": "Reserviert", "fields": ["email"]},
        ],
        fees=[{"label": "Gebühr", "amount": "10"}],
    )
    errors = engine.validate_definition(definition)
    assert len(errors) == 3
    response = _save(client, service, definition)
    assert response.status_code == 200
    assert ServiceForm.objects.get().draft == definition
    assert AuditEntry.objects.filter(action="form.save_draft").count() == 1
    summary = _summary(response)
    assert "Der Entwurf wurde gespeichert, kann so aber noch nicht veröffentlicht werden" in summary
    for error in errors:
        assert escape(error) in summary
    assert response.context["form"].errors == {"definition": errors}
    # The check below the text area is not repeated; the summary already lists the errors.
    assert response.context["check_errors"] is None

    # Opened again, the editor shows the saved draft and its errors in the check.
    page = client.get(_url("form", service))
    assert page.context["check_errors"] == errors
    assert "Die Prüfung hat 3 Fehler gefunden:" in page.content.decode()


def test_publish_creates_version_1_with_the_digest(
    client: Client, service: Service, admin: User
) -> None:
    definition = _definition()
    _save(client, service, definition)
    response = client.post(_url("form_publish", service))
    assert response.status_code == 302
    assert response["Location"] == _url("form", service)
    assert _messages(response) == [PUBLISHED % 1]
    version = FormVersion.objects.get()
    assert (version.service, version.authority, version.number, version.published_by) == (
        service,
        service.builder,
        1,
        admin,
    )
    assert version.definition == definition
    assert version.digest == engine.definition_digest(definition)
    entry = AuditEntry.objects.get(action="form.publish")
    assert (entry.actor, entry.authority_id) == (admin, service.builder_id)
    assert entry.changes == {"number": 1, "digest": version.digest}

    content = client.get(_url("form", service)).content.decode()
    assert "Der Entwurf entspricht der veröffentlichten Version 1." in content
    assert version.digest[:12] in content
    assert version.digest not in content
    assert _url("form_version", service, number=1) in content
    assert "Anna Admin" in content


def test_publishing_an_unchanged_draft_is_refused(client: Client, service: Service) -> None:
    _save(client, service, _definition())
    client.post(_url("form_publish", service), follow=True)
    before = _state()
    response = client.post(_url("form_publish", service))
    assert response.status_code == 302
    assert _messages(response) == ["Diese Fassung ist bereits als Version 1 veröffentlicht."]
    assert _state() == before
    assert list(FormVersion.objects.values_list("number", flat=True)) == [1]


@pytest.mark.parametrize(
    ("changes", "count"),
    [
        ({"fees": [{"label": "Gebühr", "amount": "10"}]}, 1),
        ({"contact": {"email": "telefon"}, "fees": [{"label": "Gebühr", "amount": "10"}]}, 3),
    ],
)
def test_publishing_an_invalid_draft_names_the_errors(
    client: Client, service: Service, changes: dict[str, Any], count: int
) -> None:
    definition = _definition(**changes)
    errors = engine.validate_definition(definition)
    assert len(errors) == count
    _save(client, service, definition)
    before = _state()
    response = client.post(_url("form_publish", service), follow=True)
    assert _state() == before
    assert not FormVersion.objects.exists()
    assert [str(m) for m in response.context["messages"]] == [
        f"Der Entwurf wurde nicht veröffentlicht: er enthält {count} Fehler. "
        "Sie sind unter „Prüfung“ aufgeführt."
    ]
    content = response.content.decode()
    for error in errors:
        assert escape(error) in content


def test_a_pattern_re2_refuses_is_named_in_the_editor_and_not_published(
    client: Client, service: Service
) -> None:
    definition = _definition()
    definition["schema"]["properties"]["name"]["pattern"] = "^(\\p{Lu})\\p{L}* \\1"
    message = (
        "Frage „name“ im Schritt „name“ (schema.properties.name.pattern): Das Muster enthält "
        "einen Rückverweis (\\1). Rückverweise, Lookahead und Lookbehind sind nicht erlaubt, "
        "weil sich solche Muster nicht in linearer Zeit prüfen lassen."
    )
    # The live check, saving (the draft is kept) and publishing: each names it, none fails.
    response = client.post(
        _url("form_validate", service), json.dumps(definition), content_type="application/json"
    )
    assert response.json() == {"ok": False, "errors": [message]}
    response = _save(client, service, definition)
    assert response.status_code == 200
    assert response.context["form"].errors == {"definition": [message]}
    assert ServiceForm.objects.get().draft == definition
    before = _state()
    response = client.post(_url("form_publish", service), follow=True)
    assert response.status_code == 200
    assert _state() == before
    assert not FormVersion.objects.exists()
    assert [str(m) for m in response.context["messages"]] == [
        "Der Entwurf wurde nicht veröffentlicht: er enthält 1 Fehler. "
        "Sie sind unter „Prüfung“ aufgeführt."
    ]
    assert escape(message) in response.content.decode()


def test_publishing_without_a_draft_is_refused(client: Client, service: Service) -> None:
    before = _state()
    response = client.post(_url("form_publish", service))
    assert _messages(response) == ["Es gibt noch keinen Entwurf."]
    assert _state() == before


def test_edit_and_publish_again_keeps_version_1(client: Client, service: Service) -> None:
    first = _definition()
    _save(client, service, first)
    client.post(_url("form_publish", service))
    version_1 = FormVersion.objects.get()
    stored_1 = FormVersion.objects.filter(pk=version_1.pk).values().get()

    second = copy.deepcopy(first)
    second["steps"][0]["title"] = "Wie ist Ihr Name?"
    _save(client, service, second)
    content = client.get(_url("form", service)).content.decode()
    assert "Der Entwurf enthält Änderungen gegenüber Version 1" in content
    response = client.post(_url("form_publish", service))
    assert _messages(response) == [PUBLISHED % 2]

    version_2 = FormVersion.objects.get(number=2)
    assert version_2.definition == second
    assert version_2.digest == engine.definition_digest(second)
    assert FormVersion.objects.filter(pk=version_1.pk).values().get() == stored_1
    assert version_1.digest == engine.definition_digest(first)
    assert AuditEntry.objects.filter(action="form.publish").count() == 2

    # A published version is immutable.
    version_1.definition = second
    with pytest.raises(ValueError, match="immutable"):
        version_1.save()
    assert FormVersion.objects.filter(pk=version_1.pk).values().get() == stored_1

    # Each version can be read; the newest is the current one.
    page = client.get(_url("form_version", service, number=1))
    assert page.status_code == 200
    assert page.context["text"] == as_text(first)
    assert page.context["is_current"] is False
    assert version_1.digest in page.content.decode()
    assert client.get(_url("form_version", service, number=2)).context["is_current"] is True
    assert client.get(_url("form_version", service, number=3)).status_code == 404


def test_preview_renders_every_step_question_condition_and_fee(
    client: Client, service: Service
) -> None:
    assert engine.validate_definition(RICH_DEFINITION) == []
    _save(client, service, RICH_DEFINITION)
    response = client.get(_url("form_preview", service))
    assert response.status_code == 200
    assert response.context["source"] == "draft"
    content = response.content.decode()
    for title in ("Schritt 1: Ihre Plakette", "Schritt 2: Ihr Pferd", "Schritt 3: Kontakt"):
        assert f">{title}</h2>" in content
    condition = escape(json.dumps(RICH_DEFINITION["steps"][1]["when"], ensure_ascii=False))
    assert f'nur wenn: <code translate="no">{condition}</code>' in content
    assert "„Nachweis“ nur wenn:" in content
    for label in ("Anzahl der Pferde", "Haflinger", "Straße", "Tag", "Bemerkung", "Nachweis"):
        assert label in content
    assert "Erlaubt: PDF, PNG, JPEG, je Datei höchstens 10 MB." in content
    assert "25,00 €" in content
    assert "5,50 €" in content
    assert "Anzahl der Pferde</td>" in content
    # Every id is unique, so that labels and descriptions point to one element.
    ids = re.findall(r'\sid="([^"]+)"', content)
    assert len(ids) == len(set(ids))
    # A preview writes nothing and offers no way to submit the preview form elsewhere.
    assert 'method="post"' not in content.split('<main id="main"', 1)[1]


def test_preview_states_a_fee_set_with_the_decision(client: Client, service: Service) -> None:
    definition = copy.deepcopy(RICH_DEFINITION)
    definition["schema"]["properties"]["wert"] = {
        "type": "string",
        "format": "money",
        "title": "Rohbauwert",
    }
    definition["schema"]["required"].append("wert")
    definition["steps"][2]["fields"].append("wert")
    definition["fees"].append(
        {
            "label": "Genehmigung",
            "rate": "0.0065",
            "of": "wert",
            "minimum": "50.00",
            "due": "decision",
        }
    )
    assert engine.validate_definition(definition) == []
    _save(client, service, definition)
    content = client.get(_url("form_preview", service)).content.decode()
    assert (
        '<td class="kern-table__cell">0,65 % von „Rohbauwert“, mindestens 50,00 € '
        "(mit dem Bescheid)</td>" in content
    )


def test_preview_of_an_invalid_draft_lists_the_errors(client: Client, service: Service) -> None:
    definition = _definition(contact={"email": "telefon"})
    _save(client, service, definition)
    response = client.get(_url("form_preview", service))
    assert response.status_code == 200
    assert response.context["errors"] == engine.validate_definition(definition)
    assert "Die Vorschau ist möglich, sobald sie behoben sind." in response.content.decode()


def test_preview_without_draft_shows_the_newest_version(client: Client, service: Service) -> None:
    empty = client.get(_url("form_preview", service))
    assert "Für diese Leistung gibt es noch kein Formular." in empty.content.decode()
    _save(client, service, _definition())
    client.post(_url("form_publish", service))
    ServiceForm.objects.all().delete()
    response = client.get(_url("form_preview", service))
    assert response.context["source"] == "version"
    assert ">Schritt 2: Wie lautet Ihre E-Mail-Adresse?</h2>" in response.content.decode()


# --- The live check ---------------------------------------------------------------------


def _check(client: Client, service: Service, body: str | bytes) -> Any:
    return client.post(_url("form_validate", service), body, content_type="application/json")


def test_validate_endpoint_answers_json(client: Client, service: Service) -> None:
    before = _state()
    valid = _check(client, service, json.dumps(_definition()))
    assert (valid.status_code, valid.json()) == (200, {"ok": True, "errors": []})

    invalid = _definition(contact={"email": "telefon"})
    answer = _check(client, service, json.dumps(invalid))
    assert answer.status_code == 200
    assert answer.json() == {"ok": False, "errors": engine.validate_definition(invalid)}

    broken = _check(client, service, '{"schema": {}\n "steps": []}')
    assert broken.json() == {
        "ok": False,
        "errors": ["Das ist kein gültiges JSON: Fehler in Zeile 2, Spalte 2."],
    }
    not_object = _check(client, service, "[]")
    assert not_object.json() == {
        "ok": False,
        "errors": ["Die Definition muss ein JSON-Objekt sein."],
    }

    too_large = _check(client, service, '{"a": "' + "x" * 200_000 + '"}')
    assert too_large.status_code == 400
    assert too_large.json() == {
        "ok": False,
        "errors": ["Die Definition ist zu groß: erlaubt sind höchstens 200 kB."],
    }
    assert client.get(_url("form_validate", service)).status_code == 405
    assert _state() == before


# --- Who may do what --------------------------------------------------------------------


def _every_request(client: Client, service: Service) -> list[int]:
    return [
        client.get(_url("form", service)).status_code,
        client.get(_url("form_preview", service)).status_code,
        client.get(_url("form_version", service, number=1)).status_code,
        _save(client, service, _definition(fees=[])).status_code,
        client.post(_url("form_publish", service)).status_code,
        _check(client, service, json.dumps(_definition())).status_code,
    ]


@pytest.mark.parametrize("status", [ServiceStatus.PUBLISHED, ServiceStatus.DRAFT])
def test_admin_of_another_authority_gets_not_found(
    client: Client, service: Service, status: str
) -> None:
    _save(client, service, _definition())
    client.post(_url("form_publish", service))
    Service.objects.filter(pk=service.pk).update(status=status)
    other = make_user(username="admin.kerpen", demo=True)
    AuthorityRoleFactory(user=other, authority=AuthorityFactory(name="Kerpen"), admin=True)
    before = _state()
    assert _every_request(logged_in(other), service) == [404] * 6
    assert _state() == before


def test_clerk_of_the_builder_reads_but_cannot_change(
    client: Client, service: Service, builder: Authority
) -> None:
    definition = _definition()
    _save(client, service, definition)
    client.post(_url("form_publish", service))
    clerk = make_user(username="clerk.merzenich", demo=True)
    AuthorityRoleFactory(user=clerk, authority=builder)
    clerk_client = logged_in(clerk)

    page = clerk_client.get(_url("form", service))
    assert page.status_code == 200
    content = page.content.decode()
    assert "<textarea" not in content
    assert "Prüfen und speichern" not in content
    assert _url("form_publish", service) not in content
    assert "form-editor.js" not in content
    assert escape(as_text(definition)) in content
    assert "Ändern und veröffentlichen können es die Administratorinnen" in content

    before = _state()
    assert _every_request(clerk_client, service) == [200, 200, 200, 403, 403, 403]
    assert _state() == before


def test_anonymous_is_sent_to_login(service: Service) -> None:
    response = Client().get(_url("form", service))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert Client().post(_url("form_publish", service)).status_code == 302
    assert not FormVersion.objects.exists()
