"""Settings of the journey bench (``bench/bench_journeys.py``): the product's
settings, with a URLconf that adds the baseline view beside the product's URLs.

Run with ``bench/`` on ``PYTHONPATH`` and ``DJANGO_SETTINGS_MODULE=journey_settings``.
"""

from verbund.settings import *  # noqa: F403

ROOT_URLCONF = "journey_urls"
