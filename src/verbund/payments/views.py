"""The simulated provider's pay page: the stand-in for an external payment service."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from verbund.formengine.engine import money_display
from verbund.payments import selectors, services
from verbund.payments.models import PaymentStatus

ACTIONS = {
    "bezahlen": PaymentStatus.PAYED,
    "abbrechen": PaymentStatus.CANCELED,
    "fehlschlag": PaymentStatus.FAILED,
}


@require_http_methods(["GET", "POST"])
def simulator(request: HttpRequest, transaction_id: uuid.UUID) -> HttpResponse:
    transaction = selectors.simulated_transaction(transaction_id)
    if transaction is None:
        raise Http404
    if request.method == "POST":
        outcome = ACTIONS.get(request.POST.get("aktion", ""))
        if outcome is None:
            return render(
                request,
                "payments/simulator.html",
                {
                    "transaction": transaction,
                    "amount": money_display(transaction.amount),
                    "error": _("Bitte wählen Sie eine der Schaltflächen."),
                },
                status=400,
            )
        services.simulated_transaction_decide(transaction_id=transaction.pk, status=outcome)
        return HttpResponseRedirect(transaction.redirect_url, status=303)
    return render(
        request,
        "payments/simulator.html",
        {"transaction": transaction, "amount": money_display(transaction.amount), "error": ""},
    )
