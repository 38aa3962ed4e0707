"""Writes of the joint procurement. Each function is atomic, refuses with a German
``ValidationError`` keyed by the field it names (nothing is saved then) and records
one audit entry in the network's chain (a demand line's and a mandate's also name the
member).

A call's life: open (members report demand until the deadline) → closed (the service
centre pools the lines into lots, the members' mandates are bound in an agreement of
the network) → awarded (every lot has its award). The cost allocation of the network
takes each member's share of the awarded (or estimated) value.

``actor=None`` is the platform itself (the demo loader): it passes the role checks
that the views made before calling.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.accounts.selectors import grants_for
from verbund.authorities.models import Authority
from verbund.core.access import Action, can
from verbund.core.actors import Actor, actor_id, is_user
from verbund.core.audit import audit_record, field_changes
from verbund.networks.costs.models import BudgetItem, ParticipantRule
from verbund.networks.costs.services import budget_item_create, usage_set
from verbund.networks.models import AgreementKind, Network
from verbund.networks.selectors import active_member_ids
from verbund.networks.services import agreement_create
from verbund.procurement import rules
from verbund.procurement.models import Award, CallStatus, DemandCall, DemandLine, Lot, Mandate
from verbund.procurement.selectors import member_shares, procurement_area

__all__ = [
    "award_record",
    "demand_call_agreement_create",
    "demand_call_allocate",
    "demand_call_close",
    "demand_call_create",
    "demand_call_update",
    "demand_line_add",
    "demand_line_remove",
    "demand_line_update",
    "lot_create",
    "lot_lines_set",
    "mandate_grant",
    "mandate_withdraw",
]

Problems = dict[str, list[str]]
MAX_MONEY = Decimal("9999999999.99")
MAX_MONTHS = 600
MAX_TEXT = 200


def _date(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def _add(problems: Problems, field: str, message: str) -> None:
    problems.setdefault(field, []).append(message)


def _raise(problems: Problems) -> None:
    if problems:
        raise ValidationError(problems)


def _refusal(message: str) -> ValidationError:
    """A refusal of the write as a whole (not of one field)."""
    return ValidationError({NON_FIELD_ERRORS: [message]})


def _forbidden(message: str) -> ValidationError:
    return _refusal(message)


def _refuse_unless(actor: Actor, action: Action, obj: Any, message: str) -> None:
    # Views check the policy before they call; a script or a bug must not slip past it.
    if is_user(actor) and not can(actor, action, obj):
        raise _forbidden(message)


def _text(
    problems: Problems, field: str, value: str, message: str, *, required: bool = True
) -> str:
    value = (value or "").strip()
    if required and not value:
        _add(problems, field, message)
    elif len(value) > MAX_TEXT:
        _add(
            problems,
            field,
            _("Höchstens %(max)d Zeichen.") % {"max": MAX_TEXT},
        )
    return value


def _money(
    problems: Problems,
    field: str,
    value: Any,
    *,
    label: str,
    negative: str,
    positive: bool = False,
) -> Decimal:
    """A figure with at most two decimals: refused with ``negative`` below zero (or at
    zero where it must be ``positive``)."""
    try:
        number = Decimal(value)
        finite = number.is_finite()
    except (InvalidOperation, TypeError, ValueError):
        finite = False
    if not finite:
        _add(problems, field, _("%(label)s: Bitte geben Sie eine Zahl an.") % {"label": label})
        return Decimal(0)
    if number < 0 or (positive and number == 0):
        _add(problems, field, negative)
    elif number > MAX_MONEY:
        _add(problems, field, _("%(label)s ist zu groß.") % {"label": label})
    elif number != number.quantize(Decimal("0.01")):
        _add(
            problems,
            field,
            _("%(label)s: höchstens zwei Nachkommastellen.") % {"label": label},
        )
    return number


# --- calls -------------------------------------------------------------------------------


def _call_problems(
    *,
    network: Network,
    subject: str,
    cpv_code: str,
    deadline: dt.date,
    term_months: int,
    option_months: int,
    option_percent: Decimal,
    lead_authority: Authority,
) -> tuple[Problems, dict[str, Any]]:
    problems: Problems = {}
    values: dict[str, Any] = {}
    values["subject"] = _text(
        problems, "subject", subject, _("Bitte geben Sie den Gegenstand der Beschaffung an.")
    )
    values["cpv_code"] = (cpv_code or "").strip()
    problem = rules.cpv_problem(values["cpv_code"])
    if problem:
        _add(problems, "cpv_code", problem)
    if not isinstance(term_months, int) or not 1 <= term_months <= MAX_MONTHS:
        _add(
            problems,
            "term_months",
            _("Die Laufzeit muss zwischen 1 und %(max)d Monaten liegen.") % {"max": MAX_MONTHS},
        )
    if not isinstance(option_months, int) or not 0 <= option_months <= MAX_MONTHS:
        _add(
            problems,
            "option_months",
            _("Die Verlängerungsoptionen müssen zwischen 0 und %(max)d Monaten liegen.")
            % {"max": MAX_MONTHS},
        )
    percent = _money(
        problems,
        "option_percent",
        option_percent,
        label=_("Die Mengenoption"),
        negative=_("Die Mengenoption darf nicht negativ sein."),
    )
    if "option_percent" not in problems and percent > 100:
        _add(problems, "option_percent", _("Die Mengenoption darf höchstens 100 % betragen."))
    values["option_percent"] = percent
    if lead_authority.pk not in active_member_ids(network, on=deadline):
        _add(
            problems,
            "lead_authority",
            _("%(name)s ist am %(date)s kein Mitglied des Verbunds.")
            % {"name": lead_authority.name, "date": _date(deadline)},
        )
    return problems, values


def demand_call_create(
    *,
    actor: Actor,
    network: Network,
    subject: str,
    cpv_code: str,
    deadline: dt.date,
    term_months: int,
    lead_authority: Authority,
    option_months: int = 0,
    option_percent: Decimal = Decimal(0),
    description: str = "",
    today: dt.date | None = None,
) -> DemandCall:
    """Open a call for the members' demand until ``deadline`` (the service centre, a
    coordinator of ``network``). The kind of contract follows from the CPV code."""
    with transaction.atomic():
        _refuse_unless(
            actor,
            Action.CHANGE,
            network,
            _("Eine Bedarfsabfrage legen die Koordinatorinnen und Koordinatoren des Verbunds an."),
        )
        problems, values = _call_problems(
            network=network,
            subject=subject,
            cpv_code=cpv_code,
            deadline=deadline,
            term_months=term_months,
            option_months=option_months,
            option_percent=option_percent,
            lead_authority=lead_authority,
        )
        if deadline < (today or timezone.localdate()):
            _add(problems, "deadline", _("Die Frist darf nicht in der Vergangenheit liegen."))
        _raise(problems)
        call = DemandCall.objects.create(
            network=network,
            subject=values["subject"],
            description=description.strip(),
            cpv_code=values["cpv_code"],
            kind=rules.cpv_kind(values["cpv_code"]),
            deadline=deadline,
            term_months=term_months,
            option_months=option_months,
            option_percent=values["option_percent"],
            lead_authority=lead_authority,
            created_by_id=actor_id(actor),
        )
        audit_record(
            actor=actor,
            action="procurement.call_created",
            obj=call,
            network=network,
            changes=field_changes(None, _call_state(call)),
        )
        return call


def _call_state(call: DemandCall) -> dict[str, Any]:
    return {
        "subject": call.subject,
        "cpv_code": call.cpv_code,
        "kind": call.kind,
        "deadline": call.deadline,
        "term_months": call.term_months,
        "option_months": call.option_months,
        "option_percent": str(call.option_percent),
        "lead_authority": call.lead_authority.name,
        "description": call.description,
    }


def _locked(call: DemandCall) -> DemandCall:
    return (
        DemandCall.objects.select_for_update(of=("self",))
        .select_related("lead_authority", "network")
        .get(pk=call.pk)
    )


def demand_call_update(
    *,
    actor: Actor,
    call: DemandCall,
    subject: str,
    cpv_code: str,
    deadline: dt.date,
    term_months: int,
    lead_authority: Authority,
    option_months: int = 0,
    option_percent: Decimal = Decimal(0),
    description: str = "",
) -> DemandCall:
    """Change an open call. The lead authority stays once a member gave it a mandate."""
    with transaction.atomic():
        call = _locked(call)
        _refuse_unless(
            actor, Action.CHANGE, call, _("Sie dürfen diese Bedarfsabfrage nicht ändern.")
        )
        if call.status != CallStatus.OPEN:
            raise _refusal(_("Nur eine offene Bedarfsabfrage kann geändert werden."))
        problems, values = _call_problems(
            network=call.network,
            subject=subject,
            cpv_code=cpv_code,
            deadline=deadline,
            term_months=term_months,
            option_months=option_months,
            option_percent=option_percent,
            lead_authority=lead_authority,
        )
        if lead_authority.pk != call.lead_authority_id and call.mandates.exists():
            _add(
                problems,
                "lead_authority",
                _(
                    "Mitglieder haben %(name)s bereits ein Mandat erteilt; die federführende "
                    "Vergabestelle bleibt."
                )
                % {"name": call.lead_authority.name},
            )
        _raise(problems)
        before = _call_state(call)
        call.subject = values["subject"]
        call.description = description.strip()
        call.cpv_code = values["cpv_code"]
        call.kind = rules.cpv_kind(values["cpv_code"])
        call.deadline = deadline
        call.term_months = term_months
        call.option_months = option_months
        call.option_percent = values["option_percent"]
        call.lead_authority = lead_authority
        changes = field_changes(before, _call_state(call))
        if not changes:
            return call
        call.save()
        audit_record(
            actor=actor,
            action="procurement.call_updated",
            obj=call,
            network=call.network_id,
            changes=changes,
        )
        return call


def demand_call_close(*, actor: Actor, call: DemandCall) -> DemandCall:
    """End the call for demand: the service centre pools the lines from now on."""
    with transaction.atomic():
        call = _locked(call)
        _refuse_unless(
            actor, Action.CHANGE, call, _("Sie dürfen diese Bedarfsabfrage nicht schließen.")
        )
        if call.status != CallStatus.OPEN:
            raise _refusal(_("Die Bedarfsabfrage ist bereits geschlossen."))
        if not call.lines.exists():
            raise _refusal(
                _("Es gibt noch keine Bedarfsmeldung; eine leere Abfrage wird nicht geschlossen.")
            )
        call.status = CallStatus.CLOSED
        call.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="procurement.call_closed",
            obj=call,
            network=call.network_id,
            changes={"status": [CallStatus.OPEN, CallStatus.CLOSED]},
        )
        return call


# --- demand lines ------------------------------------------------------------------------


def _may_act_for(actor: Actor, call: DemandCall, authority_id: int) -> bool:
    if not is_user(actor):
        return True
    grants = grants_for(actor)
    return authority_id in grants.authority_ids() or call.network_id in (
        grants.coordinated_network_ids
    )


def _line_problems(
    *,
    call: DemandCall,
    description: str,
    quantity: Any,
    unit: str,
    unit_price: Any,
    delivery_site: str,
    budget_line: str,
    today: dt.date,
) -> tuple[Problems, dict[str, Any]]:
    problems: Problems = {}
    if call.status != CallStatus.OPEN:
        _add(
            problems,
            NON_FIELD_ERRORS,
            _("Die Bedarfsabfrage ist geschlossen; Bedarf wird nicht mehr gemeldet."),
        )
    if today > call.deadline:
        _add(
            problems,
            "deadline",
            _("Die Frist für Bedarfsmeldungen endete am %(date)s.")
            % {"date": _date(call.deadline)},
        )
    values: dict[str, Any] = {
        "description": _text(
            problems, "description", description, _("Bitte beschreiben Sie den Bedarf.")
        ),
        "quantity": _money(
            problems,
            "quantity",
            quantity,
            label=_("Die Menge"),
            negative=_("Die Menge muss größer als 0 sein."),
            positive=True,
        ),
        "unit": _text(problems, "unit", unit, _("Bitte geben Sie die Einheit an (z. B. Stück).")),
        "unit_price": _money(
            problems,
            "unit_price",
            unit_price,
            label=_("Der Einzelpreis"),
            negative=_("Der Einzelpreis darf nicht negativ sein."),
        ),
        "delivery_site": _text(problems, "delivery_site", delivery_site, "", required=False),
        "budget_line": _text(problems, "budget_line", budget_line, "", required=False),
    }
    if len(values["unit"]) > 40:
        _add(problems, "unit", _("Höchstens %(max)d Zeichen.") % {"max": 40})
    if len(values["budget_line"]) > 100:
        _add(problems, "budget_line", _("Höchstens %(max)d Zeichen.") % {"max": 100})
    return problems, values


def _line_state(line: DemandLine) -> dict[str, Any]:
    return {
        "description": line.description,
        "quantity": str(line.quantity),
        "unit": line.unit,
        "unit_price": str(line.unit_price),
        "delivery_site": line.delivery_site,
        "budget_line": line.budget_line,
    }


def demand_line_add(
    *,
    actor: Actor,
    call: DemandCall,
    authority: Authority,
    description: str,
    quantity: Decimal,
    unit: str,
    unit_price: Decimal,
    delivery_site: str = "",
    budget_line: str = "",
    today: dt.date | None = None,
) -> DemandLine:
    """Report a member's demand: an annual ``quantity`` at an estimated net
    ``unit_price``. Refused after the deadline, for a call that is no longer open and
    for an authority that is no active member of the call's network."""
    with transaction.atomic():
        call = _locked(call)
        day = today or timezone.localdate()
        if not _may_act_for(actor, call, authority.pk):
            raise _forbidden(
                _("Sie dürfen für %(name)s keinen Bedarf melden.") % {"name": authority.name}
            )
        problems, values = _line_problems(
            call=call,
            description=description,
            quantity=quantity,
            unit=unit,
            unit_price=unit_price,
            delivery_site=delivery_site,
            budget_line=budget_line,
            today=day,
        )
        if authority.pk not in active_member_ids(call.network, on=day):
            _add(
                problems,
                "authority",
                _("%(name)s ist kein Mitglied des Verbunds „%(network)s“.")
                % {"name": authority.name, "network": call.network.name},
            )
        _raise(problems)
        line = DemandLine.objects.create(
            call=call,
            network_id=call.network_id,
            authority=authority,
            created_by_id=actor_id(actor),
            **values,
        )
        audit_record(
            actor=actor,
            action="procurement.line_added",
            obj=line,
            network=call.network_id,
            authority=authority,
            changes=field_changes(None, _line_state(line)),
        )
        return line


