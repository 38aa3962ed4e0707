"""Writes on the catalogue. Each function is atomic, validates fully and audits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.authorities.models import Authority, AuthorityKind
from verbund.catalogue.models import (
    SECTION_FIELDS,
    Adoption,
    Level,
    Office,
    ResponsibilityException,
    Service,
    ServiceStatus,
)
from verbund.core.actors import Actor, actor_id
from verbund.core.audit import audit_record, field_changes
from verbund.networks.models import Membership

SERVICE_FIELDS = (
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
)
OFFICE_FIELDS = (
    "name",
    "street",
    "postcode",
    "city",
    "phone",
    "email",
    "opening_hours",
    "accessibility",
)
KREISFREI_GEMEINDE = frozenset({"61", "62"})
MAX_FEE = Decimal("1000000")


def is_member(authority: Authority, on: dt.date | None = None) -> bool:
    on = on or timezone.localdate()
    return Membership.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gte=on), authority=authority, joined_on__lte=on
    ).exists()


def _clean_synonyms(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def clean_fees(fees: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Fee items as stored: ``[{"label": "Erstausstellung", "amount": "40.00"}]``.

    Raises ``ValidationError`` naming the item (1-based) that is wrong.
    """
    cleaned = []
    for number, item in enumerate(fees, start=1):
        label = str(item.get("label", "")).strip()
        raw = str(item.get("amount", "")).strip().replace(" ", "").replace("€", "")
        if not label or len(label) > 200:
            raise ValidationError(
                _("Gebühr %(n)d: Geben Sie eine Bezeichnung mit höchstens 200 Zeichen an.")
                % {"n": number},
                code="fee_label",
            )
        if "," in raw and "." in raw:
            raw = raw.replace(".", "")
        try:
            amount = Decimal(raw.replace(",", "."))
        except InvalidOperation:
            amount = Decimal(-1)
        if (
            not amount.is_finite()
            or amount < 0
            or amount >= MAX_FEE
            or amount != amount.quantize(Decimal("0.01"))
        ):
            raise ValidationError(
                _("Gebühr %(n)d: Geben Sie einen Betrag in Euro an, z. B. 16,80.") % {"n": number},
                code="fee_amount",
            )
        cleaned.append({"label": label, "amount": str(amount.quantize(Decimal("0.01")))})
    return cleaned


# -- services ------------------------------------------------------------------


def _service_state(service: Service) -> dict[str, Any]:
    return {name: getattr(service, name) for name in SERVICE_FIELDS}


def _check_unique(service: Service) -> None:
    others = Service.objects.exclude(pk=service.pk)
    if others.filter(slug=service.slug).exists():
        raise ValidationError(
            {"slug": _("Diese Kennung trägt bereits eine andere Leistung.")}, code="unique"
        )
    if service.leika_key and others.filter(leika_key=service.leika_key).exists():
        raise ValidationError(
            {"leika_key": _("Diesen LeiKa-Schlüssel trägt bereits eine andere Leistung.")},
            code="unique",
        )


def service_create(*, actor: Actor, builder: Authority, **fields: Any) -> Service:
    with transaction.atomic():
        if not is_member(builder):
            raise ValidationError(
                _(
                    "%(name)s ist kein Mitglied eines Verbunds und kann keine Leistung "
                    "bereitstellen."
                )
                % {"name": builder.name},
                code="not_member",
            )
        service = Service(builder=builder)
        for name in SERVICE_FIELDS:
            if name in fields:
                setattr(service, name, fields[name])
        service.leika_key = service.leika_key or None
        service.synonyms = _clean_synonyms(service.synonyms)
        service.full_clean(validate_unique=False)
        _check_unique(service)
        service.save()
        audit_record(
            actor=actor,
            action="catalogue.service_created",
            obj=service,
            authority=builder,
            changes=field_changes(None, _service_state(service)),
        )
        return service


def service_update(*, actor: Actor, service: Service, **fields: Any) -> Service:
    with transaction.atomic():
        service = Service.objects.select_for_update().get(pk=service.pk)
        before = _service_state(service)
        for name in SERVICE_FIELDS:
            if name in fields:
                setattr(service, name, fields[name])
        service.leika_key = service.leika_key or None
        service.synonyms = _clean_synonyms(service.synonyms)
        changes = field_changes(before, _service_state(service))
        if not changes:
            return service
        if "level" in changes and service.adoptions.filter(ended_on__isnull=True).exists():
            raise ValidationError(
                {
                    "level": _(
                        "Die Zuständigkeitsebene kann sich nicht ändern, solange die Leistung "
                        "nachgenutzt wird."
                    )
                },
                code="level_in_use",
            )
        service.full_clean(validate_unique=False)
        _check_unique(service)
        service.save()
        audit_record(
            actor=actor,
            action="catalogue.service_updated",
            obj=service,
            authority=service.builder_id,
            changes=changes,
        )
        return service


