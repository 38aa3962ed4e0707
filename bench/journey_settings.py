"""Settings of the journey bench (``bench/bench_journeys.py``): the product's
settings, with a URLconf that adds the baseline view beside the product's URLs.

Run with ``bench/`` on ``PYTHONPATH`` and ``DJANGO_SETTINGS_MODULE=journey_settings``.
For the crash test, ``BENCH_HOLD_SUBMIT=outer:300`` holds each successful submit's
answer for 300 ms after everything (the session too) is saved; ``inner:300`` holds
it right after the view, before the session middleware saves the session.
"""

import os

from verbund.settings import *  # noqa: F403
from verbund.settings import MIDDLEWARE

ROOT_URLCONF = "journey_server"

_hold = os.environ.get("BENCH_HOLD_SUBMIT", "")
if _hold.startswith("outer:"):
    MIDDLEWARE = ["journey_server.HoldSubmit", *MIDDLEWARE]
elif _hold.startswith("inner:"):
    MIDDLEWARE = [*MIDDLEWARE, "journey_server.HoldSubmit"]
