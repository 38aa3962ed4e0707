"""Writes on surveys: build, address, launch, remind, close; and the recipients'
answers through their personal link.

Each function is atomic, raises ``ValidationError`` naming every problem (nothing is
saved then) and writes one audit entry, last in its transaction. The coordinators'
writes belong to the network's audit chain; a recipient's answers to the chain of the
authority that answers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import secrets
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.authorities.models import Authority
from verbund.core.actors import Actor, SystemActor
from verbund.core.audit import audit_record
from verbund.networks.models import Network
from verbund.surveys import engine, tasks
from verbund.surveys.models import Recipient, Survey, SurveyStatus

MAX_RECIPIENT_LINES = 20000
RESPONDENT = SystemActor(username="survey-respondent")

__all__ = [
    "RESPONDENT",
    "AddressLine",
    "recipient_remove",
    "recipients_add",
    "recipients_parse",
    "recipients_remind",
    "response_save",
    "response_submit",
    "survey_close",
    "survey_create",
    "survey_definition_set",
    "survey_launch",
    "survey_update",
    "surveys_close_due",
]


def _refuse(problems: Sequence[str]) -> None:
    if problems:
        raise ValidationError(list(problems))


def _locked(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().get(pk=survey.pk)


# --- the survey -----------------------------------------------------------------------------


def _title_problems(network: Network, title: str, exclude: int | None = None) -> list[str]:
    if not title:
        return [_("Bitte geben Sie einen Titel an.")]
    same = Survey.objects.filter(network=network, title__iexact=title)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        return [_("Die Umfrage „%(title)s“ gibt es in diesem Verbund schon.") % {"title": title}]
    return []


def survey_create(
    *,
    actor: Actor,
    network: Network,
    title: str,
    intro: str = "",
    closes_on: dt.date | None = None,
    definition: Mapping[str, Any] | None = None,
) -> Survey:
    """A new survey of the network, in preparation."""
    title = title.strip()
    problems = _title_problems(network, title)
    if closes_on is not None and closes_on < timezone.localdate():
        problems.append(_("Der Einsendeschluss liegt in der Vergangenheit."))
    if definition is not None:
        try:
            engine.compile_survey(definition)
        except engine.DefinitionError as error:
            problems.extend(error.problems)
    _refuse(problems)
    with transaction.atomic():
        survey = Survey.objects.create(
            network=network,
            title=title,
            intro=intro.strip(),
            closes_on=closes_on,
            definition=dict(definition) if definition is not None else engine.empty_definition(),
        )
        audit_record(
            actor=actor,
            action="survey.create",
            obj=survey,
            network=network.pk,
            changes={"title": title, "closes_on": closes_on},
        )
    return survey


def survey_update(
    *, actor: Actor, survey: Survey, title: str, intro: str, closes_on: dt.date | None
) -> Survey:
    """Title, introduction and deadline. A closed survey stays as it is; a running one
    may move its deadline, but not into the past."""
    title = title.strip()
    with transaction.atomic():
        locked = _locked(survey)
        problems = _title_problems(locked.network, title, exclude=locked.pk)
        if locked.status == SurveyStatus.CLOSED:
            problems.append(_("Eine abgeschlossene Umfrage kann nicht mehr geändert werden."))
        if (
            closes_on is not None
            and closes_on < timezone.localdate()
            and closes_on != locked.closes_on
        ):
            problems.append(_("Der Einsendeschluss liegt in der Vergangenheit."))
        _refuse(problems)
        before = {"title": locked.title, "intro": locked.intro, "closes_on": locked.closes_on}
        locked.title, locked.intro, locked.closes_on = title, intro.strip(), closes_on
        locked.save(update_fields=["title", "intro", "closes_on", "updated_at"])
        after = {"title": locked.title, "intro": locked.intro, "closes_on": locked.closes_on}
        audit_record(
            actor=actor,
            action="survey.update",
            obj=locked,
            network=locked.network_id,
            changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
        )
    return locked


def survey_definition_set(*, actor: Actor, survey: Survey, definition: Mapping[str, Any]) -> Survey:
    """The survey's questions. In preparation anything may change; once launched only
    the wording (texts, help, labels): a change that would alter what an answer means
    is refused, and each accepted fix counts as a new revision."""
    try:
        compiled = engine.compile_survey(definition)
    except engine.DefinitionError as error:
        raise ValidationError(error.problems) from None
    with transaction.atomic():
        locked = _locked(survey)
        if locked.status == SurveyStatus.CLOSED:
            _refuse([_("Eine abgeschlossene Umfrage kann nicht mehr geändert werden.")])
        if locked.status == SurveyStatus.OPEN:
            if engine.structure_changes(engine.compile_survey(locked.definition), compiled):
                _refuse(
                    [
                        _(
                            "Die Umfrage läuft schon: Nur noch Formulierungen dürfen sich "
                            "ändern, nicht Fragen, Antwortmöglichkeiten, Punkte oder Bedingungen."
                        )
                    ]
                )
            locked.revision += 1
        if engine.definition_digest(locked.definition) == compiled.digest:
            return locked
        locked.definition = dict(definition)
        locked.save(update_fields=["definition", "revision", "updated_at"])
        audit_record(
            actor=actor,
            action="survey.definition",
            obj=locked,
            network=locked.network_id,
            changes={"questions": len(compiled.questions), "revision": locked.revision},
        )
    return locked


def survey_launch(*, actor: Actor, survey: Survey) -> Survey:
    """Start the survey: every recipient gets an invitation with their personal link
    (queued, sent by the task worker)."""
    with transaction.atomic():
        locked = _locked(survey)
        problems: list[str] = []
        if locked.status != SurveyStatus.DRAFT:
            problems.append(_("Die Umfrage wurde schon gestartet."))
        if not engine.compile_survey(locked.definition).questions:
            problems.append(_("Die Umfrage hat noch keine Fragen."))
        recipient_ids = list(locked.recipients.values_list("pk", flat=True))
        if not recipient_ids:
            problems.append(_("Die Umfrage hat noch keine Empfänger."))
        if locked.closes_on is not None and locked.closes_on < timezone.localdate():
            problems.append(_("Der Einsendeschluss liegt in der Vergangenheit."))
        _refuse(problems)
        locked.status = SurveyStatus.OPEN
        locked.launched_at = timezone.now()
        locked.save(update_fields=["status", "launched_at", "updated_at"])
        _queue_invitations(recipient_ids)
        audit_record(
            actor=actor,
            action="survey.launch",
            obj=locked,
            network=locked.network_id,
            changes={"recipients": len(recipient_ids), "closes_on": locked.closes_on},
        )
    return locked


def survey_close(*, actor: Actor, survey: Survey) -> Survey:
    """Close the survey: nobody can answer any more. Drafts stay stored (and readable
    by the coordinators); only submitted answers count in the results."""
    with transaction.atomic():
        locked = _locked(survey)
        if locked.status != SurveyStatus.OPEN:
            _refuse([_("Nur eine laufende Umfrage kann abgeschlossen werden.")])
        locked.status = SurveyStatus.CLOSED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at", "updated_at"])
        audit_record(
            actor=actor,
            action="survey.close",
            obj=locked,
            network=locked.network_id,
            changes={"answered": locked.recipients.filter(submitted_at__isnull=False).count()},
        )
    return locked


def surveys_close_due(*, today: dt.date | None = None) -> int:
    """Close every running survey whose deadline has passed (the daily housekeeping);
    the number closed."""
    today = today or timezone.localdate()
    closed = 0
    for survey in Survey.objects.filter(status=SurveyStatus.OPEN, closes_on__lt=today):
        survey_close(actor=None, survey=survey)
        closed += 1
    return closed


# --- recipients -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AddressLine:
    authority: Authority
    email: str


def recipients_parse(text: str) -> list[AddressLine]:
    """An address list, one authority per line: its Regionalschlüssel (ARS, 12 digits,
    or the shorter key of a Land or Kreis) and an e-mail address, separated by ";",
    "," or a tab; a first line naming the columns is skipped. Raises
    ``ValidationError`` naming every bad line; nothing is taken then."""
    lines = text.lstrip("\ufeff").splitlines()
    if len(lines) > MAX_RECIPIENT_LINES:
        raise ValidationError([_("Höchstens %(n)s Zeilen je Liste.") % {"n": MAX_RECIPIENT_LINES}])
    problems: list[tuple[int, str]] = []
    rows: list[tuple[int, str, str]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        dialect = ";" if ";" in line else ("\t" if "\t" in line else ",")
        cells = [c.strip() for c in next(csv.reader(io.StringIO(line), delimiter=dialect))]
        if number == 1 and cells and not cells[0].isdigit():
            continue  # the header
        if len(cells) < 2 or not cells[0] or not cells[1]:
            message = _("Zeile %(n)s: Bitte Regionalschlüssel und E-Mail-Adresse angeben.")
            problems.append((number, message % {"n": number}))
            continue
        rows.append((number, cells[0], cells[1]))
    keys = {key for _n, key, _e in rows}
    found = _authorities_by_key(keys)
    result: list[AddressLine] = []
    seen: set[int] = set()
    for number, key, email in rows:
        authority = found.get(key)
        if authority is None:
            problems.append(
                (
                    number,
                    _("Zeile %(n)s: Den Regionalschlüssel „%(key)s“ gibt es im Register nicht.")
                    % {"n": number, "key": key},
                )
            )
            continue
        try:
            validate_email(email)
        except ValidationError:
            message = _("Zeile %(n)s: „%(email)s“ ist keine gültige E-Mail-Adresse.")
            problems.append((number, message % {"n": number, "email": email}))
            continue
        if authority.pk in seen:
            message = _("Zeile %(n)s: %(name)s steht schon weiter oben in der Liste.")
            problems.append((number, message % {"n": number, "name": authority.name}))
            continue
        seen.add(authority.pk)
        result.append(AddressLine(authority, email))
    _refuse([message for _n, message in sorted(problems, key=lambda p: p[0])])
    if not result:
        raise ValidationError([_("Die Liste enthält keine Empfänger.")])
    return result


def _authorities_by_key(keys: Iterable[str]) -> dict[str, Authority]:
    """Authorities by Regionalschlüssel as the register keeps it (a Land 2 digits, a
    Kreis 5, a Gemeinde 12); a key padded with zeros to 12 digits finds it too."""
    forms: dict[str, list[str]] = {}
    for key in keys:
        if not key.isdigit() or len(key) > 12:
            continue
        forms[key] = [key] + [
            key[:n] for n in (9, 5, 3, 2) if n < len(key) and set(key[n:]) == {"0"}
        ]
    wanted = {form for found in forms.values() for form in found}
    by_ars = {a.ars: a for a in Authority.objects.filter(ars__in=wanted, dissolved_on__isnull=True)}
    result: dict[str, Authority] = {}
    for key, candidates in forms.items():
        match = next((by_ars[c] for c in candidates if c in by_ars), None)
        if match is not None:
            result[key] = match
    return result


def recipients_add(
    *, actor: Actor, survey: Survey, lines: Sequence[AddressLine]
) -> tuple[int, int]:
    """Add recipients; an authority already asked keeps its link and gets the new
    address. Returns ``(added, updated)``. In a running survey the new recipients are
    invited at once."""
    with transaction.atomic():
        locked = _locked(survey)
        if locked.status == SurveyStatus.CLOSED:
            _refuse([_("Eine abgeschlossene Umfrage kann nicht mehr geändert werden.")])
        existing = {r.authority_id: r for r in locked.recipients.all()}
        new: list[Recipient] = []
        updated = 0
        for line in lines:
            current = existing.get(line.authority.pk)
            if current is None:
                new.append(
                    Recipient(
                        survey=locked,
                        authority=line.authority,
                        email=line.email,
                        salt=secrets.token_hex(16),
                    )
                )
            elif current.email != line.email:
                current.email = line.email
                current.save(update_fields=["email"])
                updated += 1
        try:
            created = Recipient.objects.bulk_create(new, batch_size=500)
        except IntegrityError:
            raise ValidationError(
                [_("Die Empfänger wurden gerade geändert. Bitte noch einmal.")]
            ) from None
        if locked.status == SurveyStatus.OPEN and new:
            ids = list(
                Recipient.objects.filter(
                    survey=locked, authority_id__in=[r.authority_id for r in created]
                ).values_list("pk", flat=True)
            )
            _queue_invitations(ids)
        audit_record(
            actor=actor,
            action="survey.recipients_add",
            obj=locked,
            network=locked.network_id,
            changes={"recipients": len(new), "authorities": [r.authority.ars for r in new][:50]},
        )
    return len(new), updated


def recipient_remove(*, actor: Actor, recipient: Recipient) -> None:
    """Take an authority off a survey in preparation (afterwards its link may be in use)."""
    with transaction.atomic():
        locked = _locked(recipient.survey)
        if locked.status != SurveyStatus.DRAFT:
            _refuse([_("Nach dem Start werden keine Empfänger mehr entfernt.")])
        ars = recipient.authority.ars
        Recipient.objects.filter(pk=recipient.pk, survey=locked).delete()
        audit_record(
            actor=actor,
            action="survey.recipient_remove",
            obj=locked,
            network=locked.network_id,
            changes={"authority": ars},
        )


def recipients_remind(*, actor: Actor, survey: Survey) -> int:
    """Remind every recipient who has not submitted yet (queued); the number reminded."""
    with transaction.atomic():
        locked = _locked(survey)
        if not locked.accepts_answers():
            _refuse([_("Erinnern lässt sich nur an eine laufende Umfrage.")])
        ids = list(locked.recipients.filter(submitted_at__isnull=True).values_list("pk", flat=True))
        if not ids:
            _refuse([_("Alle Empfänger haben schon geantwortet.")])
        for pk in ids:
            tasks.send_reminder.enqueue(pk)
        audit_record(
            actor=actor,
            action="survey.remind",
            obj=locked,
            network=locked.network_id,
            changes={"recipients": len(ids)},
        )
    return len(ids)


def _queue_invitations(recipient_ids: Sequence[int]) -> None:
    for pk in recipient_ids:
        tasks.send_invitation.enqueue(pk)


# --- the answers ------------------------------------------------------------------------------


def _answerable(recipient: Recipient) -> Recipient:
    locked = Recipient.objects.select_for_update().select_related("survey").get(pk=recipient.pk)
    if locked.submitted_at is not None:
        _refuse([_("Diese Antworten wurden schon abgeschickt.")])
    if not locked.survey.accepts_answers():
        _refuse([_("Die Umfrage ist abgeschlossen; Antworten sind nicht mehr möglich.")])
    return locked


def response_save(
    *,
    recipient: Recipient,
    answers: Mapping[str, Any],
    respondent: str | None = None,
    keys: Collection[str] | None = None,
) -> Recipient:
    """Keep the answers so far (a draft): anyone with the link may continue. Answers are
    checked as they are typed (a wrong type is refused), not for completeness.

    ``keys``: only these questions' answers are taken from ``answers`` (a page's); the
    others stay as stored, read under the lock, so two colleagues saving different
    pages at once do not undo each other. Answers that the result hides are dropped."""
    with transaction.atomic():
        locked = _answerable(recipient)
        survey = engine.compile_survey(locked.survey.definition)
        if keys is not None:
            merged = {k: v for k, v in (locked.answers or {}).items() if k not in keys}
            merged.update({k: v for k, v in answers.items() if k in keys})
            answers = engine.prune(survey, merged)
        checked, errors = engine.check_answers(survey, dict(answers), complete=False)
        _refuse(list(errors.values()))
        locked.answers = checked
        if respondent is not None:
            locked.respondent = respondent.strip()[:200]
        locked.saved_at = timezone.now()
        locked.save(update_fields=["answers", "respondent", "saved_at"])
        audit_record(
            actor=RESPONDENT,
            action="survey.answers_save",
            obj=locked,
            authority=locked.authority_id,
            changes={"answered": len(checked)},
        )
    return locked


def response_submit(*, recipient: Recipient, respondent: str = "") -> Recipient:
    """Submit the stored answers, once: afterwards they are final and only readable.
    Refused (nothing changes) while a required question that is shown is open."""
    with transaction.atomic():
        locked = _answerable(recipient)
        survey = engine.compile_survey(locked.survey.definition)
        checked, errors = engine.check_answers(survey, locked.answers, complete=True)
        _refuse(list(errors.values()))
        now = timezone.now()
        locked.answers = checked
        locked.respondent = (respondent or locked.respondent).strip()[:200]
        locked.saved_at = locked.saved_at or now
        locked.submitted_at = now
        locked.revision = locked.survey.revision
        locked.save(update_fields=["answers", "respondent", "saved_at", "submitted_at", "revision"])
        audit_record(
            actor=RESPONDENT,
            action="survey.answers_submit",
            obj=locked,
            authority=locked.authority_id,
            changes={"answered": len(checked), "revision": locked.revision},
        )
    return locked