def _service_set_status(*, actor: Actor, service: Service, status: str, action: str) -> Service:
    with transaction.atomic():
        service = Service.objects.select_for_update().get(pk=service.pk)
        if service.status == status:
            return service
        before = service.status
        service.status = status
        if status == ServiceStatus.PUBLISHED and service.published_at is None:
            service.published_at = timezone.now()
        service.save(update_fields=["status", "published_at", "updated_at"])
        audit_record(
            actor=actor,
            action=action,
            obj=service,
            authority=service.builder_id,
            changes={"status": [before, status]},
        )
        return service


def service_publish(*, actor: Actor, service: Service) -> Service:
    return _service_set_status(
        actor=actor,
        service=service,
        status=ServiceStatus.PUBLISHED,
        action="catalogue.service_published",
    )


def service_withdraw(*, actor: Actor, service: Service) -> Service:
    return _service_set_status(
        actor=actor,
        service=service,
        status=ServiceStatus.WITHDRAWN,
        action="catalogue.service_withdrawn",
    )


# -- offices -------------------------------------------------------------------


def _office_state(office: Office) -> dict[str, Any]:
    return {name: getattr(office, name) for name in OFFICE_FIELDS}


def _check_office_name(office: Office) -> None:
    if (
        Office.objects.filter(authority_id=office.authority_id, name=office.name)
        .exclude(pk=office.pk)
        .exists()
    ):
        raise ValidationError(
            {"name": _("Eine Stelle mit dieser Bezeichnung gibt es bei Ihnen schon.")},
            code="unique",
        )


def office_create(*, actor: Actor, authority: Authority, **fields: Any) -> Office:
    with transaction.atomic():
        office = Office(authority=authority, **{k: fields.get(k, "") for k in OFFICE_FIELDS})
        office.full_clean(validate_unique=False, validate_constraints=False)
        _check_office_name(office)
        office.save()
        audit_record(
            actor=actor,
            action="catalogue.office_created",
            obj=office,
            authority=authority,
            changes=field_changes(None, _office_state(office)),
        )
        return office


def office_update(*, actor: Actor, office: Office, **fields: Any) -> Office:
    with transaction.atomic():
        office = Office.objects.select_for_update().get(pk=office.pk)
        before = _office_state(office)
        for name in OFFICE_FIELDS:
            if name in fields:
                setattr(office, name, fields[name])
        changes = field_changes(before, _office_state(office))
        if not changes:
            return office
        office.full_clean(validate_unique=False, validate_constraints=False)
        _check_office_name(office)
        office.save()
        audit_record(
            actor=actor,
            action="catalogue.office_updated",
            obj=office,
            authority=office.authority_id,
            changes=changes,
        )
        return office


# -- adoption ------------------------------------------------------------------


def responsibility_refusal(service: Service, authority: Authority) -> str | None:
    """Why ``authority`` cannot adopt ``service``, or ``None`` when it may."""
    if authority.dissolved_on is not None:
        return _("%(name)s ist aufgelöst.") % {"name": authority.name}
    if ResponsibilityException.objects.filter(service=service, responsible=authority).exists():
        return None
    return _default_refusal(service, authority)


def _default_refusal(service: Service, authority: Authority) -> str | None:
    """Why the service's level alone does not make ``authority`` responsible."""
    kreisfrei = authority.kind == AuthorityKind.KREISFREIE_STADT
    if service.level == Level.KREIS:
        if kreisfrei or authority.kind == AuthorityKind.KREIS:
            return None
        return _(
            "Für „%(service)s“ ist der Kreis oder die kreisfreie Stadt zuständig; "
            "%(name)s ist eine %(kind)s."
        ) % {"service": service.title, "name": authority.name, "kind": authority.kind_label}
    if kreisfrei or (
        authority.kind == AuthorityKind.GEMEINDE
        and authority.textkennzeichen not in KREISFREI_GEMEINDE
    ):
        return None
    return _("Für „%(service)s“ ist die Gemeinde zuständig; %(name)s ist ein %(kind)s.") % {
        "service": service.title,
        "name": authority.name,
        "kind": authority.kind_label,
    }


