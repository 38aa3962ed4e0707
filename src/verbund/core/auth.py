"""Staff authentication gate used by every staff view."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def second_factor_done(user: Any) -> bool:
    """True when the session passed TOTP, or the user is a demo user on a demo instance."""
    if getattr(user, "two_factor_exempt", False) and settings.VERBUND_DEMO:
        return True
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Require a logged-in, active staff user who passed the second factor."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or not user.is_active:
            return redirect_to_login(request.get_full_path())
        if not second_factor_done(user):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{settings.VERBUND_OTP_URL}?{query}")
        return view(request, *args, **kwargs)

    return wrapper
