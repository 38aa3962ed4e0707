"""Writes of the fee calculation. Each function is atomic, refuses with a German
``ValidationError`` keyed by the field's path (``time_lines[2].minutes``; nothing is
saved then) and records one audit entry in the authority's chain (a rate table of a
network in the network's).

A sheet's life: draft → submitted (for approval) → approved. Editing a submitted
sheet takes it back to a draft; an approved sheet is final (copy it for the next
year). Every save is a new version with who saved it and which parts changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.authorities.models import Authority
from verbund.catalogue.models import Service, ServiceStatus
from verbund.catalogue.selectors import adoption_on
from verbund.catalogue.services import adoption_update
from verbund.core.access import Action, can
from verbund.core.actors import Actor, actor_id
from verbund.core.audit import audit_record
from verbund.fees import engine
from verbund.fees.models import FeeSheet, FeeSheetVersion, RateGrade, RateTable, SheetStatus
from verbund.networks.models import AreaTool, Network
from verbund.networks.selectors import tool_delegations

__all__ = [
    "fee_attach",
    "fee_sheet_approve",
    "fee_sheet_copy",
    "fee_sheet_create",
    "fee_sheet_submit",
    "fee_sheet_update",
    "rate_table_create",
    "sheet_of",
]

# The parts of a document whose change a version names.
_PARTS = (
    "kind",
    "title",
    "year",
    "rounding",
    "notes",
    "grades",
    "time_lines",
    "unit",
    "planned_units",
    "cost_lines",
    "other_revenue",
    "carry_forwards",
    "actuals",
)
MAX_NOTE = 500


def sheet_of(fee_sheet: FeeSheet) -> engine.Sheet:
    """The engine's sheet of a stored fee sheet (its current document)."""
    return engine.from_document(fee_sheet.document)


def _computed(sheet: engine.Sheet) -> tuple[dict[str, Any], engine.Result]:
    try:
        result = engine.compute(sheet)
    except engine.SheetInvalid as exc:
        raise ValidationError(exc.errors) from None
    return engine.to_document(sheet), result


def _refuse_unless(actor: Actor, action: Action, sheet: FeeSheet, message: str) -> None:
    # Views check the policy before they call; a script or a bug must not slip past it.
    if actor is not None and not can(actor, action, sheet):
        raise ValidationError(message, code="forbidden")


def _check_service(service: Service | None) -> None:
    if service is not None and service.status != ServiceStatus.PUBLISHED:
        raise ValidationError({"service": _("Die Leistung ist nicht veröffentlicht.")})


def _check_network(authority: Authority, network: Network | None) -> None:
    if network is None:
        return
    delegated = tool_delegations(AreaTool.FEES, authority_ids={authority.pk})
    if network.pk not in delegated.get(authority.pk, set()):
        raise ValidationError(
            _(
                "%(name)s hat die Gebührenkalkulation nicht an „%(network)s“ übertragen "
                "(Stufe 4 im Kooperationsfeld)."
            )
            % {"name": authority.name, "network": network.name},
            code="not_delegated",
        )


def _note(note: str) -> str:
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise ValidationError(
            {
                "note": _("Die Anmerkung darf höchstens %(max)d Zeichen lang sein.")
                % {"max": MAX_NOTE}
            }
        )
    return note


def _store(
    fee_sheet: FeeSheet, document: dict[str, Any], result: engine.Result, sheet: engine.Sheet
) -> None:
    fee_sheet.kind = sheet.kind
    fee_sheet.title = sheet.title
    fee_sheet.year = sheet.year
    fee_sheet.rounding = sheet.rounding
    fee_sheet.document = document
    fee_sheet.result = engine.result_document(result)
    fee_sheet.fee = result.fee
    fee_sheet.cost_per_case = result.cost_per_case.quantize(Decimal("0.000001"))


def _version(
    fee_sheet: FeeSheet, *, actor: Actor, changed: list[str], note: str
) -> FeeSheetVersion:
    return FeeSheetVersion.objects.create(
        sheet=fee_sheet,
        authority_id=fee_sheet.authority_id,
        number=fee_sheet.version,
        document=fee_sheet.document,
        result=fee_sheet.result,
        fee=fee_sheet.fee,
        changed=changed,
        note=note,
        created_by_id=actor_id(actor),
    )


