"""Login with a second factor, the staff start page and the authority workspace."""

from __future__ import annotations

from base64 import b32encode
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.views import LoginView, redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from verbund.accounts import hooks, services
from verbund.accounts.forms import LoginForm, RoleGrantForm, StaffUserCreateForm, TokenForm
from verbund.accounts.models import AuthorityRole, AuthorityRoleKind
from verbund.accounts.selectors import grants_for, has_confirmed_totp
from verbund.authorities.models import Authority
from verbund.core.access import Action, access_by_id, access_child_by_id, can, scoped
from verbund.core.audit_log import audit_log
from verbund.core.auth import second_factor_done, staff_required
from verbund.core.models import AuditEntry
from verbund.core.panels import render_menu, render_panels
from verbund.core.refusals import refusal_to_messages

# --- Login, second factor, logout ---------------------------------------------------


def _safe_next(request: HttpRequest) -> str:
    """The ``next`` target when it stays on this site, else ``""``."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _home_or(next_url: str) -> str:
    return next_url or resolve_url(settings.LOGIN_REDIRECT_URL)


class StaffLoginView(LoginView):
    """Password step; django-axes counts failures and locks (see settings.AXES_*)."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def get_success_url(self) -> str:
        next_url = self.get_redirect_url()  # already checked against open redirects
        if second_factor_done(self.request.user):
            return _home_or(next_url)
        step = (
            "accounts:otp_verify" if has_confirmed_totp(self.request.user) else "accounts:otp_setup"
        )
        return _with_next(reverse(step), next_url)


login_view = StaffLoginView.as_view()


def logout_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    auth_logout(request)
    messages.info(request, _("Sie haben sich abgemeldet."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


def _retry_message(check: services.TokenCheck) -> str:
    retry_at = check.retry_at or timezone.now()
    return _(
        "Zu viele falsche Codes. Bitte warten Sie bis %(time)s Uhr und versuchen Sie es dann "
        "erneut."
    ) % {"time": formats.time_format(timezone.localtime(retry_at), "H:i:s")}


def _token_error(check: services.TokenCheck) -> str:
    if check.throttled:
        return _retry_message(check)
    return _(
        "Der Code ist nicht richtig oder abgelaufen. Bitte geben Sie den Code ein, den Ihre "
        "Authenticator-App gerade anzeigt."
    )


def _complete_second_factor(request: HttpRequest, device: Any) -> None:
    # A new session key once the login is complete (against session fixation).
    request.session.cycle_key()
    otp_login(request, device)


@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated or not user.is_active:
        return redirect_to_login(request.get_full_path())
    next_url = _safe_next(request)
    if second_factor_done(user):
        return redirect(_home_or(next_url))
    if not has_confirmed_totp(user):
        return redirect(_with_next(reverse("accounts:otp_setup"), next_url))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = services.totp_check(user=user, token=form.cleaned_data["token"])
        if check.ok:
            _complete_second_factor(request, check.device)
            return redirect(_home_or(next_url))
        form.add_error("token", _token_error(check))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url})


def _qr_svg(content: str) -> str:
    qr = segno.make(content, error="m")
    svg: str = qr.svg_inline(scale=5, border=4, dark="#000", light="#fff", omitsize=False)
    return svg


def _grouped(secret: str, size: int = 4) -> str:
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))


