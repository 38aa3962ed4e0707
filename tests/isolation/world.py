"""Two tenants, A and B, each with an authority, staff, a network and content.

Each builds two services: one published (which every staff user may read, so
it is never a foreign object) and one draft (which only its own staff see).
Each authority has an office and adopts its own published service, whose
form is published as version 1. A citizen's application to it, with one
attached file, waits as a received case in each authority's inbox.

The isolation test logs in as A's most privileged user (clerk, authority
admin and network coordinator at once) and asks for B's objects.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django.core.files.base import ContentFile

from tests.factories import SIMPLE_DEFINITION, AuthorityFactory, make_user
from tests.isolation import world_einvoice, world_procurement, world_vat
from verbund.accounts.models import AuthorityRole, AuthorityRoleKind, User
from verbund.accounts.services import authority_role_grant, network_role_grant
from verbund.applications.models import Attachment, Draft, Submission, SubmissionStatus
from verbund.applications.services import draft_save_step, draft_start, submission_create
from verbund.authorities.models import Authority, AuthorityKind
from verbund.cases.models import (
    Case,
    CaseDocument,
    CaseStatus,
    DocumentVersion,
    InformationRequest,
    Participation,
    ParticipationKind,
    RecordsDisposal,
)
from verbund.cases.services import (
    case_open,
    case_set_status,
    information_request_create,
    participation_create,
)
from verbund.catalogue.models import Adoption, Office, Service
from verbund.catalogue.selectors import routing_index
from verbund.catalogue.services import (
    adoption_create,
    office_create,
    service_create,
    service_publish,
)
from verbund.formengine.models import FormVersion
from verbund.formengine.selectors import form_of
from verbund.formengine.services import form_version_create
from verbund.networks.costs.models import BudgetItem
from verbund.networks.groups.models import GroupDocument, GroupTask, Milestone, ProjectGroup
from verbund.networks.models import Agreement, AgreementKind, CooperationArea, Membership, Network
from verbund.networks.roadmap.models import RoadmapItem
from verbund.networks.services import area_create, area_level_set, membership_add, network_create
from verbund.networks.workshops.models import Invitation, Workshop, WorkshopMaterial
from verbund.payments.services import payment_start
from verbund.portal.models import LegalPage, LegalPageKind
from verbund.portal.services import legal_page_save


@dataclass
class Tenant:
    authority: Authority
    user: User
    clerk: User
    clerk_role: AuthorityRole
    network: Network
    membership: Membership
    legal_page: LegalPage
    service: Service
    draft_service: Service
    office: Office
    adoption: Adoption
    form_version: FormVersion
    # A received case in the authority's inbox, with one attached file.
    case: Case
    attachment: Attachment
    # The case's file: the attachment as a document, and its version.
    document: CaseDocument
    version: DocumentVersion
    # A closed file (exportable) and one handed to the archive, with its disposal.
    closed_case: Case
    disposal: RecordsDisposal
    # Filled in by build_world: a question to the applicant, a participation this
    # tenant asked of C, and one C asked of this tenant (sharing C's document).
    info_request: InformationRequest | None = None
    outgoing: Participation | None = None
    incoming: Participation | None = None
    # A cooperation area of the tenant's network with the tenant's level in it, and an
    # agreement of the network with its signed document.
    area: CooperationArea | None = None
    agreement: Agreement | None = None
    # A project group of the network (the tenant's authority leads it) with a task, a
    # milestone and a document.
    group: ProjectGroup | None = None
    group_task: GroupTask | None = None
    milestone: Milestone | None = None
    group_document: GroupDocument | None = None
    # A proposed item of the network's development roadmap, built by the tenant's
    # authority.
    roadmap_item: RoadmapItem | None = None
    # A planned workshop of the network, the tenant's authority invited, with a material.
    workshop: Workshop | None = None
    invitation: Invitation | None = None
    workshop_material: WorkshopMaterial | None = None
    # An open budget item of the network, split equally (the single member pays all),
    # and the network's development cost for the reuse report.
    budget_item: BudgetItem | None = None
    # A running survey of the network that asks the tenant's authority, and the
    # authority's strategy in the network with a goal and a measure.
    survey: Any = None
    recipient: Any = None
    strategy: Any = None
    strategy_goal: Any = None
    strategy_measure: Any = None
    # A published good practice of the tenant's authority.
    practice: Any = None
    # A comparison ring of the network with the tenant's authority as its participant,
    # one entered figure and one KPI; an open period (2026) and a published one (2025).
    ring: Any = None
    ring_participant: Any = None
    ring_kpi: Any = None
    ring_open_period: Any = None
    ring_published_period: Any = None
    # The network's area "Gebührenkalkulation" carries the fees tool and the tenant's
    # authority delegated it (level 4); the authority's own rate table and a draft fee
    # sheet of the authority.
    rate_table: Any = None
    fee_sheet: Any = None
    # The authority's archive with its own OCR profile, a holdings and a unit seen only
    # by its own staff, with one scanned page.
    archive: Any = None
    ocr_profile: Any = None
    fonds: Any = None
    unit: Any = None
    page: Any = None
    # A public unit of the same holdings with one page: the public pages and the IIIF
    # resources show it to everyone.
    public_unit: Any = None
    public_page: Any = None
    # A search term the network's coordinators gave the citizen assistant for the
    # tenant's service, and a question the assistant could not answer for the network.
    assistant_synonym: Any = None
    assistant_question: Any = None
    # §2b UStG and joint procurement: what tests/isolation/world_vat.py and
    # world_procurement.py build (a namespace of objects each).
    vat: Any = None
    procurement: Any = None
    # The eRechnung inbox: tests/isolation/world_einvoice.py.
    einvoice: Any = None


def _service(authority: Authority, slug: str, title: str) -> Service:
    return service_create(
        actor=None,
        builder=authority,
        slug=slug,
        title=title,
        summary=f"{title}, kurz erklärt.",
        themenfeld="querschnitt",
        level="gemeinde",
        online_url="https://portal.example.org/antrag",
    )


def _case(
    authority: Authority, service: Service, version: FormVersion, letter: str, second: str = ""
) -> tuple[Case, Attachment]:
    """A submitted application with one file and its case, received by ``authority``."""
    submission = Submission.objects.create(
        reference=f"VB-2026-{letter * 4}-{(second or letter) * 4}",
        submit_key=uuid.uuid4(),
        service=service,
        version=version,
        place=authority,
        responsible=authority,
        authority=authority,
        answers={"name": f"Anna {letter}", "email": "anna@example.org"},
        status=SubmissionStatus.SUBMITTED,
        status_salt="0" * 32,
        submitted_at=dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC),
    )
    content = b"%PDF-1.4\n"
    attachment = Attachment(
        submission=submission,
        authority=authority,
        field="nachweis",
        filename=f"Nachweis {letter}.pdf",
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        created_at=submission.submitted_at,
    )
    attachment.file.save(str(attachment.id), ContentFile(content), save=False)
    attachment.save()
    case = case_open(submission=submission, status=CaseStatus.RECEIVED, processing_days=10)
    return case, attachment


def _tenant(letter: str, ars: str) -> Tenant:
    kreis = cast(
        Authority,
        AuthorityFactory(
            ars=ars[:5], kind=AuthorityKind.KREIS, textkennzeichen="44", name=f"Kreis {letter}"
        ),
    )
    authority = cast(Authority, AuthorityFactory(ars=ars, name=f"Gemeinde {letter}", parent=kreis))
    user = make_user(username=f"chief.{letter.lower()}", demo=True)
    clerk = make_user(username=f"clerk.{letter.lower()}", demo=True)
    for role in (AuthorityRoleKind.CLERK, AuthorityRoleKind.AUTHORITY_ADMIN):
        authority_role_grant(actor=None, authority=authority, user=user, role=role)
    clerk_role = authority_role_grant(
        actor=None, authority=authority, user=clerk, role=AuthorityRoleKind.CLERK
    )
    network = network_create(
        actor=None, name=f"Verbund {letter}", slug=f"verbund-{letter.lower()}", kind="other"
    )
    network_role_grant(actor=None, network=network, user=user, role="coordinator")
    membership = membership_add(
        actor=None, network=network, authority=authority, role="lead", joined_on=dt.date(2024, 1, 1)
    )
    legal_page = legal_page_save(
        actor=user,
        authority=authority,
        kind=LegalPageKind.IMPRINT,
        body=f"Impressum der Gemeinde {letter}",
        contact_email="",
        conformity="",
        reviewed_on=dt.date(2026, 1, 1),
    )
    letter_lower = letter.lower()
    service = service_publish(
        actor=None,
        service=_service(authority, f"leistung-{letter_lower}", f"Leistung {letter}"),
    )
    draft_service = _service(authority, f"entwurf-{letter_lower}", f"Entwurf {letter}")
    form_version = form_version_create(
        actor=None, service=service, definition=copy.deepcopy(SIMPLE_DEFINITION)
    )
    office = office_create(
        actor=None,
        authority=authority,
        name=f"Bürgerbüro {letter}",
        street="Marktplatz 1",
        postcode="99999",
        city=f"Gemeinde {letter}",
    )
    adoption = adoption_create(
        actor=None,
        service=service,
        authority=authority,
        office=office,
        fees=[{"label": "Gebühr", "amount": "10,00"}],
        online=True,
        started_on=dt.date(2025, 1, 1),
    )
    case, attachment = _case(authority, service, form_version, letter)
    document = CaseDocument.objects.get(case=case)
    closed_case, _file = _case(authority, service, form_version, letter, "2")
    archived_case, _file = _case(authority, service, form_version, letter, "3")
    # Closed in 2015, kept for ten years: due for the Aussonderung.
    Case.objects.filter(pk__in=[closed_case.pk, archived_case.pk]).update(
        status=CaseStatus.CLOSED,
        received_at=dt.datetime(2015, 3, 2, tzinfo=dt.UTC),
        closed_at=dt.datetime(2015, 3, 3, tzinfo=dt.UTC),
        retention_until=dt.date(2025, 12, 31),
    )
    # A hand-over as records_hand_over leaves it (its package rendered there costs a PDF;
    # the isolation test needs only the rows).
    disposal = RecordsDisposal(
        authority=authority,
        kind=RecordsDisposal.Kind.ARCHIVED,
        created_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
        recipient=f"Archiv {letter}",
        package_sha256="0" * 64,
        record={"cases": [{"file": archived_case.file_number}]},
    )
    disposal.package.save(str(disposal.id), ContentFile(b"PK\x05\x06" + b"\0" * 18), save=False)
    disposal.save(force_insert=True)
    Case.objects.filter(pk=archived_case.pk).update(disposal_state="archived", disposal=disposal)
    return Tenant(
        authority,
        user,
        clerk,
        clerk_role,
        network,
        membership,
        legal_page,
        service,
        draft_service,
        office,
        adoption,
        form_version,
        case,
        attachment,
        document,
        DocumentVersion.objects.get(document=document),
        Case.objects.get(pk=closed_case.pk),
        disposal,
    )


@dataclass
class World:
    a: Tenant
    b: Tenant
    # A third authority: A and B ask it for statements, and it asks them.
    c: Tenant


def _participation(asking: Tenant, requested: Tenant) -> Participation:
    return participation_create(
        actor=asking.user,
        case=asking.case,
        requested=requested.authority,
        kind=ParticipationKind.STATEMENT,
        subject=f"Stellungnahme von {requested.authority.name}",
        message="Bitte um Stellungnahme.",
        due_on=dt.date.today() + dt.timedelta(days=30),
        versions=[asking.version],
    )


def build_world() -> World:
    world = World(
        a=_tenant("A", "091110001001"),
        b=_tenant("B", "092220002002"),
        c=_tenant("C", "093330003003"),
    )
    for tenant in (world.a, world.b, world.c):
        tenant.case = case_set_status(actor=tenant.user, case=tenant.case, status="in_progress")
    for tenant in (world.a, world.b):
        # C may be asked by A and B, and ask them, only as a member of a network with each
        # (participation_create refuses others); A and B share none.
        shared = network_create(
            actor=None,
            name=f"Verbund {tenant.authority.name} und C",
            slug=f"verbund-{tenant.authority.pk}-c",
            kind="other",
        )
        for member in (tenant.authority, world.c.authority):
            membership_add(
                actor=None, network=shared, authority=member, joined_on=dt.date(2024, 1, 1)
            )
    for tenant in (world.a, world.b):
        tenant.outgoing = _participation(tenant, world.c)
        tenant.incoming = _participation(world.c, tenant)
        tenant.info_request = information_request_create(
            actor=tenant.user,
            case=tenant.case,
            message="Bitte Unterlagen nachreichen.",
            items=["Nachweis"],
            due_on=dt.date.today() + dt.timedelta(days=14),
        )
        tenant.case = Case.objects.get(pk=tenant.case.pk)
        tenant.area = area_create(actor=tenant.user, network=tenant.network, name="eAkte")
        area_level_set(
            actor=tenant.user,
            area=tenant.area,
            authority=tenant.authority,
            level=3,
            valid_from=dt.date(2024, 1, 1),
        )
        # Written directly: the isolation world's networks have a single member, and
        # an agreement needs two parties (the services check that elsewhere).
        tenant.agreement = Agreement.objects.create(
            network=tenant.network,
            title=f"Vereinbarung {tenant.network.name}",
            kind=AgreementKind.MANDATING,
            processing=tenant.authority,
            starts_on=dt.date(2024, 1, 1),
            document_name="vereinbarung.pdf",
            document=ContentFile(b"%PDF-1.4 signed", name="vereinbarung.pdf"),
        )
        tenant.agreement.parties.set([tenant.authority])
        from django.core.files.uploadedfile import SimpleUploadedFile

        from verbund.networks.groups import services as services_groups

        tenant.group = services_groups.group_create(
            actor=tenant.user, network=tenant.network, name="eAkte", lead=tenant.authority
        )
        tenant.group_task = services_groups.task_create(
            actor=tenant.user,
            group=tenant.group,
            title="Aktenplan abstimmen",
            owner=tenant.authority,
            due_on=dt.date(2026, 6, 30),
        )
        tenant.milestone = services_groups.milestone_create(
            actor=tenant.user, group=tenant.group, title="Pilot", due_on=dt.date(2026, 9, 30)
        )
        tenant.group_document = services_groups.document_add(
            actor=tenant.user,
            group=tenant.group,
            title="Protokoll",
            upload=SimpleUploadedFile("protokoll.pdf", b"%PDF-1.4 Protokoll"),
        )
        from verbund.networks.roadmap import services as services_roadmap

        tenant.roadmap_item = services_roadmap.roadmap_take_build(
            actor=tenant.user,
            item=services_roadmap.roadmap_propose(
                actor=tenant.user,
                network=tenant.network,
                proposed_by=tenant.authority,
                title="Online-Dienst Jagdschein",
            ),
            builder=tenant.authority,
        )
        from verbund.networks.workshops import services as services_workshops

        tenant.workshop = services_workshops.workshop_create(
            actor=tenant.user,
            network=tenant.network,
            title="Feierabendgespräch",
            level="leadership",
            format="after_work",
            starts_at=dt.datetime(2030, 3, 12, 17, 0, tzinfo=dt.UTC),
            ends_at=dt.datetime(2030, 3, 12, 19, 0, tzinfo=dt.UTC),
        )
        (tenant.invitation,) = services_workshops.workshop_invite(
            actor=tenant.user, workshop=tenant.workshop, authorities=[tenant.authority]
        )
        tenant.workshop_material = services_workshops.material_add(
            actor=tenant.user,
            workshop=tenant.workshop,
            title="Einladung",
            upload=SimpleUploadedFile("einladung.pdf", b"%PDF-1.4 Einladung"),
        )
        from decimal import Decimal

        from verbund.networks.costs import services as services_costs

        tenant.budget_item = services_costs.budget_item_create(
            actor=tenant.user,
            network=tenant.network,
            title="Laufende Kosten",
            amount=Decimal("1200.00"),
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 12, 31),
            population_on=dt.date(2025, 12, 31),
            weight_equal=Decimal(100),
            weight_population=Decimal(0),
            weight_cases=Decimal(0),
            weight_usage=Decimal(0),
        )
        services_costs.development_cost_set(
            actor=tenant.user, network=tenant.network, amount=Decimal("20000.00")
        )
        from verbund.surveys import services as services_surveys
        from verbund.surveys.strategy import services as services_strategy

        survey = services_surveys.survey_create(
            actor=tenant.user,
            network=tenant.network,
            title="Stand der Digitalisierung",
            definition=SURVEY_DEFINITION,
        )
        services_surveys.recipients_add(
            actor=tenant.user,
            survey=survey,
            lines=[services_surveys.AddressLine(tenant.authority, "umfrage@example.org")],
        )
        tenant.survey = services_surveys.survey_launch(actor=tenant.user, survey=survey)
        tenant.recipient = tenant.survey.recipients.get()
        tenant.strategy = services_strategy.strategy_save(
            actor=tenant.user, network=tenant.network, authority=tenant.authority, title="Plan"
        )
        tenant.strategy_goal = services_strategy.goal_add(
            actor=tenant.user, strategy=tenant.strategy, field="egov", goal="Alles online"
        )
        tenant.strategy_measure = services_strategy.measure_add(
            actor=tenant.user, goal=tenant.strategy_goal, title="eAkte", project_group=tenant.group
        )
        from verbund.practices import services as services_practices

        practice = services_practices.practice_create(
            actor=tenant.user,
            authority=tenant.authority,
            content=services_practices.PracticeContent(
                title=f"Digitale Bauakte in {tenant.authority.name}",
                summary="Bauanträge nur noch online.",
                problem="Papierakten.",
                solution="Eine digitale Bauakte.",
                contact_name="Erika Muster",
                contact_email="bauakte@example.org",
                field_of_action="egov",
            ),
        )
        tenant.practice = services_practices.practice_publish(actor=tenant.user, practice=practice)
        _ring(tenant)
        _fees(tenant)
        _archive(tenant)
        _assistant(tenant)
        world_vat.build(tenant)
        world_procurement.build(tenant)
        world_einvoice.build(tenant)
    return world


def _assistant(tenant: Tenant) -> None:
    from verbund.assistant import services as services_assistant
    from verbund.assistant.models import OpenQuestion, Outcome

    tenant.assistant_synonym = services_assistant.synonym_add(
        actor=tenant.user,
        network=tenant.network,
        service=tenant.service,
        term=f"Begriff {tenant.authority.name}",
    )
    # Written directly: asking the assistant would build its index of the catalogue.
    tenant.assistant_question = OpenQuestion.objects.create(
        network=tenant.network,
        digest=f"frage-{tenant.network.pk}",
        text="Wo finde ich das Fundbüro?",
        outcome=Outcome.ABSTAINED,
        first_asked=dt.date(2026, 3, 1),
        last_asked=dt.date(2026, 3, 2),
    )


def _archive(tenant: Tenant) -> None:
    import io

    from PIL import Image

    from verbund.archive import services as services_archive

    tenant.archive = services_archive.archive_create(
        actor=tenant.user,
        authority=tenant.authority,
        details=services_archive.ArchiveDetails(name=f"Archiv {tenant.authority.name}"),
    )
    tenant.ocr_profile = tenant.archive.profile
    tenant.fonds = services_archive.fonds_create(
        actor=tenant.user,
        archive=tenant.archive,
        description=services_archive.FondsDescription(reference_code="A", title="Amtsbücher"),
    )
    tenant.unit = services_archive.unit_create(
        actor=tenant.user,
        fonds=tenant.fonds,
        description=services_archive.UnitDescription(reference_code="A 1", title="Protokolle"),
    )
    scan = io.BytesIO()
    Image.new("L", (400, 300), 255).save(scan, format="PNG")
    scan.seek(0)
    result = services_archive.pages_ingest(
        actor=tenant.user, unit=tenant.unit, files=[("Seite 1.png", scan)]
    )
    (tenant.page,) = result.pages
    tenant.public_unit = services_archive.unit_create(
        actor=tenant.user,
        fonds=tenant.fonds,
        description=services_archive.UnitDescription(
            reference_code="A 2", title="Chronik", access="public"
        ),
    )
    scan.seek(0)
    result = services_archive.pages_ingest(
        actor=tenant.user, unit=tenant.public_unit, files=[("Seite 1.png", scan)]
    )
    (tenant.public_page,) = result.pages
    # The recognised text of both pages, as the text recognition would store it.
    for page in (tenant.page, tenant.public_page):
        page.alto = ALTO
        page.text = "Gemeinderat Sitzung"
        page.ocr_status = "done"
        page.save(update_fields=["alto", "text", "ocr_status"])
    from verbund.archive.search.services import pages_index

    pages_index([tenant.page, tenant.public_page])


ALTO = """<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#">
  <Description><MeasurementUnit>pixel</MeasurementUnit></Description>
  <Layout><Page ID="page_1" WIDTH="400" HEIGHT="300" PHYSICAL_IMG_NR="1">
    <PrintSpace HPOS="0" VPOS="0" WIDTH="400" HEIGHT="300">
      <TextBlock ID="block_1" HPOS="10" VPOS="10" WIDTH="300" HEIGHT="40">
        <TextLine ID="line_1" HPOS="10" VPOS="10" WIDTH="300" HEIGHT="40">
          <String ID="string_1" HPOS="10" VPOS="10" WIDTH="140" HEIGHT="40"
            WC="0.91" CONTENT="Gemeinderat"/>
          <SP WIDTH="10" VPOS="10" HPOS="150"/>
          <String ID="string_2" HPOS="160" VPOS="10" WIDTH="150" HEIGHT="40"
            WC="0.88" CONTENT="Sitzung"/>
        </TextLine>
      </TextBlock>
    </PrintSpace>
  </Page></Layout>