def demand_line_update(
    *,
    actor: Actor,
    line: DemandLine,
    description: str,
    quantity: Decimal,
    unit: str,
    unit_price: Decimal,
    delivery_site: str = "",
    budget_line: str = "",
    today: dt.date | None = None,
) -> DemandLine:
    """Change a demand line before the deadline of an open call."""
    with transaction.atomic():
        line = DemandLine.objects.select_for_update().select_related("call").get(pk=line.pk)
        call = _locked(line.call)
        if not _may_act_for(actor, call, line.authority_id):
            raise _forbidden(_("Sie dürfen diese Bedarfsmeldung nicht ändern."))
        problems, values = _line_problems(
            call=call,
            description=description,
            quantity=quantity,
            unit=unit,
            unit_price=unit_price,
            delivery_site=delivery_site,
            budget_line=budget_line,
            today=today or timezone.localdate(),
        )
        _raise(problems)
        before = _line_state(line)
        for name, value in values.items():
            setattr(line, name, value)
        changes = field_changes(before, _line_state(line))
        if not changes:
            return line
        line.save()
        audit_record(
            actor=actor,
            action="procurement.line_updated",
            obj=line,
            network=call.network_id,
            authority=line.authority_id,
            changes=changes,
        )
        return line


def demand_line_remove(*, actor: Actor, line: DemandLine, today: dt.date | None = None) -> None:
    """Withdraw a demand line before the deadline of an open call."""
    with transaction.atomic():
        line = DemandLine.objects.select_for_update().select_related("call").get(pk=line.pk)
        call = _locked(line.call)
        if not _may_act_for(actor, call, line.authority_id):
            raise _forbidden(_("Sie dürfen diese Bedarfsmeldung nicht zurückziehen."))
        problems: Problems = {}
        if call.status != CallStatus.OPEN:
            _add(problems, NON_FIELD_ERRORS, _("Die Bedarfsabfrage ist geschlossen."))
        if (today or timezone.localdate()) > call.deadline:
            _add(
                problems,
                "deadline",
                _("Die Frist für Bedarfsmeldungen endete am %(date)s.")
                % {"date": _date(call.deadline)},
            )
        _raise(problems)
        audit_record(
            actor=actor,
            action="procurement.line_removed",
            obj=line,
            network=call.network_id,
            authority=line.authority_id,
            changes=field_changes(_line_state(line), dict.fromkeys(_line_state(line))),
        )
        line.delete()


