"""Exchange of catalogue entries between installations as documented JSON.

Field names follow XZuFi 2.2 (``leistung``, ``referenzLeiKa``, ``modulText`` with
``leikaTextmodul`` codes and ``inhalt`` per language, ``modulBegriffImKontext``,
``kategorie``); what XZuFi has no field for sits in the entry's ``verbund``
object. The structure is checked against ``exchange.schema.json`` (JSON Schema
2020-12, shipped beside this module, described in ``docs/catalogue-exchange.md``) and every entry
through the model's own validation before anything is written; one import is
one transaction. An entry is matched by its LeiKa key, else by its local key,
so importing the same file twice updates instead of duplicating.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from verbund.authorities.models import Authority
from verbund.catalogue.hooks import EXCHANGE_PARTS
from verbund.catalogue.models import SECTION_FIELDS, Service, ServiceStatus
from verbund.core.actors import Actor
from verbund.core.audit import audit_record, field_changes

FORMAT = "verbund-leistungskatalog"
FORMAT_VERSION = 1
XZUFI_VERSION = "2.2.0"
SCHEME_AGENCY = "verbund"
SCHEMA_PATH = Path(__file__).with_name("exchange.schema.json")

# Our fields → LeiKa text module (code, name) as used in XZuFi ``modulText``.
TEXT_MODULES: tuple[tuple[str, str, str], ...] = (
    ("title", "02", "Leistungsbezeichnung"),
    ("volltext", "04", "Volltext"),
    ("unterlagen", "05", "Erforderliche Unterlagen"),
    ("voraussetzungen", "06", "Voraussetzungen"),
    ("kosten", "07", "Kosten"),
    ("bearbeitungsdauer", "08", "Bearbeitungsdauer"),
    ("verfahrensablauf", "09", "Verfahrensablauf"),
    ("fristen", "10", "Fristen"),
    ("hinweise", "12", "Hinweise (Besonderheiten)"),
    ("rechtsgrundlagen", "13", "Rechtsgrundlage(n)"),
    ("summary", "15", "Kurztext"),
)
FIELD_BY_CODE = {code: name for name, code, _label in TEXT_MODULES}
EXCHANGED_FIELDS = (
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
)


class CatalogueImportError(Exception):
    """The file cannot be imported; ``errors`` name entry and field. Nothing was written."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    # Per part of other apps (``hooks.EXCHANGE_PARTS``): how many entries changed it,
    # e.g. ``{"formular": 1}``: one form version published.
    parts: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        text = _("%(created)d neu, %(updated)d geändert, %(unchanged)d unverändert") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        for part in EXCHANGE_PARTS:
            if self.parts.get(part.key):
                text += ", " + part.summary(self.parts[part.key])
        return text


def _text(value: str) -> list[dict[str, str]]:
    return [{"languageCode": "de", "text": value}]


def service_entry(service: Service) -> dict[str, Any]:
    """One catalogue entry in exchange form."""
    modules = []
    position = 1
    for name, code, label in TEXT_MODULES:
        value = getattr(service, name)
        if not value:
            continue
        modules.append(
            {
                "leikaTextmodul": {"code": code, "name": label},
                "positionDarstellung": position,
                "inhalt": _text(value),
            }
        )
        position += 1
    return {
        "id": {"schemeAgencyID": SCHEME_AGENCY, "value": service.slug},
        "referenzLeiKa": [{"code": service.leika_key}] if service.leika_key else [],
        "modulText": modules,
        "modulBegriffImKontext": {
            "begriffImKontext": [{"begriff": _text(term)[0]} for term in service.synonyms]
        },
        "kategorie": [
            {
                "klasse": {"code": service.themenfeld},
                "bezeichnung": _text(service.get_themenfeld_display()),
            }
        ],
        "verbund": {
            "ozgLeistungId": service.ozg_id,
            "zustaendigkeitsebene": service.level,
            "reifegrad": service.maturity,
            "onlineDienst": service.online_url,
            "bearbeitungsdauerArbeitstage": service.processing_days,
            "status": service.status,
            "entwickeltVon": {"ars": service.builder.ars, "name": service.builder.name},
            **_parts_of(service),
        },
    }


def _parts_of(service: Service) -> dict[str, Any]:
    """What other apps add to the entry (``hooks.EXCHANGE_PARTS``; formengine: the newest
    published form version)."""
    if not service.pk:
        return {}
    parts = {}
    for part in EXCHANGE_PARTS:
        data = part.export(service)
        if data is not None:
            parts[part.key] = data
    return parts


