"""`verbund load-demo`: the demo register excerpt, three networks, staff and pages.

Idempotent: running it again changes nothing that is already there, so
`make run` can call it every time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from verbund.accounts.models import AuthorityRole, NetworkRole, User
from verbund.accounts.services import authority_role_grant, network_role_grant
from verbund.authorities.models import Authority, AuthorityKind
from verbund.authorities.services import register_import
from verbund.demo.data import DEMO_PASSWORD, NETWORKS, USERS
from verbund.networks.models import Membership, MembershipRole, Network
from verbund.networks.services import membership_add, network_create
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