# --- mandates ----------------------------------------------------------------------------


def mandate_grant(
    *, actor: Actor, call: DemandCall, authority: Authority, today: dt.date | None = None
) -> Mandate:
    """The member's administration gives the lead authority the mandate to procure in
    its name (§ 4 VgV, in text form)."""
    with transaction.atomic():
        call = _locked(call)
        if is_user(actor) and authority.pk not in grants_for(actor).admin_authority_ids:
            raise _forbidden(
                _("Das Mandat erteilt die Verwaltung von %(name)s.") % {"name": authority.name}
            )
        problems: Problems = {}
        if call.status == CallStatus.AWARDED:
            _add(problems, NON_FIELD_ERRORS, _("Die Beschaffung ist bereits vergeben."))
        if authority.pk == call.lead_authority_id:
            _add(
                problems,
                "authority",
                _("%(name)s führt das Verfahren selbst und braucht kein Mandat.")
                % {"name": authority.name},
            )
        elif authority.pk not in active_member_ids(call.network, on=today or timezone.localdate()):
            _add(
                problems,
                "authority",
                _("%(name)s ist kein Mitglied des Verbunds „%(network)s“.")
                % {"name": authority.name, "network": call.network.name},
            )
        elif Mandate.objects.filter(call=call, authority=authority).exists():
            _add(
                problems,
                "authority",
                _("%(name)s hat das Mandat bereits erteilt.") % {"name": authority.name},
            )
        _raise(problems)
        mandate = Mandate.objects.create(
            call=call,
            network_id=call.network_id,
            authority=authority,
            granted_by_id=actor_id(actor),
            granted_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action="procurement.mandate_granted",
            obj=mandate,
            network=call.network_id,
            authority=authority,
            changes={"lead_authority": call.lead_authority.name, "call": call.subject},
        )
        return mandate


