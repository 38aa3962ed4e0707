"""``POST /api/v1/assistant``: the citizen assistant for the portal's chat and for any
other site (a member's website, a chat widget, a messenger bridge).

The body is JSON ``{"question", "place", "ars", "service"}``; the answer is the same
``assistant.services.Reply`` the portal page renders, as JSON, every statement with
its source, plus ``html``: the page's own fragment (``assistant/_reply.html``), which
the chat puts into the conversation as it is.

* **No authentication, no CSRF check.** Like every public endpoint it has no
  authentication classes, and DRF enforces CSRF only with session authentication.
  Nothing here acts for a user: it reads the published catalogue and counts the
  outcome, so a request forged from another site could do nothing that a direct
  request cannot. Clients need no cookie and no token; the portal's chat sends its
  page's ``X-CSRFToken`` header anyway, and it is ignored.
* **A limit per client address** (``VERBUND_ASSISTANT_QUESTIONS_PER_MINUTE``, 30 by
  default) counted in the database (``core.ratelimits``), so that it holds across
  worker processes; beyond it the answer is 429 with ``Retry-After``.
* **The question is never logged**, and it is kept only as ``assistant_ask`` decides
  (anonymised, when there was no answer).
* Bad input answers 400 with a German message at the field it concerns; a question
  that is empty, too long or has no words is no bad input: the assistant says so
  (200, ``outcome`` "refused").
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, NoReturn

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from verbund.api.partner_views import LimitedJSONParser
from verbund.assistant.models import Outcome
from verbund.assistant.services import Reply, assistant_ask
from verbund.core.ratelimits import rate_limit_take

# A question of 500 characters, each escaped as \uXXXX, and the other fields fit easily.
BODY_BYTES = 32 * 1024
MAX_PLACE = 100
MAX_KEY = 40
RATE_WINDOW = dt.timedelta(minutes=1)


def questions_per_minute() -> int:
    return int(getattr(settings, "VERBUND_ASSISTANT_QUESTIONS_PER_MINUTE", 30))


# --- input --------------------------------------------------------------------------------


class JsonText(serializers.CharField):
    """A JSON string and nothing else: DRF's ``CharField`` would take a number or a
    boolean and turn it into text."""

    default_error_messages = {
        "not_a_string": gettext_lazy("Not a string."),
        "no_text": gettext_lazy("Not text."),
    }

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("not_a_string")
        # Checked here, before DRF's validators, so that the message names the field.
        if "\x00" in data or any(0xD800 <= ord(ch) <= 0xDFFF for ch in data):
            self.fail("no_text")
        return str(super().to_internal_value(data))


def _text(name: str, *, required: bool, max_length: int | None, help_text: Any) -> JsonText:
    messages: dict[str, Any] = {
        "not_a_string": format_lazy(
            gettext_lazy("„{name}“ muss ein Text sein (eine JSON-Zeichenkette)."), name=name
        ),
        "no_text": format_lazy(
            gettext_lazy(
                "„{name}“ enthält Zeichen, die kein Text sind (ein Nullzeichen oder ein "
                "einzelnes Ersatzzeichen)."
            ),
            name=name,
        ),
        "null": format_lazy(
            gettext_lazy("„{name}“ darf nicht null sein; senden Sie einen Text."), name=name
        ),
        "required": format_lazy(gettext_lazy("„{name}“ fehlt."), name=name),
    }
    if max_length is not None:
        messages["max_length"] = format_lazy(
            gettext_lazy("„{name}“ darf höchstens {limit} Zeichen lang sein."),
            name=name,
            limit=max_length,
        )
    options: dict[str, Any] = {"max_length": max_length} if max_length is not None else {}
    if not required:
        options["default"] = ""
    return JsonText(
        required=required,
        allow_blank=True,
        trim_whitespace=False,
        help_text=help_text,
        error_messages=messages,
        **options,
    )


class AssistantRequestSerializer(serializers.Serializer[dict[str, str]]):
    question = _text(
        "question",
        required=True,
        max_length=None,
        help_text=gettext_lazy(
            "Die Frage in einfachen Worten. Eine leere, eine längere als 500 Zeichen und "
            "eine ohne Wörter beantwortet der Assistent mit einem Hinweis (outcome "
            "„refused“). Markup wird entfernt, nie ausgeführt."
        ),
    )
    place = _text(
        "place",
        required=False,
        max_length=MAX_PLACE,
        help_text=gettext_lazy(
            "Wohnort oder Postleitzahl; passen mehrere Orte, kommen sie als placeChoices."
        ),
    )
    ars = _text(
        "ars",
        required=False,
        max_length=MAX_KEY,
        help_text=gettext_lazy(
            "Amtlicher Regionalschlüssel (12 Ziffern) der Gemeinde, etwa aus placeChoices; "
            "geht place vor."
        ),
    )
    service = _text(
        "service",
        required=False,
        max_length=MAX_KEY,
        help_text=gettext_lazy(
            "Der lokale Schlüssel (service) einer Leistung aus choices, nach einer Rückfrage."
        ),
    )


# --- output, described for the OpenAPI document ---------------------------------------------


class AssistantSourceSerializer(serializers.Serializer[Any]):
    label = serializers.CharField(  # type: ignore[assignment]  # the answer's field name
        help_text=gettext_lazy("Woher die Aussage stammt.")
    )
    url = serializers.CharField(help_text=gettext_lazy("Die Stelle auf der Leistungsseite."))


class AssistantSectionSerializer(serializers.Serializer[Any]):
    key = serializers.ChoiceField(choices=["kosten", "unterlagen", "fristen"])
    heading = serializers.CharField()
    lines = serializers.ListField(
        child=serializers.CharField(), help_text=gettext_lazy("Wörtlich aus dem Katalog.")
    )
    items = serializers.BooleanField(help_text=gettext_lazy("Die Zeilen sind Aufzählungspunkte."))
    source = AssistantSourceSerializer()  # type: ignore[assignment]  # the answer's field name


class AssistantFeeSerializer(serializers.Serializer[Any]):
    label = serializers.CharField()  # type: ignore[assignment]  # the answer's field name
    amount = serializers.CharField(
        help_text=gettext_lazy("Betrag in Euro mit zwei Nachkommastellen, z. B. „16.80“.")
    )


class AssistantOfficeSerializer(serializers.Serializer[Any]):
    authority = serializers.CharField()
    name = serializers.CharField()
    street = serializers.CharField()
    postcode = serializers.CharField()
    city = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    openingHours = serializers.ListField(child=serializers.CharField())
    source = AssistantSourceSerializer()  # type: ignore[assignment]  # the answer's field name


class AssistantCardSerializer(serializers.Serializer[Any]):
    service = serializers.CharField(help_text=gettext_lazy("Lokaler Schlüssel der Leistung."))
    leikaKey = serializers.CharField(
        required=False, help_text=gettext_lazy("LeiKa-Schlüssel, nur wo es einen gibt.")
    )
    title = serializers.CharField()
    url = serializers.CharField(help_text=gettext_lazy("Die Leistungsseite (für den Ort)."))
    summary = serializers.CharField()
    summaryPlain = serializers.CharField(
        help_text=gettext_lazy(
            "Die Kurzbeschreibung automatisch in einfacheren Worten, ohne Gewähr; leer, "
            "wenn der Betreiber das nicht eingeschaltet hat."
        )
    )
    summarySource = AssistantSourceSerializer()
    sections = AssistantSectionSerializer(many=True)
    fees = AssistantFeeSerializer(many=True)
    feeSource = AssistantSourceSerializer(allow_null=True)
    place = serializers.CharField(help_text=gettext_lazy("Der Wohnort; leer ohne Ort."))
    responsible = serializers.CharField(
        help_text=gettext_lazy("Die zuständige Behörde; leer ohne Ort.")
    )
    onPlatform = serializers.BooleanField(
        help_text=gettext_lazy("Die zuständige Behörde ist auf der Plattform.")
    )
    offered = serializers.BooleanField(
        help_text=gettext_lazy("Die zuständige Behörde bietet die Leistung hier an.")
    )
    office = AssistantOfficeSerializer(allow_null=True)
    onlineUrl = serializers.CharField(help_text=gettext_lazy("Online beantragen; leer ohne."))
    processingNote = serializers.CharField()


class AssistantPlaceSerializer(serializers.Serializer[Any]):
    ars = serializers.CharField()
    name = serializers.CharField()


class AssistantPlaceChoiceSerializer(serializers.Serializer[Any]):
    ars = serializers.CharField()
    name = serializers.CharField()
    parent = serializers.CharField()  # type: ignore[assignment]  # the answer's field name


class AssistantChoiceSerializer(serializers.Serializer[Any]):
    service = serializers.CharField(help_text=gettext_lazy("Als service zurücksenden."))
    title = serializers.CharField()
    summary = serializers.CharField()


class AssistantHandoffSerializer(serializers.Serializer[Any]):
    offices = AssistantOfficeSerializer(many=True)
    phone = serializers.CharField(help_text=gettext_lazy("Die Behördennummer 115."))


# Inline, not as an enum component: the partner API's decision has an "outcome" of its
# own, and drf-spectacular's enum naming would then rename that published component
# (OutcomeEnum). Wrapped in allOf, the enum stays where it is.
@extend_schema_field(
    {
        "allOf": [{"type": "string", "enum": list(Outcome.values)}],
        "description": "answered: cards; clarify: choices; abstained: handoff; refused: a "
        "hint in message (the question was empty, too long, had no words or was not German).",
    }
)
class OutcomeField(serializers.CharField):
    pass


class AssistantReplySerializer(serializers.Serializer[Any]):
    outcome = OutcomeField()
    message = serializers.CharField()
    note = serializers.CharField()
    question = serializers.CharField(
        help_text=gettext_lazy("Die Frage, wie der Assistent sie gelesen hat (ohne Markup).")
    )
    place = AssistantPlaceSerializer(allow_null=True)
    placeChoices = AssistantPlaceChoiceSerializer(many=True)
    placeMessage = serializers.CharField()
    choices = AssistantChoiceSerializer(many=True)
    cards = AssistantCardSerializer(many=True)
    handoff = AssistantHandoffSerializer(allow_null=True)
    html = serializers.CharField(
        help_text=gettext_lazy("Die Antwort als HTML-Fragment, wie sie das Portal zeigt.")
    )


class AssistantErrorSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()


def _source(request: Request, label: str, url: str) -> dict[str, str]:
    return {"label": label, "url": _absolute(request, url)}


def _absolute(request: Request, url: str) -> str:
    return request.build_absolute_uri(url) if url else ""


def _office(request: Request, office: Any) -> dict[str, Any]:
    return {
        "authority": office.authority,
        "name": office.name,
        "street": office.street,
        "postcode": office.postcode,
        "city": office.city,
        "phone": office.phone,
        "email": office.email,
        "openingHours": list(office.opening_hours),
        "source": _source(request, office.source.label, office.source.url),
    }


def _card(request: Request, card: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"service": card.slug}
    if card.key != card.slug:
        body["leikaKey"] = card.key
    body.update(
        {
            "title": card.title,
            "url": _absolute(request, card.url),
            "summary": card.summary,
            "summaryPlain": card.summary_plain,
            "summarySource": _source(request, card.summary_source.label, card.summary_source.url),
            "sections": [
                {
                    "key": section.key,
                    "heading": section.heading,
                    "lines": list(section.lines),
                    "items": section.items,
                    "source": _source(request, section.source.label, section.source.url),
                }
                for section in card.sections
            ],
            "fees": [
                {"label": fee.label, "amount": str(Decimal(fee.amount).quantize(Decimal("0.01")))}
                for fee in card.fees
            ],
            "feeSource": (
                _source(request, card.fee_source.label, card.fee_source.url)
                if card.fee_source is not None
                else None
            ),
            "place": card.place,
            "responsible": card.responsible,
            "onPlatform": card.responsible_on_platform,
            "offered": card.offered,
            "office": _office(request, card.office) if card.office is not None else None,
            "onlineUrl": _absolute(request, card.online_url),
            "processingNote": card.processing_note,
        }
    )
    return body


def reply_json(request: Request, reply: Reply) -> dict[str, Any]:
    """The reply as the API's JSON, with the portal's fragment in ``html``."""
    return {
        "outcome": str(reply.outcome.value),
        "message": reply.message,
        "note": reply.note,
        "question": reply.question,
        "place": (
            {"ars": reply.place.ars, "name": reply.place.official_name}
            if reply.place is not None
            else None
        ),
        "placeChoices": [
            {"ars": p.ars, "name": p.name, "parent": p.parent} for p in reply.place_choices
        ],
        "placeMessage": reply.place_message,
        "choices": [
            {"service": c.slug, "title": c.title, "summary": c.summary} for c in reply.choices
        ],
        "cards": [_card(request, card) for card in reply.cards],
        "handoff": (
            {
                "offices": [_office(request, o) for o in reply.handoff.offices],
                "phone": reply.handoff.phone,
            }
            if reply.handoff is not None
            else None
        ),
        # The fragment's choice forms carry the page's CSRF token: render with Django's
        # request, whose CSRF cookie the middleware then sets.
        "html": render_to_string(
            "assistant/_reply.html", {"reply": reply}, request=request._request
        ),
    }


# --- the endpoint -------------------------------------------------------------------------


class QuestionsPerAddress(BaseThrottle):
    """At most ``questions_per_minute()`` questions per client address and minute,
    counted in the database (the address is stored only as a keyed hash)."""

    def allow_request(self, request: Request, view: APIView) -> bool:
        if request.method != "POST":
            return True
        return rate_limit_take(
            scope="assistant-question",
            key=str(request.META.get("REMOTE_ADDR", "")),
            uses=questions_per_minute(),
            window=RATE_WINDOW,
        )

    def wait(self) -> float:
        return RATE_WINDOW.total_seconds()


class TooManyQuestions(Throttled):
    """429 with ``Retry-After`` and a message of our own (DRF's would add a sentence)."""

    def __init__(self, wait: int) -> None:
        super().__init__(
            detail=_(
                "Von Ihrem Anschluss kamen in kurzer Zeit zu viele Fragen. Bitte warten Sie "
                "eine Minute und fragen Sie dann noch einmal."
            )
        )
        self.wait = wait


class AssistantView(APIView):
    authentication_classes: list[type] = []
    throttle_classes = [QuestionsPerAddress]
    parser_classes = [LimitedJSONParser]
    renderer_classes = [JSONRenderer]
    max_body_bytes = BODY_BYTES

    def throttled(self, request: Request, wait: float | None) -> NoReturn:
        raise TooManyQuestions(int(RATE_WINDOW.total_seconds()))

    @extend_schema(
        operation_id="assistant_ask",
        request=AssistantRequestSerializer,
        responses={
            200: AssistantReplySerializer,
            400: OpenApiResponse(
                description="Bad input: an object of field name → list of German messages, "
                "or {detail} for a body that is not JSON or not a JSON object."
            ),
            413: OpenApiResponse(AssistantErrorSerializer, description="The body is too large."),
            415: OpenApiResponse(
                AssistantErrorSerializer, description="The body is not application/json."
            ),
            429: OpenApiResponse(
                AssistantErrorSerializer,
                description="Too many questions from this client address within a minute "
                "(with Retry-After).",
            ),
        },
        summary="Ask the citizen assistant a question in plain German",
        description=(
            "Answers from the published catalogue only, every statement with its source: "
            "`answered` with one or more cards (with a place: the responsible authority, "
            "office, fees, online link), `clarify` with `choices` (send the chosen "
            "`service` with the same question), `abstained` with a `handoff` (the offices "
            "of the place and the public service number 115), `refused` for an empty, too "
            "long or wordless question or one not in German. With a place name that fits "
            "several Gemeinden, `placeChoices` lists them (send the chosen `ars`). No "
            "authentication and no CSRF token; at most 30 questions per minute and client "
            "address by default. The question is never logged; one without an answer is "
            "kept anonymised for the networks' coordinators."
        ),
        tags=["assistant"],
    )
    def post(self, request: Request) -> Response:
        data = request.data
        if not isinstance(data, dict):
            raise ValidationError({"non_field_errors": [_("Erwartet wird ein JSON-Objekt.")]})
        params = AssistantRequestSerializer(data=data)
        params.is_valid(raise_exception=True)
        fields = params.validated_data
        reply = assistant_ask(
            question=fields["question"],
            place=fields["place"],
            ars=fields["ars"].strip(),
            service=fields["service"].strip(),
        )
        return Response(reply_json(request, reply))
