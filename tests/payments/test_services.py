"""Starting payments, learning their outcome, the provider registry and the reads."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from tests.payments.conftest import MakeSubmission
from verbund.applications.models import Submission
from verbund.core.audit import audit_verify
from verbund.core.models import AuditEntry
from verbund.payments import providers, selectors, services
from verbund.payments.models import Payment, PaymentStatus, SimulatedTransaction
from verbund.payments.providers import (
    ProviderError,
    ProviderTransaction,
    SimulatedProvider,
    safe_redirect,
)

pytestmark = pytest.mark.django_db

RETURN_URL = "/status/VB-TEST/token/zahlung/"


def start(submission: Submission, **kwargs: Any) -> Payment:
    arguments: dict[str, Any] = {
        "submission": submission,
        "amount": Decimal("40.00"),
        "purpose": "VB-TEST Anwohnerparkausweis",
        "return_url": RETURN_URL,
        **kwargs,
    }
    return services.payment_start(**arguments)


def decide(payment: Payment, status: PaymentStatus) -> None:
    services.simulated_transaction_decide(transaction_id=payment.transaction_id, status=status)


def audit(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("id"))


def rows() -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """Everything payments write, to show that a refused call wrote nothing."""
    return (
        list(Payment.objects.order_by("pk").values()),
        list(SimulatedTransaction.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )


# -- payment_start ------------------------------------------------------------------


def test_start_creates_an_initial_payment_and_a_simulated_transaction(
    submission: Submission,
) -> None:
    payment = start(submission)

    payment.refresh_from_db()
    transaction = SimulatedTransaction.objects.get()
    assert payment.submission == submission
    assert payment.authority == submission.responsible
    assert payment.authority != submission.authority
    assert (payment.amount, payment.currency, payment.purpose) == (
        Decimal("40.00"),
        "EUR",
        "VB-TEST Anwohnerparkausweis",
    )
    assert (payment.status, payment.provider, payment.completed_at) == (
        PaymentStatus.INITIAL,
        "simulated",
        None,
    )
    assert payment.transaction_id == str(transaction.pk)
    assert payment.pay_url == f"/bezahlen/simulator/{transaction.pk}/"
    assert payment.pay_url == reverse(
        "payments:simulator", kwargs={"transaction_id": transaction.pk}
    )
    assert transaction.request_id == str(payment.pk)
    assert (transaction.amount, transaction.currency, transaction.purpose) == (
        Decimal("40.00"),
        "EUR",
        "VB-TEST Anwohnerparkausweis",
    )
    assert (transaction.redirect_url, transaction.status) == (RETURN_URL, PaymentStatus.INITIAL)

    [entry] = audit("payments.payment_started")
    assert entry.authority_id == submission.responsible_id
    assert (entry.object_type, entry.object_id) == ("payments.Payment", str(payment.pk))
    assert entry.actor_label == "system"
    assert entry.changes["amount"] == [None, "40.00"]
    assert entry.changes["submission"] == [None, submission.reference]
    assert entry.changes["status"] == [None, "INITIAL"]
    assert AuditEntry.objects.count() == 1
    assert audit_verify().ok


def test_start_records_the_acting_user(submission: Submission) -> None:
    from tests.factories import make_user

    clerk = make_user(username="kasse")
    start(submission, actor=clerk)
    [entry] = audit("payments.payment_started")
    assert (entry.actor_id, entry.actor_label) == (clerk.pk, "kasse")


def test_a_long_purpose_is_shortened_to_140_characters(submission: Submission) -> None:
    payment = start(submission, purpose="  " + "x" * 200 + "  ")
    assert payment.purpose == "x" * 140
    assert SimulatedTransaction.objects.get().purpose == "x" * 140


@pytest.mark.parametrize(
    "amount",
    [
        Decimal("0"),
        Decimal("0.00"),
        Decimal("-1.00"),
        Decimal("0.001"),
        Decimal("40.005"),
        Decimal("100000000"),
        Decimal("NaN"),
        Decimal("Infinity"),
    ],
)
def test_start_refuses_an_impossible_amount(submission: Submission, amount: Decimal) -> None:
    before = rows()
    with pytest.raises(ValueError, match="amount"):
        start(submission, amount=amount)
    assert rows() == before


def test_start_refuses_a_float_amount(submission: Submission) -> None:
    before = rows()
    with pytest.raises(ValueError, match="amount"):
        start(submission, amount=40.0)
    assert rows() == before


def test_start_refuses_an_empty_purpose(submission: Submission) -> None:
    before = rows()
    with pytest.raises(ValueError, match="purpose"):
        start(submission, purpose="   ")
    assert rows() == before


FOREIGN_URLS = [
    "",
    "https://evil.example/",
    "http://evil.example/status/",
    "//evil.example/status/",
    "///evil.example/status/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "/\t/evil.example/",
    "/\n/evil.example/",
    " /status/",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "status/relative/",
    "http://127.0.0.1:8000.evil.example/",
    "http://127.0.0.1:8000@evil.example/",
    "https://127.0.0.1:8000/status/",
    "/" + "a" * 500,
]


@pytest.mark.parametrize("url", FOREIGN_URLS)
def test_start_refuses_a_return_url_outside_the_platform(
    submission: Submission, settings: Any, url: str
) -> None:
    settings.VERBUND_PUBLIC_URL = "http://127.0.0.1:8000"
    before = rows()
    with pytest.raises(ValueError, match="return URL"):
        start(submission, return_url=url)
    assert rows() == before


@pytest.mark.parametrize(
    "url",
    [
        "/status/VB-TEST/token/zahlung/",
        "/",
        "https://portal.example.org/status/VB-TEST/token/zahlung/",
        "https://portal.example.org",
    ],
)
def test_start_accepts_a_page_of_the_platform(
    submission: Submission, settings: Any, url: str
) -> None:
    settings.VERBUND_PUBLIC_URL = "https://portal.example.org"
    start(submission, return_url=url)
    assert SimulatedTransaction.objects.get().redirect_url == url


def test_safe_redirect_follows_the_public_url(settings: Any) -> None:
    settings.VERBUND_PUBLIC_URL = "https://portal.example.org"
    assert safe_redirect("https://portal.example.org/a/")
    assert not safe_redirect("https://portal.example.org.evil.example/a/")
    assert not safe_redirect("https://portal.example.orgevil/a/")
    assert not safe_redirect("http://127.0.0.1:8000/a/")
    settings.VERBUND_PUBLIC_URL = ""
    assert safe_redirect("/a/")
    assert not safe_redirect("https://portal.example.org/a/")


def test_a_second_start_continues_the_open_attempt(submission: Submission) -> None:
    first = start(submission)
    again = start(submission)
    assert again.pk == first.pk
    assert again.pay_url == first.pay_url
    assert (Payment.objects.count(), SimulatedTransaction.objects.count()) == (1, 1)
    assert len(audit("payments.payment_started")) == 1


@pytest.mark.parametrize("outcome", [PaymentStatus.CANCELED, PaymentStatus.FAILED])
def test_after_a_cancelled_or_failed_attempt_a_new_one_starts(
    submission: Submission, outcome: PaymentStatus
) -> None:
    first = start(submission)
    decide(first, outcome)
    second = start(submission)

    first.refresh_from_db()
    assert first.status == outcome
    assert second.pk != first.pk
    assert second.status == PaymentStatus.INITIAL
    assert second.transaction_id != first.transaction_id
    assert (Payment.objects.count(), SimulatedTransaction.objects.count()) == (2, 2)
    assert len(audit("payments.payment_started")) == 2
    assert len(audit("payments.payment_completed")) == 1
    assert selectors.latest_payment(submission) == second


def test_a_paid_submission_is_never_charged_twice(submission: Submission) -> None:
    first = start(submission)
    # The citizen paid but never came back: the next start learns it from the provider.
    decide(first, PaymentStatus.PAYED)
    again = start(submission)

    assert again.pk == first.pk
    assert again.status == PaymentStatus.PAYED
    assert (Payment.objects.count(), SimulatedTransaction.objects.count()) == (1, 1)
    assert len(audit("payments.payment_started")) == 1
    assert len(audit("payments.payment_completed")) == 1


def test_a_different_amount_opens_a_new_attempt(submission: Submission) -> None:
    first = start(submission)
    second = start(submission, amount=Decimal("45.00"))
    assert second.pk != first.pk
    assert Payment.objects.get(pk=first.pk).status == PaymentStatus.INITIAL


def test_payments_of_other_submissions_do_not_count(make_submission: MakeSubmission) -> None:
    one, other = make_submission(), make_submission()
    paid = start(one)
    decide(paid, PaymentStatus.PAYED)
    services.payment_refresh(payment=paid)
    fresh = start(other)
    assert fresh.pk != paid.pk
    assert (fresh.submission, fresh.status) == (other, PaymentStatus.INITIAL)


# -- payment_refresh ----------------------------------------------------------------


@pytest.mark.parametrize(
    "outcome", [PaymentStatus.PAYED, PaymentStatus.CANCELED, PaymentStatus.FAILED]
)
def test_refresh_records_the_outcome_once(submission: Submission, outcome: PaymentStatus) -> None:
    payment = start(submission)
    decide(payment, outcome)

    refreshed = services.payment_refresh(payment=payment)
    assert refreshed.status == outcome
    assert refreshed.completed_at is not None
    stored = Payment.objects.get()
    assert (stored.status, stored.completed_at) == (outcome, refreshed.completed_at)
    [entry] = audit("payments.payment_completed")
    assert entry.changes == {"status": ["INITIAL", str(outcome)]}
    assert entry.authority_id == submission.responsible_id
    assert entry.object_id == str(payment.pk)

    # Asking again, with the fresh or with the stale object, changes nothing.
    again = services.payment_refresh(payment=refreshed)
    stale = services.payment_refresh(payment=payment)
    assert again.status == stale.status == outcome
    assert again.completed_at == stale.completed_at == refreshed.completed_at
    assert Payment.objects.get().completed_at == refreshed.completed_at
    assert len(audit("payments.payment_completed")) == 1
    assert audit_verify().ok


def test_refresh_while_the_citizen_is_at_the_provider_changes_nothing(
    submission: Submission,
) -> None:
    payment = start(submission)
    before = rows()
    refreshed = services.payment_refresh(payment=payment)
    assert (refreshed.status, refreshed.completed_at) == (PaymentStatus.INITIAL, None)
    assert rows() == before


def test_a_final_status_never_changes(submission: Submission) -> None:
    payment = start(submission)
    decide(payment, PaymentStatus.PAYED)
    payment = services.payment_refresh(payment=payment)

    # The provider's book does not change either once decided …
    decide(payment, PaymentStatus.CANCELED)
    assert SimulatedTransaction.objects.get().status == PaymentStatus.PAYED
    # … and even if a provider later reported something else, the payment stays paid.
    SimulatedTransaction.objects.update(status=PaymentStatus.FAILED)
    before = rows()
    assert services.payment_refresh(payment=payment).status == PaymentStatus.PAYED
    assert services.payment_refresh(payment=Payment.objects.get()).status == PaymentStatus.PAYED
    assert rows() == before


def test_refresh_of_an_unknown_transaction_fails_the_payment(submission: Submission) -> None:
    payment = start(submission)
    SimulatedTransaction.objects.all().delete()
    assert services.payment_refresh(payment=payment).status == PaymentStatus.FAILED


# -- the simulated provider ---------------------------------------------------------


def test_creating_twice_with_one_request_id_gives_one_transaction() -> None:
    simulated = SimulatedProvider()
    first = simulated.create(
        request_id="anfrage-1",
        amount=Decimal("40.00"),
        currency="EUR",
        purpose="Erster Versuch",
        redirect_url="/zurueck/",
    )
    second = simulated.create(
        request_id="anfrage-1",
        amount=Decimal("99.00"),
        currency="EUR",
        purpose="Zweiter Versuch",
        redirect_url="/anderswo/",
    )
    assert second == first
    assert first == ProviderTransaction(
        transaction_id=first.transaction_id,
        pay_url=f"/bezahlen/simulator/{first.transaction_id}/",
        status=PaymentStatus.INITIAL,
    )
    transaction = SimulatedTransaction.objects.get()
    assert (transaction.request_id, transaction.amount, transaction.purpose) == (
        "anfrage-1",
        Decimal("40.00"),
        "Erster Versuch",
    )
    assert transaction.redirect_url == "/zurueck/"


def test_the_simulated_provider_refuses_a_foreign_redirect_url() -> None:
    with pytest.raises(ValueError, match="redirect URL"):
        SimulatedProvider().create(
            request_id="anfrage-2",
            amount=Decimal("40.00"),
            currency="EUR",
            purpose="Test",
            redirect_url="https://evil.example/",
        )
    assert not SimulatedTransaction.objects.exists()


def test_the_simulated_provider_reports_its_book() -> None:
    simulated = SimulatedProvider()
    created = simulated.create(
        request_id="anfrage-3",
        amount=Decimal("1.00"),
        currency="EUR",
        purpose="Test",
        redirect_url="/zurueck/",
    )
    assert simulated.status(created.transaction_id) == PaymentStatus.INITIAL
    services.simulated_transaction_decide(
        transaction_id=created.transaction_id, status=PaymentStatus.CANCELED
    )
    assert simulated.status(created.transaction_id) == PaymentStatus.CANCELED
    assert simulated.status("kein-uuid") == PaymentStatus.FAILED
    assert simulated.status("00000000-0000-0000-0000-000000000000") == PaymentStatus.FAILED


def test_deciding_needs_a_final_outcome_and_a_known_transaction(submission: Submission) -> None:
    payment = start(submission)
    before = rows()
    with pytest.raises(ValueError, match="outcome"):
        services.simulated_transaction_decide(
            transaction_id=payment.transaction_id, status=PaymentStatus.INITIAL
        )
    with pytest.raises(ValueError, match="outcome"):
        services.simulated_transaction_decide(transaction_id=payment.transaction_id, status="X")
    assert (
        services.simulated_transaction_decide(
            transaction_id="00000000-0000-0000-0000-000000000000", status=PaymentStatus.PAYED
        )
        is None
    )
    assert (
        services.simulated_transaction_decide(transaction_id="kaputt", status=PaymentStatus.PAYED)
        is None
    )
    assert rows() == before


# -- other providers ----------------------------------------------------------------


class FakeProvider:
    """A provider as a real one would be plugged in; its answers are set by the test."""

    name = "fake"
    created: list[dict[str, Any]] = []
    answer: str = PaymentStatus.INITIAL
    unreachable = False

    def create(
        self, *, request_id: str, amount: Decimal, currency: str, purpose: str, redirect_url: str
    ) -> ProviderTransaction:
        FakeProvider.created.append(
            {
                "request_id": request_id,
                "amount": amount,
                "currency": currency,
                "purpose": purpose,
                "redirect_url": redirect_url,
            }
        )
        return ProviderTransaction(
            transaction_id=f"fake-{request_id}",
            pay_url=f"https://pay.example.org/{request_id}",
            status=PaymentStatus.INITIAL,
        )

    def status(self, transaction_id: str) -> PaymentStatus:
        if FakeProvider.unreachable:
            raise ProviderError("timeout")
        return cast(PaymentStatus, FakeProvider.answer)


@pytest.fixture
def fake_provider(monkeypatch: pytest.MonkeyPatch, settings: Any) -> type[FakeProvider]:
    monkeypatch.setitem(providers.PROVIDERS, "fake", FakeProvider)
    monkeypatch.setattr(FakeProvider, "created", [])
    monkeypatch.setattr(FakeProvider, "answer", PaymentStatus.INITIAL)
    monkeypatch.setattr(FakeProvider, "unreachable", False)
    settings.VERBUND_PAYMENT_PROVIDER = "fake"
    return FakeProvider


def test_the_configured_provider_is_used(
    submission: Submission, fake_provider: type[FakeProvider]
) -> None:
    payment = start(submission)
    assert fake_provider.created == [
        {
            "request_id": str(payment.pk),
            "amount": Decimal("40.00"),
            "currency": "EUR",
            "purpose": "VB-TEST Anwohnerparkausweis",
            "redirect_url": RETURN_URL,
        }
    ]
    assert (payment.provider, payment.transaction_id, payment.pay_url) == (
        "fake",
        f"fake-{payment.pk}",
        f"https://pay.example.org/{payment.pk}",
    )
    assert not SimulatedTransaction.objects.exists()


def test_a_payment_is_asked_about_at_the_provider_that_created_it(
    submission: Submission, fake_provider: type[FakeProvider], settings: Any
) -> None:
    payment = start(submission)
    settings.VERBUND_PAYMENT_PROVIDER = "simulated"
    fake_provider.answer = PaymentStatus.PAYED
    assert services.payment_refresh(payment=payment).status == PaymentStatus.PAYED


@pytest.mark.parametrize("answer", ["PENDING", "", "payed"])
def test_an_unknown_answer_changes_nothing(
    submission: Submission, fake_provider: type[FakeProvider], answer: str
) -> None:
    payment = start(submission)
    fake_provider.answer = answer
    before = rows()
    assert services.payment_refresh(payment=payment).status == PaymentStatus.INITIAL
    assert rows() == before


def test_an_unreachable_provider_changes_nothing(
    submission: Submission, fake_provider: type[FakeProvider]
) -> None:
    payment = start(submission)
    fake_provider.unreachable = True
    before = rows()
    assert services.payment_refresh(payment=payment).status == PaymentStatus.INITIAL
    assert rows() == before
    fake_provider.unreachable = False
    fake_provider.answer = PaymentStatus.FAILED
    assert services.payment_refresh(payment=payment).status == PaymentStatus.FAILED


def test_a_provider_that_refuses_leaves_no_payment(
    submission: Submission, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: SimulatedProvider, **kwargs: Any) -> ProviderTransaction:
        raise ProviderError("refused")

    monkeypatch.setattr(SimulatedProvider, "create", refuse)
    before = rows()
    with pytest.raises(ProviderError):
        start(submission)
    assert rows() == before


def test_an_unknown_provider_is_a_configuration_error(settings: Any) -> None:
    settings.VERBUND_PAYMENT_PROVIDER = "gibtsnicht"
    with pytest.raises(ImproperlyConfigured, match="gibtsnicht"):
        providers.provider()
    assert "payments.E001" in [message.id for message in run_checks()]


def test_the_default_provider_is_the_simulated_one(settings: Any) -> None:
    del settings.VERBUND_PAYMENT_PROVIDER
    assert isinstance(providers.provider(), SimulatedProvider)
    assert providers.simulator_enabled()


def test_a_provider_name_fits_the_payment_row() -> None:
    with pytest.raises(ValueError, match="40"):
        providers.register_provider("x" * 41, SimulatedProvider)
    assert "x" * 41 not in providers.PROVIDERS


def test_deploy_check_warns_about_the_simulated_provider(
    settings: Any, fake_provider: type[FakeProvider]
) -> None:
    settings.VERBUND_PAYMENT_PROVIDER = "simulated"
    ids = [message.id for message in run_checks(include_deployment_checks=True)]
    assert "payments.W001" in ids
    settings.VERBUND_PAYMENT_PROVIDER = "fake"
    ids = [message.id for message in run_checks(include_deployment_checks=True)]
    assert "payments.W001" not in ids
    assert "payments.E001" not in ids


# -- selectors ----------------------------------------------------------------------


def test_latest_payment(make_submission: MakeSubmission) -> None:
    submission, other = make_submission(), make_submission()
    assert selectors.latest_payment(submission) is None
    first = start(submission)
    assert selectors.latest_payment(submission) == first
    decide(first, PaymentStatus.FAILED)
    second = start(submission)
    assert selectors.latest_payment(submission) == second
    assert selectors.latest_payment(other) is None


@pytest.mark.parametrize(
    "key", ["", "kein-uuid", "12345", None, 42, "00000000-0000-0000-0000-000000000000"]
)
def test_payment_by_id_answers_none_for_anything_unknown(
    submission: Submission, key: object
) -> None:
    start(submission)
    assert selectors.payment_by_id(key) is None


def test_payment_by_id_finds_by_uuid_and_string(submission: Submission) -> None:
    payment = start(submission)
    assert selectors.payment_by_id(payment.pk) == payment
    assert selectors.payment_by_id(str(payment.pk)) == payment
    assert selectors.payment_by_id(str(payment.pk).upper()) == payment