def mandate_withdraw(*, actor: Actor, mandate: Mandate) -> None:
    """Withdraw a mandate while the call is open and not yet bound in an agreement."""
    with transaction.atomic():
        mandate = Mandate.objects.select_for_update().select_related("authority").get(pk=mandate.pk)
        call = _locked(mandate.call)
        if is_user(actor) and mandate.authority_id not in grants_for(actor).admin_authority_ids:
            raise _forbidden(
                _("Das Mandat zieht die Verwaltung von %(name)s zurück.")
                % {"name": mandate.authority.name}
            )
        if call.status != CallStatus.OPEN or call.agreement_id is not None:
            raise _refusal(
                _(
                    "Das Mandat ist gebunden: Die Bedarfsabfrage ist geschlossen oder die "
                    "Vereinbarung geschlossen."
                )
            )
        audit_record(
            actor=actor,
            action="procurement.mandate_withdrawn",
            obj=mandate,
            network=call.network_id,
            authority=mandate.authority_id,
            changes={"call": call.subject},
        )
        mandate.delete()


# --- lots --------------------------------------------------------------------------------


def _lines_problems(
    problems: Problems, call: DemandCall, lines: Sequence[DemandLine]
) -> list[DemandLine]:
    if not lines:
        _add(
            problems,
            "lines",
            _("Ein Los braucht mindestens eine Bedarfsmeldung eines Mitglieds."),
        )
        return []
    found = list(DemandLine.objects.filter(pk__in=[line.pk for line in lines], call=call))
    if len(found) != len({line.pk for line in lines}):
        _add(problems, "lines", _("Eine gewählte Bedarfsmeldung gehört nicht zu dieser Abfrage."))
    return found


