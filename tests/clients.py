"""Test clients shared by the suites."""

from __future__ import annotations

from typing import Any

from django.test import Client


def logged_in(user: Any) -> Client:
    """A Django test client with ``user`` logged in (the second factor is the view's business)."""
    client = Client()
    client.force_login(user)
    return client
