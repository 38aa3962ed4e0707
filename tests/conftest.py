from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import translation

SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"
GV100AD_FULL = SHARED_DIR / "data" / "destatis" / "GV100AD_31082025.txt"
DEMO_REGISTER = (
    Path(__file__).resolve().parents[1] / "src/verbund/authorities/fixtures/gv100ad_demo.txt"
)


@pytest.fixture
def gv100ad_full() -> Path:
    """The full Destatis register from ../shared; skipped with a reason where absent."""
    if not GV100AD_FULL.is_file():
        pytest.skip(f"official register not found at {GV100AD_FULL} (../shared is absent)")
    return GV100AD_FULL


@pytest.fixture(autouse=True)
def _demo_off(settings: pytest.FixtureRequest) -> None:
    # Tests see a production-like instance unless a test turns demo mode on.
    settings.VERBUND_DEMO = False  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _plain_static_storage(settings: Any) -> None:
    # Templates use {% static %}; without collectstatic the manifest storage of a
    # non-DEBUG instance cannot resolve names. The browser tests serve real files.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # PBKDF2 with Django's iteration count costs ~0.3 s per password; tests make hundreds.
    # Production keeps the default hashers (settings.py).
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


def private_files_at(storages: dict[str, Any], location: Path) -> dict[str, Any]:
    """``storages`` with the private uploads kept under ``location``."""
    private = storages["private"]
    return {
        **storages,
        "private": {**private, "OPTIONS": {**private["OPTIONS"], "location": str(location)}},
    }


@pytest.fixture(autouse=True)
def _private_files(request: pytest.FixtureRequest, settings: Any, tmp_path: Path) -> None:
    # Uploads of one test never meet those of another, nor the developer's var/; where a
    # module shares its data (kept_for_the_module), its files are shared with it.
    shared = "module_files" in request.fixturenames
    location = request.getfixturevalue("module_files") if shared else tmp_path / "p"
    settings.STORAGES = private_files_at(settings.STORAGES, location)
    settings.VERBUND_CLAMD = ""


@pytest.fixture(scope="module")
def module_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The private files of data a module's tests share (kept_for_the_module)."""
    return tmp_path_factory.mktemp("module-files")


@contextmanager
def kept_for_the_module(django_db_blocker: Any, files: Path, **overrides: Any) -> Iterator[None]:
    """Rows written inside stay for a module's tests, as Django's setUpTestData keeps them.

    They live in a transaction that is rolled back after the module's last test. Each
    test's ``db`` fixture opens a savepoint inside it, so what one test writes is gone
    before the next begins. Use it in a module-scoped fixture that depends on
    ``django_db_setup`` and ``module_files``; data that takes seconds to build (the
    demo, the isolation world) is then built once per module and worker, not per test.
    """
    from django.conf import settings

    with (
        django_db_blocker.unblock(),
        override_settings(
            **{
                "VERBUND_DEMO": False,
                "VERBUND_CLAMD": "",
                "PASSWORD_HASHERS": FAST_PASSWORD_HASHERS,
                "STORAGES": private_files_at(settings.STORAGES, files),
                **overrides,
            }
        ),
        translation.override("de"),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup: None, django_db_blocker: Any, module_files: Path) -> Iterator[str]:
    """The demo, loaded once for the module's tests; what ``load_demo`` printed."""
    from django.core.management import call_command

    with kept_for_the_module(django_db_blocker, module_files):
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()


@pytest.fixture(autouse=True)
def _empty_caches() -> None:
    # A test's database is rolled back without signals; its cached answers must go too.
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _german() -> None:
    # LocaleMiddleware leaves the last request's language active in the thread;
    # every test starts in the default language, German.
    from django.utils import translation

    translation.activate("de")


@pytest.fixture
def demo_on(settings: Any) -> None:
    # Demo users (two_factor_exempt) pass the second factor only on a demo instance.
    settings.VERBUND_DEMO = True


@pytest.fixture(autouse=True)
def _fresh_routing_index() -> None:
    # A rolled-back test can leave the routing generation where the next test's will be;
    # the next test must not see the previous test's catalogue.
    from verbund.assistant.index import assistant_index_reset
    from verbund.catalogue.index import routing_index_reset
    from verbund.practices.index import practice_index_reset

    routing_index_reset()
    practice_index_reset()
    assistant_index_reset()


@pytest.fixture
def demo_register(db: None) -> None:
    """The demo excerpt of the register (NRW and Bayern parts, 278 records)."""
    from verbund.authorities.services import register_import

    register_import(path_or_stream=DEMO_REGISTER, source_name=DEMO_REGISTER.name)
