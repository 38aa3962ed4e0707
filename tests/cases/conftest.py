"""Cases in the inbox: citizens of Merzenich apply for Kreis Düren's Reitkennzeichen
(the world of tests/applications); clerks of Düren, of the Rhein-Erft-Kreis and of
Merzenich look at them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.applications.conftest import MERZENICH, World, pdf
from tests.applications.conftest import world as world  # the fixture, re-exported
from tests.factories import AuthorityRoleFactory, MembershipFactory, make_user
from verbund.accounts.models import User
from verbund.applications.models import Submission
from verbund.applications.services import (
    attachment_add,
    draft_save_step,
    draft_start,
    submission_create,
    submission_mark_paid,
)
from verbund.authorities.models import Authority
from verbund.cases.models import Case
from verbund.cases.services import case_assign, case_settings_save
from verbund.catalogue.models import Adoption
from verbund.catalogue.selectors import routing_index
from verbund.catalogue.services import adoption_set_processing
from verbund.formengine.selectors import form_of

RHEIN_ERFT = "05362"
ADDRESS = {"strasse": "Valdersweg", "hausnummer": "1", "plz": "52399", "ort": "Merzenich"}


def submit(
    world: World,
    *,
    name: str = "Anna Schmidt",
    files: Iterable[SimpleUploadedFile] | None = None,
    paid: bool = True,
) -> Submission:
    """An application through the services, as the journey makes it; paid unless
    ``paid`` is False (the form always charges the Plakette)."""
    index = routing_index()
    service = index.service(world.service.key)
    place = index.place(MERZENICH)
    assert service is not None
    assert place is not None
    draft = draft_start(version=world.version, resolution=index.resolve(service, place))
    form = form_of(world.version)
    steps = {step.key: step for step in form.steps}
    draft = draft_save_step(draft=draft, step=steps["erstausgabe"], values={"erstausgabe": False})
    draft = draft_save_step(draft=draft, step=steps["nummer"], values={"nummer": "DN 1234"})
    draft = draft_save_step(
        draft=draft, step=steps["person"], values={"name": name, "anschrift": ADDRESS}
    )
    nachweis = form.fields_by_name["nachweis"]
    for uploaded in files if files is not None else [pdf()]:
        attachment_add(draft=draft, field=nachweis, uploaded=uploaded)
    draft.refresh_from_db()
    draft = draft_save_step(draft=draft, step=steps["nachweis"], values={})
    draft = draft_save_step(draft=draft, step=steps["kontakt"], values={"email": "anna@example.de"})
    submission, created = submission_create(draft=draft)
    assert created
    if paid:
        submission = submission_mark_paid(submission=submission)
    return submission


def clerk_of(authority: Authority, username: str, *, admin: bool = False) -> User:
    """A clerk of ``authority`` (also its authority admin with ``admin``)."""
    user = make_user(username=username, demo=True)
    AuthorityRoleFactory(user=user, authority=authority)
    if admin:
        AuthorityRoleFactory(user=user, authority=authority, admin=True)
    return user


VG_AACHEN = {
    "court_name": "Verwaltungsgericht Aachen",
    "court_street": "Kasernenstraße 25",
    "court_postcode": "52064",
    "court_city": "Aachen",
}
VG_AACHEN_LINE = "Verwaltungsgericht Aachen, Kasernenstraße 25, 52064 Aachen"


def enter_court(authority: Authority, court: dict[str, str] | None = None) -> None:
    """``authority``'s Bescheide name its administrative court (VG Aachen by default),
    as its admins enter it under "Aktenführung und Briefkopf"."""
    case_settings_save(actor=None, authority=authority, **(court or VG_AACHEN))


def take(case: Case, clerk: User) -> Case:
    """``clerk`` takes the case (a received one is then in progress)."""
    return case_assign(actor=clerk, case=case, assignee=clerk)


@pytest.fixture
def dueren_court(world: World) -> None:
    """Kreis Düren has entered its court (VG Aachen): its Bescheide may go out."""
    enter_court(world.dueren)


@pytest.fixture
def dueren_clerk(world: World, demo_on: None) -> User:
    return clerk_of(world.dueren, "clerk.dueren")


@pytest.fixture
def dueren_lead(world: World, demo_on: None) -> User:
    """Head of the team: clerk and authority admin of Düren."""
    return clerk_of(world.dueren, "lead.dueren", admin=True)


@pytest.fixture
def merzenich_clerk(world: World, demo_on: None) -> User:
    return clerk_of(world.merzenich, "clerk.merzenich")


@pytest.fixture
def rhein_erft(world: World) -> Authority:
    """A member Kreis that processes nothing of Düren's until an agreement says so."""
    authority = Authority.objects.get(ars=RHEIN_ERFT)
    MembershipFactory(authority=authority, joined_on=dt.date(2024, 1, 1))
    return authority


@pytest.fixture
def rhein_erft_clerk(rhein_erft: Authority, demo_on: None) -> User:
    return clerk_of(rhein_erft, "clerk.rhein-erft")


def process_for_dueren(world: World, processing: Authority) -> None:
    """From now on ``processing`` works on Düren's Reitkennzeichen cases."""
    adoption_set_processing(
        actor=None,
        adoption=Adoption.objects.get(service=world.service, authority=world.dueren),
        processing_authority=processing,
    )
