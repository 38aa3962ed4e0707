"""Bearer tokens of specialist systems (``integrations.ApiClient``) and their scopes.

``Authorization: Bearer vbk_…`` identifies the client; only the token's SHA-256
is stored. No token, an unknown one and a revoked one all answer 401 with
``WWW-Authenticate: Bearer``; a valid token without the scope an endpoint needs
answers 403. ``request.auth`` is the :class:`ApiClient`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed, NotAuthenticated
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from verbund.integrations.models import ApiClient
from verbund.integrations.selectors import client_for_token
from verbund.integrations.services import api_client_touch

REALM = "Verbund"


@dataclass(frozen=True)
class ClientPrincipal:
    """``request.user`` of a token request: the client, never a staff user."""

    client: ApiClient
    is_authenticated: bool = True
    is_active: bool = True
    pk: None = None

    def __str__(self) -> str:
        return self.client.name


class ApiClientAuthentication(BaseAuthentication):
    keyword = "bearer"

    def authenticate(self, request: Request) -> tuple[ClientPrincipal, ApiClient] | None:
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.encode():
            return None
        if len(header) != 2:
            raise AuthenticationFailed(
                _("Der Authorization-Header muss „Bearer <Zugangsschlüssel>“ lauten.")
            )
        try:
            token = header[1].decode("ascii")
        except UnicodeError:
            raise AuthenticationFailed(_("Der Zugangsschlüssel ist ungültig.")) from None
        client = client_for_token(token)
        if client is None:
            raise AuthenticationFailed(
                _("Der Zugangsschlüssel ist ungültig oder wurde widerrufen.")
            )
        api_client_touch(client=client)
        return ClientPrincipal(client), client

    def authenticate_header(self, request: Request) -> str:
        return f'Bearer realm="{REALM}"'


def request_client(request: Request) -> ApiClient:
    client = request.auth
    if not isinstance(client, ApiClient):
        raise NotAuthenticated()
    return client


class _ScopeRequired(BasePermission):
    scope = ""

    def has_permission(self, request: Request, view: Any) -> bool:
        client = request.auth
        if not isinstance(client, ApiClient):
            # DRF answers 401 with WWW-Authenticate for an unauthenticated request.
            return False
        if not client.has_scope(self.scope):
            self.message = _("Diesem Zugang fehlt die Berechtigung „%(scope)s“.") % {
                "scope": self.scope
            }
            return False
        return True


def scope_required(scope: str) -> type[BasePermission]:
    """A permission class: the client's token carries ``scope``."""
    return type(f"Scope_{scope.replace(':', '_')}", (_ScopeRequired,), {"scope": scope})


class ApiClientAuthenticationScheme(OpenApiAuthenticationExtension):
    """The bearer scheme in the OpenAPI document (``components.securitySchemes``)."""

    target_class = "verbund.api.authentication.ApiClientAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "Token of an API client (Fachverfahren), created by the authority's "
                "admins on the staff page „Schnittstellen“; it starts with „vbk_“."
            ),
        }
