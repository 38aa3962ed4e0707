"""Writes of the §2b UStG activity analysis. Each function is atomic, refuses with a
German ``ValidationError`` keyed by the field (nothing is saved then) and records one
audit entry in the authority's chain.

An assessment's life: draft (the member's staff) or prepared (the service centre of a
network the member delegated the ``vat`` tool to) → approved (the member's
``authority_admin``). While open it may be decided again; an approved assessment is
never changed: a new year or a change makes a new one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.authorities.models import Authority
from verbund.core.access import Action, can
from verbund.core.actors import Actor, actor_id
from verbund.core.audit import audit_record
from verbund.networks.models import AreaTool, Network
from verbund.networks.selectors import is_active_member, tool_delegations
from verbund.vat import rules
from verbund.vat.models import (
    ActivityGroup,
    Assessment,
    AssessmentStatus,
    Rate,
    RevenueStream,
    StreamAmount,
)
from verbund.vat.selectors import group_total_of, open_assessment

__all__ = [
    "amount_set",
    "assessment_approve",
    "assessment_decide",
    "assessment_reuse",
    "group_create",
    "stream_create",
    "stream_update",
    "streams_mark_reminded",
]

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_AMOUNT = Decimal("999999999999.99")
ANSWER_FIELDS = tuple(
    f.name for f in fields(rules.Answers) if f.name not in ("legal_form", "counterparty")
)


def _refuse_unless(actor: Actor, action: Action, obj: Any, message: str) -> None:
    # Views check the policy before they call; a script or a bug must not slip past it.
    if actor is not None and not can(actor, action, obj):
        raise ValidationError(message, code="forbidden")


def _check_network_delegation(authority: Authority, network: Network | None) -> None:
    if network is None:
        return
    delegated = tool_delegations(AreaTool.VAT, authority_ids={authority.pk})
    if network.pk not in delegated.get(authority.pk, set()):
        raise ValidationError(
            _(
                "%(name)s hat die Umsatzsteuer-Tätigkeitsanalyse nicht an „%(network)s“ "
                "übertragen (Stufe 4 im Kooperationsfeld)."
            )
            % {"name": authority.name, "network": network.name},
            code="not_delegated",
        )


def _check_year(year: int, problems: dict[str, list[str]]) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        problems.setdefault("year", []).append(
            _("Das Jahr muss zwischen %(min)d und %(max)d liegen.")
            % {"min": MIN_YEAR, "max": MAX_YEAR}
        )


# --- groups --------------------------------------------------------------------------------------


def group_create(*, actor: Actor, authority: Authority, name: str) -> ActivityGroup:
    """A new group of similar activities (gleichartige Tätigkeiten) of ``authority``."""
    with transaction.atomic():
        name = name.strip()
        if not name or len(name) > 200:
            raise ValidationError(
                {"name": _("Bitte geben Sie eine Bezeichnung mit höchstens 200 Zeichen an.")}
            )
        if ActivityGroup.objects.filter(authority=authority, name=name).exists():
            raise ValidationError({"name": _("Eine Gruppe mit dieser Bezeichnung gibt es schon.")})
        group = ActivityGroup.objects.create(authority=authority, name=name)
        audit_record(
            actor=actor,
            action="vat.group_created",
            obj=group,
            authority=authority.pk,
            changes={"name": name},
        )
        return group


# --- streams -------------------------------------------------------------------------------------


def _stream_values(
    *,
    authority: Authority,
    title: str,
    account: str,
    legal_form: str,
    legal_basis: str,
    counterparty: str,
    group: ActivityGroup | None,
    network: Network | None,
    notes: str,
    stream: RevenueStream | None = None,
) -> dict[str, Any]:
    problems: dict[str, list[str]] = {}
    title, account, legal_basis, notes = (
        title.strip(),
        account.strip(),
        legal_basis.strip(),
        notes.strip(),
    )
    if not title or len(title) > 200:
        problems["title"] = [_("Bitte geben Sie eine Bezeichnung mit höchstens 200 Zeichen an.")]
    if len(account) > 100:
        problems["account"] = [_("Das Konto oder Produkt darf höchstens 100 Zeichen lang sein.")]
    if legal_form not in set(rules.LegalForm):
        problems["legal_form"] = [_("Bitte wählen Sie die Rechtsform der Tätigkeit.")]
    if not legal_basis:
        problems["legal_basis"] = [
            _(
                "Bitte geben Sie die Rechtsgrundlage an (Satzung, Gebührensatzung oder "
                "Vertrag); ohne sie lässt sich die Tätigkeit nicht bewerten."
            )
        ]
    elif len(legal_basis) > 300:
        problems["legal_basis"] = [_("Die Rechtsgrundlage darf höchstens 300 Zeichen lang sein.")]
    if counterparty not in set(rules.Counterparty):
        problems["counterparty"] = [_("Bitte wählen Sie, an wen die Leistung geht.")]
    if len(notes) > 5000:
        problems["notes"] = [_("Die Anmerkungen dürfen höchstens 5000 Zeichen lang sein.")]
    if group is not None and group.authority_id != authority.pk:
        problems["group"] = [_("Die Gruppe gehört zu einer anderen Behörde.")]
    if network is not None:
        if (
            not is_active_member(authority.pk)
            or not network.memberships.filter(authority_id=authority.pk).exists()
        ):
            problems["network"] = [
                _("%(name)s ist kein aktives Mitglied des Verbunds „%(network)s“.")
                % {"name": authority.name, "network": network.name}
            ]
        else:
            taken = RevenueStream.objects.filter(network=network)
            if stream is not None:
                taken = taken.exclude(pk=stream.pk)
            if taken.exists():
                problems["network"] = [
                    _(
                        "Für die Kostenerstattung im Verbund „%(network)s“ gibt es schon eine "
                        "Einnahmeart."
                    )
                    % {"network": network.name}
                ]
    if problems:
        raise ValidationError(problems)
    return {
        "title": title,
        "account": account,
        "legal_form": legal_form,
        "legal_basis": legal_basis,
        "counterparty": counterparty,
        "group": group,
        "network": network,
        "notes": notes,
    }


def _audited(values: dict[str, Any]) -> dict[str, Any]:
    return {
        **{k: v for k, v in values.items() if k not in ("group", "network")},
        "group": values["group"].name if values["group"] is not None else None,
        "network": values["network"].pk if values["network"] is not None else None,
    }


def stream_create(
    *,
    actor: Actor,
    authority: Authority,
    title: str,
    legal_form: str,
    legal_basis: str,
    counterparty: str,
    account: str = "",
    group: ActivityGroup | None = None,
    network: Network | None = None,
    notes: str = "",
) -> RevenueStream:
    """Add a revenue stream to ``authority``'s register. ``network``: the stream is the
    reimbursement the members pay in that network's cost allocation."""
    with transaction.atomic():
        values = _stream_values(
            authority=authority,
            title=title,
            account=account,
            legal_form=legal_form,
            legal_basis=legal_basis,
            counterparty=counterparty,
            group=group,
            network=network,
            notes=notes,
        )
        stream = RevenueStream.objects.create(authority=authority, **values)
        audit_record(
            actor=actor,
            action="vat.stream_created",
            obj=stream,
            authority=authority.pk,
            changes=_audited(values),
        )
        return stream


