"""The citizen assistant on the portal (/assistent/) without JavaScript: the form, the
answer as the POST's response, choices as buttons, errors on the field, and the rule
that a question never appears in an address or a log.

The catalogue is the small one of ``conftest.py`` (Merzenich offers the
Personalausweis and the Hundesteuer; nobody offers the Sperrmüll). The answers come
from the dense model, so every question here has one clear answer.
"""

from __future__ import annotations

import logging
from typing import Any

import lxml.html
import pytest
from django.test import Client
from lxml.html import HtmlElement

from tests.assistant.conftest import MERZENICH, Catalogue
from verbund.assistant.models import DailyCount, OpenQuestion

pytestmark = pytest.mark.django_db

URL = "/assistent/"
KIRCHHUNDEM = "059660016016"
PERSO = "Mein Perso läuft ab, was muss ich tun?"


def _page(response: object) -> HtmlElement:
    assert response.status_code == 200  # type: ignore[attr-defined]
    return lxml.html.fromstring(response.content.decode())  # type: ignore[attr-defined]


def _text(element: HtmlElement) -> str:
    """The element's text as read: its text nodes (lines, list items) with spaces between."""
    return " ".join(" ".join(element.itertext()).split())


def _texts(root: HtmlElement, xpath: str) -> list[str]:
    return [_text(e) for e in root.xpath(xpath)]


def _reply(root: HtmlElement) -> HtmlElement:
    (reply,) = root.xpath("//article[@data-assistant-reply]")
    return reply


def _form(root: HtmlElement) -> dict[str, str]:
    """The values of the question form below the conversation."""
    (form,) = root.xpath("//form[@data-assistant]")
    (question,) = form.xpath(".//textarea[@name='frage']")
    (place,) = form.xpath(".//input[@name='ort']")
    (key,) = form.xpath(".//input[@name='ars']")
    return {
        "frage": question.text_content().removeprefix("\n"),
        "ort": place.get("value", ""),
        "ars": key.get("value", ""),
    }


def _choices(reply: HtmlElement) -> list[tuple[str, dict[str, str]]]:
    """Each choice in an answer: its button's text and what its form posts."""
    found = []
    for form in reply.xpath(".//form[@data-assistant-choice]"):
        assert (form.get("method"), form.get("action")) == ("post", URL)
        fields = {
            i.get("name"): i.get("value")
            for i in form.xpath(".//input[@type='hidden']")
            if i.get("name") != "csrfmiddlewaretoken"
        }
        assert form.xpath(".//input[@name='csrfmiddlewaretoken']")
        found.append((_text(form.xpath(".//button")[0]), fields))
    return found


def _facts(card: HtmlElement) -> list[tuple[str, str]]:
    return [(_text(dt), _text(dt.getnext())) for dt in card.xpath(".//dl/dt")]


def _sources(card: HtmlElement) -> list[tuple[str, str]]:
    return [
        (_text(a), a.get("href"))
        for a in card.xpath(".//p[contains(@class, 'assistant-source')]/a")
    ]


def _counts() -> list[tuple[int | None, str, int]]:
    return list(DailyCount.objects.values_list("network_id", "outcome", "count"))


# --- the form ----------------------------------------------------------------------------


