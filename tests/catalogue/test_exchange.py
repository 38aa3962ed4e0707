"""Catalogue exchange: lossless round trip, updates instead of duplicates, bad files refused."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import MembershipFactory, ServiceFactory
from verbund.authorities.models import Authority
from verbund.catalogue.exchange import (
    CatalogueImportError,
    catalogue_export,
    catalogue_import,
    catalogue_import_text,
)
from verbund.catalogue.models import SECTION_FIELDS, Level, Service, ServiceStatus
from verbund.core.models import AuditEntry

pytestmark = pytest.mark.django_db

FIELDS = (
    "slug",
    "leika_key",
    "ozg_id",
    "title",
    "summary",
    *SECTION_FIELDS,
    "processing_days",
    "synonyms",
    "themenfeld",
    "level",
    "maturity",
    "online_url",
    "status",
    "builder_id",
)


@pytest.fixture
def entries(demo_register: None) -> list[Service]:
    olpe = Authority.objects.get(ars="05966")
    merzenich = Authority.objects.get(ars="053580040040")
    MembershipFactory(authority=olpe)
    sections = {
        name: f"{name.capitalize()} – Text mit Umlauten: äöüß „Zitat“." for name in SECTION_FIELDS
    }
    return [
        ServiceFactory(
            builder=olpe,
            slug="fahrzeug-ausser-betrieb-setzen",
            leika_key="99036008070002",
            ozg_id=10443,
            title="Fahrzeug außer Betrieb setzen",
            summary="Sie melden Ihr Fahrzeug ab.",
            synonyms=["Auto abmelden", "Kfz abmelden"],
            themenfeld="mobilitaet-reisen",
            level=Level.KREIS,
            maturity=5,
            processing_days=3,
            **sections,
        ),
        ServiceFactory(
            builder=olpe,
            slug="reitkennzeichen-nrw",
            leika_key=None,
            ozg_id=10162,
            title="Reitkennzeichen",
            summary="Zum Reiten im Wald brauchen Sie ein Kennzeichen.",
            themenfeld="engagement-hobby",
            level=Level.KREIS,
            online_url="",
            volltext="",
            unterlagen="",
            rechtsgrundlagen="",
        ),
        ServiceFactory(builder=merzenich, slug="entwurf", leika_key=None, draft=True, synonyms=[]),
    ]


def _state() -> dict[str, dict[str, Any]]:
    return {
        s.slug: {name: getattr(s, name) for name in FIELDS}
        for s in Service.objects.order_by("slug")
    }


def _export() -> dict[str, Any]:
    return catalogue_export(Service.objects.select_related("builder").order_by("slug"))


def test_round_trip_loses_nothing(entries: list[Service]) -> None:
    before = _state()
    document = json.loads(json.dumps(_export(), ensure_ascii=False))
    first = document["leistung"][0]
    assert first["id"] == {"schemeAgencyID": "verbund", "value": "entwurf"}
    fahrzeug = document["leistung"][1]
    assert fahrzeug["referenzLeiKa"] == [{"code": "99036008070002"}]
    assert fahrzeug["modulText"][0] == {
        "leikaTextmodul": {"code": "02", "name": "Leistungsbezeichnung"},
        "positionDarstellung": 1,
        "inhalt": [{"languageCode": "de", "text": "Fahrzeug außer Betrieb setzen"}],
    }
    assert fahrzeug["modulBegriffImKontext"]["begriffImKontext"][0] == {
        "begriff": {"languageCode": "de", "text": "Auto abmelden"}
    }
    assert fahrzeug["verbund"]["entwickeltVon"] == {"ars": "05966", "name": "Olpe"}

    Service.objects.all().delete()
    result = catalogue_import(document)
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    after = _state()
    assert after == before
    again = _export()
    assert again["leistung"] == document["leistung"]


def test_reimport_updates_instead_of_duplicating(entries: list[Service]) -> None:
    document = _export()
    audit_before = AuditEntry.objects.count()
    result = catalogue_import(document)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert Service.objects.count() == 3
    assert AuditEntry.objects.count() == audit_before

    changed = copy.deepcopy(document)
    changed["leistung"][1]["modulText"][0]["inhalt"][0]["text"] = "Kfz außer Betrieb setzen"
    changed["leistung"][1]["verbund"]["reifegrad"] = 6
    result = catalogue_import(changed)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    service = Service.objects.get(leika_key="99036008070002")
    assert (service.title, service.maturity) == ("Kfz außer Betrieb setzen", 6)
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry is not None
    assert entry.action == "catalogue.service_import_updated"
    assert entry.changes == {
        "title": ["Fahrzeug außer Betrieb setzen", "Kfz außer Betrieb setzen"],
        "maturity": [5, 6],
    }
    assert Service.objects.count() == 3


Mutation = Callable[[dict[str, Any]], None]


def _set(path: list[Any], value: Any) -> Mutation:
    def apply(document: dict[str, Any]) -> None:
        target: Any = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return apply


def _delete(path: list[Any]) -> Mutation:
    def apply(document: dict[str, Any]) -> None:
        target: Any = document
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return apply


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            _set(["leistung", 1, "referenzLeiKa", 0, "code"], "12345"),
            'Eintrag 2 (12345), Feld referenzLeiKa.0.code: "12345" hat nicht die verlangte Form',
        ),
        (
            _set(["leistung", 1, "verbund", "reifegrad"], 9),
            "Eintrag 2 (99036008070002), Feld verbund.reifegrad: 9 liegt außerhalb",
        ),
        (
            _set(["leistung", 2, "verbund", "zustaendigkeitsebene"], "land"),
            'Eintrag 3 (reitkennzeichen-nrw), Feld verbund.zustaendigkeitsebene: "land" ist '
            "nicht erlaubt",
        ),
        (
            _delete(["leistung", 0, "verbund", "status"]),
            "Eintrag 1 (entwurf), Feld verbund: es fehlt: status",
        ),
        (
            _set(["leistung", 1, "modulText"], []),
            "Eintrag 2 (99036008070002), Feld modulText: es fehlt der Textbaustein 02",
        ),
        (
            _set(["leistung", 1, "verbund", "entwickeltVon", "ars"], "05999"),
            "Eintrag 2 (99036008070002), Feld verbund.entwickeltVon.ars: keine "
            "Gebietskörperschaft hat den Schlüssel 05999.",
        ),
        (
            _set(["leistung", 1, "kategorie", 0, "klasse", "code"], "sport"),
            "Eintrag 2 (99036008070002), Feld themenfeld: Wert 'sport' ist keine gültige Option.",
        ),
        (
            _set(["leistung", 2, "id", "value"], "fahrzeug-ausser-betrieb-setzen"),
            "Eintrag 3 (fahrzeug-ausser-betrieb-setzen): steht mehrfach in der Datei.",
        ),
        (_set(["format"], "xzufi"), 'Datei, Feld format: "xzufi" ist nicht erlaubt'),
    ],
)
def test_malformed_file_names_entry_and_field_and_writes_nothing(
    entries: list[Service], mutate: Mutation, expected: str
) -> None:
    document = copy.deepcopy(_export())
    Service.objects.filter(slug="reitkennzeichen-nrw").update(title="Vorher")
    mutate(document)
    before, audit = _state(), AuditEntry.objects.count()
    with pytest.raises(CatalogueImportError) as caught:
        catalogue_import(document)
    assert any(expected in error for error in caught.value.errors), caught.value.errors
    assert _state() == before
    assert AuditEntry.objects.count() == audit


def test_not_json_is_refused_with_line_and_column(entries: list[Service]) -> None:
    with pytest.raises(CatalogueImportError) as caught:
        catalogue_import_text('{"format": "verbund-leistungskatalog",\n "version": }')
    assert caught.value.errors == [
        "Die Datei ist kein gültiges JSON (Zeile 2, Spalte 13): Expecting value"
    ]


def test_commands_export_and_import(entries: list[Service], tmp_path: Path) -> None:
    target = tmp_path / "katalog.json"
    call_command("export_catalogue", output=str(target), stderr=StringIO())
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert [e["id"]["value"] for e in exported["leistung"]] == [
        "fahrzeug-ausser-betrieb-setzen",
        "reitkennzeichen-nrw",
    ]
    out = StringIO()
    call_command("import_catalogue", str(target), stdout=out)
    assert out.getvalue().strip() == (
        "Leistungskatalog aus katalog.json eingelesen: 0 neu, 0 geändert, 2 unverändert."
    )
    with pytest.raises(CommandError, match="Keine Leistung mit diesem Schlüssel: 99000000000000"):
        call_command("export_catalogue", "99000000000000", stdout=StringIO())
    broken = tmp_path / "kaputt.json"
    broken.write_bytes(b"\xff\xfe")
    with pytest.raises(CommandError, match="nicht UTF-8"):
        call_command("import_catalogue", str(broken))
    assert Service.objects.filter(status=ServiceStatus.PUBLISHED).count() == 2


def test_form_definitions_travel_with_the_entry(entries: list[Service]) -> None:
    from tests.factories import SIMPLE_DEFINITION, FormVersionFactory
    from verbund.formengine.engine import definition_digest
    from verbund.formengine.models import FormVersion

    fahrzeug = entries[0]
    FormVersionFactory(service=fahrzeug, number=1)
    newest = copy.deepcopy(SIMPLE_DEFINITION)
    newest["steps"][0]["title"] = "Wie ist Ihr Name?"  # type: ignore[index]
    FormVersionFactory(service=fahrzeug, number=2, definition=newest)
    document = json.loads(json.dumps(_export(), ensure_ascii=False))
    entry = next(e for e in document["leistung"] if e["id"]["value"] == fahrzeug.slug)
    assert entry["verbund"]["formular"] == {"version": 2, "definition": newest}
    assert all("formular" not in e["verbund"] for e in document["leistung"] if e is not entry)

    # Another installation: the service and its form arrive together, as version 1 there.
    FormVersion.objects.all().delete()
    Service.objects.all().delete()
    result = catalogue_import(document)
    assert (result.created, result.parts) == (3, {"formular": 1})
    imported = FormVersion.objects.get()
    assert (imported.service.slug, imported.number, imported.definition) == (
        fahrzeug.slug,
        1,
        newest,
    )
    assert imported.digest == definition_digest(newest)
    assert str(result) == "3 neu, 0 geändert, 0 unverändert, 1 Formularversionen veröffentlicht"
    # Importing the same again publishes nothing; a changed definition becomes version 2.
    assert catalogue_import(document).parts == {"formular": 0}
    entry["verbund"]["formular"]["definition"]["steps"][1]["title"] = "Ihre E-Mail-Adresse?"
    assert catalogue_import(document).parts == {"formular": 1}
    assert list(FormVersion.objects.values_list("number", flat=True).order_by("number")) == [1, 2]

    # An invalid definition is refused with the place, and nothing is written.
    broken = copy.deepcopy(document)
    broken_entry = next(e for e in broken["leistung"] if e["id"]["value"] == fahrzeug.slug)
    broken_entry["verbund"]["formular"]["definition"]["steps"] = []
    broken_entry["verbund"]["titel"] = "x"
    audit_before = AuditEntry.objects.count()
    with pytest.raises(CatalogueImportError) as refused:
        catalogue_import(broken)
    assert (
        "Eintrag 2 (99036008070002), Feld verbund.formular.definition: steps: at least one step "
        "is needed"
    ) in refused.value.errors
    assert FormVersion.objects.count() == 2
    assert AuditEntry.objects.count() == audit_before


def test_a_form_whose_pattern_re2_refuses_is_not_imported(entries: list[Service]) -> None:
    from tests.factories import SIMPLE_DEFINITION, FormVersionFactory
    from verbund.formengine.models import FormVersion

    fahrzeug = entries[0]
    FormVersionFactory(service=fahrzeug, number=1)
    document = json.loads(json.dumps(_export(), ensure_ascii=False))
    entry = next(e for e in document["leistung"] if e["id"]["value"] == fahrzeug.slug)
    definition = entry["verbund"]["formular"]["definition"]
    assert definition == SIMPLE_DEFINITION
    definition["schema"]["properties"]["name"]["pattern"] = "^(?=.*[a-z])[A-Za-z ]+$"
    entry["verbund"]["titel"] = "Anders"
    before, audit_before = _state(), AuditEntry.objects.count()
    with pytest.raises(CatalogueImportError) as refused:
        catalogue_import(document)
    assert refused.value.errors == [
        "Eintrag 2 (99036008070002), Feld verbund.formular.definition: Frage „name“ im Schritt "
        "„name“ (schema.properties.name.pattern): Das Muster enthält einen Lookahead oder "
        "Lookbehind ((?=). Rückverweise, Lookahead und Lookbehind sind nicht erlaubt, weil sich "
        "solche Muster nicht in linearer Zeit prüfen lassen."
    ]
    assert _state() == before
    assert FormVersion.objects.count() == 1
    assert AuditEntry.objects.count() == audit_before