def _adoption_state(adoption: Adoption) -> dict[str, Any]:
    return {
        "office": adoption.office_id,
        "fees": adoption.fees,
        "online": adoption.online,
        "online_url": adoption.online_url,
    }


def _check_online(service: Service, online: bool, online_url: str) -> None:
    if online and not (online_url or service.online_url):
        raise ValidationError(
            {
                "online": _(
                    "Für diese Leistung gibt es keinen gemeinsamen Online-Dienst: "
                    "geben Sie die Adresse Ihres eigenen an oder bieten Sie sie nicht online an."
                )
            },
            code="no_online_service",
        )


def _check_office(office: Office, authority: Authority) -> None:
    if office.authority_id != authority.pk:
        raise ValidationError(
            {"office": _("Die Stelle gehört nicht zu %(name)s.") % {"name": authority.name}},
            code="foreign_office",
        )


def adoption_create(
    *,
    actor: Actor,
    service: Service,
    authority: Authority,
    office: Office,
    fees: Iterable[Mapping[str, Any]] = (),
    online: bool = False,
    online_url: str = "",
    started_on: dt.date | None = None,
) -> Adoption:
    started_on = started_on or timezone.localdate()
    with transaction.atomic():
        service = Service.objects.select_for_update().get(pk=service.pk)
        if service.status != ServiceStatus.PUBLISHED:
            raise ValidationError(
                _("„%(service)s“ ist nicht veröffentlicht und kann nicht nachgenutzt werden.")
                % {"service": service.title},
                code="not_published",
            )
        refusal = responsibility_refusal(service, authority)
        if refusal:
            raise ValidationError(refusal, code="not_responsible")
        if not is_member(authority, started_on):
            raise ValidationError(
                _("%(name)s ist am %(date)s kein Mitglied eines Verbunds.")
                % {"name": authority.name, "date": started_on.strftime("%d.%m.%Y")},
                code="not_member",
            )
        overlapping = Adoption.objects.filter(service=service, authority=authority).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=started_on)
        )
        if overlapping.exists():
            raise ValidationError(
                _("%(name)s nutzt „%(service)s“ bereits.")
                % {"name": authority.name, "service": service.title},
                code="already_adopted",
            )
        _check_office(office, authority)
        _check_online(service, online, online_url)
        adoption = Adoption(
            service=service,
            authority=authority,
            office=office,
            fees=clean_fees(fees),
            online=online,
            online_url=online_url,
            started_on=started_on,
            adopted_by_id=actor_id(actor),
        )
        adoption.full_clean(validate_constraints=False)
        adoption.save()
        audit_record(
            actor=actor,
            action="catalogue.adoption_created",
            obj=adoption,
            authority=authority,
            changes=field_changes(
                None,
                {"service": service.key, "started_on": started_on, **_adoption_state(adoption)},
            ),
        )
        return adoption


def adoption_update(
    *,
    actor: Actor,
    adoption: Adoption,
    office: Office,
    fees: Iterable[Mapping[str, Any]],
    online: bool,
    online_url: str = "",
) -> Adoption:
    with transaction.atomic():
        adoption = (
            Adoption.objects.select_for_update().select_related("service").get(pk=adoption.pk)
        )
        if adoption.ended_on is not None and adoption.ended_on < timezone.localdate():
            raise ValidationError(
                _("Eine beendete Nachnutzung kann nicht mehr geändert werden."), code="ended"
            )
        before = _adoption_state(adoption)
        _check_office(office, adoption.authority)
        _check_online(adoption.service, online, online_url)
        adoption.office, adoption.fees = office, clean_fees(fees)
        adoption.online, adoption.online_url = online, online_url
        changes = field_changes(before, _adoption_state(adoption))
        if not changes:
            return adoption
        adoption.full_clean(validate_constraints=False)
        adoption.save()
        audit_record(
            actor=actor,
            action="catalogue.adoption_updated",
            obj=adoption,
            authority=adoption.authority_id,
            changes=changes,
        )
        return adoption