def test_the_page_offers_the_form_and_says_what_is_kept(client: Client) -> None:
    response = client.get(URL)
    root = _page(response)
    assert "no-store" in response["Cache-Control"]
    assert _texts(root, "//title") == ["Bürgerassistent – Verbund"]
    assert _texts(root, "//h1") == ["Fragen Sie den Bürgerassistenten"]
    (form,) = root.xpath("//form[@data-assistant]")
    # The question travels in the body only.
    assert (form.get("method"), form.get("action")) == ("post", URL)
    assert form.xpath(".//input[@name='csrfmiddlewaretoken']")
    assert _texts(form, ".//label") == [
        "Ihre Frage",
        "Ihr Wohnort oder Ihre Postleitzahl – optional",
    ]
    assert _texts(form, ".//*[@id='id_frage_helptext']") == [
        "Höchstens 500 Zeichen. Bitte schreiben Sie keine Namen, Adressen oder "
        "Telefonnummern in Ihre Frage."
    ]
    # The browser does not cut a longer question; the server declines it.
    assert form.xpath(".//textarea[@name='frage']/@maxlength") == []
    assert _form(root) == {"frage": "", "ort": "", "ars": ""}
    assert _texts(form, ".//button") == ["Fragen"]
    assert _texts(root, "//div[@role='log']") == [""]
    assert root.xpath("//div[@role='log']/@aria-live") == ["polite"]
    privacy = root.xpath("//main//a[text()='Datenschutzerklärung']/@href")
    assert privacy == ["/datenschutz/"]
    assert "anonymisiert – ohne Namen, Zahlen und Adressen" in _text(root)
    assert root.xpath("//script/@src") == ["/static/verbund/assistant.js"]
    assert root.xpath("//script/@defer") == ["defer"]
    assert root.xpath("//head/link[@rel='stylesheet']/@href")[-1] == "/static/verbund/assistant.css"
    assert _counts() == []


def test_the_place_is_preset_from_the_address(client: Client, catalogue: Catalogue) -> None:
    root = _page(client.get(URL, {"ars": MERZENICH}))
    assert _form(root) == {"frage": "", "ort": "Gemeinde Merzenich", "ars": MERZENICH}
    root = _page(client.get(URL, {"ort": "Merzenich"}))
    assert _form(root) == {"frage": "", "ort": "Merzenich", "ars": ""}
    root = _page(client.get(URL, {"ars": "999999999999"}))
    assert _form(root) == {"frage": "", "ort": "", "ars": ""}
    assert _texts(root, "//p[@role='status']") == [
        "Diesen Ort kennen wir nicht. Bitte geben Sie ihn noch einmal ein."
    ]


def test_only_get_and_post(client: Client) -> None:
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


# --- answers ---------------------------------------------------------------------------


def test_a_question_is_answered_with_the_office_and_fees_of_the_place(
    client: Client, catalogue: Catalogue
) -> None:
    response = client.post(URL, {"frage": PERSO, "ort": "Merzenich"})
    # The answer is this response: no redirect that would carry the question.
    root = _page(response)
    assert _texts(root, "//title") == ["Antwort des Bürgerassistenten – Verbund"]
    assert _texts(root, "//div[@role='log']/div[contains(@class, 'assistant-turn')]/p") == [
        "Ihre Frage",
        PERSO,
    ]
    reply = _reply(root)
    assert reply.get("data-outcome") == "answered"
    assert _texts(reply, ".//*[@role='status']") == ["Das sagt der Leistungskatalog dazu:"]
    (card,) = reply.xpath(".//section[@class='assistant-card']")
    page = f"/leistungen/{catalogue.ausweis.key}/?ars={MERZENICH}"
    assert [(_text(a), a.get("href")) for a in card.xpath("./h3/a")] == [
        ("Personalausweis beantragen", page)
    ]
    assert _texts(card, ".//h4") == [
        "Kosten",
        "Erforderliche Unterlagen",
        "Fristen",
        "Wer ist für Sie zuständig?",
    ]
    assert _texts(card, ".//ul[contains(@class, 'kern-list--bullet')]/li") == [
        "biometrisches Passfoto",
        "bisheriger Ausweis",
    ]
    assert _texts(card, ".//p[contains(@class, 'kern-body--bold')]") == [
        "Für Gemeinde Merzenich zuständig: Gemeinde Merzenich"
    ]
    assert _facts(card) == [
        ("Stelle", "Bürgerbüro"),
        ("Anschrift", "Rathausplatz 1, 52399 Merzenich"),
        ("Telefon", "0000 000-0"),
        ("E-Mail", "buergerbuero@example.org"),
        ("Öffnungszeiten", "Mo–Fr 8:00–12:00 Do 14:00–18:00"),
        (
            "Gebühren",
            "ab 24 Jahren: 46,00 € unter 24 Jahren: 27,60 € "
            "Quelle: Gebühren von Gemeinde Merzenich",
        ),
    ]
    assert _sources(card) == [
        ("Leistungsbeschreibung „Personalausweis beantragen“", page),
        ("Leistungsbeschreibung „Personalausweis beantragen“, Kosten", page + "#section-kosten"),
        (
            "Leistungsbeschreibung „Personalausweis beantragen“, Erforderliche Unterlagen",
            page + "#section-unterlagen",
        ),
        ("Leistungsbeschreibung „Personalausweis beantragen“, Fristen", page + "#section-fristen"),
        ("Gebühren von Gemeinde Merzenich", page + "#zustaendig"),
        ("Zuständigkeit für Gemeinde Merzenich: Gemeinde Merzenich", page + "#zustaendig"),
    ]
    assert card.xpath(".//a[contains(@class, 'kern-btn')]") == []
    assert (
        "Diese Leistung können Sie hier noch nicht online beantragen. Wenden Sie sich bitte "
        "an die genannte Stelle." in _texts(card, ".//p")
    )
    assert reply.xpath(".//section[@class='assistant-handoff']") == []
    # The form below keeps the question and the place as understood.
    assert _form(root) == {"frage": PERSO, "ort": "Gemeinde Merzenich", "ars": MERZENICH}
    assert _counts() == [(catalogue.network.pk, "answered", 1)]
    assert OpenQuestion.objects.count() == 0