def stream_update(
    *,
    actor: Actor,
    stream: RevenueStream,
    title: str,
    legal_form: str,
    legal_basis: str,
    counterparty: str,
    account: str = "",
    group: ActivityGroup | None = None,
    network: Network | None = None,
    notes: str = "",
) -> RevenueStream:
    """Change a stream's entry. A change of legal form, counterparty or group makes its
    assessments due again (counted like a change of the amounts)."""
    with transaction.atomic():
        stream = RevenueStream.objects.select_for_update().get(pk=stream.pk)
        _refuse_unless(
            actor, Action.CHANGE, stream, _("Sie dürfen diese Einnahmeart nicht ändern.")
        )
        values = _stream_values(
            authority=stream.authority,
            title=title,
            account=account,
            legal_form=legal_form,
            legal_basis=legal_basis,
            counterparty=counterparty,
            group=group,
            network=network,
            notes=notes,
            stream=stream,
        )
        before = _audited(
            {name: getattr(stream, name) for name in values if name not in ("group", "network")}
            | {"group": stream.group, "network": stream.network}
        )
        after = _audited(values)
        changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if not changes:
            return stream
        for name, value in values.items():
            setattr(stream, name, value)
        if {"legal_form", "counterparty", "group"} & changes.keys():
            stream.amounts_changed_at = timezone.now()
        stream.save()
        audit_record(
            actor=actor,
            action="vat.stream_updated",
            obj=stream,
            authority=stream.authority_id,
            changes=changes,
        )
        return stream


