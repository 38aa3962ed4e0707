"""`verbund load-demo`: the demo register excerpt, three networks, staff and pages.

Idempotent: running it again changes nothing that is already there, so
`make run` can call it every time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from verbund.accounts.models import AuthorityRole, NetworkRole, User
from verbund.accounts.services import authority_role_grant, network_role_grant
from verbund.applications.models import Submission
from verbund.applications.services import (
    attachment_add,
    draft_save_step,
    draft_start,
    submission_create,
    submission_mark_paid,
)
from verbund.authorities.models import Authority, AuthorityKind
from verbund.authorities.services import register_import
from verbund.cases.letters import draft_texts
from verbund.cases.models import Case, CaseSettings, CaseStatus, CaseType, DecisionOutcome
from verbund.cases.services import (
    case_assign,
    case_set_status,
    case_settings_save,
    case_type_save,
    decision_issue,
    retention_end,
)
from verbund.catalogue.models import Adoption, Office, ResponsibilityException, Service
from verbund.catalogue.selectors import routing_index
from verbund.catalogue.services import (
    OFFICE_FIELDS,
    adoption_create,
    office_create,
    responsibility_exception_set,
    service_create,
    service_publish,
)
from verbund.core.pdf import html_to_pdf
from verbund.demo import cases as demo_cases
from verbund.demo import catalogue, steering
from verbund.demo.archive import load_archive
from verbund.demo.assistant import load_assistant
from verbund.demo.benchmarks import load_benchmarks
from verbund.demo.costs import load_costs
from verbund.demo.data import DEMO_PASSWORD, MERZENICH, NETWORKS, USERS
from verbund.demo.einvoice import load_einvoice
from verbund.demo.fees import load_fees
from verbund.demo.forms import FORMS
from verbund.demo.groups import load_groups
from verbund.demo.practices import load_practices
from verbund.demo.procurement import load_procurement
from verbund.demo.roadmap import load_roadmap
from verbund.demo.surveys import load_dlz_survey, load_landkreis_survey, load_strategies
from verbund.demo.vat import load_vat
from verbund.demo.workshops import load_workshops
from verbund.formengine import engine
from verbund.formengine.engine import definition_digest
from verbund.formengine.selectors import current_version, form_of
from verbund.formengine.services import form_save_draft, form_version_create
from verbund.networks.models import AgreementKind, Membership, MembershipRole, Network
from verbund.networks.services import (
    agreement_create,
    area_create,
    area_level_set,
    membership_add,
    network_create,
)
from verbund.portal.models import ConformityStatus, LegalPage, LegalPageKind
from verbund.portal.services import legal_page_save

DEMO_REGISTER = (
    Path(__file__).resolve().parents[3] / "authorities" / "fixtures" / "gv100ad_demo.txt"
)
MARKER = "053580040040"  # Merzenich: present once the demo register (or the full one) is in


class Command(BaseCommand):
    help = "Load the demo: register excerpt, the three demo networks, staff users and legal pages."

    def handle(self, *args: Any, **options: Any) -> None:
        if not Authority.objects.filter(ars=MARKER).exists():
            result = register_import(path_or_stream=DEMO_REGISTER, source_name=DEMO_REGISTER.name)
            self.stdout.write(f"Demo register imported ({result}).")
        with transaction.atomic():
            networks = {spec.slug: self._network(spec) for spec in NETWORKS}
            self._users(networks)
            self._legal_pages()
            # Early, so that its audit entries are older than the back office's ones that
            # the audit log's first page shows (tests/browser/test_audit_log.py).
            load_einvoice(networks["dlz"])
            self._catalogue()
            self._forms()
            self._back_office()
            self._steering(networks["dlz"])
            load_workshops(networks["dlz"])
            load_groups(networks["wuerzburg"])
            load_roadmap(networks["suedwestfalen"])
            load_costs(networks["dlz"])
            load_dlz_survey(networks["dlz"])
            load_landkreis_survey(networks["landkreistag"])
            load_strategies(networks["wuerzburg"])
            load_practices()
            load_fees(networks["dlz"])
            load_vat(networks["dlz"])
            load_procurement(networks["dlz"])
            load_benchmarks(networks)
            load_archive(networks)
            load_assistant(networks)
        self._print_logins()

    def _network(self, spec: Any) -> Network:
        network = Network.objects.filter(slug=spec.slug).first()
        if network is None:
            network = network_create(
                actor=None,
                name=spec.name,
                slug=spec.slug,
                kind=spec.kind,
                description=spec.description,
                operator_name=spec.operator_name,
            )
        keys = list(spec.members)
        if spec.members_of_kreis:
            keys += list(
                Authority.objects.filter(
                    kind=AuthorityKind.GEMEINDE,
                    ars__startswith=spec.members_of_kreis,
                    dissolved_on__isnull=True,
                )
                # gemeindefreie Gebiete (Textkennzeichen 65/66) have no administration to join
                .exclude(textkennzeichen__in=("65", "66"))
                .values_list("ars", flat=True)
            )
        for authority in Authority.objects.filter(ars__in=keys).order_by("ars"):
            if Membership.objects.filter(network=network, authority=authority).exists():
                continue
            membership_add(
                actor=None,
                network=network,
                authority=authority,
                role=MembershipRole.LEAD if authority.ars == spec.lead else MembershipRole.MEMBER,
                joined_on=spec.joined_on,
            )
        return network

    def _users(self, networks: dict[str, Network]) -> None:
        for spec in USERS:
            user, created = User.objects.get_or_create(
                username=spec.username,
                defaults={
                    "display_name": spec.display_name,
                    "email": f"{spec.username}@demo.verbund.invalid",
                    "two_factor_exempt": True,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            for ars, role in spec.authority_roles:
                authority = Authority.objects.get(ars=ars)
                if not AuthorityRole.objects.filter(
                    user=user, authority=authority, role=role
                ).exists():
                    authority_role_grant(actor=None, authority=authority, user=user, role=role)
            for slug, role in spec.network_roles:
                network = networks[slug]
                if not NetworkRole.objects.filter(user=user, network=network, role=role).exists():
                    network_role_grant(actor=None, network=network, user=user, role=role)

    def _legal_pages(self) -> None:
        member_ids = Membership.objects.values("authority_id")
        today = timezone.localdate()
        for authority in Authority.objects.filter(pk__in=member_ids).order_by("ars"):
            for kind in LegalPageKind:
                if LegalPage.objects.filter(authority=authority, kind=kind).exists():
                    continue
                legal_page_save(
                    actor=None,
                    authority=authority,
                    kind=kind,
                    body=_demo_text(authority, kind),
                    contact_email=f"barrierefreiheit@{authority.ars}.demo.verbund.invalid"
                    if kind == LegalPageKind.ACCESSIBILITY
                    else "",
                    conformity=ConformityStatus.PARTIAL
                    if kind == LegalPageKind.ACCESSIBILITY
                    else "",
                    reviewed_on=today,
                )

    def _catalogue(self) -> None:
        """The demo catalogue: services built by one member, adopted by others."""
        keys = {o.authority for o in catalogue.OFFICES} | {s.builder for s in catalogue.SERVICES}
        keys |= {a.authority for s in catalogue.SERVICES for a in s.adoptions}
        keys |= {e.area for e in catalogue.EXCEPTIONS} | {
            e.responsible for e in catalogue.EXCEPTIONS
        }
        authorities = {a.ars: a for a in Authority.objects.filter(ars__in=keys)}
        missing = sorted(keys - authorities.keys())
        if missing:
            raise CommandError(f"Demo catalogue names unknown authorities: {', '.join(missing)}")
        offices: dict[tuple[str, str], Office] = {}
        for spec in catalogue.OFFICES:
            authority = authorities[spec.authority]
            office = Office.objects.filter(authority=authority, name=spec.name).first()
            if office is None:
                office = office_create(
                    actor=None,
                    authority=authority,
                    **{f: getattr(spec, f) for f in OFFICE_FIELDS},
                )
            offices[(spec.authority, spec.name)] = office
        services: dict[str, Service] = {}
        for entry in catalogue.SERVICES:
            service = Service.objects.filter(slug=entry.slug).first()
            if service is None:
                service = service_create(
                    actor=None,
                    builder=authorities[entry.builder],
                    slug=entry.slug,
                    leika_key=entry.leika_key,
                    ozg_id=entry.ozg_id,
                    title=entry.title,
                    summary=entry.summary,
                    processing_days=entry.processing_days,
                    synonyms=list(entry.synonyms),
                    themenfeld=entry.themenfeld,
                    level=entry.level,
                    maturity=entry.maturity,
                    online_url=entry.online_url,
                    **entry.sections,
                )
                service_publish(actor=None, service=service)
            services[entry.slug] = service
        for exception in catalogue.EXCEPTIONS:
            service = services[exception.service]
            area = authorities[exception.area]
            if not ResponsibilityException.objects.filter(service=service, area=area).exists():
                responsibility_exception_set(
                    actor=None,
                    service=service,
                    area=area,
                    responsible=authorities[exception.responsible],
                    note=exception.note,
                )
        for entry in catalogue.SERVICES:
            service = services[entry.slug]
            for use in entry.adoptions:
                authority = authorities[use.authority]
                if Adoption.objects.filter(service=service, authority=authority).exists():
                    continue
                joined = (
                    Membership.objects.filter(authority=authority)
                    .order_by("joined_on")
                    .values_list("joined_on", flat=True)
                    .first()
                )
                started_on = dt.date.fromisoformat(use.started_on)
                if joined is not None and joined > started_on:
                    started_on = joined
                adoption_create(
                    actor=None,
                    service=service,
                    authority=authority,
                    office=offices[(use.authority, use.office)],
                    fees=[{"label": label, "amount": amount} for label, amount in use.fees],
                    online=use.online,
                    started_on=started_on,
                )

    def _forms(self) -> None:
        """Publish the demo form definitions (a new version only where one changed)."""
        for slug, definition in FORMS.items():
            service = Service.objects.get(slug=slug)
            latest = current_version(service.pk)
            if latest is not None and latest.digest == definition_digest(definition):
                continue
            form_save_draft(actor=None, service=service, definition=definition)
            form_version_create(actor=None, service=service, definition=definition)

    def _steering(self, dlz: Network) -> None:
        """The DLZ's areas with each member's depth, and its agreement."""
        members = {a.ars: a for a in Authority.objects.filter(memberships__network=dlz)}
        for position, spec in enumerate(steering.DLZ_AREAS):
            area = dlz.areas.filter(name=spec.name).first()
            if area is not None:
                continue
            area = area_create(
                actor=None,
                network=dlz,
                name=spec.name,
                description=spec.description,
                position=position,
                tool=spec.tool,
            )
            for ars, level, since in spec.levels:
                area_level_set(
                    actor=None, area=area, authority=members[ars], level=level, valid_from=since
                )
        created = not dlz.agreements.filter(title=steering.AGREEMENT_TITLE).exists()
        if created:
            agreement_create(
                actor=None,
                network=dlz,
                title=steering.AGREEMENT_TITLE,
                kind=AgreementKind.MANDATING,
                processing=members[MERZENICH],
                parties=list(members.values()),
                service_ids=[Service.objects.get(slug=steering.AGREEMENT_SERVICE).pk],
                areas=[],
                tasks=steering.AGREEMENT_TASKS,
                starts_on=steering.AGREEMENT_STARTS,
                notice_months=6,
                cost_key="Fallpauschale je Gewerbeanzeige",
            )
            # Applications made under the agreement: they land in Merzenich's inbox.
            for application in steering.DLZ_APPLICATIONS:
                self._apply(application)

    def _back_office(self) -> None:
        """Case types, file numbers and letterheads, and citizens' applications."""
        for spec in demo_cases.CASE_TYPES:
            service = Service.objects.get(slug=spec.service)
            if not CaseType.objects.filter(service=service).exists():
                case_type_save(
                    actor=None,
                    service=service,
                    file_plan_code=spec.file_plan_code,
                    retention_years=spec.retention_years,
                    disposal=spec.disposal,
                    granted_text=spec.granted_text,
                    refused_text=spec.refused_text,
                )
        for settings_spec in demo_cases.SETTINGS:
            authority = Authority.objects.get(ars=settings_spec.authority)
            if not CaseSettings.objects.filter(authority=authority).exists():
                case_settings_save(
                    actor=None,
                    authority=authority,
                    **{
                        name: getattr(settings_spec, name)
                        for name in (
                            "file_number_pattern",
                            "department",
                            "street",
                            "postcode",
                            "city",
                            "phone",
                            "email",
                            "signatory",
                            "archive_name",
                        )
                    },
                )
        self._courts()
        marker = demo_cases.APPLICATIONS[0].pages[-1]["email"]
        if Submission.objects.filter(email=marker).exists():
            return
        for application in demo_cases.APPLICATIONS:
            self._apply(application)

    def _courts(self) -> None:
        """Each member's administrative court, where none is entered yet."""
        for ars, court, with_gemeinden in demo_cases.COURTS:
            authorities = Authority.objects.filter(ars=ars)
            if with_gemeinden:
                authorities |= Authority.objects.filter(
                    ars__startswith=ars, kind=AuthorityKind.GEMEINDE, dissolved_on__isnull=True
                )
            for authority in authorities.order_by("ars"):
                row = CaseSettings.objects.filter(authority=authority).first()
                if row is not None and row.court_name:
                    continue
                case_settings_save(
                    actor=None,
                    authority=authority,
                    court_name=court.name,
                    court_street=court.street,
                    court_postcode=court.postcode,
                    court_city=court.city,
                )

    def _apply(self, spec: demo_cases.DemoApplication) -> None:
        index = routing_index()
        service = index.service(spec.service)
        place = index.place(spec.place)
        if service is None or place is None:
            raise CommandError(f"Demo application: unknown {spec.service} or {spec.place}")
        version = current_version(service.id)
        if version is None:
            raise CommandError(f"Demo application: {spec.service} has no form")
        form = form_of(version)
        draft = draft_start(version=version, resolution=index.resolve(service, place))
        pages = iter(spec.pages)
        while open_steps := engine.steps_open(form, draft.answers, draft.completed_steps):
            step = open_steps[0]
            for question in step.fields:
                for name in spec.files.get(question.name, ()):
                    attachment_add(draft=draft, field=question, uploaded=_demo_pdf(name))
            draft.refresh_from_db()
            result = engine.parse_step(form, step, next(pages), draft.answers)
            if not result.ok:
                raise CommandError(f"Demo application {spec.service}: {result.errors}")
            draft = draft_save_step(draft=draft, step=step, values=result.values)
        submission, _created = submission_create(draft=draft)
        if spec.paid and submission.fee_total > 0:
            submission = submission_mark_paid(submission=submission)
        if spec.closed_in is not None:
            self._close_long_ago(submission, spec.closed_in)

    def _close_long_ago(self, submission: Submission, year: int) -> None:
        """Decide and close the case, then date it back: a file past its retention."""
        clerk = User.objects.get(username="sb.dueren")
        case = case_assign(actor=clerk, case=submission.case, assignee=clerk)
        body, remedy = draft_texts(case, DecisionOutcome.GRANTED)
        decision_issue(
            actor=clerk,
            case=case,
            outcome=DecisionOutcome.GRANTED,
            body=body,
            remedy_notice=remedy,
            fee_amount=submission.fee_total,
        )
        case = case_set_status(actor=clerk, case=case, status=CaseStatus.CLOSED)
        opened = dt.datetime(year, 3, 14, 9, 30, tzinfo=dt.UTC)
        closed = dt.datetime(year, 3, 21, 11, 0, tzinfo=dt.UTC)
        # The reference and file number of that year: the 1st file of the year, as it was.
        reference = f"VB-{year}-{submission.reference[8:]}"
        file_number = case.file_number.replace(str(timezone.localdate().year), str(year))
        file_number = file_number.rsplit("/", 1)[0] + "/00001"
        Submission.objects.filter(pk=submission.pk).update(
            reference=reference, submitted_at=opened, paid_at=opened
        )
        Case.objects.filter(pk=case.pk).update(
            reference=reference,
            file_number=file_number,
            received_at=opened,
            closed_at=closed,
            due_on=None,
            retention_until=None,
        )
        case = Case.objects.get(pk=case.pk)
        Case.objects.filter(pk=case.pk).update(retention_until=retention_end(case))

    def _print_logins(self) -> None:
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for spec in USERS:
            self.stdout.write(f"  {spec.username:<28} {spec.note}")
        self.stdout.write("Demo users skip the second factor only while VERBUND_DEMO=1.")


