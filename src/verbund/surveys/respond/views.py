"""The recipient's pages: an authority answers a survey through its personal link
``/umfrage/<id>/<secret>/``, without an account.

Anyone in the administration who has the link may fill in, save and continue later;
the answers are submitted once and then only shown. Every page works without
JavaScript. A wrong secret, another recipient's secret or a guessed id answer 404.
No page may be kept by a browser or proxy (the link is the only key), and none is
indexed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Concatenate, ParamSpec

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from verbund.surveys import engine
from verbund.surveys.links import recipient_by_link
from verbund.surveys.models import Recipient, SurveyStatus
from verbund.surveys.respond.display import QuestionAnswer, answers_by_section, section_progress
from verbund.surveys.respond.forms import (
    RespondentForm,
    field_id,
    page_questions,
    section_fields,
)
from verbund.surveys.services import response_save, response_submit

P = ParamSpec("P")

SAVE = "speichern"


def _private(
    view: Callable[Concatenate[HttpRequest, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """No copy in any cache, no search engine: what the pages show is the authority's,
    and their address is its key."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


# --- the link and its survey ----------------------------------------------------------------


@dataclass(frozen=True)
class _Link:
    recipient: Recipient
    token: str
    survey: engine.Survey

    @property
    def answers(self) -> dict[str, Any]:
        return dict(self.recipient.answers or {})

    @property
    def can_answer(self) -> bool:
        return self.recipient.submitted_at is None and self.recipient.survey.accepts_answers()

    def url(self, name: str = "respond", **kwargs: str) -> str:
        return reverse(
            f"surveys:{name}",
            kwargs={"recipient_id": self.recipient.pk, "token": self.token, **kwargs},
        )

    def section_url(self, key: str) -> str:
        return self.url("respond_section", section_key=key)

    def sections_with_questions(self, answers: dict[str, Any]) -> list[engine.Section]:
        return [s for s in self.survey.sections if page_questions(self.survey, s, answers)]


def _link(recipient_id: int, token: str) -> _Link:
    recipient = recipient_by_link(recipient_id, token)
    if recipient is None:
        raise Http404
    return _Link(recipient, token, engine.compile_survey(recipient.survey.definition))


def _closed_reason(link: _Link) -> str:
    if link.recipient.submitted_at is not None:
        return _("Diese Antworten wurden schon abgeschickt.")
    if link.recipient.survey.status == SurveyStatus.DRAFT:
        return _("Die Umfrage hat noch nicht begonnen.")
    return _("Die Umfrage ist abgeschlossen; Antworten sind nicht mehr möglich.")


def _to_overview(request: HttpRequest, link: _Link) -> HttpResponse:
    """Pages that change answers lead to the overview once nothing can change; a form
    sent then is refused with the reason."""
    if request.method == "POST":
        messages.error(request, _closed_reason(link))
    return redirect(link.url())


# --- the overview ---------------------------------------------------------------------------


@_private
@require_safe
def respond(request: HttpRequest, recipient_id: int, token: str) -> HttpResponse:
    """The survey, for whom, until when, and its sections with what is answered; once
    submitted or closed, every stored answer read-only."""
    link = _link(recipient_id, token)
    answers = link.answers
    # A section none of whose questions the answers show so far has no link.
    reachable = {s.key for s in link.sections_with_questions(answers)}
    progress = [
        (item, link.section_url(item.section.key) if item.section.key in reachable else "")
        for item in section_progress(link.survey, answers)
    ]
    return render(
        request,
        "surveys/respond/overview.html",
        {
            "recipient": link.recipient,
            "survey": link.recipient.survey,
            "can_answer": link.can_answer,
            "not_started": link.recipient.survey.status == SurveyStatus.DRAFT,
            "progress": progress,
            "started": bool(answers),
            "check_url": link.url("respond_check"),
            "sections": [] if link.can_answer else _answer_rows(link, answers, change=False),
        },
    )


# --- one section ----------------------------------------------------------------------------


@_private
@require_http_methods(["GET", "POST"])
def respond_section(
    request: HttpRequest, recipient_id: int, token: str, section_key: str
) -> HttpResponse:
    """A section's questions as a form. „Speichern und weiter“ saves and goes on to the
    next section (after the last: the check page), „Zwischenspeichern“ saves and stays.
    A page with a wrong answer is shown again as sent, and nothing is saved."""
    link = _link(recipient_id, token)
    section = link.survey.section(section_key)
    if section is None:
        raise Http404
    if not link.can_answer:
        return _to_overview(request, link)
    if request.method == "GET":
        return _render_section(request, link, section)
    answers, errors = engine.parse_section(link.survey, section, request.POST, link.answers)
    if errors:
        return _render_section(request, link, section, post=request.POST, errors=errors)
    # A changed answer may hide questions of later sections: their answers go.
    answers = engine.prune(link.survey, answers)
    try:
        response_save(
            recipient=link.recipient,
            answers=answers,
            keys={q.key for q in section.questions},
        )
    except ValidationError as refusal:
        again = _link(recipient_id, token)
        if not again.can_answer:
            return _to_overview(request, again)
        return _render_section(
            request, link, section, post=request.POST, refusal=list(refusal.messages)
        )
    if request.POST.get("aktion") == SAVE:
        messages.success(
            request,
            _("Ihre Antworten sind gespeichert. Sie können jederzeit mit dem Link weitermachen."),
        )
        return redirect(link.section_url(section.key))
    return redirect(_next_url(link, section, answers))