def test_without_a_place_the_answer_asks_for_it_and_keeps_the_question(
    client: Client, catalogue: Catalogue
) -> None:
    question = "Ich habe mir einen Welpen gekauft"
    root = _page(client.post(URL, {"frage": question, "ort": ""}))
    reply = _reply(root)
    (card,) = reply.xpath(".//section[@class='assistant-card']")
    assert _texts(card, "./h3") == ["Hund zur Hundesteuer anmelden"]
    assert _texts(card, ".//div[h4='Wer ist für Sie zuständig?']/p") == [
        "Das hängt von Ihrem Wohnort ab. Geben Sie Ihren Wohnort oder Ihre Postleitzahl ein "
        "und fragen Sie noch einmal: Dann nenne ich die zuständige Stelle, ihre Gebühren und "
        "Öffnungszeiten.",
        "Wohnort eingeben",
    ]
    assert card.xpath(".//a[text()='Wohnort eingeben']/@href") == ["#id_ort"]
    assert card.xpath(".//dl") == []
    assert reply.get("data-place-ars") is None
    assert _form(root) == {"frage": question, "ort": "", "ars": ""}

    # The citizen adds the place and sends the form again.
    root = _page(client.post(URL, {"frage": question, "ort": "52399", "ars": ""}))
    (card,) = _reply(root).xpath(".//section[@class='assistant-card']")
    assert _texts(card, ".//p[contains(@class, 'kern-body--bold')]") == [
        "Für Gemeinde Merzenich zuständig: Gemeinde Merzenich"
    ]
    assert _facts(card)[:2] == [
        ("Stelle", "Bürgerbüro"),
        ("Anschrift", "Rathausplatz 1, 52399 Merzenich"),
    ]
    assert [f for f, _v in _facts(card)] == [
        "Stelle",
        "Anschrift",
        "Telefon",
        "E-Mail",
        "Öffnungszeiten",
    ]
    assert [
        (_text(a), a.get("href")) for a in card.xpath(".//a[contains(@class, 'kern-btn')]")
    ] == [("Online beantragen", "https://portal.example.org/antrag")]
    assert _form(root) == {"frage": question, "ort": "Gemeinde Merzenich", "ars": MERZENICH}