@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated or not user.is_active:
        return redirect_to_login(request.get_full_path())
    next_url = _safe_next(request)
    if second_factor_done(user):
        return redirect(_home_or(next_url))
    if has_confirmed_totp(user):
        # Adding a device needs the existing one first; never re-enrol on a password alone.
        return redirect(_with_next(reverse("accounts:otp_verify"), next_url))
    device = services.totp_device_start(user=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            check = services.totp_device_confirm(
                user=user,
                device=device,
                token=form.cleaned_data["token"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if check.ok:
                _complete_second_factor(request, check.device)
                messages.success(
                    request,
                    _("Ihr zweiter Faktor ist eingerichtet. Sie sind jetzt angemeldet."),
                )
                return redirect(_home_or(next_url))
            form.add_error("token", _token_error(check))
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "next": next_url,
            # segno builds the SVG from the otpauth URL alone; nothing user-typed goes in.
            "qr_svg": mark_safe(_qr_svg(device.config_url)),  # noqa: S308
            "secret": _grouped(secret),
        },
    )


# --- Staff start page and authority workspace ---------------------------------------


def _role_labels(roles: frozenset[str] | set[str]) -> list[str]:
    order = list(AuthorityRoleKind.values)
    return [str(AuthorityRoleKind(r).label) for r in sorted(roles, key=order.index)]


@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    grants = grants_for(request.user)
    authorities = [
        (authority, _role_labels(grants.authority_roles.get(authority.pk, frozenset())))
        for authority in scoped(request.user, Authority).order_by("name", "ars")
    ]
    return render(
        request,
        "staff/accounts/home.html",
        {
            "authorities": authorities,
            "panels": render_panels(hooks.STAFF_HOME, request, request.user),
        },
    )


def _staff_rows(user: Any, authority: Authority) -> list[dict[str, Any]]:
    """One row per person: their roles in ``authority`` (each revocable on its own)."""
    rows: dict[int, dict[str, Any]] = {}
    assignments = (
        scoped(user, AuthorityRole)
        .filter(authority_id=authority.pk)
        .select_related("user")
        .order_by("user__username", "role")
    )
    for assignment in assignments:
        row = rows.setdefault(assignment.user_id, {"user": assignment.user, "roles": []})
        row["roles"].append(assignment)
    return list(rows.values())


@staff_required
def authority_workspace(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk)
    return render(
        request,
        "staff/accounts/authority.html",
        {
            "authority": authority,
            "may_manage": can(request.user, Action.MANAGE, authority),
            "staff": _staff_rows(request.user, authority),
            "menu": render_menu(hooks.AUTHORITY_MENU, request, authority),
            "panels": render_panels(hooks.AUTHORITY_WORKSPACE, request, authority),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def authority_staff(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk, Action.MANAGE)
    grant_form = RoleGrantForm(prefix="grant")
    create_form = StaffUserCreateForm(prefix="create")
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "grant":
            grant_form = RoleGrantForm(request.POST, prefix="grant")
            if grant_form.is_valid():
                person, role = grant_form.cleaned_data["user"], grant_form.cleaned_data["role"]
                held = (
                    scoped(request.user, AuthorityRole)
                    .filter(authority_id=authority.pk, user_id=person.pk, role=role)
                    .exists()
                )
                try:
                    services.authority_role_grant(
                        actor=request.user, authority=authority, user=person, role=role
                    )
                except ValidationError as exc:
                    grant_form.add_error(None, exc)
                else:
                    label = AuthorityRoleKind(role).label
                    if held:
                        messages.info(
                            request,
                            _("%(person)s hat die Rolle „%(role)s“ bereits.")
                            % {"person": person, "role": label},
                        )
                    else:
                        messages.success(
                            request,
                            _("%(person)s hat jetzt die Rolle „%(role)s“.")
                            % {"person": person, "role": label},
                        )
                    return redirect("staff:authority_staff", pk=authority.pk)
        elif action == "create":
            create_form = StaffUserCreateForm(request.POST, prefix="create")
            if create_form.is_valid():
                try:
                    person = services.staff_user_create(
                        actor=request.user, authority=authority, **create_form.cleaned_data
                    )
                except ValidationError as exc:
                    create_form.add_error(None, exc)
                else:
                    messages.success(
                        request,
                        _(
                            "Das Konto %(username)s wurde angelegt. Bei der ersten Anmeldung "
                            "richtet die Person ihren zweiten Faktor ein."
                        )
                        % {"username": person.username},
                    )
                    return redirect("staff:authority_staff", pk=authority.pk)
        else:
            status = 400
    return render(
        request,
        "staff/accounts/authority_staff.html",
        {
            "authority": authority,
            "staff": _staff_rows(request.user, authority),
            "grant_form": grant_form,
            "create_form": create_form,
        },
        status=status,
    )


@staff_required
@require_POST
def authority_role_revoke(request: HttpRequest, pk: int, role_pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk, Action.MANAGE)
    assignment = access_child_by_id(
        request.user,
        AuthorityRole,
        role_pk,
        parent=authority,
        parent_field="authority",
        action=Action.MANAGE,
    )
    try:
        services.authority_role_revoke(actor=request.user, role_assignment=assignment)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(
            request,
            _("%(person)s hat die Rolle „%(role)s“ nicht mehr.")
            % {"person": assignment.user, "role": assignment.get_role_display()},
        )
    if can(request.user, Action.MANAGE, authority):
        return redirect("staff:authority_staff", pk=authority.pk)
    if can(request.user, Action.VIEW, authority):
        return redirect("staff:authority", pk=authority.pk)
    return redirect("staff:home")


@staff_required
def authority_audit(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk, Action.MANAGE)
    entries = scoped(request.user, AuditEntry).filter(authority_id=authority.pk)
    return render(
        request,
        "staff/accounts/audit.html",
        {"authority": authority, **audit_log(request, entries)},
    )