def _next_url(link: _Link, section: engine.Section, answers: dict[str, Any]) -> str:
    keys = [s.key for s in link.survey.sections]
    after = keys[keys.index(section.key) + 1 :]
    for candidate in link.sections_with_questions(answers):
        if candidate.key in after:
            return link.section_url(candidate.key)
    return link.url("respond_check")


def _previous_url(link: _Link, section: engine.Section, answers: dict[str, Any]) -> str:
    keys = [s.key for s in link.survey.sections]
    before = keys[: keys.index(section.key)]
    earlier = [s for s in link.sections_with_questions(answers) if s.key in before]
    return link.section_url(earlier[-1].key) if earlier else link.url()


def _render_section(
    request: HttpRequest,
    link: _Link,
    section: engine.Section,
    *,
    post: Any | None = None,
    errors: dict[str, str] | None = None,
    refusal: list[str] | None = None,
) -> HttpResponse:
    answers = link.answers
    fields = section_fields(link.survey, section, answers, post=post, errors=errors)
    summary = [(f"#{f.id}", f.error) for f in fields if f.error]
    linked = {f.question.key for f in fields if f.error}
    summary += [("", message) for key, message in (errors or {}).items() if key not in linked]
    summary += [("", message) for message in refusal or []]
    keys = [s.key for s in link.survey.sections]
    return render(
        request,
        "surveys/respond/section.html",
        {
            "recipient": link.recipient,
            "survey": link.recipient.survey,
            "section": section,
            "fields": fields,
            "errors": summary,
            "position": keys.index(section.key) + 1,
            "total": len(keys),
            "back_url": _previous_url(link, section, answers),
        },
    )


# --- check and submit -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    answer: QuestionAnswer
    change_url: str
    missing: bool


@dataclass(frozen=True)
class _SectionRows:
    section: engine.Section
    url: str
    rows: list[_Row]


def _answer_rows(link: _Link, answers: dict[str, Any], *, change: bool) -> list[_SectionRows]:
    gaps = {q.key for q in engine.missing(link.survey, answers)} if change else set()
    result = []
    for part in answers_by_section(link.survey, answers):
        url = link.section_url(part.section.key) if change else ""
        rows = [
            _Row(a, f"{url}#{field_id(a.question)}" if change else "", a.question.key in gaps)
            for a in part.answers
        ]
        result.append(_SectionRows(part.section, url, rows))
    return result


def _unanswered(question: engine.Question) -> str:
    # The engine's own words for a required question left open (check_answers).
    return _("„%(q)s“: Bitte beantworten Sie diese Frage.") % {"q": question.label}


@_private
@require_http_methods(["GET", "POST"])
def respond_check(request: HttpRequest, recipient_id: int, token: str) -> HttpResponse:
    """Every answer with a link to change it, the required questions still open, who
    filled in, and the button that submits, once."""
    link = _link(recipient_id, token)
    if not link.can_answer:
        return _to_overview(request, link)
    answers = link.answers
    form = RespondentForm(
        request.POST if request.method == "POST" else None,
        initial={"respondent": link.recipient.respondent},
    )
    refusal: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            response_submit(recipient=link.recipient, respondent=form.cleaned_data["respondent"])
        except ValidationError as refused:
            again = _link(recipient_id, token)
            if not again.can_answer:
                return _to_overview(request, again)
            refusal = list(refused.messages)
        else:
            messages.success(request, _("Vielen Dank! Ihre Antworten sind abgeschickt."))
            return redirect(link.url())
    gaps = [
        (f"{link.section_url(q.section)}#{field_id(q)}", _unanswered(q))
        for q in engine.missing(link.survey, answers)
    ]
    if refusal:
        hrefs = {message: href for href, message in gaps}
        errors = [(hrefs.get(message, ""), message) for message in refusal]
    else:
        errors = gaps
    errors += [(f"#{form['respondent'].auto_id}", str(e)) for e in form["respondent"].errors]
    sections = link.sections_with_questions(answers)
    return render(
        request,
        "surveys/respond/check.html",
        {
            "recipient": link.recipient,
            "survey": link.recipient.survey,
            "sections": _answer_rows(link, answers, change=True),
            "errors": errors,
            "complete": not gaps,
            "form": form,
            "back_url": link.section_url(sections[-1].key) if sections else link.url(),
        },
    )