def amount_set(
    *,
    actor: Actor,
    stream: RevenueStream,
    year: int,
    forecast: Decimal | None,
    actual: Decimal | None = None,
) -> StreamAmount:
    """Set the forecast (and the actual, once known) turnover of ``year``. A changed
    amount marks the stream: assessments decided before are due again."""
    with transaction.atomic():
        stream = RevenueStream.objects.select_for_update().get(pk=stream.pk)
        _refuse_unless(
            actor, Action.CHANGE, stream, _("Sie dürfen diese Einnahmeart nicht ändern.")
        )
        problems: dict[str, list[str]] = {}
        _check_year(year, problems)
        if forecast is None:
            problems["forecast"] = [_("Bitte geben Sie die Prognose an.")]
        elif forecast < 0:
            problems["forecast"] = [_("Die Prognose darf nicht negativ sein.")]
        elif forecast > MAX_AMOUNT:
            problems["forecast"] = [_("Die Prognose ist zu groß.")]
        if actual is not None and actual < 0:
            problems["actual"] = [_("Der Ist-Betrag darf nicht negativ sein.")]
        elif actual is not None and actual > MAX_AMOUNT:
            problems["actual"] = [_("Der Ist-Betrag ist zu groß.")]
        if problems:
            raise ValidationError(problems)
        assert forecast is not None
        forecast = forecast.quantize(Decimal("0.01"))
        actual = actual.quantize(Decimal("0.01")) if actual is not None else None
        amount = StreamAmount.objects.filter(stream=stream, year=year).first()
        before = (amount.forecast, amount.actual) if amount else (None, None)
        if before == (forecast, actual):
            assert amount is not None
            return amount
        if amount is None:
            amount = StreamAmount(stream=stream, authority_id=stream.authority_id, year=year)
        amount.forecast, amount.actual = forecast, actual
        amount.save()
        stream.amounts_changed_at = timezone.now()
        stream.save(update_fields=["amounts_changed_at", "updated_at"])
        audit_record(
            actor=actor,
            action="vat.amount_set",
            obj=stream,
            authority=stream.authority_id,
            changes={
                "year": year,
                "forecast": [None if before[0] is None else str(before[0]), str(forecast)],
                "actual": [
                    None if before[1] is None else str(before[1]),
                    None if actual is None else str(actual),
                ],
            },
        )
        return amount


# --- assessments ---------------------------------------------------------------------------------


def _answers(stream: RevenueStream, answers: dict[str, Any]) -> rules.Answers:
    values = {name: answers.get(name) for name in ANSWER_FIELDS}
    return rules.Answers(legal_form=stream.legal_form, counterparty=stream.counterparty, **values)


def _decision(
    stream: RevenueStream, answers: rules.Answers, year: int
) -> tuple[rules.Decision, Decimal]:
    if not stream.legal_basis.strip():
        raise ValidationError(
            {
                "legal_basis": _(
                    "Die Einnahmeart hat keine Rechtsgrundlage; tragen Sie sie zuerst ein."
                )
            }
        )
    total = group_total_of(stream, year)
    try:
        return rules.decide(answers, total), total
    except rules.Unanswered as missing:
        raise ValidationError(
            {
                missing.field: _("Bitte beantworten Sie diese Frage: %(question)s")
                % {"question": rules.QUESTION_TEXT[missing.field]}
            }
        ) from None


def _outcome(decision: rules.Decision, rate: str, exemption: str) -> tuple[str, str]:
    exemption = exemption.strip()
    if decision.result is rules.Result.NOT_TAXABLE:
        return "", ""
    if rate not in set(Rate.values):
        raise ValidationError(
            {
                "rate": _(
                    "Die Tätigkeit ist steuerbar: bitte wählen Sie den Steuersatz (19 % oder 7 %)."
                )
            }
        )
    if len(exemption) > 200:
        raise ValidationError(
            {"exemption": _("Die Steuerbefreiung darf höchstens 200 Zeichen lang sein.")}
        )
    return rate, exemption


def _record(assessment: Assessment, *, actor: Actor, action: str, extra: dict[str, Any]) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=assessment,
        authority=assessment.authority_id,
        changes={
            "year": assessment.year,
            "result": assessment.result,
            "rule": assessment.rule,
            "rate": assessment.rate or None,
            "exemption": assessment.exemption or None,
            "group_total": str(assessment.group_total),
            **extra,
        },
    )


