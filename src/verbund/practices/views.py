"""Staff pages of good practices: an authority's practices with the survey answers that
may propose one, the practice form, publishing and withdrawing.

Who may do what is the policy's (``practices/policies.py``): the authority's staff,
any role. The authority and its practice are loaded through the access layer; another
authority's ids answer 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from verbund.authorities.models import Authority
from verbund.core.access import Action, access_by_id, access_child_by_id, scoped
from verbund.core.auth import staff_required
from verbund.core.refusals import refusal_to_form, refusal_to_messages
from verbund.practices import selectors, services
from verbund.practices.forms import PracticeForm
from verbund.practices.models import GoodPractice, PracticeStatus
from verbund.surveys.models import Recipient


def _practice(request: HttpRequest, pk: int, practice_pk: int) -> GoodPractice:
    authority = access_by_id(request.user, Authority, pk)
    return access_child_by_id(
        request.user,
        GoodPractice,
        practice_pk,
        parent=authority,
        parent_field="authority",
        action=Action.CHANGE,
    )


def _to_list(authority_id: int) -> HttpResponse:
    return redirect("staff:authority_practices", pk=authority_id)


def _form(authority: Authority, data: Any = None, initial: Any = None) -> PracticeForm:
    return PracticeForm(
        data,
        initial=initial,
        services=selectors.service_choices(),
        groups=selectors.group_choices(authority.pk),
        roadmap_items=selectors.roadmap_choices(authority.pk),
    )


def _content(form: PracticeForm, authority: Authority) -> services.PracticeContent:
    """The form's values, links as the offered objects (the form's choices are the
    only ids it accepts)."""
    data = form.cleaned_data
    offered: dict[str, dict[int, Any]] = {
        "service": {s.pk: s for s in selectors.service_choices()},
        "project_group": {g.pk: g for g in selectors.group_choices(authority.pk)},
        "roadmap_item": {r.pk: r for r in selectors.roadmap_choices(authority.pk)},
    }
    links = {name: offered[name].get(data[name]) if data[name] else None for name in offered}
    return services.PracticeContent(
        title=data["title"],
        summary=data["summary"],
        problem=data["problem"],
        solution=data["solution"],
        results=data["results"],
        cost_text=data["cost_text"],
        cost_amount=data["cost_amount"],
        cost_period=data["cost_period"],
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        contact_phone=data["contact_phone"],
        field_of_action=data["field_of_action"],
        **links,
    )


def _form_page(
    request: HttpRequest,
    authority: Authority,
    form: PracticeForm,
    *,
    title: str,
    submit_label: str,
    practice: GoodPractice | None = None,
) -> HttpResponse:
    return render(
        request,
        "staff/practices/practice_form.html",
        {
            "authority": authority,
            "form": form,
            "title": title,
            "submit_label": submit_label,
            "practice": practice,
            "back": reverse("staff:authority_practices", kwargs={"pk": authority.pk}),
        },
    )


@staff_required
@require_safe
def authority_practices(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk)
    practices = (
        scoped(request.user, GoodPractice)
        .filter(authority_id=authority.pk)
        .select_related("service", "source_recipient__survey")
        .order_by("-updated_at", "-id")
    )
    recipients = scoped(request.user, Recipient).filter(authority_id=authority.pk)
    return render(
        request,
        "staff/practices/practices.html",
        {
            "authority": authority,
            "practices": list(practices),
            "proposals": selectors.proposable_answers(recipients),
            "published": PracticeStatus.PUBLISHED,
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def practice_create(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk)
    form = _form(authority, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            practice = services.practice_create(
                actor=request.user, authority=authority, content=_content(form, authority)
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Das Beispiel „%(title)s“ ist als Entwurf gespeichert.")
                % {"title": practice.title},
            )
            return _to_list(authority.pk)
    return _form_page(
        request,
        authority,
        form,
        title=_("Gutes Beispiel anlegen"),
        submit_label=_("Als Entwurf speichern"),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def practice_edit(request: HttpRequest, pk: int, practice_pk: int) -> HttpResponse:
    practice = _practice(request, pk, practice_pk)
    authority = practice.authority
    initial = {
        **{
            name: getattr(practice, name)
            for name in (
                "title",
                "summary",
                "problem",
                "solution",
                "results",
                "cost_text",
                "cost_period",
                "contact_name",
                "contact_email",
                "contact_phone",
                "field_of_action",
            )
        },
        "cost_amount": ""
        if practice.cost_amount is None
        else formats.number_format(practice.cost_amount, 2, force_grouping=True),
        "service": practice.service_id,
        "project_group": practice.project_group_id,
        "roadmap_item": practice.roadmap_item_id,
    }
    form = _form(authority, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            practice = services.practice_update(
                actor=request.user, practice=practice, content=_content(form, authority)
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request, _("Das Beispiel „%(title)s“ ist gespeichert.") % {"title": practice.title}
            )
            return _to_list(authority.pk)
    return _form_page(
        request,
        authority,
        form,
        title=_("Gutes Beispiel bearbeiten"),
        submit_label=_("Speichern"),
        practice=practice,
    )


@staff_required
@require_POST
def practice_publish(request: HttpRequest, pk: int, practice_pk: int) -> HttpResponse:
    practice = _practice(request, pk, practice_pk)
    try:
        practice = services.practice_publish(actor=request.user, practice=practice)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(
            request,
            _("Das Beispiel „%(title)s“ ist veröffentlicht und für alle lesbar.")
            % {"title": practice.title},
        )
    return _to_list(practice.authority_id)


@staff_required
@require_POST
def practice_withdraw(request: HttpRequest, pk: int, practice_pk: int) -> HttpResponse:
    practice = _practice(request, pk, practice_pk)
    try:
        practice = services.practice_withdraw(actor=request.user, practice=practice)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(
            request,
            _("Das Beispiel „%(title)s“ ist zurückgezogen.") % {"title": practice.title},
        )
    return _to_list(practice.authority_id)


@staff_required
@require_POST
def practice_propose(request: HttpRequest, pk: int) -> HttpResponse:
    """A survey answer of the authority proposes a draft practice."""
    authority = access_by_id(request.user, Authority, pk)
    recipient_id = request.POST.get("recipient", "")
    if not recipient_id.isdigit():
        raise Http404
    recipient = access_by_id(request.user, Recipient, int(recipient_id))
    if recipient.authority_id != authority.pk:
        raise Http404
    try:
        practice = services.practice_propose_from_answer(
            actor=request.user,
            recipient=recipient,
            text_question_key=request.POST.get("question", "")[:40],
        )
    except ValidationError as exc:
        refusal_to_messages(request, exc)
        return _to_list(authority.pk)
    messages.success(
        request,
        _("Der Entwurf „%(title)s“ ist angelegt. Ergänzen Sie ihn und veröffentlichen Sie ihn.")
        % {"title": practice.title},
    )
    return redirect("staff:practice_edit", pk=authority.pk, practice_pk=practice.pk)
