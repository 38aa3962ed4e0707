"""Writes for cost allocation (issue #6, item 5) and the reuse report's input (item 6).

Each function is atomic and audited. Bad input is refused with every problem at
once (German messages in one ``ValidationError``) and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.authorities.models import Authority
from verbund.core.actors import Actor, actor_id
from verbund.core.audit import audit_record, field_changes
from verbund.networks.costs.allocation import AllocationKey, allocate
from verbund.networks.costs.models import (
    AllocationRow,
    AllocationRun,
    BudgetItem,
    BudgetUsage,
    DevelopmentCost,
    ParticipantRule,
)
from verbund.networks.costs.participants import item_participants, rule_text
from verbund.networks.costs.selectors import (
    item_bases,
    item_vat_rate,
    item_vat_ruling,
    usage_of,
)
from verbund.networks.hooks import service_directory
from verbund.networks.models import Agreement, CooperationArea, Network

_ITEM_FIELDS = (
    "title",
    "description",
    "amount",
    "period_start",
    "period_end",
    "population_on",
    "weight_equal",
    "weight_population",
    "weight_cases",
    "weight_usage",
    "vat",
)
# The rule's parameters by rule; the others are cleared when the rule is saved.
_RULE_PARAMETERS = {
    ParticipantRule.ALL: (),
    ParticipantRule.AREA_LEVEL: ("participant_area_id", "participant_min_level"),
    ParticipantRule.AGREEMENT: ("participant_agreement_id",),
    ParticipantRule.SERVICE: ("participant_service_id",),
}
_RULE_FIELDS = (
    "participant_rule",
    "participant_area_id",
    "participant_min_level",
    "participant_agreement_id",
    "participant_service_id",
)
MAX_AMOUNT = Decimal("999999999999.99")
MIN_LEVEL, MAX_LEVEL = 1, 4


def _item_state(item: BudgetItem) -> dict[str, Any]:
    # The rule is recorded as chosen and in words (the area, agreement or service by
    # name), so that the audit trail reads without looking the ids up.
    state = {name: getattr(item, name) for name in _ITEM_FIELDS}
    state["participant_rule"] = item.participant_rule
    state["participants"] = rule_text(item)
    return state


def _closed(item: BudgetItem) -> bool:
    return AllocationRun.objects.filter(item=item).exists()


Problems = dict[str, list[str]]


def _add(problems: Problems, field: str, message: str) -> None:
    problems.setdefault(field, []).append(message)


def _rule_problems(item: BudgetItem, problems: Problems) -> bool:
    """Check the participant rule and its parameter; clear the parameters of other
    rules. True when the rule is complete (its participants can be read)."""
    rule = item.participant_rule
    if rule not in _RULE_PARAMETERS:
        _add(problems, "participant_rule", _("Bitte wählen Sie, wer an dem Posten teilnimmt."))
        return False
    for name in _RULE_FIELDS[1:]:
        if name not in _RULE_PARAMETERS[ParticipantRule(rule)]:
            setattr(item, name, None)
    complete = True
    if rule == ParticipantRule.AREA_LEVEL:
        area_id = item.participant_area_id
        if area_id is None:
            _add(
                problems,
                "participant_area",
                _(
                    "Bitte wählen Sie das Kooperationsfeld, dessen Stufe über die Teilnahme "
                    "entscheidet."
                ),
            )
            complete = False
        elif not CooperationArea.objects.filter(pk=area_id, network_id=item.network_id).exists():
            _add(
                problems,
                "participant_area",
                _("Das gewählte Kooperationsfeld gehört nicht zu diesem Verbund."),
            )
            complete = False
        level = item.participant_min_level
        if not isinstance(level, int) or not MIN_LEVEL <= level <= MAX_LEVEL:
            _add(
                problems,
                "participant_min_level",
                _("Bitte wählen Sie die Mindeststufe (1 bis 4) im Kooperationsfeld."),
            )
            complete = False
    elif rule == ParticipantRule.AGREEMENT:
        agreement_id = item.participant_agreement_id
        if agreement_id is None:
            _add(
                problems,
                "participant_agreement",
                _("Bitte wählen Sie die Vereinbarung, deren Beteiligte teilnehmen."),
            )
            complete = False
        elif not Agreement.objects.filter(pk=agreement_id, network_id=item.network_id).exists():
            _add(
                problems,
                "participant_agreement",
                _("Die gewählte Vereinbarung gehört nicht zu diesem Verbund."),
            )
            complete = False
    elif rule == ParticipantRule.SERVICE:
        service_id = item.participant_service_id
        if service_id is None:
            _add(
                problems,
                "participant_service",
                _("Bitte wählen Sie die Leistung, deren Nutzer teilnehmen."),
            )
            complete = False
        else:
            service = service_directory().services([service_id]).get(service_id)
            if service is None or not service.published:
                _add(
                    problems,
                    "participant_service",
                    _("Die gewählte Leistung ist im Katalog nicht veröffentlicht."),
                )
                complete = False
    return complete


def _item_problems(item: BudgetItem, *, closing: bool = False) -> Problems:
    """Every problem of the item by field (``NON_FIELD_ERRORS`` for the item as a whole):
    its own fields, the participant rule, the key, and the basis of its participants (the
    engine's messages, e.g. a member without population). Usage is entered after the item
    exists, so a usage weight without any usage yet is refused only when the item is
    closed."""
    problems: Problems = {}
    general: list[str] = []
    if not item.title.strip():
        general.append(_("Bitte geben Sie eine Bezeichnung an."))
    amount: Decimal | None = item.amount
    if not isinstance(amount, Decimal) or not amount.is_finite():
        general.append(_("Der Betrag ist keine Zahl."))
        amount = None
    elif amount > MAX_AMOUNT:
        general.append(_("Der Betrag ist zu groß."))
        amount = None
    period_ok = item.period_end >= item.period_start
    if not period_ok:
        general.append(_("Der Zeitraum endet vor seinem Beginn."))
    try:
        key = AllocationKey(
            equal=Decimal(item.weight_equal),
            population=Decimal(item.weight_population),
            cases=Decimal(item.weight_cases),
            usage=Decimal(item.weight_usage),
        )
    except ValidationError as exc:
        general += exc.messages
        key = None
    rule_complete = _rule_problems(item, problems)
    participants = item_participants(item) if rule_complete and period_ok else None
    if participants is not None and not participants.ids:
        # Say why nobody takes part; the engine's "no members" would add nothing.
        _add(
            problems,
            "participant_rule",
            " ".join([participants.summary, *participants.sentences]),
        )
    elif participants is not None and key is not None and amount is not None:
        try:
            allocate(
                amount,
                item_bases(item, participants=participants),
                key,
                vat_rate=item_vat_rate(item),
            )
        except ValidationError as exc:
            general += [
                message
                for error in exc.error_list
                if closing or error.code != "usage_zero"
                for message in error.messages
            ]
    if general:
        problems = {NON_FIELD_ERRORS: general, **problems}
    return problems


def _save_item(item: BudgetItem) -> None:
    problems = _item_problems(item)
    if problems:
        raise ValidationError(problems)
    item.title = item.title.strip()
    item.full_clean()
    item.save()


def budget_item_create(
    *,
    actor: Actor,
    network: Network,
    title: str,
    description: str = "",
    amount: Decimal,
    period_start: dt.date,
    period_end: dt.date,
    population_on: dt.date,
    weight_equal: Decimal,
    weight_population: Decimal,
    weight_cases: Decimal,
    weight_usage: Decimal,
    vat: bool = False,
    participant_rule: str = ParticipantRule.ALL,
    participant_area_id: int | None = None,
    participant_min_level: int | None = None,
    participant_agreement_id: int | None = None,
    participant_service_id: int | None = None,
) -> BudgetItem:
    """Record a budget item shared by the participants its rule names (all members by
    default). Refused, nothing saved, when its key's weights do not sum to 100 %, its
    rule lacks its area and level, agreement or service or names one of another network,
    the rule selects nobody on the period's end, or the shares cannot be computed for
    the participants (a member without population at the reference date, …). Rule
    problems are keyed by their field (``participant_rule``, ``participant_area``,
    ``participant_min_level``, ``participant_agreement``, ``participant_service``)."""
    with transaction.atomic():
        item = BudgetItem(
            network=network,
            title=title,
            description=description,
            amount=amount,
            period_start=period_start,
            period_end=period_end,
            population_on=population_on,
            weight_equal=weight_equal,
            weight_population=weight_population,
            weight_cases=weight_cases,
            weight_usage=weight_usage,
            vat=vat,
            participant_rule=participant_rule,
            participant_area_id=participant_area_id,
            participant_min_level=participant_min_level,
            participant_agreement_id=participant_agreement_id,
            participant_service_id=participant_service_id,
        )
        _save_item(item)
        audit_record(
            actor=actor,
            action="networks.budget_item_created",
            obj=item,
            network=network,
            changes=field_changes(None, _item_state(item)),
        )
        return item


def budget_item_update(*, actor: Actor, item: BudgetItem, **values: Any) -> BudgetItem:
    """Change an open item's fields (any of ``title``, ``description``, ``amount``, the
    period, ``population_on``, the weights, ``vat``, the participant rule and its
    parameters as in :func:`budget_item_create`); checked like a new one."""
    unknown = set(values) - set(_ITEM_FIELDS) - set(_RULE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        item = BudgetItem.objects.select_for_update().get(pk=item.pk)
        if _closed(item):
            raise ValidationError(_("Der Posten ist abgeschlossen und kann nicht geändert werden."))
        before = _item_state(item)
        for name, value in values.items():
            setattr(item, name, value)
        problems = _item_problems(item)  # also clears the parameters of other rules
        if problems:
            raise ValidationError(problems)
        changes = field_changes(before, _item_state(item))
        if not changes:
            return item
        _save_item(item)
        audit_record(
            actor=actor,
            action="networks.budget_item_updated",
            obj=item,
            network=item.network_id,
            changes=changes,
        )
        return item


def usage_set(
    *, actor: Actor, item: BudgetItem, authority: Authority, usage: Decimal
) -> BudgetItem:
    """Set a member's usage figure for an open item (0 removes it)."""
    with transaction.atomic():
        item = BudgetItem.objects.select_for_update().get(pk=item.pk)
        problems = []
        if _closed(item):
            problems.append(_("Der Posten ist abgeschlossen und kann nicht geändert werden."))
        participants = item_participants(item)
        others = {other.authority_id for other in participants.others}
        if authority.pk in others:
            problems.append(
                _("%(name)s nimmt an diesem Posten nicht teil.") % {"name": authority.name}
            )
        elif authority.pk not in participants.ids:
            problems.append(
                _("%(name)s ist zum Ende des Zeitraums kein Mitglied des Verbunds.")
                % {"name": authority.name}
            )
        try:
            valid = usage.is_finite() and 0 <= usage <= MAX_AMOUNT
        except (AttributeError, InvalidOperation):
            valid = False
        if not valid:
            problems.append(_("Die Nutzung muss eine Zahl von 0 an sein."))
        elif usage != usage.quantize(Decimal("0.01")):
            problems.append(_("Die Nutzung darf höchstens zwei Nachkommastellen haben."))
        if problems:
            raise ValidationError(problems)
        before = usage_of(item).get(authority.pk)
        if before == usage or (before is None and usage == 0):
            return item
        if usage == 0:
            BudgetUsage.objects.filter(item=item, authority=authority).delete()
        else:
            BudgetUsage.objects.update_or_create(
                item=item, authority=authority, defaults={"usage": usage}
            )
        audit_record(
            actor=actor,
            action="networks.budget_usage_set",
            obj=item,
            network=item.network_id,
            authority=authority,
            changes=field_changes({"usage": before}, {"usage": usage}),
        )
        return item


