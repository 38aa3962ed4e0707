"""Where SECRET_KEY comes from: VERBUND_SECRET_KEY, else the development key file that
`make setup` writes into the data directory; without either the settings refuse to
load. Run in fresh processes, as a server or the command line would start."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.checks import Warning, run_checks

PROJECT_DIR = Path(__file__).resolve().parents[1]
KEY_FILE_NAME = "development-secret-key"
PRINT_KEY = "import verbund.settings as s; print(s.SECRET_KEY); print(s.VERBUND_SECRET_KEY_SOURCE)"


def load_settings(data_dir: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"VERBUND_SECRET_KEY", "VERBUND_ALLOW_INSECURE_KEY", "VERBUND_DEBUG"}
    }
    env.update(
        VERBUND_DATA_DIR=str(data_dir),
        VERBUND_DATABASE_URL=f"sqlite:///{data_dir / 'db.sqlite3'}",
        **extra,
    )
    return subprocess.run(
        [sys.executable, "-c", PRINT_KEY],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_without_key_and_key_file_the_settings_refuse(tmp_path: Path) -> None:
    for extra in ({}, {"VERBUND_DEBUG": "1"}, {"VERBUND_ALLOW_INSECURE_KEY": "1"}):
        loaded = load_settings(tmp_path, **extra)
        assert loaded.returncode == 1, extra
        assert loaded.stdout == ""
        assert (
            "django.core.exceptions.ImproperlyConfigured: Set VERBUND_SECRET_KEY "
            f"(docs/operations.md). In a development checkout, `make setup` writes a random "
            f"key to {tmp_path / KEY_FILE_NAME}."
        ) in loaded.stderr


def test_the_key_file_is_read_when_no_key_is_set(tmp_path: Path) -> None:
    key_file = tmp_path / KEY_FILE_NAME
    key_file.write_text("a-random-key-written-by-make-setup\n")
    key_file.chmod(0o600)
    loaded = load_settings(tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout == "a-random-key-written-by-make-setup\nfile\n"
    # VERBUND_SECRET_KEY always wins over the file.
    loaded = load_settings(tmp_path, VERBUND_SECRET_KEY="the-production-key")
    assert loaded.stdout == "the-production-key\nenvironment\n"


def test_a_key_file_others_can_read_or_an_empty_one_is_refused(tmp_path: Path) -> None:
    key_file = tmp_path / KEY_FILE_NAME
    key_file.write_text("a-random-key-written-by-make-setup\n")
    key_file.chmod(0o644)
    loaded = load_settings(tmp_path)
    assert loaded.returncode == 1
    assert (
        f"ImproperlyConfigured: {key_file} may be readable by its owner only "
        f"(chmod 600 {key_file})."
    ) in loaded.stderr
    key_file.write_text("\n")
    key_file.chmod(0o600)
    loaded = load_settings(tmp_path)
    assert loaded.returncode == 1
    assert f"ImproperlyConfigured: {key_file} is empty." in loaded.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_writes_the_key_file_once_with_mode_0600(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    key_file = data_dir / KEY_FILE_NAME

    def make() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["make", "--no-print-directory", "-C", str(PROJECT_DIR), "development-key"],
            capture_output=True,
            text=True,
            env={**os.environ, "VERBUND_DATA_DIR": str(data_dir)},
            timeout=60,
            check=False,
        )

    first = make()
    assert first.returncode == 0, first.stderr
    assert key_file.stat().st_mode & 0o777 == 0o600
    key = key_file.read_text()
    assert len(key.strip()) >= 60
    assert not list(data_dir.glob("*.tmp"))
    assert load_settings(data_dir).stdout == f"{key.strip()}\nfile\n"

    second = make()
    assert second.returncode == 0, second.stderr
    assert key_file.read_text() == key
    # A key file the operator wrote is never replaced either.
    key_file.write_text("chosen-by-the-operator\n")
    assert make().returncode == 0
    assert key_file.read_text() == "chosen-by-the-operator\n"


def test_deploy_check_warns_while_the_key_comes_from_the_file(settings: Any) -> None:
    settings.VERBUND_SECRET_KEY_SOURCE = "file"
    messages = [m for m in run_checks(include_deployment_checks=True) if m.id == "verbund.W003"]
    assert messages == [
        Warning(
            "SECRET_KEY is read from the development key file "
            f"{settings.DATA_DIR / KEY_FILE_NAME}, not from VERBUND_SECRET_KEY.",
            hint="Set VERBUND_SECRET_KEY in the service's environment (docs/operations.md); "
            "the file is then ignored.",
            id="verbund.W003",
        )
    ]
    settings.VERBUND_SECRET_KEY_SOURCE = "environment"
    assert [m for m in run_checks(include_deployment_checks=True) if m.id == "verbund.W003"] == []