</alto>
"""


def _fees(tenant: Tenant) -> None:
    from verbund.fees import engine
    from verbund.fees import services as services_fees

    area = area_create(actor=None, network=tenant.network, name="Gebührenkalkulation", tool="fees")
    area_level_set(
        actor=None,
        area=area,
        authority=tenant.authority,
        level=4,
        valid_from=dt.date(2024, 1, 1),
    )
    grade = engine.Grade("E 9b", Decimal(80000), Decimal(9700), Decimal(20), Decimal(1561))
    tenant.rate_table = services_fees.rate_table_create(
        actor=tenant.user,
        name=f"Personalkosten {tenant.authority.name}",
        edition="2026",
        year=2026,
        grades=[grade],
        authority=tenant.authority,
    )
    tenant.fee_sheet = services_fees.fee_sheet_create(
        actor=tenant.user,
        authority=tenant.authority,
        sheet=engine.Sheet(
            kind=engine.SheetKind.ADMINISTRATIVE,
            title="Gewerbeanmeldung",
            year=2026,
            rounding=engine.Rounding.END,
            grades=(grade,),
            time_lines=(engine.TimeLine("Antrag prüfen", "E 9b", Decimal(40)),),
        ),
    )


def _ring(tenant: Tenant) -> None:
    from verbund.benchmarks import services as services_benchmarks

    ring = services_benchmarks.ring_create(
        actor=tenant.user,
        network=tenant.network,
        name=f"Vergleichsring {tenant.authority.name}",
        authority_ids=[tenant.authority.pk],
    )
    services_benchmarks.figure_create(
        actor=tenant.user, ring=ring, key="faelle", label="Fälle", unit="Fälle"
    )
    tenant.ring_kpi = services_benchmarks.kpi_create(
        actor=tenant.user, ring=ring, key="fallzahl", label="Fallzahl", formula="faelle"
    )
    tenant.ring_participant = ring.participants.get()
    published = services_benchmarks.period_create(actor=tenant.user, ring=ring, year=2025)
    services_benchmarks.values_set(
        actor=tenant.user,
        period=published,
        participant=tenant.ring_participant,
        values={"faelle": Decimal(120)},
    )
    tenant.ring_published_period = services_benchmarks.period_publish(
        actor=tenant.user, period=published
    )
    tenant.ring_open_period = services_benchmarks.period_create(
        actor=tenant.user, ring=ring, year=2026
    )
    tenant.ring = ring


# A survey of one section with one scored question in a field of action.
SURVEY_DEFINITION: dict[str, Any] = {
    "fields": [{"key": "egov", "label": "E-Government"}],
    "sections": [
        {
            "key": "stand",
            "title": "Stand",
            "questions": [
                {
                    "key": "eakte",
                    "type": "single",
                    "text": "Wie weit ist die E-Akte?",
                    "required": True,
                    "field": "egov",
                    "options": [
                        {"key": "alle", "label": "überall", "score": 2},
                        {"key": "kein", "label": "kein Thema", "score": 0},
                    ],
                }
            ],
        }
    ],
}


@dataclass
class Application:
    """A citizen's application to tenant B's service: a submitted draft, its submission
    with one attachment, and a payment at the simulated provider."""

    draft: Draft
    submission: Submission
    attachment: Attachment


def build_application(tenant: Tenant) -> Application:
    index = routing_index()
    service = index.service(tenant.service.slug)
    place = index.place(tenant.authority.ars)
    assert service is not None
    assert place is not None
    version = tenant.form_version
    draft = draft_start(version=version, resolution=index.resolve(service, place))
    form = form_of(version)
    for step, values in zip(
        form.steps, ({"name": "Anna"}, {"email": "anna@example.org"}), strict=True
    ):
        draft = draft_save_step(draft=draft, step=step, values=values)
    submission, _created = submission_create(draft=draft)
    attachment = Attachment(
        submission=submission,
        authority=tenant.authority,
        field="nachweis",
        filename="Nachweis.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
        created_at=submission.submitted_at,
    )
    attachment.file.save(str(attachment.id), ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    payment_start(
        submission=submission,
        amount=Decimal("10.00"),
        purpose=f"{submission.reference} Gebühr",
        return_url="/",
    )
    draft.refresh_from_db()
    return Application(draft, submission, attachment)
