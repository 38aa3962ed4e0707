"""Template filters for the account pages (the django-axes lockout page)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def minutes(delta: dt.timedelta | None) -> int:
    """Whole minutes of a duration, rounded up."""
    if delta is None:
        return 0
    seconds = int(delta.total_seconds())
    return -(-seconds // 60)


@register.filter
def from_now(delta: dt.timedelta | None) -> dt.datetime:
    """The local time ``delta`` from now."""
    return timezone.localtime(timezone.now() + (delta or dt.timedelta()))