def fee_sheet_create(
    *,
    actor: Actor,
    authority: Authority,
    sheet: engine.Sheet,
    service: Service | None = None,
    prepared_by_network: Network | None = None,
    rate_table: RateTable | None = None,
    note: str = "",
    imported: bool = False,
) -> FeeSheet:
    """A new draft of ``authority``'s fee (``prepared_by_network``: the service centre
    calculates it for the member, which needs the member's delegation)."""
    with transaction.atomic():
        document, result = _computed(sheet)
        note = _note(note)
        _check_service(service)
        _check_network(authority, prepared_by_network)
        fee_sheet = FeeSheet(
            authority=authority,
            service=service,
            prepared_by_network=prepared_by_network,
            rate_table=rate_table,
        )
        _store(fee_sheet, document, result, sheet)
        fee_sheet.save()
        _version(fee_sheet, actor=actor, changed=[], note=note)
        audit_record(
            actor=actor,
            action="fees.sheet_imported" if imported else "fees.sheet_created",
            obj=fee_sheet,
            authority=authority.pk,
            changes={
                "title": fee_sheet.title,
                "year": fee_sheet.year,
                "kind": fee_sheet.kind,
                "fee": str(fee_sheet.fee),
                "service": service.pk if service else None,
                "prepared_by_network": prepared_by_network.pk if prepared_by_network else None,
            },
        )
        return fee_sheet


def fee_sheet_update(
    *,
    actor: Actor,
    fee_sheet: FeeSheet,
    sheet: engine.Sheet,
    service: Service | None,
    note: str = "",
) -> FeeSheet:
    """Save a new version; nothing happens when nothing changed. A submitted sheet goes
    back to a draft (its approval is asked for again)."""
    with transaction.atomic():
        fee_sheet = FeeSheet.objects.select_for_update().get(pk=fee_sheet.pk)
        if fee_sheet.status == SheetStatus.APPROVED:
            raise ValidationError(
                _(
                    "Eine freigegebene Kalkulation wird nicht mehr geändert. Übernehmen Sie "
                    "sie als neue Kalkulation, etwa für das nächste Jahr."
                ),
                code="approved",
            )
        _refuse_unless(
            actor, Action.CHANGE, fee_sheet, _("Sie dürfen diese Kalkulation nicht ändern.")
        )
        document, result = _computed(sheet)
        note = _note(note)
        _check_service(service)
        changed = [part for part in _PARTS if fee_sheet.document.get(part) != document.get(part)]
        if (service is not None and service.pk != fee_sheet.service_id) or (
            service is None and fee_sheet.service_id is not None
        ):
            changed.append("service")
        if not changed:
            return fee_sheet
        old_fee, old_status = fee_sheet.fee, fee_sheet.status
        _store(fee_sheet, document, result, sheet)
        fee_sheet.service = service
        fee_sheet.version += 1
        fee_sheet.status = SheetStatus.DRAFT
        fee_sheet.save()
        _version(fee_sheet, actor=actor, changed=changed, note=note)
        changes: dict[str, Any] = {
            "version": [fee_sheet.version - 1, fee_sheet.version],
            "changed": changed,
        }
        if old_fee != fee_sheet.fee:
            changes["fee"] = [str(old_fee), str(fee_sheet.fee)]
        if old_status != fee_sheet.status:
            changes["status"] = [old_status, fee_sheet.status]
        if note:
            changes["note"] = note
        audit_record(
            actor=actor,
            action="fees.sheet_updated",
            obj=fee_sheet,
            authority=fee_sheet.authority_id,
            changes=changes,
        )
        return fee_sheet


