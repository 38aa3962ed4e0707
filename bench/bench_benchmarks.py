"""A comparison ring of 294 members × 50 KPIs × 5 periods: the comparison page, the
ranking, the overview, the report PDF and publishing.

    .venv/bin/python bench/bench_benchmarks.py [--requests 30] [--pdfs 5] [--database URL]

The issue (#15): the comparison page under 500 ms with 294 members × 50 KPIs × 5
periods. The script makes a fresh SQLite database in a temporary directory (or uses
``--database``, which it migrates and fills: give it an empty one), migrates it and
builds, through the services only: a network with 294 made-up Gemeinden as members, a
coordinator and a clerk of the first member, a ring over all of them, 20 entered base
figures, 50 KPIs (each a quotient or product of two or three figures), 5 periods
(2021–2025) with every value of every member (random, seed 2026) and publishes each;
the publishing time is measured. Then through Django's test client (the whole stack,
no WSGI server, debug off), after 3 warm-up requests each, ``--requests`` times:

* **comparison** – ``…/vergleich/<participant>/`` of the clerk's own member (50 KPIs
  against the distribution of 294 values each);
* **ranking** – ``…/rangfolge/<kpi>/``: 294 rows, pseudonymised;
* **overview** – ``…/uebersicht/``: 50 KPIs × 5 periods;
* **PDF** – ``…/bericht.pdf``, ``--pdfs`` times.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

MEMBERS = 294
FIGURES = 20
KPIS = 50
YEARS = (2021, 2022, 2023, 2024, 2025)
SEED = 2026


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p * (len(ordered) - 1))))
    return ordered[index]


def _report(name: str, times: list[float]) -> None:
    print(
        f"{name:12s} n={len(times):3d}  p50 {statistics.median(times):8.1f} ms  "
        f"p95 {_percentile(times, 0.95):8.1f} ms  max {max(times):8.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--pdfs", type=int, default=5)
    parser.add_argument("--database", default="")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="verbund-bench-benchmarks-")
    os.environ["VERBUND_DATABASE_URL"] = args.database or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verbund.settings")
    os.environ.setdefault("VERBUND_DEBUG", "0")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    call_command("migrate", verbosity=0)

    import datetime as dt

    from verbund.accounts.models import AuthorityRoleKind, NetworkRoleKind
    from verbund.accounts.services import (
        network_role_grant,
        staff_user_create,
    )
    from verbund.authorities.models import Authority, AuthorityKind
    from verbund.benchmarks import services
    from verbund.benchmarks.models import Better, Participant
    from verbund.networks.models import NetworkKind
    from verbund.networks.services import membership_add, network_create

    rng = random.Random(SEED)
    authorities = Authority.objects.bulk_create(
        Authority(
            ars=f"0990{i:08d}",
            ags=f"0990{i:04d}",
            kind=AuthorityKind.GEMEINDE,
            textkennzeichen="64",
            name=f"Benchgemeinde {i:03d}",
            search_name=f"benchgemeinde {i:03d}",
            population=rng.randint(2_000, 60_000),
            postcode="99999",
            gebietsstand=dt.date(2025, 8, 31),
        )
        for i in range(MEMBERS)
    )
    network = network_create(
        actor=None, name="Benchverbund", slug="bench", kind=NetworkKind.SERVICE_CENTRE
    )
    for authority in authorities:
        membership_add(
            actor=None, network=network, authority=authority, joined_on=dt.date(2020, 1, 1)
        )
    coordinator = staff_user_create(
        actor=None,
        authority=None,
        username="koordination",
        display_name="Koordination",
        email="k@example.org",
        password="Verbund-Bench-2026!",
        role=None,
    )
    network_role_grant(
        actor=None, user=coordinator, network=network, role=NetworkRoleKind.COORDINATOR
    )
    clerk = staff_user_create(
        actor=None,
        authority=authorities[0],
        username="sachbearbeitung",
        display_name="Sachbearbeitung",
        email="s@example.org",
        password="Verbund-Bench-2026!",
        role=AuthorityRoleKind.CLERK,
    )
    ring = services.ring_create(
        actor=None, network=network, name="Benchring", authority_ids=[a.pk for a in authorities]
    )
    keys = [f"g{i:02d}" for i in range(FIGURES)]
    for key in keys:
        services.figure_create(actor=None, ring=ring, key=key, label=f"Grundzahl {key}")
    kpis = []
    for i in range(KPIS):
        a, b, c = rng.sample(keys, 3)
        formula = f"{a} / {b} * 1000" if i % 2 else f"({a} + {c}) / {b}"
        kpis.append(
            services.kpi_create(
                actor=None,
                ring=ring,
                key=f"k{i:02d}",
                label=f"Kennzahl {i:02d}",
                formula=formula,
                better=Better.HIGHER if i % 3 else Better.LOWER,
                decimals=2,
            )
        )
    participants = list(Participant.objects.filter(ring=ring))
    publish_times = []
    periods = []
    for year in YEARS:
        period = services.period_create(actor=None, ring=ring, year=year)
        for participant in participants:
            services.values_set(
                actor=None,
                period=period,
                participant=participant,
                values={key: Decimal(rng.randint(1, 100_000)) for key in keys},
            )
        started = time.perf_counter()
        services.period_publish(actor=None, period=period)
        publish_times.append((time.perf_counter() - started) * 1000)
        periods.append(period)
    own = next(p for p in participants if p.authority_id == authorities[0].pk)
    last = periods[-1]
    urls = {
        "comparison": reverse(
            "staff:benchmark_comparison",
            kwargs={"ring_pk": ring.pk, "period_pk": last.pk, "participant_pk": own.pk},
        ),
        "ranking": reverse(
            "staff:benchmark_ranking",
            kwargs={"ring_pk": ring.pk, "period_pk": last.pk, "kpi_pk": kpis[0].pk},
        ),
        "overview": reverse("staff:benchmark_overview", kwargs={"ring_pk": ring.pk}),
    }
    pdf_url = reverse(
        "staff:benchmark_report",
        kwargs={"ring_pk": ring.pk, "period_pk": last.pk, "participant_pk": own.pk},
    )
    print(
        f"SQLite, {MEMBERS} members × {KPIS} KPIs × {len(YEARS)} periods "
        f"({FIGURES} entered figures each), debug={settings.DEBUG}"
    )
    _report("publish", publish_times)
    with override_settings(
        VERBUND_DEMO=True,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        clerk.two_factor_exempt = True
        clerk.save(update_fields=["two_factor_exempt"])
        client = Client()
        client.force_login(clerk)
        for name, url in urls.items():
            for _ in range(3):
                assert client.get(url).status_code == 200, name
            times = []
            for _ in range(args.requests):
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, name
            _report(name, times)
        times = []
        for _ in range(args.pdfs):
            started = time.perf_counter()
            response = client.get(pdf_url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        _report("pdf", times)


if __name__ == "__main__":
    main()
