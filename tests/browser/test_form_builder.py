"""The form builder in a real browser: live check, save, preview and publish, axe throughout."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import cast

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import login
from tests.factories import (
    SIMPLE_DEFINITION,
    AuthorityFactory,
    AuthorityRoleFactory,
    ServiceFactory,
    make_user,
)
from tests.formengine.test_staff_forms import RICH_DEFINITION
from verbund.authorities.models import Authority
from verbund.catalogue.models import Service
from verbund.formengine import engine
from verbund.formengine.models import FormVersion, ServiceForm

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

Axe = Callable[[Page], None]


def test_admin_checks_saves_previews_and_publishes_a_form(
    page: Page, live_server: object, axe: Axe
) -> None:
    merzenich = cast(Authority, AuthorityFactory(name="Merzenich"))
    admin = make_user(username="admin.merzenich", display_name="Anna Admin", demo=True)
    AuthorityRoleFactory(user=admin, authority=merzenich, admin=True)
    service = cast(Service, ServiceFactory(builder=merzenich, title="Reitplakette"))
    login(page.context, str(live_server), admin)
    base = f"{live_server}/verwaltung/leistungen/{service.pk}/formular/"

    page.goto(base)
    expect(page.get_by_role("heading", level=1)).to_have_text("Antragsformular")
    axe(page)

    # An invalid definition: the live check (JavaScript) names the error while typing.
    editor = page.get_by_label("Definition (JSON)")
    check = page.locator("#form-check")
    expect(check).to_have_attribute("aria-live", "polite")
    editor.fill('{\n  "schema": {\n    "type": "object",\n  }\n}')
    expect(check).to_contain_text("Das ist kein gültiges JSON: Fehler in Zeile 4, Spalte 3.")
    invalid = copy.deepcopy(SIMPLE_DEFINITION)
    invalid["contact"] = {"email": "telefon"}
    editor.fill(json.dumps(invalid, indent=2))
    expect(check).to_contain_text("contact.email: unknown question 'telefon'")
    axe(page)
    assert not ServiceForm.objects.exists()

    # A valid one: the check agrees, and saving keeps it as the draft.
    definition = copy.deepcopy(SIMPLE_DEFINITION)
    editor.fill(json.dumps(definition, indent=2))
    expect(check).to_have_text("Keine Fehler gefunden.")
    page.get_by_role("button", name="Prüfen und speichern").click()
    expect(page.get_by_role("status").first).to_contain_text("Der Entwurf wurde gespeichert.")
    assert ServiceForm.objects.get(service=service).draft == definition
    axe(page)

    # The preview shows every step with the citizen's questions.
    page.get_by_role("link", name="Vorschau des Formulars").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vorschau des Antragsformulars")
    expect(page.get_by_role("heading", name="Schritt 1: Wie heißen Sie?")).to_be_visible()
    expect(page.get_by_role("textbox", name="Ihre E-Mail-Adresse")).to_be_visible()
    axe(page)

    # Publish: version 1, named in the success message and in the list of versions.
    page.get_by_role("link", name="Zurück zum Antragsformular").click()
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Version 1 ist veröffentlicht. Alle Behörden, die die Leistung nutzen, "
        "verwenden ab sofort diese Version."
    )
    version = FormVersion.objects.get(service=service)
    assert (version.number, version.digest) == (1, engine.definition_digest(definition))
    expect(page.get_by_role("cell", name=version.digest[:12])).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Version 1 ansehen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Version 1 des Antragsformulars")
    axe(page)


def test_preview_of_every_kind_of_question_has_no_violations(
    page: Page, live_server: object, axe: Axe
) -> None:
    merzenich = cast(Authority, AuthorityFactory(name="Merzenich"))
    clerk = make_user(username="clerk.merzenich", demo=True)
    AuthorityRoleFactory(user=clerk, authority=merzenich)
    service = cast(Service, ServiceFactory(builder=merzenich, title="Reitplakette"))
    ServiceForm.objects.create(
        service=service, authority=merzenich, draft=copy.deepcopy(RICH_DEFINITION)
    )
    login(page.context, str(live_server), clerk)
    base = f"{live_server}/verwaltung/leistungen/{service.pk}/formular/"

    # The builder's clerk reads the definition and the preview, without an editor.
    page.goto(base)
    expect(page.get_by_role("button", name="Prüfen und speichern")).to_have_count(0)
    axe(page)
    page.goto(base + "vorschau/")
    expect(page.get_by_role("heading", name="Schritt 2: Ihr Pferd")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("25,00 €")
    axe(page)