def catalogue_export(services: Iterable[Service], *, source: str = "") -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "xzufiVersion": XZUFI_VERSION,
        "exportedAt": timezone.now().isoformat(timespec="seconds"),
        "source": source,
        "leistung": [service_entry(s) for s in services],
    }


def catalogue_export_json(services: Iterable[Service], *, source: str = "") -> str:
    return json.dumps(catalogue_export(services, source=source), ensure_ascii=False, indent=2)


def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def _schema_message(error: Any) -> str:
    """A German (or English) message for a JSON Schema violation."""
    kind, expected = error.validator, error.validator_value
    if kind == "required":
        missing = [name for name in expected if name not in (error.instance or {})]
        return _("es fehlt: %(names)s") % {"names": ", ".join(missing)}
    if kind == "pattern":
        return _("%(value)s hat nicht die verlangte Form") % {"value": json.dumps(error.instance)}
    if kind in ("enum", "const"):
        allowed = expected if kind == "enum" else [expected]
        return _("%(value)s ist nicht erlaubt; erlaubt: %(allowed)s") % {
            "value": json.dumps(error.instance, ensure_ascii=False),
            "allowed": ", ".join(json.dumps(a, ensure_ascii=False) for a in allowed),
        }
    if kind == "type":
        return _("hat den falschen Typ, erwartet: %(type)s") % {"type": expected}
    if kind in ("minimum", "maximum"):
        return _("%(value)s liegt außerhalb des erlaubten Bereichs") % {"value": error.instance}
    if kind == "contains":
        return _("es fehlt der Textbaustein 02 (Leistungsbezeichnung)")
    if kind in ("minItems", "maxItems", "maxLength"):
        return _("hat zu viele oder zu wenige Einträge oder Zeichen")
    return str(error.message)


def _entry_label(number: int, entry: Any) -> str:
    key = ""
    if isinstance(entry, dict):
        leika = entry.get("referenzLeiKa") or []
        if leika and isinstance(leika, list) and isinstance(leika[0], dict):
            key = str(leika[0].get("code", ""))
        if not key and isinstance(entry.get("id"), dict):
            key = str(entry["id"].get("value", ""))
    return _("Eintrag %(n)d (%(key)s)") % {"n": number, "key": key or "?"}


def _fields_of(entry: dict[str, Any]) -> dict[str, Any]:
    extra = entry["verbund"]
    fields: dict[str, Any] = dict.fromkeys(FIELD_BY_CODE.values(), "")
    for module in entry["modulText"]:
        name = FIELD_BY_CODE.get(module["leikaTextmodul"]["code"])
        if name is None:
            continue
        german = [i["text"] for i in module["inhalt"] if i["languageCode"] == "de"]
        fields[name] = german[0] if german else ""
    leika = entry["referenzLeiKa"]
    fields.update(
        slug=entry["id"]["value"],
        leika_key=leika[0]["code"] if leika else None,
        ozg_id=extra.get("ozgLeistungId"),
        processing_days=extra.get("bearbeitungsdauerArbeitstage"),
        synonyms=[
            term["begriff"]["text"]
            for term in entry.get("modulBegriffImKontext", {}).get("begriffImKontext", [])
        ],
        themenfeld=entry["kategorie"][0]["klasse"]["code"],
        level=extra["zustaendigkeitsebene"],
        maturity=extra["reifegrad"],
        online_url=extra.get("onlineDienst", ""),
        status=extra["status"],
    )
    return fields


def _state(service: Service) -> dict[str, Any]:
    state = {name: getattr(service, name) for name in EXCHANGED_FIELDS}
    state["builder"] = service.builder_id
    return state