def test_a_place_with_several_matches_is_chosen_by_button(
    client: Client, catalogue: Catalogue
) -> None:
    root = _page(client.post(URL, {"frage": PERSO, "ort": "Kirch"}))
    reply = _reply(root)
    assert reply.get("data-outcome") == "answered"
    assert _texts(reply, ".//p[contains(@class, 'assistant-reply__place')]") == [
        "Mehrere Orte passen. Bitte wählen Sie Ihren Wohnort."
    ]
    choices = _choices(reply)
    assert choices == [
        (
            "Gemeinde Kirchhundem (Kreis Olpe)",
            {"frage": PERSO, "ars": KIRCHHUNDEM, "service": "personalausweis"},
        ),
        (
            "Gemeinde Kirchheim (Kirchheim (VGem))",
            {"frage": PERSO, "ars": "096795650153", "service": "personalausweis"},
        ),
    ]
    assert _form(root) == {"frage": PERSO, "ort": "Kirch", "ars": ""}

    root = _page(client.post(URL, choices[0][1]))
    (card,) = _reply(root).xpath(".//section[@class='assistant-card']")
    assert _texts(card, "./h3") == ["Personalausweis beantragen"]
    # Kirchhundem is not on the platform: the card says so, as the service page does.
    assert _texts(card, ".//div[h4='Wer ist für Sie zuständig?']/p") == [
        "Für Gemeinde Kirchhundem zuständig: Gemeinde Kirchhundem",
        "Gemeinde Kirchhundem ist nicht auf dieser Plattform. Bitte wenden Sie sich direkt an "
        "Gemeinde Kirchhundem.",
    ]
    assert _form(root) == {"frage": PERSO, "ort": "Gemeinde Kirchhundem", "ars": KIRCHHUNDEM}


def test_a_typed_place_replaces_the_chosen_one(client: Client, catalogue: Catalogue) -> None:
    root = _page(client.post(URL, {"frage": PERSO, "ort": "Kirchhundem", "ars": MERZENICH}))
    assert _reply(root).get("data-place-ars") == KIRCHHUNDEM
    # Unchanged, the field shows the chosen place's name and the key counts.
    root = _page(client.post(URL, {"frage": PERSO, "ort": "Gemeinde Merzenich", "ars": MERZENICH}))
    assert _reply(root).get("data-place-ars") == MERZENICH


def test_a_clarifying_question_offers_a_button_per_service(
    client: Client, catalogue: Catalogue
) -> None:
    question = "Muss ich etwas bezahlen?"
    root = _page(client.post(URL, {"frage": question, "ort": "", "ars": MERZENICH}))
    reply = _reply(root)
    assert reply.get("data-outcome") == "clarify"
    assert _texts(reply, ".//*[@role='status']") == [
        "Ihre Frage passt zu mehreren Leistungen. Welche meinen Sie?"
    ]
    assert _choices(reply) == [
        (
            "Sperrmüll abholen lassen",
            {"frage": question, "ars": MERZENICH, "service": "sperrmuell-abholung"},
        ),
        (
            "Personalausweis beantragen",
            {"frage": question, "ars": MERZENICH, "service": "personalausweis"},
        ),
    ]
    assert _texts(reply, ".//li[@class='assistant-choice']/p") == [
        catalogue.sperrmuell.summary,
        catalogue.ausweis.summary,
    ]

    root = _page(
        client.post(URL, {"frage": question, "ars": MERZENICH, "service": "sperrmuell-abholung"})
    )
    assert _texts(root, "//div[contains(@class, 'assistant-turn')]/p[2]") == [
        "Gewählt: Sperrmüll abholen lassen"
    ]
    reply = _reply(root)
    assert reply.get("data-outcome") == "answered"
    (card,) = reply.xpath(".//section[@class='assistant-card']")
    assert _texts(card, "./h3") == ["Sperrmüll abholen lassen"]
    # Merzenich does not offer it on the platform.
    assert _texts(card, ".//div[h4='Wer ist für Sie zuständig?']/p") == [
        "Für Gemeinde Merzenich zuständig: Gemeinde Merzenich",
        "Gemeinde Merzenich bietet diese Leistung hier noch nicht an. Bitte wenden Sie sich "
        "direkt an Gemeinde Merzenich.",
    ]
    assert _counts() == [
        (catalogue.network.pk, "clarify", 1),
        (catalogue.network.pk, "answered", 1),
    ]


