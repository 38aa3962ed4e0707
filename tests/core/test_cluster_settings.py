"""Settings for several app servers (docs/operations.md, "Several machines"): the shared
cache and sessions in Redis, JSON logs and the e-mail outbox directory, each read from
the environment of a fresh process."""

from __future__ import annotations

import datetime as dt
import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from redis import Redis
from redis.exceptions import RedisError

REPO = Path(__file__).resolve().parents[2]
REDIS = os.environ.get("VERBUND_TEST_REDIS_URL", "redis://127.0.0.1:6379").rstrip("/") + "/11"


def run(code: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``code`` in a new Python process with the product's settings and ``env``."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("VERBUND_")}
    clean.update(
        DJANGO_SETTINGS_MODULE="verbund.settings",
        VERBUND_SECRET_KEY="cluster-settings-test-" + "x" * 40,
        VERBUND_DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
        VERBUND_DATA_DIR=str(tmp_path / "data"),
        PYTHONPATH=str(REPO),
    )
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        env=clean,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


SHOW = (
    "from django.conf import settings\n"
    "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE, "
    "settings.EMAIL_BACKEND)"
)


def test_without_redis_a_memory_cache_and_database_sessions(tmp_path: Path) -> None:
    done = run(SHOW, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.contrib.sessions.backends.db",
        "django.core.mail.backends.console.EmailBackend",
    ]


def test_with_redis_the_cache_is_shared_and_sessions_survive_it(tmp_path: Path) -> None:
    done = run(SHOW, tmp_path, VERBUND_REDIS_URL=REDIS, VERBUND_EMAIL_DIR=str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cached_db",
        "django.core.mail.backends.filebased.EmailBackend",
    ]
    redis = Redis.from_url(REDIS, socket_connect_timeout=1)
    try:
        redis.ping()
    except RedisError:
        pytest.skip(f"no Redis at {REDIS}")
    redis.flushdb()
    try:
        # What one app server stores, another one reads.
        stored = run(
            "from django.core.cache import cache\ncache.set('probe', 'aus Server 1', 60)",
            tmp_path,
            VERBUND_REDIS_URL=REDIS,
        )
        assert stored.returncode == 0, stored.stderr
        read = run(
            "from django.core.cache import cache\nprint(cache.get('probe'))",
            tmp_path,
            VERBUND_REDIS_URL=REDIS,
        )
        assert read.returncode == 0, read.stderr
        assert read.stdout.strip() == "aus Server 1"
    finally:
        redis.flushdb()


def test_json_logs_are_one_object_per_line(tmp_path: Path) -> None:
    code = (
        "import logging\n"
        "logging.getLogger('django.request').warning("
        "'Not Found: %s', '/gibt-es-nicht/', extra={'status_code': 404})\n"
        "logging.getLogger('verbund.core.taskqueue').error('Task id=%s failed', 'abc')\n"
    )
    done = run(code, tmp_path, VERBUND_LOG_FORMAT="json")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stderr.splitlines()]
    assert [(x["level"], x["logger"], x["message"]) for x in lines] == [
        ("WARNING", "django.request", "Not Found: /gibt-es-nicht/"),
        ("ERROR", "verbund.core.taskqueue", "Task id=abc failed"),
    ]
    assert lines[0]["status_code"] == 404
    assert all(x["service"] == "verbund" and x["process"] for x in lines)
    # ISO 8601 in UTC, whatever TIME_ZONE is: comparable across hosts.
    assert all(dt.datetime.fromisoformat(x["time"]).utcoffset() == dt.timedelta(0) for x in lines)
    # Without the switch, plain text as before.
    plain = run(code, tmp_path)
    assert plain.stderr.splitlines() == ["Not Found: /gibt-es-nicht/", "Task id=abc failed"]


def test_the_example_gunicorn_configuration_logs_access_as_json(tmp_path: Path) -> None:
    """deploy/cluster/gunicorn.conf.py: one JSON object per request, even for a path
    with quotes and backslashes."""
    from gunicorn.config import Config

    conf = runpy.run_path(str(REPO / "deploy" / "cluster" / "gunicorn.conf.py"))
    cfg = Config()
    cfg.set("accesslog", str(tmp_path / "access.log"))
    logger = conf["logger_class"](cfg)

    class Response:
        status = "201 Created"
        sent = 17
        headers: list[tuple[str, str]] = []

    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": '/antrag/"x"\\y/',
        "QUERY_STRING": "ort=053580040040",
        "HTTP_X_FORWARDED_FOR": "192.0.2.7",
        "REMOTE_ADDR": "127.0.0.1",
    }
    logger.access(Response(), None, environ, dt.timedelta(milliseconds=12.5))
    for handler in logger.access_log.handlers:
        handler.flush()
    (line,) = (tmp_path / "access.log").read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["path"] == '/antrag/"x"\\y/'
    assert (record["method"], record["status"], record["bytes"]) == ("POST", 201, 17)
    assert (record["duration_ms"], record["forwarded_for"]) == (12.5, "192.0.2.7")
    assert record["logger"] == "gunicorn.access"
    assert dt.datetime.fromisoformat(record["time"]).utcoffset() == dt.timedelta(0)
