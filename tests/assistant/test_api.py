"""``POST /api/v1/assistant``: the answer as JSON with its sources and the portal's
fragment, bad input naming the field, the limit per client address, no CSRF token
needed, the OpenAPI document; the question never reaches the log."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.test import Client

from tests.assistant.conftest import MERZENICH, Catalogue
from tests.clients import logged_in
from tests.factories import make_user
from verbund.assistant.models import DailyCount, OpenQuestion
from verbund.core.models import RateLimit

pytestmark = pytest.mark.django_db

API = "/api/v1/assistant"


def ask(client: Client | None = None, **body: Any) -> Any:
    return (client or Client()).post(API, body, content_type="application/json")


def counted() -> dict[str, int]:
    return {row.outcome: row.count for row in DailyCount.objects.all()}


def test_an_answer_with_the_place_quotes_the_catalogue_with_its_sources(
    catalogue: Catalogue,
) -> None:
    response = ask(question="Mein Perso läuft ab, was muss ich tun?", place="Merzenich")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "private, no-store"
    body = response.json()
    html = body.pop("html")
    key = catalogue.ausweis.leika_key
    page = f"http://testserver/leistungen/{key}/?ars={MERZENICH}"
    description = "Leistungsbeschreibung „Personalausweis beantragen“"
    where = {
        "label": "Zuständigkeit für Gemeinde Merzenich: Gemeinde Merzenich",
        "url": f"{page}#zustaendig",
    }
    assert body == {
        "outcome": "answered",
        "message": "Das sagt der Leistungskatalog dazu:",
        "note": "",
        "question": "Mein Perso läuft ab, was muss ich tun?",
        "place": {"ars": MERZENICH, "name": "Gemeinde Merzenich"},
        "placeChoices": [],
        "placeMessage": "",
        "choices": [],
        "cards": [
            {
                "service": "personalausweis",
                "leikaKey": key,
                "title": "Personalausweis beantragen",
                "url": page,
                "summary": "Ihr Personalausweis ist abgelaufen oder verloren? Beantragen Sie im "
                "Bürgerbüro einen neuen Ausweis.",
                "summaryPlain": "",
                "summarySource": {"label": description, "url": page},
                "sections": [
                    {
                        "key": "kosten",
                        "heading": "Kosten",
                        "lines": [
                            "Der Personalausweis kostet 46 Euro, unter 24 Jahren 27,60 Euro."
                        ],
                        "items": False,
                        "source": {
                            "label": f"{description}, Kosten",
                            "url": f"{page}#section-kosten",
                        },
                    },
                    {
                        "key": "unterlagen",
                        "heading": "Erforderliche Unterlagen",
                        "lines": ["biometrisches Passfoto", "bisheriger Ausweis"],
                        "items": True,
                        "source": {
                            "label": f"{description}, Erforderliche Unterlagen",
                            "url": f"{page}#section-unterlagen",
                        },
                    },
                    {
                        "key": "fristen",
                        "heading": "Fristen",
                        "lines": ["Ab 16 Jahren brauchen Sie einen gültigen Ausweis."],
                        "items": False,
                        "source": {
                            "label": f"{description}, Fristen",
                            "url": f"{page}#section-fristen",
                        },
                    },
                ],
                "fees": [
                    {"label": "ab 24 Jahren", "amount": "46.00"},
                    {"label": "unter 24 Jahren", "amount": "27.60"},
                ],
                "feeSource": {
                    "label": "Gebühren von Gemeinde Merzenich",
                    "url": f"{page}#zustaendig",
                },
                "place": "Gemeinde Merzenich",
                "responsible": "Gemeinde Merzenich",
                "onPlatform": True,
                "offered": True,
                "office": {
                    "authority": "Gemeinde Merzenich",
                    "name": "Bürgerbüro",
                    "street": "Rathausplatz 1",
                    "postcode": "52399",
                    "city": "Merzenich",
                    "phone": "0000 000-0",
                    "email": "buergerbuero@example.org",
                    "openingHours": ["Mo–Fr 8:00–12:00", "Do 14:00–18:00"],
                    "source": where,
                },
                "onlineUrl": "",
                "processingNote": "",
            }
        ],
        "handoff": None,
    }
    # The portal's own fragment, as the chat shows it.
    assert html.startswith('<article class="assistant-reply assistant-reply--answered"')
    assert f'data-place-ars="{MERZENICH}"' in html
    assert "Personalausweis beantragen</a></h3>" in html
    assert "ab 24 Jahren: 46,00 €" in html
    assert counted() == {"answered": 1}


def test_a_chosen_service_without_a_place_has_no_office_and_no_fees(
    catalogue: Catalogue,
) -> None:
    body = ask(question="egal", service="sperrmuell-abholung").json()
    assert body["outcome"] == "answered"
    assert body["place"] is None
    key = catalogue.sperrmuell.leika_key
    page = f"http://testserver/leistungen/{key}/"
    description = "Leistungsbeschreibung „Sperrmüll abholen lassen“"
    assert body["cards"] == [
        {
            "service": "sperrmuell-abholung",
            "leikaKey": key,
            "title": "Sperrmüll abholen lassen",
            "url": page,
            "summary": "Alte Möbel, Matratzen oder Teppiche holt die Gemeinde als Sperrmüll ab.",
            "summaryPlain": "",
            "summarySource": {"label": description, "url": page},
            "sections": [
                {
                    "key": "unterlagen",
                    "heading": "Erforderliche Unterlagen",
                    "lines": ["Personalausweis"],
                    "items": False,
                    "source": {
                        "label": f"{description}, Erforderliche Unterlagen",
                        "url": f"{page}#section-unterlagen",
                    },
                }
            ],
            "fees": [],
            "feeSource": None,
            "place": "",
            "responsible": "",
            "onPlatform": False,
            "offered": False,
            "office": None,
            "onlineUrl": "",
            "processingNote": "",
        }
    ]
    assert "Sperrmüll abholen lassen</a></h3>" in body["html"]


def test_a_local_service_has_no_leika_key(catalogue: Catalogue) -> None:
    catalogue.hund.leika_key = None
    catalogue.hund.save(update_fields=["leika_key"])
    (card,) = ask(question="", service="hundesteuer-anmeldung").json()["cards"]
    assert "leikaKey" not in card
    assert (card["service"], card["url"]) == (
        "hundesteuer-anmeldung",
        "http://testserver/leistungen/hundesteuer-anmeldung/",
    )


def test_a_place_that_fits_several_gemeinden_is_offered_to_choose(
    catalogue: Catalogue,
) -> None:
    body = ask(question="Perso verloren", place="97255").json()
    assert (body["outcome"], body["place"], body["placeMessage"]) == (
        "answered",
        None,
        "Mehrere Orte passen. Bitte wählen Sie Ihren Wohnort.",
    )
    assert body["placeChoices"] == [
        {"ars": "096795644188", "name": "Gemeinde Sonderhofen", "parent": "Aub (VGem)"},
        {"ars": "096795644135", "name": "Markt Gelchsheim", "parent": "Aub (VGem)"},
    ]
    # The chosen key answers for that place.
    chosen = ask(question="Perso verloren", ars="096795644135").json()
    assert chosen["place"] == {"ars": "096795644135", "name": "Markt Gelchsheim"}
    assert chosen["placeChoices"] == []


def test_without_an_answer_it_hands_over_and_logs_nothing_of_the_question(
    catalogue: Catalogue, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    question = "Wie wird das Wetter morgen in Merzenich?"
    body = ask(question=question, place="Merzenich").json()
    assert body["outcome"] == "abstained"
    assert body["message"] == (
        "Dazu kann ich nichts sagen. Im Leistungskatalog habe ich nichts gefunden, das "
        "sicher zu Ihrer Frage passt. Hier bekommen Sie Hilfe:"
    )
    assert (body["cards"], body["choices"]) == ([], [])
    assert body["handoff"] == {
        "offices": [
            {
                "authority": "Gemeinde Merzenich",
                "name": "Bürgerbüro",
                "street": "Rathausplatz 1",
                "postcode": "52399",
                "city": "Merzenich",
                "phone": "0000 000-0",
                "email": "buergerbuero@example.org",
                "openingHours": ["Mo–Fr 8:00–12:00", "Do 14:00–18:00"],
                "source": {"label": "Gemeinde Merzenich", "url": ""},
            }
        ],
        "phone": "115",
    }
    assert 'href="tel:115"' in body["html"]
    assert "Wetter" not in caplog.text
    (kept,) = OpenQuestion.objects.all()
    assert (kept.text, kept.network_id) == (question, catalogue.network.pk)


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (
            "",
            "Bitte schreiben Sie Ihre Frage in das Feld, zum Beispiel: "
            "„Wie melde ich mein Auto ab?“",
        ),
        (
            "a" * 501,
            "Ihre Frage ist länger als 500 Zeichen. Bitte fassen Sie sie kürzer; was Sie "
            "geschrieben haben, steht noch im Feld.",
        ),
        (
            "1234 ?!",
            "In Ihrer Eingabe habe ich keine Wörter erkannt. Bitte stellen Sie Ihre Frage "
            "in ganzen Wörtern.",
        ),
    ],
)
def test_an_unusable_question_is_answered_with_a_hint(
    db: None, question: str, message: str
) -> None:
    response = ask(question=question)
    assert response.status_code == 200
    body = response.json()
    assert body["html"].startswith('<article class="assistant-reply assistant-reply--refused"')
    del body["html"]
    assert body == {
        "outcome": "refused",
        "message": message,
        "note": "",
        "question": question.strip(),
        "place": None,
        "placeChoices": [],
        "placeMessage": "",
        "choices": [],
        "cards": [],
        "handoff": None,
    }
    assert counted() == {"refused": 1}
    assert OpenQuestion.objects.count() == 0


def test_markup_in_the_question_is_dropped_never_run(catalogue: Catalogue) -> None:
    body = ask(question="<script>alert(1)</script><b>Ich habe einen Welpen</b>").json()
    assert body["outcome"] == "answered"
    assert body["question"] == "alert(1) Ich habe einen Welpen"
    assert [card["service"] for card in body["cards"]] == ["hundesteuer-anmeldung"]
    assert "<script" not in body["html"]
    assert "<b>" not in body["html"]


@pytest.mark.parametrize(
    ("payload", "status", "answer"),
    [
        (b"{nope", 400, {"detail": "Der Inhalt der Anfrage ist kein gültiges JSON."}),
        (b'["Perso"]', 400, {"non_field_errors": ["Erwartet wird ein JSON-Objekt."]}),
        (b'"Perso"', 400, {"non_field_errors": ["Erwartet wird ein JSON-Objekt."]}),
        (b"{}", 400, {"question": ["„question“ fehlt."]}),
        (
            b'{"question": 5}',
            400,
            {"question": ["„question“ muss ein Text sein (eine JSON-Zeichenkette)."]},
        ),
        (
            b'{"question": null}',
            400,
            {"question": ["„question“ darf nicht null sein; senden Sie einen Text."]},
        ),
        (
            b'{"question": ["Perso"], "ars": 53580040040, "service": false}',
            400,
            {
                "question": ["„question“ muss ein Text sein (eine JSON-Zeichenkette)."],
                "ars": ["„ars“ muss ein Text sein (eine JSON-Zeichenkette)."],
                "service": ["„service“ muss ein Text sein (eine JSON-Zeichenkette)."],
            },
        ),
        (
            b'{"question": "Perso \\ud800", "place": "Mer\\u0000zenich"}',
            400,
            {
                "question": [
                    "„question“ enthält Zeichen, die kein Text sind (ein Nullzeichen oder ein "
                    "einzelnes Ersatzzeichen)."
                ],
                "place": [
                    "„place“ enthält Zeichen, die kein Text sind (ein Nullzeichen oder ein "
                    "einzelnes Ersatzzeichen)."
                ],
            },
        ),
        (
            json.dumps({"question": "Perso", "place": "M" * 101}).encode(),
            400,
            {"place": ["„place“ darf höchstens 100 Zeichen lang sein."]},
        ),
        (
            json.dumps({"question": "Perso " * 6000}).encode(),
            413,
            {"detail": "Die Anfrage ist zu groß (höchstens 32768 Bytes)."},
        ),
    ],
)
def test_bad_input_names_the_field_and_counts_nothing(
    db: None, caplog: pytest.LogCaptureFixture, payload: bytes, status: int, answer: Any
) -> None:
    caplog.set_level(logging.DEBUG)
    response = Client().generic("POST", API, payload, content_type="application/json")
    assert response.status_code == status
    assert response.json() == answer
    assert "Perso" not in caplog.text
    assert DailyCount.objects.count() == 0


def test_only_json_is_taken_and_only_post(db: None) -> None:
    form = Client().post(API, {"question": "Perso"})
    assert form.status_code == 415
    assert form.json() == {
        "detail": 'Nicht unterstützter Medientyp "multipart/form-data; boundary=BoUnDaRyStRiNg" '
        "in der Anfrage."
    }
    get = Client().get(API)
    assert get.status_code == 405
    assert get.json() == {"detail": 'Methode "GET" nicht erlaubt.'}
    assert get["Allow"] == "POST, OPTIONS"
    assert DailyCount.objects.count() == 0


def test_no_csrf_token_is_needed_with_or_without_a_session(catalogue: Catalogue) -> None:
    anonymous = Client(enforce_csrf_checks=True)
    assert ask(anonymous, question="", service="personalausweis").status_code == 200
    staff = logged_in(make_user(username="koordination"))
    staff.handler.enforce_csrf_checks = True
    assert ask(staff, question="", service="personalausweis").status_code == 200
    assert counted() == {"answered": 2}


def test_too_many_questions_from_one_address_wait_a_minute(db: None, settings: Any) -> None:
    settings.VERBUND_ASSISTANT_QUESTIONS_PER_MINUTE = 2
    client = Client(REMOTE_ADDR="192.0.2.7")
    assert [ask(client, question="").status_code for _ in range(2)] == [200, 200]
    refused = ask(client, question="")
    assert refused.status_code == 429
    assert refused.json() == {
        "detail": "Von Ihrem Anschluss kamen in kurzer Zeit zu viele Fragen. Bitte warten Sie "
        "eine Minute und fragen Sie dann noch einmal."
    }
    assert refused["Retry-After"] == "60"
    # The refused question was not counted; another address is not affected.
    assert counted() == {"refused": 2}
    assert ask(Client(REMOTE_ADDR="192.0.2.8"), question="").status_code == 200
    assert counted() == {"refused": 3}
    # Only a keyed digest of the address is stored.
    assert not RateLimit.objects.filter(key__contains="192.0.2").exists()
    assert RateLimit.objects.filter(scope="assistant-question").count() == 2


def test_the_openapi_document_describes_the_endpoint(db: None) -> None:
    document = Client().get("/api/v1/schema/", {"format": "json"}).json()
    operation = document["paths"]["/api/v1/assistant"]["post"]
    assert list(document["paths"]["/api/v1/assistant"]) == ["post"]
    assert operation["operationId"] == "assistant_ask"
    assert operation["tags"] == ["assistant"]
    assert operation["security"] == [{}]
    assert set(operation["responses"]) == {"200", "400", "413", "415", "429"}
    request = operation["requestBody"]["content"]["application/json"]["schema"]
    assert request == {"$ref": "#/components/schemas/AssistantRequest"}
    schemas = document["components"]["schemas"]
    assert schemas["AssistantRequest"]["required"] == ["question"]
    assert set(schemas["AssistantRequest"]["properties"]) == {"question", "place", "ars", "service"}
    reply = schemas["AssistantReply"]
    assert set(reply["properties"]) == {
        "outcome",
        "message",
        "note",
        "question",
        "place",
        "placeChoices",
        "placeMessage",
        "choices",
        "cards",
        "handoff",
        "html",
    }
    card = schemas["AssistantCard"]
    assert "leikaKey" not in card["required"]
    assert "service" in card["required"]
