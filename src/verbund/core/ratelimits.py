"""Limits on how often an anonymous action may be repeated (e.g. e-mails to one address).

The uses are counted in the database (:class:`verbund.core.models.RateLimit`), not
in a cache: Django's default cache is per process, so with several gunicorn
workers a cached count would allow workers × limit; the database is the one store
every worker and host already shares (docs/operations.md, "Rate limits").

A use is counted inside the caller's transaction: when the caller refuses or fails
later in that transaction, the use is taken back with everything else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from verbund.core.models import RateLimit


def _digest(scope: str, key: str) -> str:
    # Keyed, so that the table does not reveal which addresses asked (nor allow a
    # dictionary lookup without the installation's secret).
    message = f"{scope}:{key}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def rate_limit_take(*, scope: str, key: str, uses: int, window: dt.timedelta) -> bool:
    """Count one use of ``key`` in ``scope`` and return ``True``; or, when ``uses``
    uses already fall within the ``window`` that ends now, count nothing and return
    ``False``. Rows whose last use lies before the window are removed on the way."""
    if uses < 1:
        return False
    now = timezone.now()
    since = now - window
    with transaction.atomic():
        RateLimit.objects.filter(scope=scope, last_hit_at__lt=since).delete()
        row, _created = RateLimit.objects.get_or_create(
            scope=scope, key=_digest(scope, key), defaults={"last_hit_at": now}
        )
        # Two requests for the same key queue here until the first one's transaction ends.
        row = RateLimit.objects.select_for_update().get(pk=row.pk)
        recent = [float(hit) for hit in row.hits if float(hit) > since.timestamp()]
        if len(recent) >= uses:
            return False
        row.hits = [*recent, now.timestamp()]
        row.last_hit_at = now
        row.save(update_fields=["hits", "last_hit_at"])
    return True