def _emptied_lots(lot_ids: set[int], moving: list[DemandLine], keep: int | None) -> list[Lot]:
    """Lots that would lose all their lines when ``moving`` goes elsewhere."""
    moving_ids = {line.pk for line in moving}
    emptied = []
    lots = Lot.objects.filter(pk__in=lot_ids)
    if keep is not None:
        lots = lots.exclude(pk=keep)
    for lot in lots.order_by("number"):
        if not lot.lines.exclude(pk__in=moving_ids).exists():
            emptied.append(lot)
    return emptied


def lot_create(
    *,
    actor: Actor,
    call: DemandCall,
    title: str,
    lines: Sequence[DemandLine],
    cpv_code: str = "",
    region: str = "",
) -> Lot:
    """Pool ``lines`` of the call into a new lot (numbered after the last one). Lines in
    another lot move to the new one, unless that lot would be left empty."""
    with transaction.atomic():
        call = _locked(call)
        _refuse_unless(
            actor, Action.CHANGE, call, _("Lose bildet die Geschäftsstelle des Verbunds.")
        )
        problems: Problems = {}
        if call.status == CallStatus.AWARDED:
            _add(problems, NON_FIELD_ERRORS, _("Die Beschaffung ist bereits vergeben."))
        title = _text(problems, "title", title, _("Bitte geben Sie die Bezeichnung des Loses an."))
        cpv_code = (cpv_code or "").strip()
        if cpv_code:
            problem = rules.cpv_problem(cpv_code)
            if problem:
                _add(problems, "cpv_code", problem)
        region = _text(problems, "region", region, "", required=False)
        found = _lines_problems(problems, call, lines)
        emptied = _emptied_lots({line.lot_id for line in found if line.lot_id}, found, None)
        for other in emptied:
            _add(
                problems,
                "lines",
                _("%(lot)s hätte danach keine Bedarfsmeldung mehr.") % {"lot": str(other)},
            )
        _raise(problems)
        number = (call.lots.aggregate(last=Max("number"))["last"] or 0) + 1
        lot = Lot.objects.create(
            call=call,
            network_id=call.network_id,
            number=number,
            title=title,
            cpv_code=cpv_code,
            region=region,
        )
        DemandLine.objects.filter(pk__in=[line.pk for line in found]).update(lot=lot)
        audit_record(
            actor=actor,
            action="procurement.lot_created",
            obj=lot,
            network=call.network_id,
            changes={
                "number": number,
                "title": title,
                "lines": sorted(line.pk for line in found),
            },
        )
        return lot


