"""The coordinators' page of the assistant: who sees and changes what, the counts, the
open questions and the search terms, the links for the members, and the panel on
the network's page. Every refused write changes nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.assistant.conftest import MERZENICH, Catalogue
from tests.clients import logged_in
from tests.factories import (
    AuthorityRoleFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkRoleFactory,
    ServiceFactory,
    make_user,
)
from verbund.accounts.models import User
from verbund.assistant import services
from verbund.assistant.models import DailyCount, OpenQuestion, Outcome, Synonym
from verbund.assistant.selectors import MemberPlace, OutcomeCounts
from verbund.authorities.models import Authority
from verbund.core.models import AuditEntry
from verbund.networks.models import Network

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo(demo_on: None) -> None:
    """Second factor waived for the test users (demo mode)."""


@dataclass
class Staff:
    coordinator: User
    member: User  # a clerk of Merzenich, a member of the network
    stranger: User  # coordinates another network only
    other: Network
    own_question: OpenQuestion
    placeless: OpenQuestion
    foreign_question: OpenQuestion
    synonym: Synonym


def _question(network: Network | None, text: str, count: int, nearest: Any = None) -> Any:
    today = timezone.localdate()
    return OpenQuestion.objects.create(
        network=network,
        digest=text,
        text=text,
        outcome=Outcome.ABSTAINED,
        nearest=nearest,
        count=count,
        first_asked=today - dt.timedelta(days=count),
        last_asked=today,
    )


@pytest.fixture
def staff(catalogue: Catalogue) -> Staff:
    network = catalogue.network
    # A Kreis among the members is no place of residence: it gets no link.
    MembershipFactory(network=network, authority=Authority.objects.get(ars="05358"))
    coordinator = make_user(username="koordination", demo=True)
    NetworkRoleFactory(user=coordinator, network=network)
    member = make_user(username="sb.merzenich", demo=True)
    AuthorityRoleFactory(user=member, authority=catalogue.merzenich)
    other = NetworkFactory(name="Anderer Verbund")
    stranger = make_user(username="koordination.anders", demo=True)
    NetworkRoleFactory(user=stranger, network=other)
    today = timezone.localdate()
    for days_ago, outcome, count in [
        (0, Outcome.ANSWERED, 5),
        (0, Outcome.ABSTAINED, 1),
        (6, Outcome.CLARIFY, 2),
        (7, Outcome.ANSWERED, 4),
        (29, Outcome.REFUSED, 3),
        (30, Outcome.ANSWERED, 100),  # outside both periods
    ]:
        DailyCount.objects.create(
            network=network, day=today - dt.timedelta(days=days_ago), outcome=outcome, count=count
        )
    DailyCount.objects.create(network=other, day=today, outcome=Outcome.ANSWERED, count=50)
    DailyCount.objects.create(network=None, day=today, outcome=Outcome.ANSWERED, count=70)
    own_question = _question(network, "Wo gibt es Hundekotbeutel?", 3, nearest=catalogue.hund)
    placeless = _question(None, "Wann ist Sperrmüll in [Zahl]?", 5)
    dismissed = _question(network, "Schon erledigt", 9)
    OpenQuestion.objects.filter(pk=dismissed.pk).update(dismissed=True)
    foreign_question = _question(other, "Frage des anderen Verbunds", 7)
    synonym = services.synonym_add(
        actor=coordinator, network=network, service=catalogue.ausweis, term="Perso weg"
    )
    services.synonym_add(actor=coordinator, network=network, service=catalogue.hund, term="Wauwau")
    services.synonym_add(actor=stranger, network=other, service=catalogue.hund, term="Fiffi")
    return Staff(
        coordinator,
        member,
        stranger,
        other,
        own_question,
        placeless,
        foreign_question,
        synonym,
    )


def page(catalogue: Catalogue) -> str:
    return reverse("staff:assistant_network", kwargs={"network_pk": catalogue.network.pk})


def remove_url(catalogue: Catalogue, synonym: Synonym) -> str:
    return reverse(
        "staff:assistant_synonym_remove",
        kwargs={"network_pk": catalogue.network.pk, "pk": synonym.pk},
    )


def dismiss_url(network: Network, question: OpenQuestion) -> str:
    return reverse(
        "staff:assistant_question_dismiss", kwargs={"network_pk": network.pk, "pk": question.pk}
    )


def state() -> dict[str, Any]:
    return {
        "synonyms": list(Synonym.objects.order_by("pk").values()),
        "questions": list(OpenQuestion.objects.order_by("pk").values()),
        "audit": AuditEntry.objects.count(),
    }


def test_the_coordinator_sees_counts_questions_terms_and_links(
    catalogue: Catalogue, staff: Staff
) -> None:
    response = logged_in(staff.coordinator).get(page(catalogue))
    assert response.status_code == 200
    context = response.context
    assert context["counts"] == [
        OutcomeCounts(days=7, answered=5, clarify=2, abstained=1, refused=0),
        OutcomeCounts(days=30, answered=9, clarify=2, abstained=1, refused=3),
    ]
    # 5 of 6 finished questions in 7 days; 9 of 13 in 30 days (69.2 → 69).
    assert [c.answer_rate for c in context["counts"]] == [83, 69]
    # The most frequent first; the one asked without a place is there, the dismissed one
    # and the other network's are not.
    assert context["questions"] == [staff.placeless, staff.own_question]
    assert [(g.service.title, [s.term for s in g.synonyms]) for g in context["groups"]] == [
        ("Hund zur Hundesteuer anmelden", ["Wauwau"]),
        ("Personalausweis beantragen", ["Perso weg"]),
    ]
    assert context["places"] == [
        (
            MemberPlace("Gemeinde Merzenich", MERZENICH),
            f"http://testserver/assistent/?ars={MERZENICH}",
        )
    ]
    assert context["may_change"] is True
    html = response.content.decode()
    assert '<td class="kern-table__cell">ohne Ort</td>' in html
    assert "83 %" in html
    assert f'href="http://testserver/assistent/?ars={MERZENICH}"' in html
    assert dismiss_url(catalogue.network, staff.placeless) in html
    assert remove_url(catalogue, staff.synonym) in html
    assert 'name="term"' in html
    # Every published service may get a term (the draft one is not offered).
    ServiceFactory(draft=True, title="Entwurf")
    form = logged_in(staff.coordinator).get(page(catalogue)).context["form"]
    assert [title for _pk, title in form.fields["service"].choices][1:] == [
        "Hund zur Hundesteuer anmelden",
        "Personalausweis beantragen",
        "Sperrmüll abholen lassen",
    ]


def test_an_open_question_prefills_the_form_without_its_text_in_the_address(
    catalogue: Catalogue, staff: Staff
) -> None:
    client = logged_in(staff.coordinator)
    html = client.get(page(catalogue)).content.decode()
    assert f'href="{page(catalogue)}?frage={staff.own_question.pk}#suchbegriff-neu"' in html
    form = client.get(page(catalogue), {"frage": staff.own_question.pk}).context["form"]
    assert form.initial == {"term": "Wo gibt es Hundekotbeutel?", "service": catalogue.hund.pk}
    form = client.get(page(catalogue), {"frage": staff.placeless.pk}).context["form"]
    assert form.initial == {"term": "Wann ist Sperrmüll in [Zahl]?"}
    for other in (staff.foreign_question.pk, "abc", "9" * 30):
        assert client.get(page(catalogue), {"frage": other}).context["form"].initial == {}


def test_members_staff_see_the_page_without_questions_and_may_not_change(
    catalogue: Catalogue, staff: Staff
) -> None:
    client = logged_in(staff.member)
    response = client.get(page(catalogue))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert response.context["questions"] == []
    assert len(response.context["groups"]) == 2
    html = response.content.decode()
    assert 'name="term"' not in html
    assert "entfernen/" not in html
    assert "erledigt/" not in html
    assert "Die Fragen, auf die der Assistent keine Antwort hatte, sieht die Koordination" in html
    before = state()
    writes = [
        (page(catalogue), {"service": catalogue.hund.pk, "term": "Bello"}),
        (remove_url(catalogue, staff.synonym), {}),
        (dismiss_url(catalogue.network, staff.own_question), {}),
        (dismiss_url(catalogue.network, staff.placeless), {}),
    ]
    for url, data in writes:
        assert client.post(url, data).status_code == 403, url
    assert state() == before


def test_another_networks_coordinator_finds_nothing(catalogue: Catalogue, staff: Staff) -> None:
    client = logged_in(staff.stranger)
    before = state()
    assert client.get(page(catalogue)).status_code == 404
    writes = [
        (page(catalogue), {"service": catalogue.hund.pk, "term": "Bello"}),
        (remove_url(catalogue, staff.synonym), {}),
        # The question without a place is theirs to see too, but not through this network.
        (dismiss_url(catalogue.network, staff.placeless), {}),
    ]
    for url, data in writes:
        assert client.post(url, data).status_code == 404, url
    # Their own network with this network's term or question is no pair either.
    own_pairs = [
        reverse(
            "staff:assistant_synonym_remove",
            kwargs={"network_pk": staff.other.pk, "pk": staff.synonym.pk},
        ),
        dismiss_url(staff.other, staff.own_question),
    ]
    for url in own_pairs:
        assert client.post(url).status_code == 404, url
    assert state() == before


def test_a_coordinator_of_both_networks_dismisses_a_question_only_on_its_own_page(
    catalogue: Catalogue, staff: Staff
) -> None:
    NetworkRoleFactory(user=staff.coordinator, network=staff.other)
    before = state()
    response = logged_in(staff.coordinator).post(
        dismiss_url(catalogue.network, staff.foreign_question)
    )
    assert response.status_code == 404
    assert state() == before


def test_anonymous_visitors_are_sent_to_login(catalogue: Catalogue, staff: Staff) -> None:
    before = state()
    for url in (
        page(catalogue),
        remove_url(catalogue, staff.synonym),
        dismiss_url(catalogue.network, staff.placeless),
    ):
        for response in (Client().get(url), Client().post(url, {"term": "x"})):
            assert response.status_code == 302
            assert response["Location"].startswith("/konto/anmelden/")
    assert state() == before


def test_a_term_added_leads_the_assistant_to_the_service(
    catalogue: Catalogue, staff: Staff
) -> None:
    question = "Wo melde ich Bello an?"
    assert services.assistant_ask(question=question, record=False).outcome is Outcome.ABSTAINED
    client = logged_in(staff.coordinator)
    response = client.post(page(catalogue), {"service": catalogue.hund.pk, "term": "  Bello "})
    assert response.status_code == 302
    assert response["Location"] == f"{page(catalogue)}#suchbegriffe"
    added = Synonym.objects.get(term="Bello")
    assert (added.network, added.service, added.added_by) == (
        catalogue.network,
        catalogue.hund,
        staff.coordinator,
    )
    entry = AuditEntry.objects.latest("pk")
    assert (entry.action, entry.changes) == (
        "assistant.synonym_added",
        {"term": "Bello", "service": "Hund zur Hundesteuer anmelden"},
    )
    followed = client.get(response["Location"])
    assert [str(m) for m in followed.context["messages"]] == [
        "„Bello“ führt jetzt zu „Hund zur Hundesteuer anmelden“."
    ]
    reply = services.assistant_ask(question=question, record=False)
    assert reply.outcome is Outcome.ANSWERED
    assert [card.slug for card in reply.cards] == ["hundesteuer-anmeldung"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"service": "", "term": "Bello"}, "service", "Bitte wählen Sie die Leistung aus."),
        ({"service": "hund", "term": ""}, "term", "Bitte geben Sie einen Suchbegriff ein."),
        (
            {"service": "hund", "term": "x" * 81},
            "term",
            "Der Suchbegriff darf höchstens 80 Zeichen lang sein.",
        ),
        (
            {"service": "draft", "term": "Bello"},
            "service",
            "Diese Leistung ist nicht veröffentlicht. Bitte wählen Sie eine Leistung aus der "
            "Liste.",
        ),
        (
            {"service": "hund", "term": "WAUWAU"},
            "term",
            "„WAUWAU“ ist für diese Leistung schon eingetragen.",
        ),
        ({"service": "hund", "term": "<b> </b>"}, "term", "Ein Suchbegriff hat 1 bis 80 Zeichen."),
    ],
)
def test_a_refused_term_is_shown_at_its_field_and_nothing_is_saved(
    catalogue: Catalogue, staff: Staff, data: dict[str, str], field: str, message: str
) -> None:
    draft = ServiceFactory(draft=True)
    keys = {"hund": catalogue.hund.pk, "draft": draft.pk, "": ""}
    data = {**data, "service": keys[data["service"]]}
    before = state()
    response = logged_in(staff.coordinator).post(page(catalogue), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {field: [message]}
    html = response.content.decode()
    assert "Bitte prüfen Sie Ihre Angaben" in html
    assert f'id="id_{field}_error"' in html
    assert state() == before


def test_a_term_is_removed(catalogue: Catalogue, staff: Staff) -> None:
    client = logged_in(staff.coordinator)
    response = client.post(remove_url(catalogue, staff.synonym))
    assert response.status_code == 302
    assert response["Location"] == f"{page(catalogue)}#suchbegriffe"
    assert not Synonym.objects.filter(pk=staff.synonym.pk).exists()
    entry = AuditEntry.objects.latest("pk")
    assert (entry.action, entry.changes) == (
        "assistant.synonym_removed",
        {"term": "Perso weg", "service": "Personalausweis beantragen"},
    )
    assert [str(m) for m in client.get(page(catalogue)).context["messages"]] == [
        "Der Suchbegriff „Perso weg“ für „Personalausweis beantragen“ ist entfernt."
    ]
    assert client.get(remove_url(catalogue, staff.synonym)).status_code == 405
    assert client.post(remove_url(catalogue, staff.synonym)).status_code == 404


def test_an_open_question_is_dismissed(catalogue: Catalogue, staff: Staff) -> None:
    client = logged_in(staff.coordinator)
    response = client.post(dismiss_url(catalogue.network, staff.placeless))
    assert response.status_code == 302
    assert response["Location"] == f"{page(catalogue)}#offene-fragen"
    staff.placeless.refresh_from_db()
    assert staff.placeless.dismissed is True
    entry = AuditEntry.objects.latest("pk")
    assert (entry.action, entry.network_id) == (
        "assistant.question_dismissed",
        catalogue.network.pk,
    )
    assert client.get(page(catalogue)).context["questions"] == [staff.own_question]
    # Twice changes nothing more.
    count = AuditEntry.objects.count()
    assert client.post(dismiss_url(catalogue.network, staff.placeless)).status_code == 302
    assert AuditEntry.objects.count() == count


def test_the_network_page_links_to_the_assistant(catalogue: Catalogue, staff: Staff) -> None:
    network_page = reverse("staff:network", kwargs={"pk": catalogue.network.pk})
    html = logged_in(staff.coordinator).get(network_page).content.decode()
    assert '<h2 class="kern-heading-medium">Bürgerassistent</h2>' in html
    assert (
        "In den letzten 30 Tagen 15 Fragen zu Orten des Verbunds, Antwortquote 69 %. "
        "2 unbeantwortete Fragen sind offen."
    ) in html
    assert f'href="{page(catalogue)}"' in html
    html = logged_in(staff.member).get(network_page).content.decode()
    assert "Antwortquote 69 %." in html
    assert "unbeantwortete" not in html
    assert f'href="{page(catalogue)}"' in html
