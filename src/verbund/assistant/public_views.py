"""The citizen assistant on the portal: ``/assistent/``.

The question travels only in a POST body and the answer is that POST's response,
never a redirect: a question must not end up in an address, a browser's history
or an access log. A place may be preset in the address (``?ort=`` or ``?ars=``),
so that a member's pages can link to the assistant for their place.

Without JavaScript this page is the whole conversation: the answer above, the form
with the question still in it below. With JavaScript (``static/verbund/
assistant.js``) the same form asks ``POST /api/v1/assistant``, which renders the
same fragment (``assistant/_reply.html``) into the conversation.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from verbund.assistant import text as texts
from verbund.assistant.forms import AskForm, place_label
from verbund.assistant.services import Reply, assistant_ask
from verbund.core.ratelimits import rate_limit_take

# Readings that are a mistake in the input: shown on the field, not as an answer.
_INPUT_ERRORS = (texts.Reading.EMPTY, texts.Reading.TOO_LONG, texts.Reading.NO_WORDS)
# The page and POST /api/v1/assistant share one limit per client address: each question
# costs an embedding.
RATE_SCOPE = "assistant-question"
RATE_WINDOW = dt.timedelta(minutes=1)


@require_http_methods(["GET", "HEAD", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _answer(request)
    ars = request.GET.get("ars", "").strip()
    ort = request.GET.get("ort", "").strip()[:100]
    name = place_label(ars) if ars else ""
    place_message = ""
    if ars and not name:
        place_message = _("Diesen Ort kennen wir nicht. Bitte geben Sie ihn noch einmal ein.")
    form = AskForm(initial={"ort": name or ort, "ars": ars if name else ""})
    return render(request, "assistant/ask.html", {"form": form, "place_message": place_message})


def _answer(request: HttpRequest) -> HttpResponse:
    form = AskForm(request.POST)
    if not form.is_valid():
        return render(request, "assistant/ask.html", {"form": form})
    if not rate_limit_take(
        scope=RATE_SCOPE,
        key=str(request.META.get("REMOTE_ADDR", "")),
        uses=int(getattr(settings, "VERBUND_ASSISTANT_QUESTIONS_PER_MINUTE", 30)),
        window=RATE_WINDOW,
    ):
        form.add_error(
            None,
            _(
                "Von Ihrem Anschluss kamen in kurzer Zeit zu viele Fragen. Bitte warten Sie "
                "eine Minute und fragen Sie dann noch einmal."
            ),
        )
        return render(request, "assistant/ask.html", {"form": form}, status=429)
    data = form.cleaned_data
    reply = assistant_ask(
        question=data["frage"], place=data["ort"], ars=data["ars"], service=data["service"]
    )
    if reply.reading in _INPUT_ERRORS and not reply.cards:
        form.add_error("frage", reply.message)
        return render(request, "assistant/ask.html", {"form": form})
    return render(
        request,
        "assistant/ask.html",
        {"form": _next_form(data, reply), "reply": reply, "asked": _asked(data, reply)},
    )


def _next_form(data: dict[str, str], reply: Reply) -> AskForm:
    """The form below an answer: the question still in it, the place as it was
    understood (a chosen place by its name, with its key)."""
    if reply.place is not None:
        return AskForm(
            initial={
                "frage": data["frage"],
                "ort": reply.place.official_name,
                "ars": reply.place.ars,
            }
        )
    return AskForm(initial={"frage": data["frage"], "ort": data["ort"]})


def _asked(data: dict[str, str], reply: Reply) -> str:
    """What the conversation shows as the citizen's turn."""
    if data["service"] and reply.cards:
        return _("Gewählt: %(title)s") % {"title": reply.cards[0].title}
    return reply.question