def lot_lines_set(*, actor: Actor, lot: Lot, lines: Sequence[DemandLine]) -> Lot:
    """Make ``lines`` the lot's lines: others leave it (they are then in no lot), lines
    of other lots join it unless their lot would be left empty."""
    with transaction.atomic():
        lot = Lot.objects.select_for_update().get(pk=lot.pk)
        call = _locked(lot.call)
        _refuse_unless(
            actor, Action.CHANGE, call, _("Lose bildet die Geschäftsstelle des Verbunds.")
        )
        problems: Problems = {}
        if call.status == CallStatus.AWARDED or Award.objects.filter(lot=lot).exists():
            _add(problems, NON_FIELD_ERRORS, _("Das Los ist bereits vergeben."))
        found = _lines_problems(problems, call, lines)
        emptied = _emptied_lots(
            {line.lot_id for line in found if line.lot_id and line.lot_id != lot.pk},
            found,
            lot.pk,
        )
        for other in emptied:
            _add(
                problems,
                "lines",
                _("%(lot)s hätte danach keine Bedarfsmeldung mehr.") % {"lot": str(other)},
            )
        _raise(problems)
        before = sorted(lot.lines.values_list("pk", flat=True))
        after = sorted(line.pk for line in found)
        if before == after:
            return lot
        lot.lines.exclude(pk__in=after).update(lot=None)
        DemandLine.objects.filter(pk__in=after).update(lot=lot)
        audit_record(
            actor=actor,
            action="procurement.lot_lines_set",
            obj=lot,
            network=call.network_id,
            changes={"lines": [before, after]},
        )
        return lot