def _demo_text(authority: Authority, kind: str) -> str:
    place = f"{authority.postcode} {authority.seat or authority.name}".strip()
    if kind == LegalPageKind.IMPRINT:
        return (
            f"Herausgeberin dieser Seiten ist {authority.kind_label} {authority.name} "
            f"(Regionalschlüssel {authority.ars12}), {place}. Die Behörde ist eine Körperschaft "
            "des öffentlichen Rechts und wird durch ihre Hauptverwaltungsbeamtin oder ihren "
            "Hauptverwaltungsbeamten vertreten.\n\n(Demo-Inhalt: vor dem Echtbetrieb ersetzen.)"
        )
    if kind == LegalPageKind.PRIVACY:
        return (
            f"Verantwortlich für die Verarbeitung personenbezogener Daten ist {authority.name}, "
            f"{place}. Wir verarbeiten Daten nur, soweit dies zur Erfüllung unserer Aufgaben "
            "erforderlich ist (Art. 6 Abs. 1 lit. e DSGVO). Sie haben das Recht auf Auskunft, "
            "Berichtigung, Löschung, Einschränkung der Verarbeitung und Beschwerde bei der "
            "Aufsichtsbehörde.\n\n(Demo-Inhalt: vor dem Echtbetrieb ersetzen.)"
        )
    return (
        "Nicht barrierefrei sind derzeit: einzelne ältere PDF-Dokumente, die nicht vollständig "
        "mit Screenreadern nutzbar sind. Wir ersetzen sie schrittweise durch barrierefreie "
        "Fassungen.\n\n(Demo-Inhalt: vor dem Echtbetrieb ersetzen.)"
    )


def _demo_pdf(name: str) -> SimpleUploadedFile:
    """A small real PDF standing in for a citizen's document."""
    title = escape(name.removesuffix(".pdf"))
    html = (
        f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><h1>{title}</h1><p>Demo-Dokument für Verbund. Es enthält keine echten "
        "Angaben.</p></body></html>"
    )
    return SimpleUploadedFile(name, html_to_pdf(html), content_type="application/pdf")
