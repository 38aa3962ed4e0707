"""Staff pages of the integrations app: an authority's API clients and webhook
deliveries, for its authority admins.

Thin: parse, load through the access layer (a foreign id is a 404 and changes
nothing), call a service, respond. A new token or signing secret is shown once,
in the answer to the POST that made it (not stored for a later page, never
cached).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from verbund.authorities.models import Authority
from verbund.core.access import Action, access_by_id, access_child_by_id, scoped
from verbund.core.auth import staff_required
from verbund.core.refusals import refusal_to_form
from verbund.integrations import services
from verbund.integrations.forms import ApiClientForm, CallbackForm
from verbund.integrations.models import ApiClient, WebhookDelivery
from verbund.integrations.webhooks.services import webhook_retry

DELIVERIES_SHOWN = 50


def _authority(request: HttpRequest, pk: int) -> Authority:
    return access_by_id(request.user, Authority, pk, Action.MANAGE)


def _client(request: HttpRequest, authority: Authority, client_pk: int) -> ApiClient:
    return access_child_by_id(
        request.user,
        ApiClient,
        client_pk,
        parent=authority,
        parent_field="authority",
        action=Action.MANAGE,
    )


def _deliveries(request: HttpRequest, authority: Authority, **filters: Any) -> list[Any]:
    rows = (
        scoped(request.user, WebhookDelivery, Action.MANAGE)
        .filter(authority=authority, **filters)
        .select_related("client", "case")
        .order_by("-created_at", "-id")
    )
    return list(rows[:DELIVERIES_SHOWN])


def _secret_shown(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    return response


@staff_required
@require_http_methods(["GET", "POST"])
def clients(request: HttpRequest, pk: int) -> HttpResponse:
    authority = _authority(request, pk)
    form = ApiClientForm(request.POST if request.method == "POST" else None)
    created: tuple[ApiClient, str] | None = None
    if request.method == "POST" and form.is_valid():
        try:
            created = services.api_client_create(
                actor=request.user,
                authority=authority,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                callback_url=form.cleaned_data["callback_url"],
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            form = ApiClientForm()
    context = {
        "authority": authority,
        "clients": scoped(request.user, ApiClient, Action.MANAGE)
        .filter(authority=authority)
        .order_by("revoked_at", "name", "id"),
        "deliveries": _deliveries(request, authority),
        "form": form,
        "created_client": created[0] if created else None,
        "created_token": created[1] if created else "",
    }
    response = render(request, "staff/integrations/clients.html", context)
    return _secret_shown(response) if created else response


@staff_required
@require_http_methods(["GET", "POST"])
def client_detail(request: HttpRequest, pk: int, client_pk: int) -> HttpResponse:
    authority = _authority(request, pk)
    client = _client(request, authority, client_pk)
    form = CallbackForm(
        request.POST if request.method == "POST" else None,
        initial={"callback_url": client.callback_url},
    )
    secret = ""
    if request.method == "POST" and form.is_valid():
        before = client.callback_secret
        try:
            client = services.api_client_set_callback(
                actor=request.user,
                client=client,
                callback_url=form.cleaned_data["callback_url"],
                new_secret=form.cleaned_data["new_secret"],
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            if client.callback_secret and client.callback_secret != before:
                secret = client.callback_secret
            else:
                messages.success(request, _("Die Callback-URL wurde gespeichert."))
                return redirect(
                    "staff:integrations_staff:client", pk=authority.pk, client_pk=client.pk
                )
            form = CallbackForm(initial={"callback_url": client.callback_url})
    response = render(
        request,
        "staff/integrations/client.html",
        {
            "authority": authority,
            "client": client,
            "form": form,
            "new_secret": secret,
            "deliveries": _deliveries(request, authority, client=client),
        },
    )
    return _secret_shown(response) if secret else response


@staff_required
@require_POST
def client_revoke(request: HttpRequest, pk: int, client_pk: int) -> HttpResponse:
    authority = _authority(request, pk)
    client = _client(request, authority, client_pk)
    services.api_client_revoke(actor=request.user, client=client)
    messages.success(
        request,
        _("Der Zugang „%(name)s“ ist widerrufen; sein Schlüssel gilt nicht mehr.")
        % {"name": client.name},
    )
    return redirect("staff:integrations_staff:clients", pk=authority.pk)


@staff_required
@require_POST
def delivery_retry(request: HttpRequest, pk: int, delivery_id: str) -> HttpResponse:
    authority = _authority(request, pk)
    delivery = access_child_by_id(
        request.user,
        WebhookDelivery,
        delivery_id,
        parent=authority,
        parent_field="authority",
        action=Action.MANAGE,
    )
    try:
        webhook_retry(actor=request.user, delivery=delivery)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Die Nachricht wird jetzt erneut zugestellt."))
    return redirect("staff:integrations_staff:clients", pk=authority.pk)
