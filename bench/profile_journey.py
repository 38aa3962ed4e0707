"""Where a citizen's request spends its time: the journey of ``bench_journeys.py`` in
one process, without concurrency, request by request, with ``cProfile``.

Builds bench_journeys.py's world in a fresh SQLite file (or the PostgreSQL database
``verbund_bench_profile`` with ``--postgres``), then plays ``--journeys`` journeys
through Django's WSGI handler (the whole middleware stack, no HTTP server) and
prints, per request kind, the mean time and, for ``--kind``, the functions that took
the most (cumulative and own time). The baseline store runs the same way for
comparison.

    .venv/bin/python bench/profile_journey.py --form small --kind submit
    .venv/bin/python bench/profile_journey.py --form small --kind "step POST" --top 40
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import bench_journeys as journeys  # noqa: E402
import bench_places as common  # noqa: E402

POSTGRES_DB = "verbund_bench_profile"


class Client:
    """A browser without a network: cookies and the WSGI handler."""

    def __init__(self, handler: Any) -> None:
        self.handler = handler
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        body: bytes | None = None,
        content_type: str = "",
    ) -> tuple[int, str, bytes]:
        if form is not None:
            body = urlencode(form).encode()
            content_type = "application/x-www-form-urlencoded"
        body = body or b""
        route, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": route,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1:8000",
            "HTTP_COOKIE": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "CONTENT_TYPE": content_type,
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            "wsgi.version": (1, 0),
        }
        captured: dict[str, Any] = {}

        def start_response(status: str, headers: list[tuple[str, str]], exc: Any = None) -> None:
            captured["status"], captured["headers"] = int(status.split()[0]), headers

        response = self.handler(environ, start_response)
        content = b"".join(response)
        if hasattr(response, "close"):
            response.close()
        location = ""
        for name, value in captured["headers"]:
            if name.lower() == "set-cookie":
                cookie: SimpleCookie = SimpleCookie(value)
                for key, morsel in cookie.items():
                    self.cookies[key] = morsel.value
            elif name.lower() == "location":
                location = value
        return captured["status"], location, content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--form", choices=sorted(journeys.FORMS), default="small")
    parser.add_argument("--journeys", type=int, default=300)
    parser.add_argument("--kind", default="submit", help="request kind to profile, or 'none'")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="verbund-profile-") as tmp:
        journeys.DATA_DIR.append(f"{tmp}/data")
        if args.postgres:
            common._postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")
            common._postgres_admin(f"CREATE DATABASE {POSTGRES_DB}")
            url = f"{common.POSTGRES_SERVER}/{POSTGRES_DB}"
        else:
            url = f"sqlite:///{tmp}/profile.sqlite3"
        try:
            run(url, args)
        finally:
            if args.postgres:
                from django.db import connections

                connections.close_all()
                common._postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")


def run(url: str, args: argparse.Namespace) -> None:
    py = sys.executable
    journeys._django(url, py, "-m", "verbund", "migrate", "--no-input", "-v", "0")
    journeys._django(url, py, "-m", "verbund", "collectstatic", "--no-input", "-v", "0")
    journeys._django(url, py, "-m", "verbund", "import_gv100ad", str(common.DEMO_REGISTER))
    import json

    script = str(BENCH / "bench_journeys.py")
    world = json.loads(journeys._django(url, py, script, "--world", args.form))
    os.environ.update(journeys._env(url))
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    handler = WSGIHandler()
    plan = journeys.journey_plan(journeys.definition_of(args.form))
    start = f"/antrag/neu/{world['service']}/?ort={journeys.MERZENICH}"
    times: dict[str, list[float]] = defaultdict(list)
    profile = cProfile.Profile()

    def call(kind: str, client: Client, method: str, path: str, expect: int, **kw: Any) -> str:
        profiled = kind == args.kind and warm
        started = time.perf_counter()
        if profiled:
            profile.enable()
        status, location, content = client.request(method, path, **kw)
        if profiled:
            profile.disable()
        times[kind].append(time.perf_counter() - started)
        if status != expect:
            raise RuntimeError(f"{method} {path}: {status} {location} {content[:300]!r}")
        return location

    warm = False
    for number in range(args.journeys + 20):
        warm = number >= 20
        if number == 20:
            times.clear()
        client = Client(handler)
        seed = f"p-{number}"
        call("start page", client, "GET", start, 200)
        csrf = {"csrfmiddlewaretoken": client.cookies["csrftoken"]}
        location = call("start", client, "POST", start, 302, form=csrf)
        base = "/".join(location.split("/")[:3]) + "/"
        for key, post in plan["pages"]:
            call("step GET", client, "GET", f"{base}{key}/", 200)
            call(
                "step POST",
                client,
                "POST",
                f"{base}{key}/",
                302,
                form={**journeys._fill(post, seed), **csrf},
            )
        call("check", client, "GET", f"{base}pruefen/", 200)
        location = call("submit", client, "POST", f"{base}pruefen/", 302, form=csrf)
        call("confirmation", client, "GET", location, 200)
        body = journeys.answers_json(plan, seed).encode()
        call(
            "baseline",
            client,
            "POST",
            "/bench/baseline/",
            201,
            body=body,
            content_type="application/json",
        )
    backend = "PostgreSQL" if args.postgres else "SQLite"
    print(f"{args.journeys} journeys ({args.form}, {backend}), one process:")
    for kind, values in times.items():
        values.sort()
        print(
            f"  {kind:<13} n={len(values):>5}  mean {1000 * sum(values) / len(values):6.2f} ms"
            f"  p50 {1000 * values[len(values) // 2]:6.2f} ms"
        )
    if args.kind != "none":
        for order in ("cumulative", "tottime"):
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(order).print_stats(args.top)
            print(out.getvalue())


if __name__ == "__main__":
    main()
