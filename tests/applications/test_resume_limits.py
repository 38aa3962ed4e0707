"""The "Später fortsetzen" e-mail is limited per draft and per e-mail address: the request after
the limit is refused with a clear message, nothing is sent and the draft (with its
last link) stays as it was; after the window it works again."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from tests.applications.conftest import World
from tests.tasks import run_tasks
from verbund.applications.models import Draft
from verbund.applications.services import draft_request_resume
from verbund.core.models import RateLimit

pytestmark = pytest.mark.django_db

REFUSED = (
    "Für diesen Antrag oder an diese E-Mail-Adresse wurden in kurzer Zeit zu viele Links "
    "angefordert. Es wurde keine E-Mail verschickt; ein zuvor geschickter Link gilt weiter. "
    "Bitte versuchen Sie es später noch einmal."
)


@pytest.fixture(autouse=True)
def _limits(settings: Any) -> None:
    settings.VERBUND_RESUME_LINKS_PER_DRAFT = 2
    settings.VERBUND_RESUME_LINKS_PER_ADDRESS = 3
    settings.VERBUND_RESUME_LINKS_WINDOW_MINUTES = 60


def html(response: Any) -> str:
    return str(response.content.decode())


def started(world: World) -> tuple[Client, str]:
    """A citizen's browser with a new draft; the draft's base URL."""
    client = Client()
    response = client.post(world.start_url)
    assert response.status_code == 302
    base = str(response["Location"]).rsplit("/", 2)[0] + "/"
    assert client.post(base + "erstausgabe/", {"erstausgabe": "ja"}).status_code == 302
    return client, base


def ask(client: Client, base: str, email: str) -> Any:
    return client.post(base + "speichern/", {"email": email})


def sent_links() -> list[str]:
    run_tasks()
    links = []
    for message in mail.outbox:
        found = re.search(r"http://127\.0\.0\.1:8000(/antrag/fortsetzen/\S+)", message.body)
        assert found is not None
        links.append(found.group(1))
    return links


def draft_state(draft: Draft) -> tuple[Any, ...]:
    draft.refresh_from_db()
    return (draft.resume_email, draft.resume_salt, draft.expires_at, draft.updated_at)


def pass_the_window(monkeypatch: pytest.MonkeyPatch, minutes: int = 61) -> None:
    later = timezone.now() + dt.timedelta(minutes=minutes)
    monkeypatch.setattr(timezone, "now", lambda: later)


def test_the_request_after_the_limit_for_a_draft_is_refused(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, base = started(world)
    # Two links for the same draft, to two addresses (the address limit is not reached).
    assert "Wir haben Ihnen einen Link geschickt" in html(ask(client, base, "anna@example.de"))
    assert run_tasks() == 1
    assert "Wir haben Ihnen einen Link geschickt" in html(ask(client, base, "a.s@example.de"))
    assert run_tasks() == 1
    links = dict(zip([m.to[0] for m in mail.outbox], sent_links(), strict=True))
    assert list(links) == ["anna@example.de", "a.s@example.de"]
    draft = Draft.objects.get()
    before = draft_state(draft)
    tasks = DBTaskResult.objects.count()

    response = ask(client, base, "anna@example.de")
    assert response.status_code == 200
    assert response.context["form"].errors == {"email": [REFUSED]}
    assert REFUSED in html(response)
    assert "Wir haben Ihnen einen Link geschickt" not in html(response)
    assert DBTaskResult.objects.count() == tasks
    assert run_tasks() == 0
    assert len(mail.outbox) == 2
    assert draft_state(draft) == before
    # The last link sent still opens the draft; the one before it was voided by it.
    assert Client().get(links["a.s@example.de"])["Location"] == base + "person/"
    assert Client().get(links["anna@example.de"]).status_code == 404

    pass_the_window(monkeypatch)
    assert "Wir haben Ihnen einen Link geschickt" in html(ask(client, base, "anna@example.de"))
    assert len(sent_links()) == 3


def test_the_request_after_the_limit_for_an_address_is_refused(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Three drafts in three browsers, each asks once for the same address.
    browsers = [started(world) for _i in range(4)]
    for client, base in browsers[:3]:
        assert "Wir haben Ihnen einen Link geschickt" in html(ask(client, base, "anna@example.de"))
    assert len(sent_links()) == 3
    client, base = browsers[3]
    draft = Draft.objects.order_by("created_at").last()
    assert draft is not None
    before = draft_state(draft)

    # The same address in another spelling counts as the same address.
    response = ask(client, base, " Anna@Example.DE ")
    assert response.context["form"].errors == {"email": [REFUSED]}
    assert run_tasks() == 0
    assert len(mail.outbox) == 3
    assert draft_state(draft) == before
    # Another address is not limited by it.
    assert "Wir haben Ihnen einen Link geschickt" in html(ask(client, base, "bea@example.de"))
    assert len(sent_links()) == 4

    pass_the_window(monkeypatch)
    assert "Wir haben Ihnen einen Link geschickt" in html(ask(client, base, "anna@example.de"))
    assert run_tasks() == 1
    assert [m.to for m in mail.outbox][-1] == ["anna@example.de"]


def test_the_service_refuses_without_writing_anything(world: World) -> None:
    _client, _base = started(world)
    draft = Draft.objects.get()
    draft_request_resume(draft=draft, email="anna@example.de")
    draft_request_resume(draft=draft, email="anna@example.de")
    before = draft_state(draft)
    rows = list(RateLimit.objects.order_by("pk").values())
    tasks = DBTaskResult.objects.count()
    with pytest.raises(ValidationError) as caught:
        draft_request_resume(draft=draft, email="anna@example.de")
    assert caught.value.message_dict == {"email": [REFUSED]}
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        draft_request_resume(draft=draft, email="anna@example.de")
    assert caught.value.message_dict == {
        "email": [
            "Too many links have been requested for this application or to this e-mail "
            "address in a short time. No e-mail was sent; a link sent earlier remains "
            "valid. Please try again later."
        ]
    }
    assert draft_state(draft) == before
    assert list(RateLimit.objects.order_by("pk").values()) == rows
    assert DBTaskResult.objects.count() == tasks


def test_a_refusal_by_the_address_does_not_use_up_the_drafts_allowance(world: World) -> None:
    for _i in range(4):
        started(world)
    *others, draft = list(Draft.objects.order_by("created_at"))
    for other in others:
        draft_request_resume(draft=other, email="anna@example.de")
    with pytest.raises(ValidationError):
        draft_request_resume(draft=draft, email="anna@example.de")
    # Both of the draft's two links are still there for other addresses.
    draft_request_resume(draft=draft, email="bea@example.de")
    draft_request_resume(draft=draft, email="carl@example.de")
    with pytest.raises(ValidationError):
        draft_request_resume(draft=draft, email="dora@example.de")
    assert DBTaskResult.objects.count() == 5
