"""Writes on good practices. Each function is atomic, reports every problem at once in
German (a ``ValidationError`` keyed by the form's field names; nothing is saved then)
and records an audit entry in the publishing authority's chain.

The life cycle: draft → published ⇄ withdrawn. A draft may be incomplete (a proposal
from a survey answer has only a title and its solution); publishing needs the summary,
the problem, the solution and a contact. A published practice stays complete: its
edits are checked as a publication is.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.authorities.folding import fold
from verbund.authorities.models import Authority
from verbund.catalogue.models import Service, ServiceStatus
from verbund.core.actors import Actor
from verbund.core.audit import audit_record, field_changes
from verbund.core.generations import generation_bump
from verbund.networks.groups.models import ProjectGroup
from verbund.networks.roadmap.models import RoadmapItem
from verbund.networks.selectors import active_member_ids
from verbund.practices.answers import answer_text, field_of_action_for, question_of
from verbund.practices.index import GENERATION, index_changed
from verbund.practices.models import CostPeriod, FieldOfAction, GoodPractice, PracticeStatus
from verbund.surveys.models import Recipient

__all__ = [
    "PracticeContent",
    "content_of",
    "practice_create",
    "practice_propose_from_answer",
    "practice_publish",
    "practice_update",
    "practice_withdraw",
]

MAX_TITLE = 200
MAX_SUMMARY = 600
MAX_TEXT = 10_000
MAX_CONTACT = 200
MAX_AMOUNT = Decimal("9999999999.99")
PROPOSAL_TITLE = 120
_PHONE = re.compile(r"^\+?[0-9][0-9 ()/\-]{2,38}$")

# The texts the search reads, in this order.
SEARCHED = ("title", "summary", "problem", "solution", "results")


@dataclass(frozen=True)
class PracticeContent:
    """What the authority writes about a practice (every field of the form)."""

    title: str
    summary: str = ""
    problem: str = ""
    solution: str = ""
    results: str = ""
    cost_text: str = ""
    cost_amount: Decimal | None = None
    cost_period: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    field_of_action: str = FieldOfAction.OTHER
    service: Service | None = None
    project_group: ProjectGroup | None = None
    roadmap_item: RoadmapItem | None = None

    def stripped(self) -> PracticeContent:
        return dataclasses.replace(
            self,
            **{
                f.name: getattr(self, f.name).strip()
                for f in dataclasses.fields(self)
                if isinstance(getattr(self, f.name), str)
            },
        )


_CONTENT_FIELDS = tuple(f.name for f in dataclasses.fields(PracticeContent))


def content_of(practice: GoodPractice) -> PracticeContent:
    """A practice's content as it is, e.g. to change one part of it with
    ``dataclasses.replace``."""
    return PracticeContent(**{name: getattr(practice, name) for name in _CONTENT_FIELDS})


def search_text(content: PracticeContent | GoodPractice) -> str:
    return fold(" ".join(getattr(content, name) for name in SEARCHED))


# --- checks -------------------------------------------------------------------------------


def _labels() -> dict[str, str]:
    return {
        "summary": _("Kurz gefasst"),
        "problem": _("Ausgangslage"),
        "solution": _("Lösung"),
        "results": _("Ergebnisse"),
        "cost_text": _("Kosten"),
        "contact_name": _("Ansprechperson"),
        "contact_email": _("E-Mail-Adresse der Ansprechperson"),
    }


def _problems(
    authority: Authority, content: PracticeContent, *, publishing: bool
) -> dict[str, list[str]]:
    """Every problem of ``content`` for ``authority``, by form field ("__all__" for the
    rest); ``publishing`` adds what a published practice needs."""
    problems: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    labels = _labels()
    if not content.title:
        add("title", _("Bitte geben Sie einen Titel an."))
    elif len(content.title) > MAX_TITLE:
        add("title", _("Der Titel darf höchstens %(max)s Zeichen lang sein.") % {"max": MAX_TITLE})
    if len(content.summary) > MAX_SUMMARY:
        add(
            "summary",
            _("„Kurz gefasst“ darf höchstens %(max)s Zeichen lang sein.") % {"max": MAX_SUMMARY},
        )
    for name in ("problem", "solution", "results", "cost_text"):
        if len(getattr(content, name)) > MAX_TEXT:
            add(
                name,
                _("„%(field)s“ darf höchstens %(max)s Zeichen lang sein.")
                % {"field": labels[name], "max": f"{MAX_TEXT:,}".replace(",", ".")},
            )
    if content.field_of_action not in FieldOfAction.values:
        add("field_of_action", _("Unbekanntes Handlungsfeld."))
    if len(content.contact_name) > MAX_CONTACT:
        add(
            "contact_name",
            _("Der Name der Ansprechperson darf höchstens %(max)s Zeichen lang sein.")
            % {"max": MAX_CONTACT},
        )
    if content.contact_email:
        try:
            validate_email(content.contact_email)
        except ValidationError:
            add("contact_email", _("Die E-Mail-Adresse der Ansprechperson ist ungültig."))
    if content.contact_phone and not _PHONE.match(content.contact_phone):
        add(
            "contact_phone",
            _("Eine Telefonnummer besteht aus Ziffern, Leerzeichen und + ( ) / -."),
        )
    _cost_problems(content, add)
    _link_problems(authority, content, add)
    if publishing:
        missing = [
            labels[name]
            for name in ("summary", "problem", "solution", "contact_name", "contact_email")
            if not getattr(content, name)
        ]
        if missing:
            add(
                NON_FIELD_ERRORS,
                _("Zum Veröffentlichen fehlt noch: %(fields)s.") % {"fields": ", ".join(missing)},
            )
    return problems


def _cost_problems(content: PracticeContent, add: Any) -> None:
    amount = content.cost_amount
    if amount is not None:
        if not amount.is_finite() or amount < 0:
            add("cost_amount", _("Die Kosten dürfen nicht negativ sein."))
        elif amount > MAX_AMOUNT:
            add("cost_amount", _("Der Betrag ist zu groß."))
        elif amount.as_tuple().exponent < -2:  # type: ignore[operator]
            add("cost_amount", _("Geben Sie den Betrag mit höchstens zwei Nachkommastellen an."))
    if content.cost_period and content.cost_period not in CostPeriod.values:
        add("cost_period", _("Unbekannter Zeitraum der Kosten."))
    elif amount is not None and not content.cost_period:
        add(
            "cost_period",
            _("Geben Sie an, ob der Betrag einmalig, monatlich oder jährlich anfällt."),
        )
    elif amount is None and content.cost_period:
        add("cost_amount", _("Zum Zeitraum der Kosten fehlt der Betrag."))


def _link_problems(authority: Authority, content: PracticeContent, add: Any) -> None:
    service = content.service
    if service is not None and service.status != ServiceStatus.PUBLISHED:
        add(
            "service",
            _("Die Leistung „%(title)s“ ist nicht im Katalog veröffentlicht.")
            % {"title": service.title},
        )
    for name, linked, what in (
        ("project_group", content.project_group, _("Projektgruppe")),
        ("roadmap_item", content.roadmap_item, _("Vorhaben")),
    ):
        if linked is None:
            continue
        if authority.pk not in active_member_ids(linked.network):
            add(
                name,
                _(
                    "%(what)s „%(title)s“ gehört zum Verbund „%(network)s“, in dem "
                    "%(authority)s nicht Mitglied ist."
                )
                % {
                    "what": what,
                    "title": str(linked),
                    "network": linked.network.name,
                    "authority": authority.name,
                },
            )


def _refuse(problems: dict[str, list[str]]) -> None:
    if problems:
        raise ValidationError(problems)


# --- audit --------------------------------------------------------------------------------


def _state(practice: GoodPractice) -> dict[str, Any]:
    return {
        **{name: getattr(practice, name) for name in _CONTENT_FIELDS},
        "service": practice.service_id,
        "project_group": practice.project_group_id,
        "roadmap_item": practice.roadmap_item_id,
    }


def _changed(practice: GoodPractice) -> None:
    """Tell the public search (``practices.index``) that what it shows has changed: this
    worker at once, the others through the shared counter."""
    index_changed()
    generation_bump(GENERATION)


# --- writes -------------------------------------------------------------------------------


def practice_create(
    *, actor: Actor, authority: Authority, content: PracticeContent
) -> GoodPractice:
    """A new draft of ``authority``."""
    with transaction.atomic():
        content = content.stripped()
        _refuse(_problems(authority, content, publishing=False))
        practice = GoodPractice(
            authority=authority,
            status=PracticeStatus.DRAFT,
            search_text=search_text(content),
            **{name: getattr(content, name) for name in _CONTENT_FIELDS},
        )
        practice.full_clean()
        practice.save()
        audit_record(
            actor=actor,
            action="practices.practice_created",
            obj=practice,
            authority=authority.pk,
            changes=field_changes(None, {**_state(practice), "status": practice.status}),
        )
        return practice


def _locked(practice: GoodPractice) -> GoodPractice:
    return (
        GoodPractice.objects.select_for_update(of=("self",))
        .select_related("authority", "service", "project_group", "roadmap_item")
        .get(pk=practice.pk)
    )


def practice_update(
    *, actor: Actor, practice: GoodPractice, content: PracticeContent
) -> GoodPractice:
    """Change what a practice says. A published practice's change is public at once,
    so it must stay complete."""
    with transaction.atomic():
        practice = _locked(practice)
        content = content.stripped()
        _refuse(_problems(practice.authority, content, publishing=practice.is_published))
        before = _state(practice)
        for name in _CONTENT_FIELDS:
            setattr(practice, name, getattr(content, name))
        changes = field_changes(before, _state(practice))
        if not changes:
            return practice
        practice.search_text = search_text(content)
        practice.full_clean()
        practice.save()
        if practice.is_published:
            _changed(practice)
        audit_record(
            actor=actor,
            action="practices.practice_updated",
            obj=practice,
            authority=practice.authority_id,
            changes=changes,
        )
        return practice


def practice_publish(*, actor: Actor, practice: GoodPractice) -> GoodPractice:
    """Make a draft or withdrawn practice public: anyone may read it from now on."""
    with transaction.atomic():
        practice = _locked(practice)
        if practice.is_published:
            raise ValidationError(
                _("„%(title)s“ ist bereits veröffentlicht.") % {"title": practice.title}
            )
        _refuse(_problems(practice.authority, content_of(practice), publishing=True))
        before = {"status": practice.status, "published_at": practice.published_at}
        practice.status = PracticeStatus.PUBLISHED
        practice.published_at = timezone.now()
        practice.save(update_fields=["status", "published_at", "updated_at"])
        _changed(practice)
        audit_record(
            actor=actor,
            action="practices.practice_published",
            obj=practice,
            authority=practice.authority_id,
            changes=field_changes(
                before, {"status": practice.status, "published_at": practice.published_at}
            ),
        )
        return practice


def practice_withdraw(*, actor: Actor, practice: GoodPractice) -> GoodPractice:
    """Take a published practice off the public pages; its authority may publish it
    again."""
    with transaction.atomic():
        practice = _locked(practice)
        if not practice.is_published:
            raise ValidationError(
                _("„%(title)s“ ist nicht veröffentlicht.") % {"title": practice.title}
            )
        practice.status = PracticeStatus.WITHDRAWN
        practice.save(update_fields=["status", "updated_at"])
        _changed(practice)
        audit_record(
            actor=actor,
            action="practices.practice_withdrawn",
            obj=practice,
            authority=practice.authority_id,
            changes={"status": [PracticeStatus.PUBLISHED.value, practice.status]},
        )
        return practice


def _proposal_title(answer: str) -> str:
    """The answer's first line, cut at a word before ``PROPOSAL_TITLE`` characters."""
    line = answer.splitlines()[0].strip()
    if len(line) <= PROPOSAL_TITLE:
        return line
    cut = line[: PROPOSAL_TITLE - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-–")
    return f"{cut}…"


def practice_propose_from_answer(
    *, actor: Actor, recipient: Recipient, text_question_key: str
) -> GoodPractice:
    """A survey answer proposes a good practice: a draft of the answering authority
    with the answer as its solution, linked to the answer. Its staff complete and
    publish it. One answer proposes one practice."""
    with transaction.atomic():
        recipient = (
            Recipient.objects.select_for_update(of=("self",))
            .select_related("survey", "authority")
            .get(pk=recipient.pk)
        )
        definition = recipient.survey.definition or {}
        question = question_of(definition, text_question_key)
        problems: list[str] = []
        if question is None:
            problems.append(
                _("Die Umfrage hat keine Frage „%(key)s“.") % {"key": text_question_key}
            )
        elif question.get("type") != "text":
            problems.append(_("Nur eine Antwort auf eine Textfrage kann ein Beispiel vorschlagen."))
        if recipient.submitted_at is None:
            problems.append(_("Die Antworten dieser Behörde sind noch nicht abgeschickt."))
        answer = answer_text(recipient.answers or {}, text_question_key)
        if question is not None and not answer:
            problems.append(_("Auf diese Frage gibt es keine Antwort."))
        earlier = GoodPractice.objects.filter(
            source_recipient=recipient, source_question=text_question_key
        ).first()
        if earlier is not None:
            problems.append(
                _("Aus dieser Antwort ist schon das Beispiel „%(title)s“ vorgeschlagen.")
                % {"title": earlier.title}
            )
        if problems:
            raise ValidationError(problems)
        assert question is not None  # for the type checker: refused above otherwise
        fields = {
            str(f.get("key")): str(f.get("label", ""))
            for f in definition.get("fields") or []
            if isinstance(f, dict)
        }
        content = PracticeContent(
            title=_proposal_title(answer),
            solution=answer,
            field_of_action=field_of_action_for(fields.get(str(question.get("field", "")), "")),
        ).stripped()
        _refuse(_problems(recipient.authority, content, publishing=False))
        practice = GoodPractice(
            authority=recipient.authority,
            status=PracticeStatus.DRAFT,
            source_recipient=recipient,
            source_question=text_question_key,
            search_text=search_text(content),
            **{name: getattr(content, name) for name in _CONTENT_FIELDS},
        )
        practice.full_clean()
        practice.save()
        audit_record(
            actor=actor,
            action="practices.practice_proposed",
            obj=practice,
            authority=recipient.authority_id,
            changes=field_changes(
                None,
                {
                    "title": practice.title,
                    "solution": practice.solution,
                    "field_of_action": practice.field_of_action,
                    "status": practice.status,
                    "survey": recipient.survey.title,
                    "question": str(question.get("text", "")),
                },
            ),
        )
        return practice