def catalogue_import(data: Any, *, actor: Actor = None) -> ImportResult:
    """Import a parsed exchange document. Raises :class:`CatalogueImportError`."""
    schema_errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if schema_errors:
        messages = []
        for error in schema_errors[:20]:
            path = list(error.absolute_path)
            if len(path) >= 2 and path[0] == "leistung" and isinstance(path[1], int):
                entry = data["leistung"][path[1]]
                where = _entry_label(path[1] + 1, entry)
                field = ".".join(str(p) for p in path[2:]) or _("Eintrag")
            else:
                where, field = _("Datei"), ".".join(str(p) for p in path) or _("Wurzel")
            messages.append(
                _("%(where)s, Feld %(field)s: %(message)s")
                % {"where": where, "field": field, "message": _schema_message(error)}
            )
        raise CatalogueImportError(messages)

    prepared: list[tuple[Service, dict[str, Any], bool]] = []  # (service, entry, new)
    errors: list[str] = []
    seen: set[str] = set()
    builders = {
        a.ars: a
        for a in Authority.objects.filter(
            ars__in={e["verbund"]["entwickeltVon"]["ars"] for e in data["leistung"]}
        )
    }
    for number, entry in enumerate(data["leistung"], start=1):
        where = _entry_label(number, entry)
        fields = _fields_of(entry)
        identity = fields["leika_key"] or fields["slug"]
        if identity in seen or fields["slug"] in seen:
            errors.append(_("%(where)s: steht mehrfach in der Datei.") % {"where": where})
            continue
        seen.update({identity, fields["slug"]})
        builder = builders.get(entry["verbund"]["entwickeltVon"]["ars"])
        if builder is None:
            errors.append(
                _(
                    "%(where)s, Feld verbund.entwickeltVon.ars: keine Gebietskörperschaft hat den "
                    "Schlüssel %(ars)s."
                )
                % {"where": where, "ars": entry["verbund"]["entwickeltVon"]["ars"]}
            )
            continue
        existing = None
        if fields["leika_key"]:
            existing = Service.objects.filter(leika_key=fields["leika_key"]).first()
        if existing is None:
            existing = Service.objects.filter(slug=fields["slug"]).first()
        service = existing or Service()
        for name, value in fields.items():
            setattr(service, name, value)
        service.builder = builder
        try:
            service.full_clean(validate_unique=False)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                for message in messages:
                    errors.append(
                        _("%(where)s, Feld %(field)s: %(message)s")
                        % {"where": where, "field": field, "message": message}
                    )
            continue
        clash = Service.objects.exclude(pk=service.pk).filter(slug=service.slug)
        if clash.exists():
            errors.append(
                _("%(where)s, Feld id.value: die Kennung %(slug)s trägt hier eine andere Leistung.")
                % {"where": where, "slug": service.slug}
            )
            continue
        part_problems = [
            _("%(where)s, Feld verbund.%(part)s.%(field)s: %(message)s")
            % {"where": where, "part": part.key, "field": field_name, "message": message}
            for part in EXCHANGE_PARTS
            if entry["verbund"].get(part.key) is not None
            for field_name, message in part.problems(entry["verbund"][part.key])[:10]
        ]
        if part_problems:
            errors.extend(part_problems)
            continue
        prepared.append((service, entry, existing is None))
    if errors:
        raise CatalogueImportError(errors)

    created = updated = unchanged = 0
    applied = dict.fromkeys(EXCHANGE_PARTS.keys(), 0)
    with transaction.atomic():
        for service, entry, is_new in prepared:
            if is_new:
                if service.status == ServiceStatus.PUBLISHED:
                    service.published_at = timezone.now()
                service.save()
                created += 1
                audit_record(
                    actor=actor,
                    action="catalogue.service_imported",
                    obj=service,
                    authority=service.builder_id,
                    changes=field_changes(None, _state(service)),
                )
            else:
                stored = Service.objects.select_for_update().get(pk=service.pk)
                changes = field_changes(_state(stored), _state(service))
                if not changes:
                    unchanged += 1
                else:
                    if service.status == ServiceStatus.PUBLISHED and service.published_at is None:
                        service.published_at = timezone.now()
                    service.save()
                    updated += 1
                    audit_record(
                        actor=actor,
                        action="catalogue.service_import_updated",
                        obj=service,
                        authority=service.builder_id,
                        changes=changes,
                    )
            for part in EXCHANGE_PARTS:
                data = entry["verbund"].get(part.key)
                if data is not None and part.apply(service=service, data=data, actor=actor):
                    applied[part.key] += 1
    return ImportResult(created, updated, unchanged, applied)


def catalogue_import_text(text: str, *, actor: Actor = None) -> ImportResult:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogueImportError(
            [
                _("Die Datei ist kein gültiges JSON (Zeile %(line)d, Spalte %(column)d): %(msg)s")
                % {"line": exc.lineno, "column": exc.colno, "msg": exc.msg}
            ]
        ) from None
    return catalogue_import(data, actor=actor)