def test_an_unknown_place_key_is_said(client: Client, catalogue: Catalogue) -> None:
    root = _page(client.post(URL, {"frage": PERSO, "ars": "999999999999"}))
    reply = _reply(root)
    assert _texts(reply, ".//p[contains(@class, 'assistant-reply__place')]") == [
        "Diesen Ort kennen wir nicht. Bitte geben Sie ihn noch einmal ein."
    ]
    (card,) = reply.xpath(".//section[@class='assistant-card']")
    assert card.xpath(".//a[text()='Wohnort eingeben']/@href") == ["#id_ort"]
    assert _form(root) == {"frage": PERSO, "ort": "", "ars": ""}


# --- questions without an answer -----------------------------------------------------------


def test_gibberish_is_declined_and_handed_over(client: Client, catalogue: Catalogue) -> None:
    root = _page(client.post(URL, {"frage": "xkcd blorf", "ort": "Merzenich"}))
    reply = _reply(root)
    assert reply.get("data-outcome") == "abstained"
    assert _texts(reply, ".//*[@role='status']") == [
        "Dazu kann ich nichts sagen. Im Leistungskatalog habe ich nichts gefunden, das sicher "
        "zu Ihrer Frage passt. Hier bekommen Sie Hilfe:"
    ]
    assert reply.xpath(".//section[@class='assistant-card']") == []
    (handoff,) = reply.xpath(".//section[@class='assistant-handoff']")
    assert _texts(handoff, ".//p[contains(@class, 'kern-body--bold')]") == [
        "Bürgerbüro, Gemeinde Merzenich"
    ]
    assert _facts(handoff) == [
        ("Anschrift", "Rathausplatz 1, 52399 Merzenich"),
        ("Telefon", "0000 000-0"),
        ("E-Mail", "buergerbuero@example.org"),
        ("Öffnungszeiten", "Mo–Fr 8:00–12:00 Do 14:00–18:00"),
    ]
    assert [(_text(a), a.get("href")) for a in handoff.xpath(".//a")] == [
        ("buergerbuero@example.org", "mailto:buergerbuero@example.org"),
        ("Behördennummer 115 (Mo–Fr 8–18 Uhr)", "tel:115"),
        ("Im Leistungskatalog selbst suchen", "/leistungen/"),
    ]
    assert _form(root) == {"frage": "xkcd blorf", "ort": "Gemeinde Merzenich", "ars": MERZENICH}
    (kept,) = OpenQuestion.objects.all()
    assert (kept.text, kept.network_id, kept.outcome) == (
        "xkcd blorf",
        catalogue.network.pk,
        "abstained",
    )


def test_an_english_question_is_answered_in_german_or_declined_in_both(
    client: Client, catalogue: Catalogue
) -> None:
    root = _page(client.post(URL, {"frage": "Where do I get a new ID card?"}))
    reply = _reply(root)
    assert reply.get("data-outcome") == "answered"
    assert _texts(reply, ".//p[contains(@class, 'assistant-reply__note')]") == [
        "Ich antworte auf Deutsch. (The assistant answers in German.)"
    ]
    assert _texts(reply, ".//section[@class='assistant-card']/h3") == ["Personalausweis beantragen"]

    root = _page(client.post(URL, {"frage": "What time does the football match start tonight?"}))
    reply = _reply(root)
    assert reply.get("data-outcome") == "refused"
    assert _texts(reply, ".//*[@role='status']") == [
        "Ich verstehe Fragen auf Deutsch. Bitte stellen Sie Ihre Frage auf Deutsch, oder rufen "
        "Sie die Behördennummer 115 an. (Please ask in German, or call the public service "
        "number 115.)"
    ]
    (handoff,) = reply.xpath(".//section[@class='assistant-handoff']")
    assert handoff.xpath(".//a/@href") == ["tel:115", "/leistungen/"]


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (
            "",
            "Bitte schreiben Sie Ihre Frage in das Feld, zum Beispiel: „Wie melde ich mein "
            "Auto ab?“",
        ),
        (
            "Hund " * 101,
            "Ihre Frage ist länger als 500 Zeichen. Bitte fassen Sie sie kürzer; was Sie "
            "geschrieben haben, steht noch im Feld.",
        ),
        (
            "12345 ???",
            "In Ihrer Eingabe habe ich keine Wörter erkannt. Bitte stellen Sie Ihre Frage in "
            "ganzen Wörtern.",
        ),
    ],
)
def test_unusable_input_is_an_error_on_the_field_and_stays_in_it(
    client: Client, catalogue: Catalogue, question: str, message: str
) -> None:
    root = _page(client.post(URL, {"frage": question, "ort": "Merzenich"}))
    assert _texts(root, "//title") == ["Fehler: Bürgerassistent – Verbund"]
    assert _texts(root, "//div[@role='alert']//li") == [message]
    assert root.xpath("//div[@role='alert']//li/a/@href") == ["#id_frage"]
    assert _texts(root, "//*[@id='id_frage_error']") == [message]
    assert root.xpath("//textarea/@aria-invalid") == ["true"]
    assert root.xpath("//article[@data-assistant-reply]") == []
    assert _form(root) == {"frage": question, "ort": "Merzenich", "ars": ""}
    assert _counts() == [(catalogue.network.pk, "refused", 1)]
    assert OpenQuestion.objects.count() == 0


