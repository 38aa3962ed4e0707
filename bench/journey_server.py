"""The server side of the journey bench (``bench/bench_journeys.py``): a URLconf
with every URL of the product plus ``POST /bench/baseline/``, and the crash
test's middleware.

The baseline stores the JSON body it is sent (the answers a journey submits) as
one row of ``bench_baseline`` in one transaction and answers 201 with a
reference. It runs in the same gunicorn, behind the same middleware, on the same
database as the journey; it is exempt from CSRF because it has no form.

:class:`HoldSubmit` (only when ``BENCH_HOLD_SUBMIT`` is set, see
``journey_settings``) holds the answer to every successful submit for a while,
so that the crash test's SIGKILL lands after a submission was made and before
its answer left: the case of an answer lost on its way.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable

from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.urls import URLPattern, URLResolver, path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from verbund.applications.services import new_reference
from verbund.urls import urlpatterns as product_urlpatterns

BASELINE_TABLE = "bench_baseline"


def create_baseline_table() -> None:
    """The baseline's table, created by the bench's setup (not a product model)."""
    key = (
        "bigserial PRIMARY KEY"
        if connection.vendor == "postgresql"
        else ("integer PRIMARY KEY AUTOINCREMENT")
    )
    # The same column type as Django's JSONField on each backend.
    data = "jsonb" if connection.vendor == "postgresql" else "text"
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {BASELINE_TABLE} "
            f"(id {key}, reference varchar(20) NOT NULL UNIQUE, data {data} NOT NULL)"
        )


@csrf_exempt
@require_POST
def baseline(request: HttpRequest) -> HttpResponse:
    try:
        answers = json.loads(request.body)
    except ValueError:
        return HttpResponseBadRequest("not JSON")
    if not isinstance(answers, dict):
        return HttpResponseBadRequest("not a JSON object")
    data = json.dumps(answers, ensure_ascii=False)
    year = timezone.localdate().year
    for _attempt in range(5):
        reference = "BL" + new_reference(year)[2:]
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {BASELINE_TABLE} (reference, data) VALUES (%s, %s)",
                    [reference, data],
                )
        except IntegrityError:
            continue  # a reference collided: draw another
        return JsonResponse({"reference": reference}, status=201)
    raise RuntimeError("could not allocate a reference")


SUBMIT_PATH = re.compile(r"^/antrag/[0-9a-f-]{36}/pruefen/$")


class HoldSubmit:
    """Hold the answer to a successful submit POST for ``BENCH_HOLD_SUBMIT`` ms."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.seconds = int(os.environ["BENCH_HOLD_SUBMIT"].split(":")[1]) / 1000

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.method == "POST"
            and response.status_code == 302
            and SUBMIT_PATH.match(request.path)
        ):
            time.sleep(self.seconds)
        return response


urlpatterns: list[URLPattern | URLResolver] = [
    path("bench/baseline/", baseline, name="bench_baseline"),
    *product_urlpatterns,
]
