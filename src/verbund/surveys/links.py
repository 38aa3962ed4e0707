"""The recipient's personal link: an HMAC of its id and salt (``core.tokens``), never
stored. A guessed id or another recipient's secret find nothing."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from verbund.core.tokens import link_token, link_token_ok
from verbund.surveys.models import Recipient

LINK_PURPOSE = "survey-recipient"


def recipient_link_token(recipient: Recipient) -> str:
    return link_token(LINK_PURPOSE, str(recipient.pk), recipient.salt)


def recipient_path(recipient: Recipient) -> str:
    return reverse(
        "surveys:respond",
        kwargs={"recipient_id": recipient.pk, "token": recipient_link_token(recipient)},
    )


def recipient_url(recipient: Recipient) -> str:
    """The link for an e-mail (``VERBUND_PUBLIC_URL``)."""
    return f"{settings.VERBUND_PUBLIC_URL}{recipient_path(recipient)}"


def recipient_by_link(recipient_id: Any, token: str) -> Recipient | None:
    """The recipient a personal link names, when its secret is right; else None."""
    try:
        pk = int(recipient_id)
    except (TypeError, ValueError):
        return None
    if not 0 < pk < 2**62:
        return None
    recipient = (
        Recipient.objects.select_related("survey", "survey__network", "authority")
        .filter(pk=pk)
        .first()
    )
    if recipient is None or not link_token_ok(
        LINK_PURPOSE, str(recipient.pk), recipient.salt, token
    ):
        return None
    return recipient
