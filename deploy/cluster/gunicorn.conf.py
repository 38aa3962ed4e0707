"""gunicorn settings for an app server behind the proxy (docs/operations.md, "Several
machines"). Use it with ``gunicorn -c /srv/verbund/deploy/cluster/gunicorn.conf.py
verbund.wsgi:application``; options on the command line win over this file
(``--bind``, ``--workers``, ``--access-logfile -`` for the journal).

The access log is one JSON object per line, like the app's own logs with
``VERBUND_LOG_FORMAT=json``: time, level, logger, method, path, query, status,
bytes, duration in ms, the client address the proxy passed on and the process.
bench/bench_cluster.py runs its app servers with this file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any

from gunicorn.glogging import Logger

bind = "127.0.0.1:8000"
# Two per core of the machine; start lower when several app servers share one host.
workers = 2 * (os.cpu_count() or 1)
worker_class = "sync"
# The proxy waits 60 s (proxy_read_timeout); a worker stuck longer is restarted.
timeout = 60
# On SIGTERM (systemctl stop, restart) a worker finishes its request within this time.
graceful_timeout = 30


class JsonAccessLogger(Logger):
    """gunicorn's logger, with every access line written as JSON (json.dumps, so a
    quote or backslash in a path cannot break the line)."""

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if not self.access_log_enabled:
            return
        status = resp.status
        if isinstance(status, str):
            status = status.split(None, 1)[0]
        record = {
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
            "level": "INFO",
            "logger": "gunicorn.access",
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "query": environ.get("QUERY_STRING") or None,
            "status": int(status),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "forwarded_for": environ.get("HTTP_X_FORWARDED_FOR"),
            "remote_addr": environ.get("REMOTE_ADDR"),
            "process": os.getpid(),
        }
        try:
            self.access_log.info(json.dumps(record, ensure_ascii=False))
        except Exception:  # a log line must never fail a request
            self.exception("could not write the access log")


logger_class = JsonAccessLogger