# --- the agreement, the award, the cost allocation ---------------------------------------


def demand_call_agreement_create(
    *, actor: Actor, call: DemandCall, today: dt.date | None = None
) -> DemandCall:
    """Bind the mandates in an agreement of the network (§ 4 VgV): mandating, processed
    by the lead authority, with every member that gave a mandate, in the network's
    procurement area when there is one, from today. Refused while a member that
    reported demand has given no mandate (they are named)."""
    with transaction.atomic():
        call = _locked(call)
        _refuse_unless(
            actor,
            Action.CHANGE,
            call,
            _("Die Vereinbarung legt die Geschäftsstelle des Verbunds an."),
        )
        if call.agreement_id is not None:
            raise _refusal(_("Für diese Beschaffung gibt es bereits eine Vereinbarung."))
        mandated = set(call.mandates.values_list("authority_id", flat=True))
        demanding = set(call.lines.values_list("authority_id", flat=True))
        missing = sorted(
            Authority.objects.filter(
                pk__in=demanding - mandated - {call.lead_authority_id}
            ).values_list("name", flat=True)
        )
        if missing:
            raise ValidationError(
                {
                    "mandates": [
                        _("Ohne Mandat: %(names)s. Diese Mitglieder haben Bedarf gemeldet.")
                        % {"names": ", ".join(missing)}
                    ]
                }
            )
        parties = list(
            Authority.objects.filter(pk__in=mandated | {call.lead_authority_id}).order_by("name")
        )
        area = procurement_area(call.network)
        agreement = agreement_create(
            actor=actor,
            network=call.network,
            title=_("Gemeinsame Beschaffung: %(subject)s") % {"subject": call.subject},
            kind=AgreementKind.MANDATING,
            processing=call.lead_authority,
            parties=parties,
            areas=[area] if area else [],
            tasks=_(
                "Gelegentliche gemeinsame Auftragsvergabe nach § 4 VgV: %(name)s führt das "
                "Vergabeverfahren „%(subject)s“ (CPV %(cpv)s) im Namen der Beteiligten."
            )
            % {"name": call.lead_authority.name, "subject": call.subject, "cpv": call.cpv_code},
            starts_on=today or timezone.localdate(),
        )
        call.agreement = agreement
        call.save(update_fields=["agreement"])
        audit_record(
            actor=actor,
            action="procurement.agreement_created",
            obj=call,
            network=call.network_id,
            changes={"agreement": agreement.title, "parties": [p.name for p in parties]},
        )
        return call


