"""The simulated provider's pay page over HTTP: what it shows, what each button does,
and what it refuses."""

from __future__ import annotations

import re
import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from tests.payments.conftest import MakeSubmission
from verbund.applications.models import Submission
from verbund.core.models import AuditEntry
from verbund.payments import providers, services
from verbund.payments.models import Payment, PaymentStatus, SimulatedTransaction

pytestmark = pytest.mark.django_db

RETURN_URL = "/status/VB-TEST/token/zahlung/"
BUTTONS = {
    "bezahlen": ("Jetzt bezahlen", PaymentStatus.PAYED),
    "abbrechen": ("Zahlung abbrechen", PaymentStatus.CANCELED),
    "fehlschlag": ("Fehlgeschlagene Zahlung simulieren", PaymentStatus.FAILED),
}


def start(submission: Submission, amount: str = "40.00") -> Payment:
    return services.payment_start(
        submission=submission,
        amount=Decimal(amount),
        purpose=f"{submission.reference} Anwohnerparkausweis",
        return_url=RETURN_URL,
    )


def html(response: HttpResponse) -> str:
    return response.content.decode()


def rows() -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    return (
        list(Payment.objects.order_by("pk").values()),
        list(SimulatedTransaction.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )


def test_the_page_shows_purpose_and_amount(submission: Submission) -> None:
    payment = start(submission)
    response = Client().get(payment.pay_url)

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    page = html(response)
    assert page.count("<h1") == 1
    assert re.search(r"<h1[^>]*>Bezahldienst \(Simulation\)</h1>", page)
    assert "<title>Bezahldienst (Simulation) – Verbund</title>" in page
    assert "Dies ist kein echter Bezahldienst." in page
    assert f"{submission.reference} Anwohnerparkausweis" in page
    assert "<strong>40,00 €</strong>" in page
    assert 'name="csrfmiddlewaretoken"' in page
    for value, (label, _status) in BUTTONS.items():
        assert re.search(
            rf'<button [^>]*type="submit" name="aktion" value="{value}">'
            rf'<span class="kern-label">{re.escape(label)}</span></button>',
            page,
        )
    # Looking changes nothing.
    assert SimulatedTransaction.objects.get().status == PaymentStatus.INITIAL


def test_large_amounts_are_grouped_german_style(submission: Submission) -> None:
    payment = start(submission, amount="1234.50")
    assert "<strong>1.234,50 €</strong>" in html(Client().get(payment.pay_url))


@pytest.mark.parametrize("value", sorted(BUTTONS))
def test_each_button_leads_to_its_status(submission: Submission, value: str) -> None:
    payment = start(submission)
    _label, expected = BUTTONS[value]

    response = Client().post(payment.pay_url, {"aktion": value})

    assert response.status_code == 303
    assert response["Location"] == RETURN_URL
    assert SimulatedTransaction.objects.get().status == expected
    # The platform's record changes only when it asks the provider.
    assert Payment.objects.get().status == PaymentStatus.INITIAL
    refreshed = services.payment_refresh(payment=payment)
    assert refreshed.status == expected
    assert refreshed.completed_at is not None
    assert AuditEntry.objects.filter(action="payments.payment_completed").count() == 1


def test_a_decided_transaction_cannot_be_decided_again(submission: Submission) -> None:
    payment = start(submission)
    client = Client()
    client.post(payment.pay_url, {"aktion": "abbrechen"})
    services.payment_refresh(payment=payment)
    before = rows()

    for value in ("bezahlen", "fehlschlag", "abbrechen"):
        response = client.post(payment.pay_url, {"aktion": value})
        assert response.status_code == 303
        assert response["Location"] == RETURN_URL
    services.payment_refresh(payment=payment)

    assert rows() == before
    assert SimulatedTransaction.objects.get().status == PaymentStatus.CANCELED
    assert Payment.objects.get().status == PaymentStatus.CANCELED
    # The page now only says so and leads back; there is nothing left to press.
    page = html(client.get(payment.pay_url))
    assert "Diese Zahlung ist abgeschlossen." in page
    assert f'href="{RETURN_URL}"' in page
    assert "abgebrochen" in page
    assert 'name="aktion"' not in page


@pytest.mark.parametrize("data", [{"aktion": "geschenkt"}, {"aktion": ""}, {}, {"bezahlen": "1"}])
def test_an_unknown_action_is_refused_and_changes_nothing(
    submission: Submission, data: dict[str, str]
) -> None:
    payment = start(submission)
    before = rows()

    response = Client().post(payment.pay_url, data)

    assert response.status_code == 400
    page = html(response)
    assert "Bitte wählen Sie eine der Schaltflächen." in page
    assert "<title>Fehler: Bezahldienst (Simulation) – Verbund</title>" in page
    assert 'role="alert"' in page
    assert page.count("<h1") == 1
    assert rows() == before
    assert services.payment_refresh(payment=payment).status == PaymentStatus.INITIAL


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_transaction_is_not_found(submission: Submission, method: str) -> None:
    start(submission)
    before = rows()
    url = reverse("payments:simulator", kwargs={"transaction_id": uuid.uuid4()})
    response = getattr(Client(), method)(url, {"aktion": "bezahlen"})
    assert response.status_code == 404
    assert rows() == before


@pytest.mark.parametrize("path", ["/bezahlen/simulator/kein-uuid/", "/bezahlen/simulator/1/"])
def test_a_malformed_id_is_not_found(path: str) -> None:
    assert Client().get(path).status_code == 404


def test_other_methods_are_not_allowed(submission: Submission) -> None:
    payment = start(submission)
    before = rows()
    client = Client()
    assert client.put(payment.pay_url, {"aktion": "bezahlen"}).status_code == 405
    assert client.delete(payment.pay_url).status_code == 405
    assert rows() == before


def test_a_post_without_csrf_token_is_refused(submission: Submission) -> None:
    payment = start(submission)
    before = rows()
    response = Client(enforce_csrf_checks=True).post(payment.pay_url, {"aktion": "bezahlen"})
    assert response.status_code == 403
    assert rows() == before


def test_the_form_works_with_its_own_csrf_token(submission: Submission) -> None:
    payment = start(submission)
    client = Client(enforce_csrf_checks=True)
    page = html(client.get(payment.pay_url))
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert match is not None
    response = client.post(
        payment.pay_url, {"aktion": "bezahlen", "csrfmiddlewaretoken": match.group(1)}
    )
    assert response.status_code == 303
    assert SimulatedTransaction.objects.get().status == PaymentStatus.PAYED


def test_the_simulator_is_off_when_a_real_provider_is_configured(
    submission: Submission, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    payment = start(submission)
    monkeypatch.setitem(providers.PROVIDERS, "echt", providers.SimulatedProvider)
    settings.VERBUND_PAYMENT_PROVIDER = "echt"
    before = rows()
    client = Client()
    assert client.get(payment.pay_url).status_code == 404
    assert client.post(payment.pay_url, {"aktion": "bezahlen"}).status_code == 404
    assert rows() == before


@pytest.mark.parametrize(
    "stored", ["https://evil.example/", "//evil.example/", "/\t/evil.example/"]
)
def test_a_foreign_redirect_url_written_past_the_provider_is_never_followed(
    make_submission: MakeSubmission, stored: str
) -> None:
    payment = start(make_submission())
    SimulatedTransaction.objects.update(redirect_url=stored)
    client = Client()
    response = client.post(payment.pay_url, {"aktion": "bezahlen"})
    assert response.status_code == 303
    assert response["Location"] == "/"
    page = html(client.get(payment.pay_url))
    assert "evil.example" not in page


def test_the_journey_start_pay_return(submission: Submission) -> None:
    """Start, go to the pay page, pay, come back, ask: paid, recorded once."""
    payment = start(submission)
    client = Client()
    assert client.get(payment.pay_url).status_code == 200
    back = client.post(payment.pay_url, {"aktion": "bezahlen"})
    assert back["Location"] == RETURN_URL
    paid = services.payment_refresh(payment=payment)
    assert paid.status == PaymentStatus.PAYED
    assert services.payment_refresh(payment=paid).completed_at == paid.completed_at
    assert list(
        AuditEntry.objects.filter(object_id=str(payment.pk))
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["payments.payment_started", "payments.payment_completed"]