def allocation_close(*, actor: Actor, item: BudgetItem) -> AllocationRun:
    """Close the item: compute the shares from the figures of now (the participants on
    the period's end, their population, the cases of the period, the usage entered) and
    store them with who took part and why the others did not, in words, so that the
    statements stay the same when figures, levels or agreements change later."""
    with transaction.atomic():
        item = BudgetItem.objects.select_for_update().get(pk=item.pk)
        if _closed(item):
            raise ValidationError(_("Der Posten ist bereits abgeschlossen."))
        problems = _item_problems(item, closing=True)
        if problems:
            # Closing has no form: every message as one list, the rule's ones included.
            raise ValidationError([m for messages in problems.values() for m in messages])
        participants = item_participants(item)
        key = AllocationKey(
            equal=item.weight_equal,
            population=item.weight_population,
            cases=item.weight_cases,
            usage=item.weight_usage,
        )
        ruling = item_vat_ruling(item)
        vat_rate = ruling.rate if ruling is not None else item_vat_rate(item)
        result = allocate(
            item.amount, item_bases(item, participants=participants), key, vat_rate=vat_rate
        )
        remainder_note = result.remainder_note
        if ruling is not None:
            # The frozen run keeps which assessment decided its VAT.
            remainder_note += "\n" + _("Umsatzsteuer: %(basis)s") % {"basis": ruling.basis}
        run = AllocationRun.objects.create(
            item=item,
            computed_at=timezone.now(),
            computed_by_id=actor_id(actor),
            vat_rate=vat_rate,
            remainder_note=remainder_note,
            participants_note=participants.summary,
            non_participants_note="\n".join(participants.sentences),
        )
        AllocationRow.objects.bulk_create(
            AllocationRow(
                run=run,
                authority_id=share.authority_id,
                position=position,
                name=share.name,
                population=share.basis.population,
                cases=share.basis.cases,
                usage=Decimal(share.basis.usage),
                equal_part=share.equal,
                population_part=share.population,
                cases_part=share.cases,
                usage_part=share.usage,
                net=share.net,
                vat=share.vat,
                gross=share.gross,
                exact=str(share.exact),
                remainder_cent=share.remainder_cent,
            )
            for position, share in enumerate(result.shares)
        )
        audit_record(
            actor=actor,
            action="networks.allocation_closed",
            obj=item,
            network=item.network_id,
            changes={
                "participants": [None, participants.rule],
                "members": [None, len(result.shares)],
                "net_total": [None, str(result.net_total)],
                "vat_total": [None, str(result.vat_total)],
                "gross_total": [None, str(result.gross_total)],
            },
        )
        return run