def award_record(
    *,
    actor: Actor,
    lot: Lot,
    supplier: str,
    awarded_on: dt.date,
    amount: Decimal,
    note: str = "",
) -> Award:
    """Record the award of a lot (the lead authority's staff or the coordinators). When
    every lot has its award the call is awarded."""
    with transaction.atomic():
        lot = Lot.objects.select_for_update().get(pk=lot.pk)
        call = _locked(lot.call)
        _refuse_unless(
            actor,
            Action.MANAGE,
            call,
            _("Den Zuschlag tragen die federführende Vergabestelle oder die Geschäftsstelle ein."),
        )
        problems: Problems = {}
        if call.status == CallStatus.OPEN:
            _add(
                problems,
                NON_FIELD_ERRORS,
                _("Die Bedarfsabfrage ist noch offen; vergeben wird nach ihrem Ende."),
            )
        if Award.objects.filter(lot=lot).exists():
            _add(problems, NON_FIELD_ERRORS, _("Für dieses Los ist der Zuschlag schon erfasst."))
        supplier = _text(problems, "supplier", supplier, _("Bitte geben Sie den Auftragnehmer an."))
        value = _money(
            problems,
            "amount",
            amount,
            label=_("Der Auftragswert"),
            negative=_("Der Auftragswert darf nicht negativ sein."),
        )
        note = (note or "").strip()
        if len(note) > 500:
            _add(problems, "note", _("Höchstens %(max)d Zeichen.") % {"max": 500})
        _raise(problems)
        award = Award.objects.create(
            lot=lot,
            network_id=call.network_id,
            supplier=supplier,
            awarded_on=awarded_on,
            amount=value,
            note=note,
            recorded_by_id=actor_id(actor),
        )
        audit_record(
            actor=actor,
            action="procurement.award_recorded",
            obj=award,
            network=call.network_id,
            changes=field_changes(
                None,
                {"supplier": supplier, "awarded_on": awarded_on, "amount": str(value)},
            ),
        )
        if not call.lots.filter(award__isnull=True).exists():
            call.status = CallStatus.AWARDED
            call.save(update_fields=["status"])
            audit_record(
                actor=actor,
                action="procurement.call_awarded",
                obj=call,
                network=call.network_id,
                changes={"status": [CallStatus.CLOSED, CallStatus.AWARDED]},
            )
        return award


def demand_call_allocate(
    *,
    actor: Actor,
    call: DemandCall,
    amount: Decimal,
    period_start: dt.date,
    period_end: dt.date,
    title: str = "",
) -> BudgetItem:
    """Put ``amount`` into the network's cost allocation as a budget item shared by the
    parties of the call's agreement by usage: each member's usage is its share of the
    procurement (its awarded value where its lot is awarded, else its estimated value).
    """
    with transaction.atomic():
        call = _locked(call)
        _refuse_unless(
            actor,
            Action.CHANGE,
            call,
            _("In die Kostenverteilung übernimmt die Geschäftsstelle des Verbunds."),
        )
        if call.budget_item_id is not None:
            raise _refusal(_("Diese Beschaffung ist bereits in der Kostenverteilung."))
        if call.agreement_id is None:
            raise _refusal(
                _(
                    "Zuerst die Vereinbarung über die gemeinsame Beschaffung anlegen: Ihre "
                    "Beteiligten teilen die Kosten."
                )
            )
        shares = member_shares(call)
        item = budget_item_create(
            actor=actor,
            network=call.network,
            title=(title or "").strip()
            or _("Gemeinsame Beschaffung: %(subject)s") % {"subject": call.subject},
            description=_(
                "Anteile nach dem Wert des Bedarfs jedes Mitglieds (Bedarfsabfrage Nr. %(pk)d)."
            )
            % {"pk": call.pk},
            amount=amount,
            period_start=period_start,
            period_end=period_end,
            population_on=period_end,
            weight_equal=Decimal(0),
            weight_population=Decimal(0),
            weight_cases=Decimal(0),
            weight_usage=Decimal(100),
            participant_rule=ParticipantRule.AGREEMENT,
            participant_agreement_id=call.agreement_id,
        )
        authorities = Authority.objects.in_bulk(list(shares))
        for authority_id, share in sorted(shares.items()):
            if share > 0:
                usage_set(actor=actor, item=item, authority=authorities[authority_id], usage=share)
        call.budget_item = item
        call.save(update_fields=["budget_item"])
        audit_record(
            actor=actor,
            action="procurement.allocation_created",
            obj=call,
            network=call.network_id,
            changes={
                "budget_item": item.title,
                "amount": str(item.amount),
                "shares": {authorities[a].name: str(s) for a, s in sorted(shares.items())},
            },
        )
        return item
