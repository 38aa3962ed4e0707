"""Staff pages of a network's surveys: the list, the builder (survey, sections, fields
of action, questions, preview, the definition as JSON), the recipients with the
tracking of answers and reminders, launching and closing.

Who may do what is the policy's (``policies.py``): members' staff read a survey; the
network's coordinators build, address, launch, remind and close (CHANGE). The results
are in ``results/``, answering in ``respond/``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from verbund.accounts.selectors import grants_for
from verbund.core.access import Action, access_by_id, access_child_by_id, can, scoped
from verbund.core.auth import staff_required
from verbund.core.refusals import refusal_to_form, refusal_to_messages
from verbund.networks.models import Network
from verbund.surveys import builder, engine, selectors, services
from verbund.surveys.builder import BuilderError
from verbund.surveys.forms import (
    KIND_FILTERS,
    AddressListForm,
    FieldOfActionForm,
    QuestionForm,
    RegisterSelectionForm,
    SectionForm,
    SurveyForm,
    condition_value,
)
from verbund.surveys.models import Recipient, Survey, SurveyStatus

MAX_DEFINITION_UPLOAD = 1024 * 1024

# --- access -----------------------------------------------------------------------------------


def _survey(request: HttpRequest, pk: int, survey_pk: int, action: Action) -> Survey:
    network = access_by_id(request.user, Network, pk)
    return access_child_by_id(
        request.user, Survey, survey_pk, parent=network, parent_field="network", action=action
    )


def _to_survey(survey: Survey, anchor: str = "") -> HttpResponse:
    url = reverse("staff:survey", kwargs={"pk": survey.network_id, "survey_pk": survey.pk})
    return redirect(url + (f"#{anchor}" if anchor else ""))


def _survey_url(survey: Survey) -> str:
    return reverse("staff:survey", kwargs={"pk": survey.network_id, "survey_pk": survey.pk})


def _form_page(
    request: HttpRequest,
    survey: Survey | None,
    network: Network,
    form: Any,
    title: str,
    submit_label: str,
    back: str,
    *,
    multipart: bool = False,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "staff/surveys/form_page.html",
        {
            "network": network,
            "survey": survey,
            "form": form,
            "title": title,
            "submit_label": submit_label,
            "back": back,
            "multipart": multipart,
        },
        status=status,
    )


def _apply(request: HttpRequest, survey: Survey, edit: Callable[[], dict[str, Any]]) -> bool:
    """Make a builder edit and store it; a refusal is flashed."""
    try:
        services.survey_definition_set(actor=request.user, survey=survey, definition=edit())
    except BuilderError as error:
        messages.error(request, str(error))
        return False
    except ValidationError as error:
        refusal_to_messages(request, error)
        return False
    return True


# --- the list, one survey, creating and editing ------------------------------------------------


@staff_required
@require_safe
def survey_list(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    return render(
        request,
        "staff/surveys/list.html",
        {
            "network": network,
            "rows": selectors.surveys_of_network(network),
            "may_change": can(request.user, Action.CHANGE, network),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def survey_create(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk, Action.CHANGE)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = services.survey_create(
                actor=request.user,
                network=network,
                title=data["title"],
                intro=data["intro"],
                closes_on=data["closes_on"],
            )
        except ValidationError as error:
            refusal_to_form(form, error)
        else:
            messages.success(request, _("Die Umfrage ist angelegt. Legen Sie nun die Fragen an."))
            return _to_survey(survey)
    return _form_page(
        request,
        None,
        network,
        form,
        _("Umfrage anlegen"),
        _("Anlegen"),
        reverse("staff:surveys", kwargs={"pk": network.pk}),
        status=400 if form.errors else 200,
    )


@staff_required
@require_safe
def survey_detail(request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.VIEW)
    compiled = engine.compile_survey(survey.definition)
    may_change = can(request.user, Action.CHANGE, survey)
    return render(
        request,
        "staff/surveys/detail.html",
        {
            "network": survey.network,
            "survey": survey,
            "compiled": compiled,
            "type_labels": {t.value: label for t, label in engine.TYPE_LABELS.items()},
            "may_change": may_change,
            "may_build": may_change and survey.status != SurveyStatus.CLOSED,
            "is_draft": survey.status == SurveyStatus.DRAFT,
            "tracking": selectors.tracking(survey) if may_change else None,
            "own_recipients": scoped(request.user, Recipient)
            .filter(survey=survey, authority_id__in=grants_for(request.user).authority_ids())
            .select_related("authority")
            .order_by("authority__name"),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def survey_edit(request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    initial = {"title": survey.title, "intro": survey.intro, "closes_on": survey.closes_on}
    form = SurveyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.survey_update(
                actor=request.user,
                survey=survey,
                title=data["title"],
                intro=data["intro"],
                closes_on=data["closes_on"],
            )
        except ValidationError as error:
            refusal_to_form(form, error)
        else:
            messages.success(request, _("Die Angaben sind gespeichert."))
            return _to_survey(survey)
    return _form_page(
        request,
        survey,
        survey.network,
        form,
        _("Umfrage bearbeiten"),
        _("Speichern"),
        _survey_url(survey),
        status=400 if form.errors else 200,
    )


@staff_required
@require_safe
def survey_preview(request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
    """Every question as recipients will see it (not a form; nothing is stored)."""
    survey = _survey(request, pk, survey_pk, Action.VIEW)
    compiled = engine.compile_survey(survey.definition)
    return render(
        request,
        "staff/surveys/preview.html",
        {"network": survey.network, "survey": survey, "compiled": compiled},
    )


@staff_required
@require_safe
def survey_definition_json(request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
    """The definition as JSON (docs/surveys.md): to keep, to check, to reuse elsewhere."""
    survey = _survey(request, pk, survey_pk, Action.VIEW)
    body = json.dumps(survey.definition, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="umfrage-{survey.pk}.json"'
    return response


@staff_required
@require_POST
def survey_definition_upload(request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
    """Replace the questions by a definition file (e.g. another network's survey)."""
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    upload = request.FILES.get("definition")
    if upload is None or (upload.size or 0) > MAX_DEFINITION_UPLOAD:
        messages.error(request, _("Bitte eine JSON-Datei bis 1 MB wählen."))
        return _to_survey(survey, "definition")
    try:
        definition = json.loads(upload.read().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        messages.error(request, _("Die Datei ist kein gültiges JSON."))
        return _to_survey(survey, "definition")
    if not isinstance(definition, dict):
        messages.error(request, _("Die Umfrage muss ein JSON-Objekt sein."))
        return _to_survey(survey, "definition")
    if _apply(request, survey, lambda: definition):
        messages.success(request, _("Die Fragen sind aus der Datei übernommen."))
    return _to_survey(survey, "definition")


@staff_required
@require_POST
def survey_launch(request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    try:
        launched = services.survey_launch(actor=request.user, survey=survey)
    except ValidationError as error:
        refusal_to_messages(request, error)
    else:
        messages.success(
            request,
            _("Die Umfrage läuft. %(n)s Einladungen werden verschickt.")
            % {"n": launched.recipients.count()},
        )
    return _to_survey(survey)


@staff_required
@require_POST
def survey_close(request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    try:
        services.survey_close(actor=request.user, survey=survey)
    except ValidationError as error:
        refusal_to_messages(request, error)
    else:
        messages.success(request, _("Die Umfrage ist abgeschlossen."))
    return _to_survey(survey)


# --- sections and fields of action ---------------------------------------------------------


def _section_key(survey: Survey, key: str) -> dict[str, Any]:
    for section in survey.definition.get("sections", []):
        if section.get("key") == key:
            return dict(section)
    raise Http404


@staff_required
@require_http_methods(["GET", "POST"])
def section_create(request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
    return _section_form(request, pk, survey_pk, None)


@staff_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, pk: int, survey_pk: int, key: str) -> HttpResponse:
    return _section_form(request, pk, survey_pk, key)


def _section_form(request: HttpRequest, pk: int, survey_pk: int, key: str | None) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    section = _section_key(survey, key) if key else {}
    form = SectionForm(
        request.POST or None,
        initial={"title": section.get("title", ""), "intro": section.get("intro", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(
            request,
            survey,
            lambda: builder.section_put(
                survey.definition, title=data["title"], intro=data["intro"], key=key
            ),
        ):
            return _to_survey(survey, "definition")
        return redirect(request.path)
    return _form_page(
        request,
        survey,
        survey.network,
        form,
        _("Abschnitt bearbeiten") if key else _("Abschnitt anlegen"),
        _("Speichern"),
        _survey_url(survey),
        status=400 if form.errors else 200,
    )


@staff_required
@require_POST
def section_delete(request: HttpRequest, pk: int, survey_pk: int, key: str) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    _section_key(survey, key)
    if _apply(request, survey, lambda: builder.section_remove(survey.definition, key)):
        messages.success(request, _("Der Abschnitt ist entfernt."))
    return _to_survey(survey, "definition")


@staff_required
@require_POST
def section_move(
    request: HttpRequest, pk: int, survey_pk: int, key: str, direction: str
) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    _section_key(survey, key)
    delta = -1 if direction == "hoch" else 1
    _apply(request, survey, lambda: builder.section_move(survey.definition, key, delta))
    return _to_survey(survey, "definition")


@staff_required
@require_http_methods(["GET", "POST"])
def field_create(request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    form = FieldOfActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        label = form.cleaned_data["label"]
        if _apply(request, survey, lambda: builder.field_put(survey.definition, label=label)):
            return _to_survey(survey, "handlungsfelder")
        return redirect(request.path)
    return _form_page(
        request,
        survey,
        survey.network,
        form,
        _("Handlungsfeld anlegen"),
        _("Anlegen"),
        _survey_url(survey),
        status=400 if form.errors else 200,
    )


@staff_required
@require_POST
def field_delete(request: HttpRequest, pk: int, survey_pk: int, key: str) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    if not any(f.get("key") == key for f in survey.definition.get("fields", [])):
        raise Http404
    if _apply(request, survey, lambda: builder.field_remove(survey.definition, key)):
        messages.success(request, _("Das Handlungsfeld ist entfernt."))
    return _to_survey(survey, "handlungsfelder")


# --- questions ----------------------------------------------------------------------------------


def _question_form(
    survey: Survey, data: Any, key: str | None, initial: dict[str, Any]
) -> QuestionForm:
    compiled = engine.compile_survey(survey.definition)
    earlier = compiled.questions
    if key is not None:
        position = next(i for i, q in enumerate(earlier) if q.key == key)
        earlier = earlier[:position]
    conditions = [
        (
            question.label,
            [(f"{question.key}::{option.key}", option.label) for option in question.options],
        )
        for question in earlier
        if question.type in (engine.Type.SINGLE, engine.Type.MULTIPLE, engine.Type.YESNO)
    ]
    return QuestionForm(
        data,
        initial=initial,
        sections=[(s.key, s.title) for s in compiled.sections],
        fields_of_action=[(f.key, f.label) for f in compiled.fields],
        conditions=conditions,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def question_create(request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
    return _question_page(request, pk, survey_pk, None)


@staff_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int, survey_pk: int, key: str) -> HttpResponse:
    return _question_page(request, pk, survey_pk, key)


def _question_page(request: HttpRequest, pk: int, survey_pk: int, key: str | None) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    if not survey.definition.get("sections"):
        messages.error(request, _("Legen Sie zuerst einen Abschnitt an."))
        return _to_survey(survey, "definition")
    if key is not None:
        found = builder.find_question(survey.definition, key)
        if found is None:
            raise Http404
        section_key, stored = found
        initial = {
            **builder.question_initial(stored),
            "section": section_key,
            "show_if": condition_value(stored),
        }
    else:
        initial = {"section": request.GET.get("abschnitt", ""), "type": "single", "decimals": 0}
    form = _question_form(survey, request.POST or None, key, initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            question = builder.question_from_form(data, survey.definition, key)
            definition = builder.question_put(
                survey.definition, section=data["section"], question=question
            )
            services.survey_definition_set(actor=request.user, survey=survey, definition=definition)
        except BuilderError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            refusal_to_form(form, error)
        else:
            messages.success(request, _("Die Frage ist gespeichert."))
            return _to_survey(survey, f"frage-{question['key']}")
    title = _("Frage bearbeiten") if key else _("Frage anlegen")
    return _form_page(
        request,
        survey,
        survey.network,
        form,
        title,
        _("Frage speichern"),
        _survey_url(survey),
        status=400 if form.errors else 200,
    )


@staff_required
@require_POST
def question_delete(request: HttpRequest, pk: int, survey_pk: int, key: str) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    if builder.find_question(survey.definition, key) is None:
        raise Http404
    if _apply(request, survey, lambda: builder.question_remove(survey.definition, key)):
        messages.success(request, _("Die Frage ist entfernt."))
    return _to_survey(survey, "definition")


@staff_required
@require_POST
def question_move(
    request: HttpRequest, pk: int, survey_pk: int, key: str, direction: str
) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    if builder.find_question(survey.definition, key) is None:
        raise Http404
    delta = -1 if direction == "hoch" else 1
    _apply(request, survey, lambda: builder.question_move(survey.definition, key, delta))
    return _to_survey(survey, f"frage-{key}")


# --- recipients and tracking ------------------------------------------------------------------


@staff_required
@require_safe
def recipients(request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    return _recipients_page(request, survey, AddressListForm(), status=200)


def _recipients_page(
    request: HttpRequest, survey: Survey, address_form: AddressListForm, *, status: int
) -> HttpResponse:
    members = selectors.member_addresses(survey.network)
    return render(
        request,
        "staff/surveys/recipients.html",
        {
            "network": survey.network,
            "survey": survey,
            "tracking": selectors.tracking(survey),
            "recipients": selectors.recipients_of(survey),
            "members": members,
            "address_form": address_form,
            "selection_form": RegisterSelectionForm(lands=selectors.lands()),
            "is_closed": survey.status == SurveyStatus.CLOSED,
            "is_draft": survey.status == SurveyStatus.DRAFT,
            "accepts_answers": survey.accepts_answers(),
        },
        status=status,
    )


def _to_recipients(survey: Survey) -> HttpResponse:
    return redirect("staff:survey_recipients", pk=survey.network_id, survey_pk=survey.pk)


@staff_required
@require_POST
def recipients_members(request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
    """Ask every active member of the network, at its first office's address."""
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    members = selectors.member_addresses(survey.network)
    if not members.found:
        messages.error(request, _("Für kein Mitglied ist eine E-Mail-Adresse hinterlegt."))
        return _to_recipients(survey)
    lines = [services.AddressLine(a, email) for a, email in members.found]
    return _add(request, survey, lines)


def _add(request: HttpRequest, survey: Survey, lines: list[services.AddressLine]) -> HttpResponse:
    try:
        added, updated = services.recipients_add(actor=request.user, survey=survey, lines=lines)
    except ValidationError as error:
        refusal_to_messages(request, error)
    else:
        messages.success(
            request,
            _("%(added)s Empfänger hinzugefügt, %(updated)s Adressen geändert.")
            % {"added": added, "updated": updated},
        )
    return _to_recipients(survey)


@staff_required
@require_POST
def recipients_list(request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    form = AddressListForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            lines = services.recipients_parse(form.cleaned_data["text"])
        except ValidationError as error:
            refusal_to_form(form, error)
        else:
            return _add(request, survey, lines)
    return _recipients_page(request, survey, form, status=400)


@staff_required
@require_safe
def recipients_template(request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
    """An address list to fill in: the register's authorities of one kind (and Land),
    with an empty e-mail column (CSV, UTF-8 with BOM, ";")."""
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    data = request.GET.copy()
    data.setdefault("kind", "landkreise")  # the most asked-for list
    form = RegisterSelectionForm(data, lands=selectors.lands())
    if not form.is_valid():
        messages.error(request, _("Bitte eine Art von Behörden wählen."))
        return _to_recipients(survey)
    kind, land = form.cleaned_data["kind"], form.cleaned_data["land"]
    chosen = selectors.register_selection(KIND_FILTERS[kind], land)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["ARS", "E-Mail", "Name"])
    for authority in chosen:
        writer.writerow([authority.ars, "", authority.name])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"adressliste-{kind}{'-' + land if land else ''}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_required
@require_POST
def recipient_remove(
    request: HttpRequest, pk: int, survey_pk: int, recipient_pk: int
) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    recipient = access_child_by_id(
        request.user,
        Recipient,
        recipient_pk,
        parent=survey,
        parent_field="survey",
        action=Action.CHANGE,
    )
    try:
        services.recipient_remove(actor=request.user, recipient=recipient)
    except ValidationError as error:
        refusal_to_messages(request, error)
    else:
        messages.success(request, _("Der Empfänger ist entfernt."))
    return _to_recipients(survey)


@staff_required
@require_POST
def survey_remind(request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    try:
        count = services.recipients_remind(actor=request.user, survey=survey)
    except ValidationError as error:
        refusal_to_messages(request, error)
    else:
        messages.success(request, _("%(n)s Erinnerungen werden verschickt.") % {"n": count})
    return _to_recipients(survey)