def test_markup_in_a_question_is_text(client: Client, catalogue: Catalogue) -> None:
    response = client.post(URL, {"frage": "<script>alert(1)</script>"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</textarea>" in body
    root = _page(response)
    assert root.xpath("//script/@src") == ["/static/verbund/assistant.js"]
    assert _form(root)["frage"] == "<script>alert(1)</script>"
    # The assistant reads the text without the markup ("alert(1)"); its answer is
    # whatever that is closest to, here the Personalausweis.
    assert _texts(root, "//div[contains(@class, 'assistant-turn')]/p[2]") == ["alert(1)"]
    assert _reply(root).get("data-outcome") == "answered"


def test_a_too_long_place_is_an_error_on_its_field(client: Client, catalogue: Catalogue) -> None:
    root = _page(client.post(URL, {"frage": PERSO, "ort": "M" * 101}))
    message = "Ihr Wohnort oder Ihre Postleitzahl darf höchstens 100 Zeichen lang sein."
    assert _texts(root, "//div[@role='alert']//li") == [message]
    assert _form(root) == {"frage": PERSO, "ort": "M" * 101, "ars": ""}
    assert _counts() == []


def test_a_null_character_is_an_error_naming_the_field(
    client: Client, catalogue: Catalogue
) -> None:
    root = _page(client.post(URL, {"frage": "Perso\x00", "ort": "Merzenich"}))
    assert _texts(root, "//div[@role='alert']//li") == [
        "Ihre Frage enthält ein Nullzeichen. Bitte schreiben Sie sie noch einmal."
    ]
    assert _counts() == []


def test_questions_are_limited_per_address(
    client: Client, catalogue: Catalogue, settings: Any
) -> None:
    settings.VERBUND_ASSISTANT_QUESTIONS_PER_MINUTE = 1
    assert client.post(URL, {"frage": PERSO}).status_code == 200
    response = client.post(URL, {"frage": "Ich habe mir einen Welpen gekauft"})
    assert response.status_code == 429
    root = lxml.html.fromstring(response.content.decode())
    assert _texts(root, "//div[@role='alert']//li") == [
        "Von Ihrem Anschluss kamen in kurzer Zeit zu viele Fragen. Bitte warten Sie eine "
        "Minute und fragen Sie dann noch einmal."
    ]
    assert _form(root) == {"frage": "Ich habe mir einen Welpen gekauft", "ort": "", "ars": ""}
    # Not asked: only the first question was counted.
    assert _counts() == [(None, "answered", 1)]


def test_no_question_is_logged(
    client: Client, catalogue: Catalogue, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    questions = [PERSO, "xkcd blorf zumbelwatz", "Ich heiße Erika Muster"]
    for question in questions:
        assert client.post(URL, {"frage": question, "ort": "Merzenich"}).status_code == 200
    logged = "\n".join(
        [r.getMessage() for r in caplog.records] + [repr(r.args) for r in caplog.records]
    )
    for question in questions:
        assert question not in logged
    assert "blorf" not in logged
    assert "Erika" not in logged