def fee_sheet_submit(*, actor: Actor, fee_sheet: FeeSheet) -> FeeSheet:
    """Lay a draft before the authority for approval."""
    with transaction.atomic():
        fee_sheet = FeeSheet.objects.select_for_update().get(pk=fee_sheet.pk)
        if fee_sheet.status != SheetStatus.DRAFT:
            raise ValidationError(
                _("Nur ein Entwurf kann zur Freigabe vorgelegt werden."), code="not_draft"
            )
        _refuse_unless(
            actor, Action.CHANGE, fee_sheet, _("Sie dürfen diese Kalkulation nicht vorlegen.")
        )
        fee_sheet.status = SheetStatus.SUBMITTED
        fee_sheet.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="fees.sheet_submitted",
            obj=fee_sheet,
            authority=fee_sheet.authority_id,
            changes={"status": [SheetStatus.DRAFT, SheetStatus.SUBMITTED]},
        )
        return fee_sheet


def fee_sheet_approve(*, actor: Actor, fee_sheet: FeeSheet) -> FeeSheet:
    """The authority (its ``authority_admin``) approves the calculation."""
    with transaction.atomic():
        fee_sheet = FeeSheet.objects.select_for_update().get(pk=fee_sheet.pk)
        if fee_sheet.status == SheetStatus.APPROVED:
            raise ValidationError(_("Diese Kalkulation ist schon freigegeben."), code="approved")
        _refuse_unless(
            actor,
            Action.MANAGE,
            fee_sheet,
            _("Freigeben darf nur die Verwaltung der Behörde, deren Gebühr es ist."),
        )
        before = fee_sheet.status
        fee_sheet.status = SheetStatus.APPROVED
        fee_sheet.approved_by_id = actor_id(actor)
        fee_sheet.approved_at = timezone.now()
        fee_sheet.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
        audit_record(
            actor=actor,
            action="fees.sheet_approved",
            obj=fee_sheet,
            authority=fee_sheet.authority_id,
            changes={"status": [before, SheetStatus.APPROVED], "fee": str(fee_sheet.fee)},
        )
        return fee_sheet


def fee_sheet_copy(
    *,
    actor: Actor,
    source: FeeSheet,
    authority: Authority,
    year: int | None = None,
    prepared_by_network: Network | None = None,
) -> FeeSheet:
    """A new draft of ``authority`` that starts from ``source`` (another member's
    approved sheet, or one of its own), for ``year`` (the source's by default)."""
    with transaction.atomic():
        sheet = sheet_of(source)
        if year is not None and year != sheet.year:
            sheet = replace(sheet, year=year)
        document, result = _computed(sheet)
        _check_network(authority, prepared_by_network)
        fee_sheet = FeeSheet(
            authority=authority,
            service=source.service,
            prepared_by_network=prepared_by_network,
            rate_table=source.rate_table,
            copied_from=source,
        )
        _store(fee_sheet, document, result, sheet)
        fee_sheet.save()
        note = _("Übernommen von %(name)s: %(title)s %(year)d") % {
            "name": source.authority.name,
            "title": source.title,
            "year": source.year,
        }
        _version(fee_sheet, actor=actor, changed=[], note=note[:MAX_NOTE])
        audit_record(
            actor=actor,
            action="fees.sheet_copied",
            obj=fee_sheet,
            authority=authority.pk,
            changes={
                "copied_from": source.pk,
                "title": fee_sheet.title,
                "year": fee_sheet.year,
                "fee": str(fee_sheet.fee),
            },
        )
        return fee_sheet


