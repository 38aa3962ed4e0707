"""The simulated provider's pay page: the stand-in for an external payment service."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from verbund.formengine.engine import money_display
from verbund.payments import selectors, services
from verbund.payments.models import PaymentStatus, SimulatedTransaction
from verbund.payments.providers import safe_redirect, simulator_enabled

# The value of the pressed button → the outcome the simulated provider records.
ACTIONS = {
    "bezahlen": PaymentStatus.PAYED,
    "abbrechen": PaymentStatus.CANCELED,
    "fehlschlag": PaymentStatus.FAILED,
}


def _back_url(transaction: SimulatedTransaction) -> str:
    # Checked when the transaction was created; checked again so that no row
    # written another way can turn this page into an open redirect.
    return transaction.redirect_url if safe_redirect(transaction.redirect_url) else "/"


def _page(
    request: HttpRequest, transaction: SimulatedTransaction, error: str = "", status: int = 200
) -> HttpResponse:
    return render(
        request,
        "payments/simulator.html",
        {
            "transaction": transaction,
            "amount": money_display(transaction.amount),
            "back_url": _back_url(transaction),
            "error": error,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def simulator(request: HttpRequest, transaction_id: uuid.UUID) -> HttpResponse:
    if not simulator_enabled():
        raise Http404
    transaction = selectors.simulated_transaction(transaction_id)
    if transaction is None:
        raise Http404
    if request.method == "POST":
        outcome = ACTIONS.get(request.POST.get("aktion", ""))
        if outcome is None:
            return _page(
                request, transaction, _("Bitte wählen Sie eine der Schaltflächen."), status=400
            )
        services.simulated_transaction_decide(transaction_id=transaction.pk, status=outcome)
        return HttpResponseRedirect(_back_url(transaction), status=303)
    return _page(request, transaction)