def development_cost_set(
    *, actor: Actor, network: Network, amount: Decimal | None, service_id: int | None = None
) -> DevelopmentCost | None:
    """Set what building one online service would cost a member alone: the network's
    default (``service_id`` empty) or one published service's figure. ``None`` removes
    it."""
    service = None
    if service_id is not None:
        service = service_directory().services([service_id]).get(service_id)
        if service is None or not service.published:
            raise ValidationError(
                _("Diese Leistung ist im Katalog nicht veröffentlicht."), code="service"
            )
    with transaction.atomic():
        Network.objects.select_for_update().get(pk=network.pk)
        if amount is not None and (
            not amount.is_finite()
            or amount < 0
            or amount > MAX_AMOUNT
            or amount != amount.quantize(Decimal("0.01"))
        ):
            raise ValidationError(
                _("Die Entwicklungskosten müssen ein Betrag von 0 an auf den Cent genau sein.")
            )
        rows = DevelopmentCost.objects.filter(network=network)
        row = (
            rows.filter(service__isnull=True)
            if service_id is None
            else rows.filter(service_id=service_id)
        ).first()
        before = row.amount if row is not None else None
        if before == amount:
            return row
        if amount is None:
            assert row is not None
            row.delete()
        elif row is None:
            row = DevelopmentCost.objects.create(
                network=network, service_id=service_id, amount=amount
            )
        else:
            row.amount = amount
            row.save(update_fields=["amount"])
        audit_record(
            actor=actor,
            action="networks.development_cost_set",
            obj=network,
            network=network,
            changes={
                "service": [None, service.leika_key if service is not None else None],
                **field_changes({"amount": before}, {"amount": amount}),
            },
        )
        return row if amount is not None else None