def fee_attach(*, actor: Actor, fee_sheet: FeeSheet, label: str = "") -> FeeSheet:
    """Put the approved fee into the authority's running adoption of the sheet's
    catalogue service (its ``fees`` list), so the portal and the Bescheid use it. An
    item with the same label is replaced, others are kept."""
    with transaction.atomic():
        fee_sheet = (
            FeeSheet.objects.select_for_update(of=("self",))
            .select_related("service")
            .get(pk=fee_sheet.pk)
        )
        _refuse_unless(
            actor,
            Action.MANAGE,
            fee_sheet,
            _("Übernehmen darf nur die Verwaltung der Behörde, deren Gebühr es ist."),
        )
        if fee_sheet.status != SheetStatus.APPROVED:
            raise ValidationError(
                _("Nur eine freigegebene Kalkulation kann in die Leistung übernommen werden."),
                code="not_approved",
            )
        if fee_sheet.service is None:
            raise ValidationError(
                {"service": _("Die Kalkulation ist keiner Leistung des Katalogs zugeordnet.")}
            )
        adoption = adoption_on(
            service_id=fee_sheet.service.pk,
            authority_id=fee_sheet.authority_id,
            on=timezone.localdate(),
        )
        if adoption is None:
            raise ValidationError(
                _("Ihre Behörde bietet die Leistung „%(service)s“ derzeit nicht an.")
                % {"service": fee_sheet.service.title},
                code="no_adoption",
            )
        label = (label or fee_sheet.title).strip()[:200]
        amount = str(fee_sheet.fee)
        fees = [dict(item) for item in adoption.fees if item.get("label") != label]
        fees.append({"label": label, "amount": amount})
        before = [dict(item) for item in adoption.fees]
        adoption_update(
            actor=actor,
            adoption=adoption,
            office=adoption.office,
            fees=fees,
            online=adoption.online,
            online_url=adoption.online_url,
        )
        fee_sheet.attached_at = timezone.now()
        fee_sheet.save(update_fields=["attached_at", "updated_at"])
        audit_record(
            actor=actor,
            action="fees.fee_attached",
            obj=fee_sheet,
            authority=fee_sheet.authority_id,
            changes={
                "service": fee_sheet.service.pk,
                "label": label,
                "fee": amount,
                "changed": [f"{i['label']}: {i['amount']}" for i in before],
            },
        )
        return fee_sheet


def rate_table_create(
    *,
    actor: Actor,
    name: str,
    edition: str,
    year: int,
    grades: Sequence[engine.Grade],
    network: Network | None = None,
    authority: Authority | None = None,
    source: str = "",
) -> RateTable:
    """A new edition of a personnel cost rate table, owned by a network or by one
    authority. Tables are never edited: a new edition is a new table."""
    with transaction.atomic():
        problems: dict[str, list[str]] = {}
        name, edition, source = name.strip(), edition.strip(), source.strip()
        if (network is None) == (authority is None):
            raise ValidationError(_("Eine Tabelle gehört einem Verbund oder einer Behörde."))
        if not name or len(name) > 200:
            problems["name"] = [_("Bitte geben Sie eine Bezeichnung mit höchstens 200 Zeichen an.")]
        if not edition or len(edition) > 60:
            problems["edition"] = [_("Bitte geben Sie die Ausgabe an (höchstens 60 Zeichen).")]
        if not engine.MIN_YEAR <= year <= engine.MAX_YEAR:
            problems["year"] = [_("Das Jahr muss zwischen 1990 und 2100 liegen.")]
        if len(source) > 300:
            problems["source"] = [_("Die Quelle darf höchstens 300 Zeichen lang sein.")]
        problems.update(engine.validate_grades(list(grades)))
        owner: dict[str, Any] = (
            {"network": network} if network is not None else {"authority": authority}
        )
        if name and RateTable.objects.filter(name=name, edition=edition, **owner).exists():
            problems.setdefault("edition", []).append(
                _(
                    "Diese Ausgabe der Tabelle gibt es schon; "
                    "eine neue Ausgabe braucht einen neuen Namen."
                )
            )
        if problems:
            raise ValidationError(problems)
        table = RateTable.objects.create(
            name=name,
            edition=edition,
            year=year,
            source=source,
            created_by_id=actor_id(actor),
            **owner,
        )
        RateGrade.objects.bulk_create(
            RateGrade(
                table=table,
                position=position,
                grade=g.grade,
                personnel_cost=g.personnel_cost,
                material_cost=g.material_cost,
                overhead_percent=g.overhead_percent,
                annual_hours=g.annual_hours,
            )
            for position, g in enumerate(grades)
        )
        audit_record(
            actor=actor,
            action="fees.rate_table_created",
            obj=table,
            authority=authority.pk if authority else None,
            network=network.pk if network else None,
            changes={"name": name, "edition": edition, "year": year, "grades": len(grades)},
        )
        return table