def adoption_end(*, actor: Actor, adoption: Adoption, ended_on: dt.date | None = None) -> Adoption:
    """End a running adoption; ``ended_on`` is its last day (today unless given)."""
    ended_on = ended_on or timezone.localdate()
    with transaction.atomic():
        adoption = Adoption.objects.select_for_update().get(pk=adoption.pk)
        if adoption.ended_on is not None:
            raise ValidationError(_("Diese Nachnutzung ist bereits beendet."), code="ended")
        if ended_on < adoption.started_on:
            raise ValidationError(
                {"ended_on": _("Das Ende darf nicht vor dem Beginn der Nachnutzung liegen.")},
                code="end_before_start",
            )
        adoption.ended_on = ended_on
        adoption.save(update_fields=["ended_on"])
        audit_record(
            actor=actor,
            action="catalogue.adoption_ended",
            obj=adoption,
            authority=adoption.authority_id,
            changes={"ended_on": [None, ended_on.isoformat()]},
        )
        return adoption


def adoption_set_processing(
    *, actor: Actor, adoption: Adoption, processing_authority: Authority | None
) -> Adoption:
    """Let another member process the cases of this adoption (or, with ``None``, the
    authority itself again). Set by cooperation agreements."""
    with transaction.atomic():
        adoption = Adoption.objects.select_for_update().get(pk=adoption.pk)
        if processing_authority is not None:
            if processing_authority.pk == adoption.authority_id:
                processing_authority = None
            elif not is_member(processing_authority):
                raise ValidationError(
                    _("%(name)s ist kein Mitglied eines Verbunds und kann keine Fälle bearbeiten.")
                    % {"name": processing_authority.name},
                    code="not_member",
                )
        new_id = getattr(processing_authority, "pk", None)
        if adoption.processing_authority_id == new_id:
            return adoption
        before = adoption.processing_authority_id
        adoption.processing_authority = processing_authority
        adoption.save(update_fields=["processing_authority"])
        audit_record(
            actor=actor,
            action="catalogue.adoption_processing_set",
            obj=adoption,
            authority=adoption.authority_id,
            changes={"processing_authority": [before, new_id]},
        )
        return adoption


# -- responsibility exceptions ----------------------------------------------------


def responsibility_exception_set(
    *, actor: Actor, service: Service, area: Authority, responsible: Authority, note: str = ""
) -> ResponsibilityException:
    """For places in ``area``, ``responsible`` handles ``service`` (replaces an earlier
    exception for the same area)."""
    with transaction.atomic():
        if area.kind not in (
            AuthorityKind.GEMEINDE,
            AuthorityKind.GEMEINDEVERBAND,
            AuthorityKind.KREIS,
            AuthorityKind.KREISFREIE_STADT,
        ):
            raise ValidationError(
                {
                    "area": _(
                        "Eine Ausnahme gilt für eine Gemeinde, einen Verband oder einen Kreis."
                    )
                },
                code="area_kind",
            )
        if not area.ars.startswith(responsible.ars) and not responsible.ars.startswith(
            area.ars[:5]
        ):
            raise ValidationError(
                {
                    "responsible": _("%(name)s liegt nicht im selben Kreis wie %(area)s.")
                    % {"name": responsible.name, "area": area.name}
                },
                code="responsible_elsewhere",
            )
        existing = ResponsibilityException.objects.filter(service=service, area=area).first()
        before = (
            None
            if existing is None
            else {"responsible": existing.responsible_id, "note": existing.note}
        )
        exception = existing or ResponsibilityException(service=service, area=area)
        exception.responsible, exception.note = responsible, note
        exception.full_clean(validate_constraints=False)
        exception.save()
        changes = field_changes(
            before, {"area": area.ars, "responsible": responsible.pk, "note": note}
        )
        audit_record(
            actor=actor,
            action="catalogue.responsibility_exception_set",
            obj=exception,
            authority=service.builder_id,
            changes=changes,
        )
        return exception


def responsibility_exception_remove(*, actor: Actor, exception: ResponsibilityException) -> None:
    with transaction.atomic():
        others = ResponsibilityException.objects.filter(
            service_id=exception.service_id, responsible_id=exception.responsible_id
        ).exclude(pk=exception.pk)
        running = Adoption.objects.filter(
            service_id=exception.service_id,
            authority_id=exception.responsible_id,
            ended_on__isnull=True,
        )
        default_level = _default_refusal(exception.service, exception.responsible) is None
        if running.exists() and not others.exists() and not default_level:
            raise ValidationError(
                _(
                    "%(name)s nutzt die Leistung noch; beenden Sie zuerst die Nachnutzung, "
                    "dann die Ausnahme."
                )
                % {"name": exception.responsible.name},
                code="in_use",
            )
        audit_record(
            actor=actor,
            action="catalogue.responsibility_exception_removed",
            obj=exception,
            authority=exception.service.builder_id,
            changes={"area": [exception.area.ars, None]},
        )
        exception.delete()