def assessment_decide(
    *,
    actor: Actor,
    stream: RevenueStream,
    year: int,
    answers: dict[str, Any],
    rate: str = "",
    exemption: str = "",
    prepared_by_network: Network | None = None,
    reused_from: Assessment | None = None,
) -> Assessment:
    """Run the decision tree for ``stream`` and ``year`` and keep the result: the open
    assessment of that year is decided again, else a new one is made. The 17,500 € test
    reads the register (the group's forecast total of the year). ``prepared_by_network``:
    the service centre prepares it for the member (which needs the delegation); it then
    waits for the member's approval."""
    with transaction.atomic():
        stream = RevenueStream.objects.select_for_update().get(pk=stream.pk)
        _refuse_unless(
            actor, Action.CHANGE, stream, _("Sie dürfen diese Einnahmeart nicht bewerten.")
        )
        problems: dict[str, list[str]] = {}
        _check_year(year, problems)
        if problems:
            raise ValidationError(problems)
        _check_network_delegation(stream.authority, prepared_by_network)
        built = _answers(stream, answers)
        decision, total = _decision(stream, built, year)
        rate, exemption = _outcome(decision, rate, exemption)
        assessment = open_assessment(stream, year)
        revised = assessment is not None
        if assessment is None:
            assessment = Assessment(authority_id=stream.authority_id, stream=stream, year=year)
        assessment.answers = built.to_document()
        assessment.result = decision.result
        assessment.rule = decision.rule
        assessment.rate, assessment.exemption = rate, exemption
        assessment.group_total = total
        assessment.explanation = decision.explanation
        assessment.status = (
            AssessmentStatus.PREPARED if prepared_by_network else AssessmentStatus.DRAFT
        )
        assessment.prepared_by_network = prepared_by_network
        assessment.prepared_by_id = actor_id(actor)
        if reused_from is not None:
            assessment.reused_from = reused_from
        assessment.decided_at = timezone.now()
        assessment.save()
        extra: dict[str, Any] = {
            "status": assessment.status,
            "prepared_by_network": prepared_by_network.pk if prepared_by_network else None,
        }
        if reused_from is not None:
            extra["reused_from"] = reused_from.pk
            _record(assessment, actor=actor, action="vat.assessment_reused", extra=extra)
        elif revised:
            _record(assessment, actor=actor, action="vat.assessment_revised", extra=extra)
        else:
            _record(assessment, actor=actor, action="vat.assessment_created", extra=extra)
        return assessment


def assessment_reuse(
    *,
    actor: Actor,
    stream: RevenueStream,
    source: Assessment,
    year: int,
    prepared_by_network: Network | None = None,
) -> Assessment:
    """Start ``stream``'s assessment of ``year`` from another member's approved one: its
    answers are copied; the legal form and counterparty are the stream's own and the
    17,500 € test is computed with this member's group total, never copied."""
    if source.status != AssessmentStatus.APPROVED:
        raise ValidationError(
            _("Nur eine freigegebene Bewertung kann übernommen werden."), code="not_approved"
        )
    if source.authority_id == stream.authority_id:
        raise ValidationError(
            _("Übernehmen Sie die Bewertung eines anderen Mitglieds."), code="own"
        )
    return assessment_decide(
        actor=actor,
        stream=stream,
        year=year,
        answers=dict(source.answers),
        rate=source.rate,
        exemption=source.exemption,
        prepared_by_network=prepared_by_network,
        reused_from=source,
    )


def assessment_approve(*, actor: Actor, assessment: Assessment) -> Assessment:
    """The member's ``authority_admin`` approves a draft or a prepared assessment."""
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if assessment.status == AssessmentStatus.APPROVED:
            raise ValidationError(_("Diese Bewertung ist schon freigegeben."), code="approved")
        _refuse_unless(
            actor,
            Action.MANAGE,
            assessment,
            _("Freigeben darf nur die Verwaltung der Behörde, deren Einnahme es ist."),
        )
        before = assessment.status
        assessment.status = AssessmentStatus.APPROVED
        assessment.approved_by_id = actor_id(actor)
        assessment.approved_at = timezone.now()
        assessment.save(update_fields=["status", "approved_by", "approved_at"])
        _record(
            assessment,
            actor=actor,
            action="vat.assessment_approved",
            extra={"status": [before, AssessmentStatus.APPROVED]},
        )
        return assessment


def streams_mark_reminded(
    *, actor: Actor, authority: Authority, reminders: dict[int, str], when: dt.datetime
) -> int:
    """Note that the authority's admins were reminded of the streams (``{stream id: due
    key}``), so the same reason is not sent again."""
    with transaction.atomic():
        streams = list(
            RevenueStream.objects.select_for_update().filter(
                authority=authority, pk__in=list(reminders)
            )
        )
        for stream in streams:
            stream.reminded_for = reminders[stream.pk][:80]
            stream.reminded_at = when
        RevenueStream.objects.bulk_update(streams, ["reminded_for", "reminded_at"])
        audit_record(
            actor=actor,
            action="vat.reminder_sent",
            obj=None,
            authority=authority.pk,
            changes={"streams": sorted(s.title for s in streams)},
        )
        return len(streams)
