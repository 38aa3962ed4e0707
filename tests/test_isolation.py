"""Tenant isolation, proven over every URL the project serves.

Every named URL pattern is enumerated from the URL configuration and must be
classified below. For tenant-scoped pages and endpoints, A's most privileged
user asks for B's objects (and for mixed pairs: A's parent with B's child)
and must get a 404 for every method, with no row in the database changed;
the same page with A's own objects must work, so the 404 is not an accident
of a broken URL. A new URL that is not classified here fails the build.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.clients import logged_in
from tests.conftest import kept_for_the_module
from tests.integrations.isolation import partner_world
from tests.isolation.world import Application, World, build_application, build_world
from tests.isolation.world import Tenant as TenantData

Kwargs = Callable[[World], dict[str, Any]]


@dataclass(frozen=True)
class Public:
    """Reachable without login; reads no tenant-owned data beyond what is published."""

    kwargs: Kwargs = lambda w: {}
    query: Kwargs = lambda w: {}


@dataclass(frozen=True)
class Staff:
    """Login required; no object id in the URL (the view scopes to the user itself)."""


@dataclass(frozen=True)
class Citizen:
    """Reached without a login, through a secret: the browser session that started a
    draft, or the secret of a status, resume or pay link. ``kwargs`` names B's real
    application objects but not their secret; every method must answer 404 and change
    nothing, for an anonymous visitor and for A's most privileged staff user alike."""

    kwargs: Callable[[World, Application], dict[str, Any]]
    methods: tuple[str, ...] = ("GET", "POST")


@dataclass(frozen=True)
class Tenant:
    own: Kwargs
    foreign: list[Kwargs] = field(default_factory=list)
    methods: tuple[str, ...] = ("GET", "POST")
    # What a GET of the own object answers (a IIIF image service redirects to its
    # info.json).
    ok: int = 200


@dataclass(frozen=True)
class Partner:
    """The API for specialist systems, authenticated by a client's bearer token
    (tests/integrations/isolation.py gives each tenant a client with every scope).
    A's token asking for B's submissions (and mixed pairs) gets 404 for every
    method, exactly like an unknown reference, and nothing changes; without a
    token the answer is 401."""

    own: Kwargs
    foreign: list[Kwargs] = field(default_factory=list)
    methods: tuple[str, ...] = ("GET",)


@dataclass(frozen=True)
class Operator:
    """For the operator's monitoring, behind a token of the installation's settings
    (``VERBUND_METRICS_TOKEN``): without it the URL does not exist (404), for an
    anonymous visitor and for A's most privileged staff user alike."""


def _nothing(tenant: TenantData) -> dict[str, Any]:
    return {}


def _open_period(tenant: TenantData) -> Any:
    return tenant.ring_open_period


def _published_period(tenant: TenantData) -> Any:
    return tenant.ring_published_period


ROUTES: dict[str, Public | Staff | Tenant | Citizen | Partner | Operator] = {
    # The citizen's application: public start, everything after it behind a secret.
    "catalogue:place": Public(lambda w: {"ars": w.b.authority.ars}),
    "applications:start": Public(
        lambda w: {"key": w.b.service.slug}, query=lambda w: {"ort": w.b.authority.ars}
    ),
    # A survey's recipient answers through its link's secret.
    "surveys:respond": Citizen(
        lambda w, app: {"recipient_id": w.b.recipient.pk, "token": "x" * 32}, methods=("GET",)
    ),
    "surveys:respond_check": Citizen(
        lambda w, app: {"recipient_id": w.b.recipient.pk, "token": "x" * 32}
    ),
    "surveys:respond_section": Citizen(
        lambda w, app: {"recipient_id": w.b.recipient.pk, "token": "x" * 32, "section_key": "stand"}
    ),
    "applications:step": Citizen(lambda w, app: {"draft_id": app.draft.pk, "step_key": "name"}),
    "applications:check": Citizen(lambda w, app: {"draft_id": app.draft.pk}),
    "applications:save": Citizen(lambda w, app: {"draft_id": app.draft.pk}),
    "applications:resume": Citizen(lambda w, app: {"draft_id": app.draft.pk, "token": "x" * 32}),
    "applications:confirmation": Citizen(lambda w, app: {"reference": app.submission.reference}),
    "applications:status": Citizen(
        lambda w, app: {"reference": app.submission.reference, "token": "x" * 32}
    ),
    "applications:pay": Citizen(
        lambda w, app: {"reference": app.submission.reference, "token": "x" * 32},
        methods=("POST",),
    ),
    "applications:payment_return": Citizen(
        lambda w, app: {"reference": app.submission.reference, "token": "x" * 32}
    ),
    "applications:receipt": Citizen(
        lambda w, app: {"reference": app.submission.reference, "token": "x" * 32}
    ),
    "applicant:answer": Citizen(
        lambda w, app: {
            "reference": app.submission.reference,
            "token": "x" * 32,
            "request_id": w.b.info_request.pk if w.b.info_request else uuid.uuid4(),
        }
    ),
    "applicant:decision": Citizen(
        lambda w, app: {"reference": app.submission.reference, "token": "x" * 32}
    ),
    "applications:attachment": Citizen(
        lambda w, app: {
            "reference": app.submission.reference,
            "token": "x" * 32,
            "attachment_id": app.attachment.pk,
        }
    ),
    # The simulated provider's pay page: its transaction id is the capability.
    "payments:simulator": Citizen(lambda w, app: {"transaction_id": uuid.uuid4()}),
    # Public reference data, the portal and login
    "set_language": Public(),
    # The balancer's probes answer everybody, and say nothing about tenants.
    "healthz": Public(),
    "readyz": Public(),
    "metrics": Operator(),
    "portal:home": Public(),
    "portal:platform_legal": Public(lambda w: {"kind": "datenschutz"}),
    # A member's published legal pages are public by nature (TMG/DDG, BITV 2.0).
    "portal:member_home": Public(lambda w: {"ars": w.b.authority.ars}),
    "portal:member_legal": Public(lambda w: {"ars": w.b.authority.ars, "kind": "impressum"}),
    "api:places": Public(),
    "api:place-detail": Public(lambda w: {"ars": w.b.authority.ars}),
    "api:schema": Public(),
    # The public catalogue shows published services only.
    "catalogue:services": Public(),
    "catalogue:service": Public(lambda w: {"key": w.b.service.slug}),
    "api:services": Public(),
    "api:service-detail": Public(lambda w: {"key": w.b.service.slug}),
    "api:routes": Public(query=lambda w: {"service": w.b.service.slug, "ars": w.b.authority.ars}),
    "accounts:login": Public(),
    # Good practices: published ones are public, on the page and in the API.
    "practices:practices": Public(),
    "practices:practice": Public(lambda w: {"pk": w.b.practice.pk}),
    "api:good-practices": Public(),
    "api:good-practice-detail": Public(lambda w: {"pk": w.b.practice.pk}),
    # The citizen assistant answers everybody from the published catalogue, on the
    # portal and in the API (POST only: a GET answers 405).
    "assistant:ask": Public(query=lambda w: {"ars": w.b.authority.ars}),
    "api:assistant": Public(),
    # The supplier's pages of the eRechnung inbox: any network's inbox takes invoices;
    # a receipt is reached by its random receipt number (what the supplier sent only).
    "einvoice:choose": Public(),
    "einvoice:upload": Public(lambda w: {"slug": w.b.network.slug}),
    "einvoice:receipt": Public(lambda w: {"receipt": w.b.einvoice.queued.receipt_number}),
    "api:einvoice-submit": Public(lambda w: {"slug": w.b.network.slug}),
    "api:invoices": Partner(own=lambda w: {}),
    **{
        name: Partner(
            own=lambda w: {"reference": w.a.einvoice.routed.receipt_number},
            foreign=[lambda w: {"reference": w.b.einvoice.routed.receipt_number}],
        )
        for name in ("api:invoice-detail", "api:invoice-xml")
    },
    # The assistant's coordinators' page below a network: its search terms and the
    # questions it could not answer for the network's places.
    "staff:assistant_network": Tenant(
        own=lambda w: {"network_pk": w.a.network.pk},
        foreign=[lambda w: {"network_pk": w.b.network.pk}],
    ),
    "staff:assistant_synonym_remove": Tenant(
        own=lambda w: {"network_pk": w.a.network.pk, "pk": w.a.assistant_synonym.pk},
        foreign=[
            lambda w: {"network_pk": w.b.network.pk, "pk": w.b.assistant_synonym.pk},
            lambda w: {"network_pk": w.a.network.pk, "pk": w.b.assistant_synonym.pk},
            lambda w: {"network_pk": w.b.network.pk, "pk": w.a.assistant_synonym.pk},
        ],
        methods=("POST",),
    ),
    "staff:assistant_question_dismiss": Tenant(
        own=lambda w: {"network_pk": w.a.network.pk, "pk": w.a.assistant_question.pk},
        foreign=[
            lambda w: {"network_pk": w.b.network.pk, "pk": w.b.assistant_question.pk},
            lambda w: {"network_pk": w.a.network.pk, "pk": w.b.assistant_question.pk},
            lambda w: {"network_pk": w.b.network.pk, "pk": w.a.assistant_question.pk},
        ],
        methods=("POST",),
    ),
    "accounts:logout": Staff(),
    "accounts:otp_verify": Staff(),
    "accounts:otp_setup": Staff(),
    "staff:home": Staff(),
    # Authority workspace
    "staff:authority": Tenant(
        own=lambda w: {"pk": w.a.authority.pk}, foreign=[lambda w: {"pk": w.b.authority.pk}]
    ),
    "staff:authority_staff": Tenant(
        own=lambda w: {"pk": w.a.authority.pk}, foreign=[lambda w: {"pk": w.b.authority.pk}]
    ),
    "staff:authority_role_revoke": Tenant(
        own=lambda w: {"pk": w.a.authority.pk, "role_pk": w.a.clerk_role.pk},
        foreign=[
            lambda w: {"pk": w.b.authority.pk, "role_pk": w.b.clerk_role.pk},
            lambda w: {"pk": w.a.authority.pk, "role_pk": w.b.clerk_role.pk},
            lambda w: {"pk": w.b.authority.pk, "role_pk": w.a.clerk_role.pk},
        ],
        methods=("POST",),
    ),
    "staff:authority_audit": Tenant(
        own=lambda w: {"pk": w.a.authority.pk}, foreign=[lambda w: {"pk": w.b.authority.pk}]
    ),
    "staff:legal_page_edit": Tenant(
        own=lambda w: {"authority_pk": w.a.authority.pk, "kind": "impressum"},
        foreign=[lambda w: {"authority_pk": w.b.authority.pk, "kind": "impressum"}],
    ),
    # Networks
    "staff:network": Tenant(
        own=lambda w: {"pk": w.a.network.pk}, foreign=[lambda w: {"pk": w.b.network.pk}]
    ),
    "staff:network_edit": Tenant(
        own=lambda w: {"pk": w.a.network.pk}, foreign=[lambda w: {"pk": w.b.network.pk}]
    ),
    "staff:membership_add": Tenant(
        own=lambda w: {"pk": w.a.network.pk}, foreign=[lambda w: {"pk": w.b.network.pk}]
    ),
    "staff:membership": Tenant(
        own=lambda w: {"pk": w.a.network.pk, "membership_pk": w.a.membership.pk},
        foreign=[
            lambda w: {"pk": w.b.network.pk, "membership_pk": w.b.membership.pk},
            lambda w: {"pk": w.a.network.pk, "membership_pk": w.b.membership.pk},
            lambda w: {"pk": w.b.network.pk, "membership_pk": w.a.membership.pk},
        ],
        methods=("GET",),
    ),
    "staff:membership_end": Tenant(
        own=lambda w: {"pk": w.a.network.pk, "membership_pk": w.a.membership.pk},
        foreign=[
            lambda w: {"pk": w.b.network.pk, "membership_pk": w.b.membership.pk},
            lambda w: {"pk": w.a.network.pk, "membership_pk": w.b.membership.pk},
            lambda w: {"pk": w.b.network.pk, "membership_pk": w.a.membership.pk},
        ],
        methods=("POST",),
    ),
    "staff:network_audit": Tenant(
        own=lambda w: {"pk": w.a.network.pk}, foreign=[lambda w: {"pk": w.b.network.pk}]
    ),
    "staff:network_dashboard": Tenant(
        own=lambda w: {"pk": w.a.network.pk},
        foreign=[lambda w: {"pk": w.b.network.pk}],
        methods=("GET",),
    ),
    "staff:network_areas": Tenant(
        own=lambda w: {"pk": w.a.network.pk},
        foreign=[lambda w: {"pk": w.b.network.pk}],
        methods=("GET",),
    ),
    "staff:area_create": Tenant(
        own=lambda w: {"pk": w.a.network.pk}, foreign=[lambda w: {"pk": w.b.network.pk}]
    ),
    "staff:area_level_set": Tenant(
        own=lambda w: {"pk": w.a.network.pk}, foreign=[lambda w: {"pk": w.b.network.pk}]
    ),
    # Cost allocation and the reuse report: a budget item below its network, a
    # statement below its item and member.
    **{
        name: Tenant(
            own=lambda w: {"pk": w.a.network.pk},
            foreign=[lambda w: {"pk": w.b.network.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:network_costs", ("GET",)),
            ("staff:budget_item_create", ("GET", "POST")),
            ("staff:network_reuse", ("GET",)),
            ("staff:development_cost_set", ("GET", "POST")),
        )
    },
    **{
        name: Tenant(
            own=lambda w: {"pk": w.a.network.pk, "item_pk": _item(w.a)},
            foreign=[
                lambda w: {"pk": w.b.network.pk, "item_pk": _item(w.b)},
                lambda w: {"pk": w.a.network.pk, "item_pk": _item(w.b)},
                lambda w: {"pk": w.b.network.pk, "item_pk": _item(w.a)},
            ],
            methods=methods,
        )
        for name, methods in (
            ("staff:budget_item", ("GET",)),
            ("staff:budget_item_edit", ("GET", "POST")),
            ("staff:allocation_close", ("POST",)),
            ("staff:budget_usage_set", ("POST",)),
            ("staff:allocation_csv", ("GET",)),
        )
    },
    "staff:allocation_statement": Tenant(
        own=lambda w: {
            "pk": w.a.network.pk,
            "item_pk": _item(w.a),
            "authority_pk": w.a.authority.pk,
        },
        foreign=[
            lambda w: {
                "pk": w.b.network.pk,
                "item_pk": _item(w.b),
                "authority_pk": w.b.authority.pk,
            },
            lambda w: {
                "pk": w.a.network.pk,
                "item_pk": _item(w.b),
                "authority_pk": w.b.authority.pk,
            },
            lambda w: {
                "pk": w.b.network.pk,
                "item_pk": _item(w.a),
                "authority_pk": w.a.authority.pk,
            },
            lambda w: {
                "pk": w.a.network.pk,
                "item_pk": _item(w.a),
                "authority_pk": w.b.authority.pk,
            },
        ],
        methods=("GET",),
    ),
    "staff:network_agreements": Tenant(
        own=lambda w: {"pk": w.a.network.pk},
        foreign=[lambda w: {"pk": w.b.network.pk}],
        methods=("GET",),
    ),
    "staff:agreement_create": Tenant(
        own=lambda w: {"pk": w.a.network.pk}, foreign=[lambda w: {"pk": w.b.network.pk}]
    ),
    **{
        name: Tenant(
            own=lambda w: {"pk": w.a.network.pk, "agreement_pk": w.a.agreement.pk},
            foreign=[
                lambda w: {"pk": w.b.network.pk, "agreement_pk": w.b.agreement.pk},
                lambda w: {"pk": w.a.network.pk, "agreement_pk": w.b.agreement.pk},
                lambda w: {"pk": w.b.network.pk, "agreement_pk": w.a.agreement.pk},
            ],
            methods=methods,
        )
        for name, methods in (
            ("staff:agreement", ("GET",)),
            ("staff:agreement_document", ("GET",)),
            ("staff:agreement_end", ("POST",)),
        )
    },
    # The development roadmap: an item is addressed below its network.
    **{
        name: Tenant(
            own=lambda w: {"pk": w.a.network.pk},
            foreign=[lambda w: {"pk": w.b.network.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:network_roadmap", ("GET",)),
            ("staff:roadmap_propose", ("GET", "POST")),
        )
    },
    **{
        name: Tenant(
            own=lambda w: {"pk": w.a.network.pk, "item_pk": w.a.roadmap_item.pk},
            foreign=[
                lambda w: {"pk": w.b.network.pk, "item_pk": w.b.roadmap_item.pk},
                lambda w: {"pk": w.a.network.pk, "item_pk": w.b.roadmap_item.pk},
                lambda w: {"pk": w.b.network.pk, "item_pk": w.a.roadmap_item.pk},
            ],
            methods=methods,
        )
        for name, methods in (
            ("staff:roadmap_item", ("GET",)),
            ("staff:roadmap_take_build", ("POST",)),
            ("staff:roadmap_commit", ("POST",)),
            ("staff:roadmap_withdraw_commitment", ("POST",)),
            ("staff:roadmap_start_development", ("POST",)),
            ("staff:roadmap_publish", ("POST",)),
        )
    },
    # Project groups: a group below its network, a task, milestone or document below
    # its group; every mixed pair is a 404.
    "staff:network_groups": Tenant(
        own=lambda w: {"pk": w.a.network.pk},
        foreign=[lambda w: {"pk": w.b.network.pk}],
        methods=("GET",),
    ),
    "staff:group_create": Tenant(
        own=lambda w: {"pk": w.a.network.pk}, foreign=[lambda w: {"pk": w.b.network.pk}]
    ),
    **{
        name: Tenant(
            own=lambda w: {"pk": w.a.network.pk, "group_pk": _group(w.a)},
            foreign=[
                lambda w: {"pk": w.b.network.pk, "group_pk": _group(w.b)},
                lambda w: {"pk": w.a.network.pk, "group_pk": _group(w.b)},
                lambda w: {"pk": w.b.network.pk, "group_pk": _group(w.a)},
            ],
            methods=methods,
        )
        for name, methods in (
            ("staff:group", ("GET",)),
            ("staff:group_edit", ("GET", "POST")),
            ("staff:group_member_add", ("GET", "POST")),
            ("staff:group_task_create", ("GET", "POST")),
            ("staff:group_milestone_create", ("GET", "POST")),
            ("staff:group_document_add", ("GET", "POST")),
        )
    },
    **{
        name: Tenant(
            own=lambda w, k=key, c=child: {
                "pk": w.a.network.pk,
                "group_pk": _group(w.a),
                k: c(w.a),
            },
            foreign=[
                lambda w, k=key, c=child: {
                    "pk": w.b.network.pk,
                    "group_pk": _group(w.b),
                    k: c(w.b),
                },
                lambda w, k=key, c=child: {
                    "pk": w.a.network.pk,
                    "group_pk": _group(w.a),
                    k: c(w.b),
                },
                lambda w, k=key, c=child: {
                    "pk": w.a.network.pk,
                    "group_pk": _group(w.b),
                    k: c(w.b),
                },
                lambda w, k=key, c=child: {
                    "pk": w.b.network.pk,
                    "group_pk": _group(w.a),
                    k: c(w.a),
                },
            ],
            methods=methods,
        )
        for name, key, child, methods in (
            ("staff:group_member_remove", "authority_pk", lambda t: t.authority.pk, ("POST",)),
            ("staff:group_task_complete", "task_pk", lambda t: t.group_task.pk, ("POST",)),
            ("staff:group_task_reopen", "task_pk", lambda t: t.group_task.pk, ("POST",)),
            ("staff:group_milestone_reach", "milestone_pk", lambda t: t.milestone.pk, ("POST",)),
            ("staff:group_document", "document_pk", lambda t: t.group_document.pk, ("GET",)),
        )
    },
    # Surveys: a survey below its network; sections, questions, fields of action and
    # recipients below their survey; every mixed pair is a 404.
    **{
        name: Tenant(
            own=lambda w: {"pk": w.a.network.pk},
            foreign=[lambda w: {"pk": w.b.network.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:surveys", ("GET",)),
            ("staff:survey_create", ("GET", "POST")),
            ("staff:strategies", ("GET",)),
        )
    },
    **{
        name: Tenant(
            own=lambda w, x=extra: {"pk": w.a.network.pk, "survey_pk": w.a.survey.pk, **x(w.a)},
            foreign=[
                lambda w, x=extra: {"pk": w.b.network.pk, "survey_pk": w.b.survey.pk, **x(w.b)},
                lambda w, x=extra: {"pk": w.a.network.pk, "survey_pk": w.b.survey.pk, **x(w.b)},
                lambda w, x=extra: {"pk": w.b.network.pk, "survey_pk": w.a.survey.pk, **x(w.a)},
            ],
            methods=methods,
        )
        for name, extra, methods in (
            ("staff:survey", _nothing, ("GET",)),
            ("staff:survey_edit", _nothing, ("GET", "POST")),
            ("staff:survey_preview", _nothing, ("GET",)),
            ("staff:survey_definition_json", _nothing, ("GET",)),
            ("staff:survey_definition_upload", _nothing, ("POST",)),
            ("staff:survey_launch", _nothing, ("POST",)),
            ("staff:survey_close", _nothing, ("POST",)),
            ("staff:survey_remind", _nothing, ("POST",)),
            ("staff:survey_section_create", _nothing, ("GET", "POST")),
            ("staff:survey_field_create", _nothing, ("GET", "POST")),
            ("staff:survey_question_create", _nothing, ("GET", "POST")),
            ("staff:survey_recipients", _nothing, ("GET",)),
            ("staff:survey_recipients_members", _nothing, ("POST",)),
            ("staff:survey_recipients_list", _nothing, ("POST",)),
            ("staff:survey_recipients_template", _nothing, ("GET",)),
            ("staff:survey_results", _nothing, ("GET",)),
            ("staff:survey_results_csv", _nothing, ("GET",)),
            ("staff:survey_results_xlsx", _nothing, ("GET",)),
            ("staff:survey_codebook_csv", _nothing, ("GET",)),
            ("staff:survey_maturity", _nothing, ("GET",)),
            ("staff:survey_section_edit", lambda t: {"key": "stand"}, ("GET", "POST")),
            ("staff:survey_section_delete", lambda t: {"key": "stand"}, ("POST",)),
            (
                "staff:survey_section_move",
                lambda t: {"key": "stand", "direction": "runter"},
                ("POST",),
            ),
            ("staff:survey_field_delete", lambda t: {"key": "egov"}, ("POST",)),
            ("staff:survey_question_edit", lambda t: {"key": "eakte"}, ("GET", "POST")),
            ("staff:survey_question_delete", lambda t: {"key": "eakte"}, ("POST",)),
            (
                "staff:survey_question_move",
                lambda t: {"key": "eakte", "direction": "hoch"},
                ("POST",),
            ),
            (
                "staff:survey_recipient_remove",
                lambda t: {"recipient_pk": t.recipient.pk},
                ("POST",),
            ),
            (
                "staff:survey_maturity_profile",
                lambda t: {"recipient_pk": t.recipient.pk},
                ("GET",),
            ),
        )
    },
    # A member's strategy: below its network and its authority; goals and measures below.
    **{
        name: Tenant(
            own=lambda w, x=extra: {
                "pk": w.a.network.pk,
                "authority_pk": w.a.authority.pk,
                **x(w.a),
            },
            foreign=[
                lambda w, x=extra: {
                    "pk": w.b.network.pk,
                    "authority_pk": w.b.authority.pk,
                    **x(w.b),
                },
                lambda w, x=extra: {
                    "pk": w.a.network.pk,
                    "authority_pk": w.b.authority.pk,
                    **x(w.b),
                },
                lambda w, x=extra: {
                    "pk": w.b.network.pk,
                    "authority_pk": w.a.authority.pk,
                    **x(w.a),
                },
                lambda w, x=extra: {
                    "pk": w.a.network.pk,
                    "authority_pk": w.a.authority.pk,
                    **x(w.b),
                },
            ]
            if extra is not _nothing
            else [
                lambda w: {"pk": w.b.network.pk, "authority_pk": w.b.authority.pk},
                lambda w: {"pk": w.a.network.pk, "authority_pk": w.b.authority.pk},
                lambda w: {"pk": w.b.network.pk, "authority_pk": w.a.authority.pk},
            ],
            methods=methods,
        )
        for name, extra, methods in (
            ("staff:strategy", _nothing, ("GET",)),
            ("staff:strategy_edit", _nothing, ("GET", "POST")),
            ("staff:strategy_goal_create", _nothing, ("GET", "POST")),
            (
                "staff:strategy_goal_delete",
                lambda t: {"goal_pk": t.strategy_goal.pk},
                ("POST",),
            ),
            (
                "staff:strategy_measure_create",
                lambda t: {"goal_pk": t.strategy_goal.pk},
                ("GET", "POST"),
            ),
            (
                "staff:strategy_measure_status",
                lambda t: {"measure_pk": t.strategy_measure.pk},
                ("POST",),
            ),
        )
    },
    # Good practices of an authority: the list, a new one, one proposed from a survey
    # answer; a practice below its authority, every mixed pair a 404.
    **{
        name: Tenant(
            own=lambda w: {"pk": w.a.authority.pk},
            foreign=[lambda w: {"pk": w.b.authority.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:authority_practices", ("GET",)),
            ("staff:practice_create", ("GET", "POST")),
            ("staff:practice_propose", ("POST",)),
        )
    },
    **{
        name: Tenant(
            own=lambda w: {"pk": w.a.authority.pk, "practice_pk": w.a.practice.pk},
            foreign=[
                lambda w: {"pk": w.b.authority.pk, "practice_pk": w.b.practice.pk},
                lambda w: {"pk": w.a.authority.pk, "practice_pk": w.b.practice.pk},
                lambda w: {"pk": w.b.authority.pk, "practice_pk": w.a.practice.pk},
            ],
            methods=methods,
        )
        for name, methods in (
            ("staff:practice_edit", ("GET", "POST")),
            ("staff:practice_publish", ("POST",)),
            ("staff:practice_withdraw", ("POST",)),
        )
    },
    # Workshops: a workshop below its network, an invitation or a material below its
    # workshop; every mixed pair is a 404.
    "staff:network_workshops": Tenant(
        own=lambda w: {"pk": w.a.network.pk},
        foreign=[lambda w: {"pk": w.b.network.pk}],
        methods=("GET",),
    ),
    "staff:workshop_create": Tenant(
        own=lambda w: {"pk": w.a.network.pk}, foreign=[lambda w: {"pk": w.b.network.pk}]
    ),
    **{
        name: Tenant(
            own=lambda w: {"pk": w.a.network.pk, "workshop_pk": _workshop(w.a)},
            foreign=[
                lambda w: {"pk": w.b.network.pk, "workshop_pk": _workshop(w.b)},
                lambda w: {"pk": w.a.network.pk, "workshop_pk": _workshop(w.b)},
                lambda w: {"pk": w.b.network.pk, "workshop_pk": _workshop(w.a)},
            ],
            methods=methods,
        )
        for name, methods in (
            ("staff:workshop", ("GET",)),
            ("staff:workshop_edit", ("GET", "POST")),
            ("staff:workshop_hold", ("POST",)),
            ("staff:workshop_cancel", ("POST",)),
            ("staff:workshop_invite", ("GET", "POST")),
            ("staff:workshop_agenda_add", ("GET", "POST")),
            ("staff:workshop_material_add", ("GET", "POST")),
            ("staff:workshop_minutes", ("GET", "POST")),
            ("staff:workshop_decision_add", ("GET", "POST")),
        )
    },
    **{
        name: Tenant(
            own=lambda w, k=key, c=child: {
                "pk": w.a.network.pk,
                "workshop_pk": _workshop(w.a),
                k: c(w.a),
            },
            foreign=[
                lambda w, k=key, c=child: {
                    "pk": w.b.network.pk,
                    "workshop_pk": _workshop(w.b),
                    k: c(w.b),
                },
                lambda w, k=key, c=child: {
                    "pk": w.a.network.pk,
                    "workshop_pk": _workshop(w.a),
                    k: c(w.b),
                },
                lambda w, k=key, c=child: {
                    "pk": w.a.network.pk,
                    "workshop_pk": _workshop(w.b),
                    k: c(w.b),
                },
                lambda w, k=key, c=child: {
                    "pk": w.b.network.pk,
                    "workshop_pk": _workshop(w.a),
                    k: c(w.a),
                },
            ],
            methods=methods,
        )
        for name, key, child, methods in (
            (
                "staff:workshop_invitation_answer",
                "invitation_pk",
                lambda t: t.invitation.pk,
                ("GET", "POST"),
            ),
            (
                "staff:workshop_material",
                "material_pk",
                lambda t: t.workshop_material.pk,
                ("GET",),
            ),
        )
    },
    # Fee calculation: the authority's sheets and rate tables, the network's page for
    # the coordinators, a sheet for a member that delegated fees; a sheet and a rate
    # table by their own id (their policies decide).
    **{
        name: Tenant(
            own=lambda w: {"pk": w.a.authority.pk},
            foreign=[lambda w: {"pk": w.b.authority.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:authority_fee_sheets", ("GET",)),
            ("staff:fee_sheet_create", ("GET", "POST")),
            ("staff:fee_sheet_import", ("GET", "POST")),
            ("staff:authority_rate_table_create", ("GET", "POST")),
        )
    },
    **{
        name: Tenant(
            own=lambda w: {"pk": w.a.network.pk},
            foreign=[lambda w: {"pk": w.b.network.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:network_fees", ("GET",)),
            ("staff:network_rate_table_create", ("GET", "POST")),
        )
    },
    "staff:network_fee_sheet_create": Tenant(
        own=lambda w: {"pk": w.a.network.pk, "authority_pk": w.a.authority.pk},
        foreign=[
            lambda w: {"pk": w.b.network.pk, "authority_pk": w.b.authority.pk},
            lambda w: {"pk": w.a.network.pk, "authority_pk": w.b.authority.pk},
            lambda w: {"pk": w.b.network.pk, "authority_pk": w.a.authority.pk},
        ],
    ),
    "staff:rate_tables": Staff(),
    "staff:rate_table": Tenant(
        own=lambda w: {"table_pk": w.a.rate_table.pk},
        foreign=[lambda w: {"table_pk": w.b.rate_table.pk}],
        methods=("GET",),
    ),
    **{
        name: Tenant(
            own=lambda w: {"sheet_pk": w.a.fee_sheet.pk},
            foreign=[lambda w: {"sheet_pk": w.b.fee_sheet.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:fee_sheet", ("GET",)),
            ("staff:fee_sheet_edit", ("GET", "POST")),
            ("staff:fee_sheet_submit", ("POST",)),
            ("staff:fee_sheet_approve", ("POST",)),
            ("staff:fee_sheet_attach", ("POST",)),
            ("staff:fee_sheet_copy", ("POST",)),
            ("staff:fee_sheet_pdf", ("GET",)),
            ("staff:fee_sheet_json", ("GET",)),
        )
    },
    # Comparison rings: a ring below its network, a period, a participant and a KPI below
    # their ring; every mixed pair is a 404.
    **{
        name: Tenant(
            own=lambda w: {"pk": w.a.network.pk},
            foreign=[lambda w: {"pk": w.b.network.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:benchmark_rings", ("GET",)),
            ("staff:benchmark_ring_create", ("GET", "POST")),
        )
    },
    **{
        name: Tenant(
            own=lambda w: {"ring_pk": w.a.ring.pk},
            foreign=[lambda w: {"ring_pk": w.b.ring.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:benchmark_ring", ("GET",)),
            ("staff:benchmark_overview", ("GET",)),
            ("staff:benchmark_figure_create", ("GET", "POST")),
            ("staff:benchmark_kpi_create", ("GET", "POST")),
            ("staff:benchmark_period_create", ("GET", "POST")),
        )
    },
    **{
        name: Tenant(
            own=lambda w, p=period: {"ring_pk": w.a.ring.pk, "period_pk": p(w.a).pk},
            foreign=[
                lambda w, p=period: {"ring_pk": w.b.ring.pk, "period_pk": p(w.b).pk},
                lambda w, p=period: {"ring_pk": w.a.ring.pk, "period_pk": p(w.b).pk},
                lambda w, p=period: {"ring_pk": w.b.ring.pk, "period_pk": p(w.a).pk},
            ],
            methods=methods,
        )
        for name, period, methods in (
            ("staff:benchmark_period_publish", _open_period, ("POST",)),
            ("staff:benchmark_values_upload", _open_period, ("GET", "POST")),
        )
    },
    **{
        name: Tenant(
            own=lambda w, p=period: {
                "ring_pk": w.a.ring.pk,
                "period_pk": p(w.a).pk,
                "participant_pk": w.a.ring_participant.pk,
            },
            foreign=[
                lambda w, p=period: {
                    "ring_pk": w.b.ring.pk,
                    "period_pk": p(w.b).pk,
                    "participant_pk": w.b.ring_participant.pk,
                },
                lambda w, p=period: {
                    "ring_pk": w.a.ring.pk,
                    "period_pk": p(w.a).pk,
                    "participant_pk": w.b.ring_participant.pk,
                },
                lambda w, p=period: {
                    "ring_pk": w.a.ring.pk,
                    "period_pk": p(w.b).pk,
                    "participant_pk": w.a.ring_participant.pk,
                },
            ],
            methods=methods,
        )
        for name, period, methods in (
            ("staff:benchmark_values", _open_period, ("GET", "POST")),
            ("staff:benchmark_comparison", _published_period, ("GET",)),
            ("staff:benchmark_report", _published_period, ("GET",)),
        )
    },
    "staff:benchmark_ranking": Tenant(
        own=lambda w: {
            "ring_pk": w.a.ring.pk,
            "period_pk": w.a.ring_published_period.pk,
            "kpi_pk": w.a.ring_kpi.pk,
        },
        foreign=[
            lambda w: {
                "ring_pk": w.b.ring.pk,
                "period_pk": w.b.ring_published_period.pk,
                "kpi_pk": w.b.ring_kpi.pk,
            },
            lambda w: {
                "ring_pk": w.a.ring.pk,
                "period_pk": w.a.ring_published_period.pk,
                "kpi_pk": w.b.ring_kpi.pk,
            },
            lambda w: {
                "ring_pk": w.a.ring.pk,
                "period_pk": w.b.ring_published_period.pk,
                "kpi_pk": w.a.ring_kpi.pk,
            },
        ],
        methods=("GET",),
    ),
    "staff:benchmark_trend": Tenant(
        own=lambda w: {
            "ring_pk": w.a.ring.pk,
            "kpi_pk": w.a.ring_kpi.pk,
            "participant_pk": w.a.ring_participant.pk,
        },
        foreign=[
            lambda w: {
                "ring_pk": w.b.ring.pk,
                "kpi_pk": w.b.ring_kpi.pk,
                "participant_pk": w.b.ring_participant.pk,
            },
            lambda w: {
                "ring_pk": w.a.ring.pk,
                "kpi_pk": w.b.ring_kpi.pk,
                "participant_pk": w.a.ring_participant.pk,
            },
            lambda w: {
                "ring_pk": w.a.ring.pk,
                "kpi_pk": w.a.ring_kpi.pk,
                "participant_pk": w.b.ring_participant.pk,
            },
        ],
        methods=("GET",),
    ),
    # The archive: an archive below its authority; its profile, holdings, units and pages
    # by their own ids (the unit's access flag decides: the world's units are "own"); the
    # exports and IIIF resources of a unit or page; the hand-overs of the back office.
    **{
        name: Tenant(
            own=lambda w: {"pk": w.a.authority.pk},
            foreign=[lambda w: {"pk": w.b.authority.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:archive_list", ("GET",)),
            ("staff:archive_create", ("GET", "POST")),
        )
    },
    **{
        name: Tenant(
            own=lambda w: {"archive_pk": w.a.archive.pk},
            foreign=[lambda w: {"archive_pk": w.b.archive.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:archive", ("GET",)),
            ("staff:archive_edit", ("GET", "POST")),
            ("staff:archive_profile", ("POST",)),
            ("staff:archive_profile_create", ("GET", "POST")),
            ("staff:archive_fonds_create", ("GET", "POST")),
        )
    },
    **{
        name: Tenant(
            own=lambda w: {"archive_id": w.a.archive.pk},
            foreign=[lambda w: {"archive_id": w.b.archive.pk}],
            methods=methods,
        )
        for name, methods in (("staff:archive_exchange_handovers", ("GET", "POST")),)
    },
    "staff:archive_exchange_handover_accept": Tenant(
        own=lambda w: {"archive_id": w.a.archive.pk, "disposal_id": w.a.disposal.pk},
        foreign=[
            lambda w: {"archive_id": w.b.archive.pk, "disposal_id": w.b.disposal.pk},
            lambda w: {"archive_id": w.a.archive.pk, "disposal_id": w.b.disposal.pk},
            lambda w: {"archive_id": w.b.archive.pk, "disposal_id": w.a.disposal.pk},
        ],
        methods=("POST",),
    ),
    **{
        name: Tenant(
            own=lambda w: {"profile_pk": w.a.ocr_profile.pk},
            foreign=[lambda w: {"profile_pk": w.b.ocr_profile.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:archive_profile_edit", ("GET", "POST")),
            ("staff:archive_profile_share", ("POST",)),
        )
    },
    **{
        name: Tenant(
            own=lambda w: {"fonds_pk": w.a.fonds.pk},
            foreign=[lambda w: {"fonds_pk": w.b.fonds.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:archive_fonds", ("GET",)),
            ("staff:archive_fonds_edit", ("GET", "POST")),
            ("staff:archive_unit_create", ("GET", "POST")),
        )
    },
    "staff:archive_exchange_ead": Tenant(
        own=lambda w: {"fonds_id": w.a.fonds.pk},
        foreign=[lambda w: {"fonds_id": w.b.fonds.pk}],
        methods=("GET",),
    ),
    **{
        name: Tenant(
            own=lambda w: {"unit_pk": w.a.unit.pk},
            foreign=[lambda w: {"unit_pk": w.b.unit.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:archive_unit", ("GET",)),
            ("staff:archive_unit_edit", ("GET", "POST")),
            ("staff:archive_unit_upload", ("GET", "POST")),
            ("staff:archive_unit_reorder", ("GET", "POST")),
        )
    },
    **{
        name: Tenant(
            own=lambda w: {"unit_id": w.a.unit.pk},
            foreign=[lambda w: {"unit_id": w.b.unit.pk}],
            methods=("GET",),
        )
        for name in ("staff:archive_exchange_mets", "staff:archive_exchange_manifest")
    },
    **{
        name: Tenant(
            own=lambda w: {"page_pk": w.a.page.pk},
            foreign=[lambda w: {"page_pk": w.b.page.pk}],
            methods=("GET",),
        )
        for name in (
            "staff:archive_page",
            "staff:archive_page_image",
            "staff:archive_page_thumbnail",
            "staff:archive_page_master",
        )
    },
    **{
        name: Tenant(
            own=lambda w: {"page_id": w.a.page.pk},
            foreign=[lambda w: {"page_id": w.b.page.pk}],
            methods=("GET",),
            ok=ok,
        )
        for name, ok in (
            ("staff:archive_exchange_image_service", 303),
            ("staff:archive_exchange_info", 200),
            ("staff:archive_exchange_thumbnail", 200),
            ("staff:archive_exchange_alto", 200),
        )
    },
    **{
        name: Tenant(
            own=lambda w: {"archive_pk": w.a.archive.pk},
            foreign=[lambda w: {"archive_pk": w.b.archive.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:archive_ocr_queue", ("GET",)),
            ("staff:archive_ocr_requeue", ("POST",)),
        )
    },
    **{
        name: Tenant(
            own=lambda w: {"pk": w.a.page.pk},
            foreign=[lambda w: {"pk": w.b.page.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:archive_ocr_page", ("GET", "POST")),
            ("staff:archive_ocr_page_reviewed", ("POST",)),
        )
    },
    "staff:archive_ocr_line_image": Tenant(
        own=lambda w: {"pk": w.a.page.pk, "line_id": "line_1"},
        foreign=[lambda w: {"pk": w.b.page.pk, "line_id": "line_1"}],
        methods=("GET",),
    ),
    "staff:archive_exchange_image": Tenant(
        own=lambda w: {"page_id": w.a.page.pk, "region": "full", "size": "max"},
        foreign=[lambda w: {"page_id": w.b.page.pk, "region": "full", "size": "max"}],
        methods=("GET",),
    ),
    # Public archive pages show public units to everyone (a unit of another access
    # is not found there: tests/archive/).
    "archive:exchange_mets": Public(lambda w: {"unit_id": w.b.public_unit.pk}),
    "archive:exchange_manifest": Public(lambda w: {"unit_id": w.b.public_unit.pk}),
    "archive:exchange_ead": Public(lambda w: {"fonds_id": w.b.fonds.pk}),
    "archive:exchange_image_service": Public(lambda w: {"page_id": w.b.public_page.pk}),
    "archive:exchange_info": Public(lambda w: {"page_id": w.b.public_page.pk}),
    "archive:exchange_image": Public(
        lambda w: {"page_id": w.b.public_page.pk, "region": "full", "size": "max"}
    ),
    "archive:exchange_thumbnail": Public(lambda w: {"page_id": w.b.public_page.pk}),
    "archive:exchange_alto": Public(lambda w: {"page_id": w.b.public_page.pk}),
    "archive:search": Public(query=lambda w: {"q": "Gemeinderat"}),
    "archive:search_page": Public(
        lambda w: {"pk": w.b.public_page.pk}, query=lambda w: {"q": "Gemeinderat"}
    ),
    "archive:page_image": Public(lambda w: {"pk": w.b.public_page.pk}),
    # The staff search scopes to the user: own, members' and public units.
    "staff:archive_search": Staff(),
    **{
        name: Tenant(
            own=lambda w: {"pk": w.a.page.pk},
            foreign=[lambda w: {"pk": w.b.page.pk}],
            methods=("GET",),
        )
        for name in ("staff:archive_search_page", "staff:archive_search_page_image")
    },
    # Catalogue. Published services are readable by all staff (a published service of
    # B answers A's change requests with 403), so B's draft is the foreign service.
    "staff:catalogue": Staff(),
    "staff:service_create": Staff(),
    "staff:service": Tenant(
        own=lambda w: {"pk": w.a.draft_service.pk},
        foreign=[lambda w: {"pk": w.b.draft_service.pk}],
    ),
    "staff:service_edit": Tenant(
        own=lambda w: {"pk": w.a.draft_service.pk},
        foreign=[lambda w: {"pk": w.b.draft_service.pk}],
    ),
    "staff:service_publish": Tenant(
        own=lambda w: {"pk": w.a.draft_service.pk},
        foreign=[lambda w: {"pk": w.b.draft_service.pk}],
        methods=("POST",),
    ),
    "staff:service_withdraw": Tenant(
        own=lambda w: {"pk": w.a.draft_service.pk},
        foreign=[lambda w: {"pk": w.b.draft_service.pk}],
        methods=("POST",),
    ),
    "staff:authority_services": Tenant(
        own=lambda w: {"pk": w.a.authority.pk}, foreign=[lambda w: {"pk": w.b.authority.pk}]
    ),
    "staff:office_create": Tenant(
        own=lambda w: {"pk": w.a.authority.pk}, foreign=[lambda w: {"pk": w.b.authority.pk}]
    ),
    "staff:office_edit": Tenant(
        own=lambda w: {"pk": w.a.authority.pk, "office_pk": w.a.office.pk},
        foreign=[
            lambda w: {"pk": w.b.authority.pk, "office_pk": w.b.office.pk},
            lambda w: {"pk": w.a.authority.pk, "office_pk": w.b.office.pk},
            lambda w: {"pk": w.b.authority.pk, "office_pk": w.a.office.pk},
        ],
    ),
    # A may adopt B's published service; B's authority and B's draft are foreign.
    "staff:adoption_create": Tenant(
        own=lambda w: {"pk": w.a.authority.pk, "service_pk": w.b.service.pk},
        foreign=[
            lambda w: {"pk": w.b.authority.pk, "service_pk": w.b.service.pk},
            lambda w: {"pk": w.b.authority.pk, "service_pk": w.a.service.pk},
            lambda w: {"pk": w.a.authority.pk, "service_pk": w.b.draft_service.pk},
        ],
    ),
    "staff:adoption_edit": Tenant(
        own=lambda w: {"pk": w.a.authority.pk, "adoption_pk": w.a.adoption.pk},
        foreign=[
            lambda w: {"pk": w.b.authority.pk, "adoption_pk": w.b.adoption.pk},
            lambda w: {"pk": w.a.authority.pk, "adoption_pk": w.b.adoption.pk},
            lambda w: {"pk": w.b.authority.pk, "adoption_pk": w.a.adoption.pk},
        ],
    ),
    "staff:adoption_end": Tenant(
        own=lambda w: {"pk": w.a.authority.pk, "adoption_pk": w.a.adoption.pk},
        foreign=[
            lambda w: {"pk": w.b.authority.pk, "adoption_pk": w.b.adoption.pk},
            lambda w: {"pk": w.a.authority.pk, "adoption_pk": w.b.adoption.pk},
            lambda w: {"pk": w.b.authority.pk, "adoption_pk": w.a.adoption.pk},
        ],
        methods=("POST",),
    ),
    # Form builder: a service's form is its builder's business. B's published service
    # is visible to A, but its form pages answer A with 404 like B's draft.
    "staff:formengine_staff:form": Tenant(
        own=lambda w: {"service_id": w.a.draft_service.pk},
        foreign=[
            lambda w: {"service_id": w.b.draft_service.pk},
            lambda w: {"service_id": w.b.service.pk},
        ],
    ),
    "staff:formengine_staff:form_validate": Tenant(
        own=lambda w: {"service_id": w.a.draft_service.pk},
        foreign=[
            lambda w: {"service_id": w.b.draft_service.pk},
            lambda w: {"service_id": w.b.service.pk},
        ],
        methods=("POST",),
    ),
    "staff:formengine_staff:form_preview": Tenant(
        own=lambda w: {"service_id": w.a.service.pk},
        foreign=[
            lambda w: {"service_id": w.b.draft_service.pk},
            lambda w: {"service_id": w.b.service.pk},
        ],
        methods=("GET",),
    ),
    "staff:formengine_staff:form_publish": Tenant(
        own=lambda w: {"service_id": w.a.draft_service.pk},
        foreign=[
            lambda w: {"service_id": w.b.draft_service.pk},
            lambda w: {"service_id": w.b.service.pk},
        ],
        methods=("POST",),
    ),
    "staff:formengine_staff:form_version": Tenant(
        own=lambda w: {"service_id": w.a.service.pk, "number": w.a.form_version.number},
        foreign=[
            lambda w: {"service_id": w.b.service.pk, "number": w.b.form_version.number},
            lambda w: {"service_id": w.b.draft_service.pk, "number": 1},
        ],
        methods=("GET",),
    ),
    # Cases: the processing authority's inbox, a case (POST sets its status) and its
    # files; a file is addressed below its case, so mixed pairs are foreign too.
    "staff:cases_staff:inbox": Tenant(
        own=lambda w: {"pk": w.a.authority.pk},
        foreign=[lambda w: {"pk": w.b.authority.pk}],
        methods=("GET",),
    ),
    "staff:cases_staff:case": Tenant(
        own=lambda w: {"pk": w.a.case.pk}, foreign=[lambda w: {"pk": w.b.case.pk}]
    ),
    "staff:cases_staff:participations": Tenant(
        own=lambda w: {"pk": w.a.authority.pk},
        foreign=[lambda w: {"pk": w.b.authority.pk}],
        methods=("GET",),
    ),
    "staff:cases_staff:settings": Tenant(
        own=lambda w: {"pk": w.a.authority.pk}, foreign=[lambda w: {"pk": w.b.authority.pk}]
    ),
    "staff:cases_staff:records": Tenant(
        own=lambda w: {"pk": w.a.authority.pk}, foreign=[lambda w: {"pk": w.b.authority.pk}]
    ),
    "staff:cases_staff:disposal_package": Tenant(
        own=lambda w: {"pk": w.a.authority.pk, "disposal_id": w.a.disposal.pk},
        foreign=[
            lambda w: {"pk": w.b.authority.pk, "disposal_id": w.b.disposal.pk},
            lambda w: {"pk": w.a.authority.pk, "disposal_id": w.b.disposal.pk},
            lambda w: {"pk": w.b.authority.pk, "disposal_id": w.a.disposal.pk},
        ],
        methods=("GET",),
    ),
    "staff:cases_staff:disposal_confirm": Tenant(
        own=lambda w: {"pk": w.a.authority.pk, "disposal_id": w.a.disposal.pk},
        foreign=[
            lambda w: {"pk": w.b.authority.pk, "disposal_id": w.b.disposal.pk},
            lambda w: {"pk": w.a.authority.pk, "disposal_id": w.b.disposal.pk},
            lambda w: {"pk": w.b.authority.pk, "disposal_id": w.a.disposal.pk},
        ],
        methods=("POST",),
    ),
    # A case and everything below it; children below another case are foreign too.
    **{
        f"staff:cases_staff:{name}": Tenant(
            own=lambda w: {"pk": w.a.case.pk},
            foreign=[lambda w: {"pk": w.b.case.pk}, lambda w: {"pk": w.c.case.pk}],
            methods=methods,
        )
        for name, methods in (
            ("assign", ("POST",)),
            ("note", ("POST",)),
            ("seen", ("POST",)),
            ("document_create", ("POST",)),
            ("request_create", ("GET", "POST")),
            ("participation_create", ("GET", "POST")),
            ("decision", ("GET", "POST")),
        )
    },
    "staff:cases_staff:export": Tenant(
        own=lambda w: {"pk": w.a.closed_case.pk},
        foreign=[lambda w: {"pk": w.b.closed_case.pk}],
        methods=("GET",),
    ),
    "staff:cases_staff:document": Tenant(
        own=lambda w: {"pk": w.a.case.pk, "document_id": w.a.document.pk},
        foreign=[
            lambda w: {"pk": w.b.case.pk, "document_id": w.b.document.pk},
            lambda w: {"pk": w.a.case.pk, "document_id": w.b.document.pk},
            lambda w: {"pk": w.b.case.pk, "document_id": w.a.document.pk},
        ],
    ),
    "staff:cases_staff:version": Tenant(
        own=lambda w: {"pk": w.a.case.pk, "version_id": w.a.version.pk},
        foreign=[
            lambda w: {"pk": w.b.case.pk, "version_id": w.b.version.pk},
            lambda w: {"pk": w.a.case.pk, "version_id": w.b.version.pk},
            lambda w: {"pk": w.b.case.pk, "version_id": w.a.version.pk},
            # C shared its document with A, but only through the participation's route.
            lambda w: {"pk": w.c.case.pk, "version_id": w.c.version.pk},
        ],
        methods=("GET",),
    ),
    "staff:cases_staff:request_withdraw": Tenant(
        own=lambda w: {"pk": w.a.case.pk, "request_id": _req(w.a)},
        foreign=[
            lambda w: {"pk": w.b.case.pk, "request_id": _req(w.b)},
            lambda w: {"pk": w.a.case.pk, "request_id": _req(w.b)},
            lambda w: {"pk": w.b.case.pk, "request_id": _req(w.a)},
        ],
        methods=("POST",),
    ),
    "staff:cases_staff:participation_revoke": Tenant(
        own=lambda w: {"pk": w.a.case.pk, "participation_pk": _out(w.a)},
        foreign=[
            lambda w: {"pk": w.b.case.pk, "participation_pk": _out(w.b)},
            lambda w: {"pk": w.a.case.pk, "participation_pk": _out(w.b)},
            lambda w: {"pk": w.b.case.pk, "participation_pk": _out(w.a)},
            # C's request to A belongs to C's case: A cannot revoke it.
            lambda w: {"pk": w.c.case.pk, "participation_pk": _in(w.a)},
        ],
        methods=("POST",),
    ),
    # A participation is seen by both sides, never by a third authority.
    "staff:cases_staff:participation": Tenant(
        own=lambda w: {"pk": _in(w.a)},
        foreign=[lambda w: {"pk": _in(w.b)}, lambda w: {"pk": _out(w.b)}],
    ),
    # The shared document: only for the requested side, only the shared one.
    "staff:cases_staff:participation_document": Tenant(
        own=lambda w: {"pk": _in(w.a), "version_id": w.c.version.pk},
        foreign=[
            lambda w: {"pk": _in(w.b), "version_id": w.c.version.pk},
            lambda w: {"pk": _in(w.a), "version_id": w.b.version.pk},
            lambda w: {"pk": _out(w.b), "version_id": w.b.version.pk},
            # A asked C: A is the requesting side and reads its own file elsewhere.
            lambda w: {"pk": _out(w.a), "version_id": w.a.version.pk},
        ],
        methods=("GET",),
    ),
    # The builder's case type: B's published service is visible to A but its case
    # type is B's business; B's draft does not exist for A.
    "staff:cases_staff:case_type": Tenant(
        own=lambda w: {"pk": w.a.draft_service.pk},
        foreign=[lambda w: {"pk": w.b.draft_service.pk}],
    ),
    # Specialist systems: an authority's API clients and webhooks (its admins only).
    "staff:integrations_staff:clients": Tenant(
        own=lambda w: {"pk": w.a.authority.pk}, foreign=[lambda w: {"pk": w.b.authority.pk}]
    ),
    "staff:integrations_staff:client": Tenant(
        own=lambda w: {"pk": w.a.authority.pk, "client_pk": partner_world(w).a.client.pk},
        foreign=[
            lambda w: {"pk": w.b.authority.pk, "client_pk": partner_world(w).b.client.pk},
            lambda w: {"pk": w.a.authority.pk, "client_pk": partner_world(w).b.client.pk},
            lambda w: {"pk": w.b.authority.pk, "client_pk": partner_world(w).a.client.pk},
        ],
    ),
    "staff:integrations_staff:client_revoke": Tenant(
        own=lambda w: {"pk": w.a.authority.pk, "client_pk": partner_world(w).a.client.pk},
        foreign=[
            lambda w: {"pk": w.b.authority.pk, "client_pk": partner_world(w).b.client.pk},
            lambda w: {"pk": w.a.authority.pk, "client_pk": partner_world(w).b.client.pk},
            lambda w: {"pk": w.b.authority.pk, "client_pk": partner_world(w).a.client.pk},
        ],
        methods=("POST",),
    ),
    "staff:integrations_staff:delivery_retry": Tenant(
        own=lambda w: {"pk": w.a.authority.pk, "delivery_id": partner_world(w).a.delivery.pk},
        foreign=[
            lambda w: {"pk": w.b.authority.pk, "delivery_id": partner_world(w).b.delivery.pk},
            lambda w: {"pk": w.a.authority.pk, "delivery_id": partner_world(w).b.delivery.pk},
            lambda w: {"pk": w.b.authority.pk, "delivery_id": partner_world(w).a.delivery.pk},
        ],
        methods=("POST",),
    ),
    # The API for specialist systems: a client sees its own authority's submissions only.
    "api:submissions": Partner(own=lambda w: {}),
    "api:submission-detail": Partner(
        own=lambda w: {"reference": w.a.case.reference},
        foreign=[lambda w: {"reference": w.b.case.reference}],
    ),
    "api:submission-document": Partner(
        own=lambda w: {"reference": w.a.case.reference, "version_id": w.a.version.pk},
        foreign=[
            lambda w: {"reference": w.b.case.reference, "version_id": w.b.version.pk},
            lambda w: {"reference": w.a.case.reference, "version_id": w.b.version.pk},
            lambda w: {"reference": w.b.case.reference, "version_id": w.a.version.pk},
        ],
    ),
    "api:submission-acknowledgement": Partner(
        own=lambda w: {"reference": w.a.case.reference},
        foreign=[lambda w: {"reference": w.b.case.reference}],
        methods=("POST",),
    ),
    "api:case-status": Partner(
        own=lambda w: {"reference": w.a.case.reference},
        foreign=[lambda w: {"reference": w.b.case.reference}],
        methods=("POST",),
    ),
    "api:case-decision": Partner(
        own=lambda w: {"reference": w.a.case.reference},
        foreign=[lambda w: {"reference": w.b.case.reference}],
        methods=("POST",),
    ),
    # --- §2b UStG (vat): routes ---
    **{
        name: Tenant(
            own=lambda w: {"pk": w.a.authority.pk},
            foreign=[lambda w: {"pk": w.b.authority.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:vat_register", ("GET",)),
            ("staff:vat_stream_create", ("GET", "POST")),
            ("staff:vat_group_create", ("GET", "POST")),
            ("staff:vat_export_csv", ("GET",)),
            ("staff:vat_export_pdf", ("GET",)),
        )
    },
    "staff:network_vat": Tenant(
        own=lambda w: {"pk": w.a.network.pk},
        foreign=[lambda w: {"pk": w.b.network.pk}],
        methods=("GET",),
    ),
    **{
        name: Tenant(
            own=lambda w: {"stream_pk": w.a.vat.stream.pk},
            foreign=[lambda w: {"stream_pk": w.b.vat.stream.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:vat_stream", ("GET",)),
            ("staff:vat_stream_edit", ("GET", "POST")),
            ("staff:vat_amount_set", ("GET", "POST")),
            ("staff:vat_assess", ("GET", "POST")),
            ("staff:vat_reuse", ("POST",)),
        )
    },
    **{
        name: Tenant(
            own=lambda w: {"assessment_pk": w.a.vat.assessment.pk},
            foreign=[lambda w: {"assessment_pk": w.b.vat.assessment.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:vat_assessment", ("GET",)),
            ("staff:vat_assessment_approve", ("POST",)),
        )
    },
    # --- joint procurement: routes ---
    # A network's calls by the network; a call, a demand line, a mandate and a lot by
    # their own ids (the policies decide).
    **{
        name: Tenant(
            own=lambda w: {"pk": w.a.network.pk},
            foreign=[lambda w: {"pk": w.b.network.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:network_procurement", ("GET",)),
            ("staff:procurement_call_create", ("GET", "POST")),
        )
    },
    **{
        name: Tenant(
            own=lambda w: {"call_pk": w.a.procurement.call.pk},
            foreign=[lambda w: {"call_pk": w.b.procurement.call.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:procurement_call", ("GET",)),
            ("staff:procurement_call_edit", ("GET", "POST")),
            ("staff:procurement_call_close", ("POST",)),
            ("staff:procurement_line_add", ("GET", "POST")),
            ("staff:procurement_mandate_grant", ("POST",)),
            ("staff:procurement_lot_create", ("GET", "POST")),
            ("staff:procurement_agreement_create", ("POST",)),
            ("staff:procurement_allocate", ("GET", "POST")),
            ("staff:procurement_summary", ("GET",)),
        )
    },
    **{
        name: Tenant(
            own=lambda w: {"line_pk": w.a.procurement.line.pk},
            foreign=[lambda w: {"line_pk": w.b.procurement.line.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:procurement_line_edit", ("GET", "POST")),
            ("staff:procurement_line_remove", ("POST",)),
        )
    },
    "staff:procurement_mandate_withdraw": Tenant(
        own=lambda w: {"mandate_pk": w.a.procurement.mandate.pk},
        foreign=[lambda w: {"mandate_pk": w.b.procurement.mandate.pk}],
        methods=("POST",),
    ),
    "staff:procurement_award": Tenant(
        own=lambda w: {"lot_pk": w.a.procurement.lot.pk},
        foreign=[lambda w: {"lot_pk": w.b.procurement.lot.pk}],
    ),
    # --- eRechnung inbox: routes ---
    # A member's inbox, exports and Leitweg-IDs by the authority; the clarification
    # queue by the network; an invoice and a Leitweg-ID by their own ids.
    **{
        name: Tenant(
            own=lambda w: {"pk": w.a.authority.pk},
            foreign=[lambda w: {"pk": w.b.authority.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:einvoice_inbox", ("GET",)),
            ("staff:einvoice_export_csv", ("GET",)),
            ("staff:einvoice_export_json", ("GET",)),
            ("staff:einvoice_leitweg_ids", ("GET", "POST")),
        )
    },
    "staff:network_einvoice": Tenant(
        own=lambda w: {"pk": w.a.network.pk},
        foreign=[lambda w: {"pk": w.b.network.pk}],
    ),
    "staff:einvoice_leitweg_id_deactivate": Tenant(
        own=lambda w: {"entry_pk": w.a.einvoice.entry.pk},
        foreign=[lambda w: {"entry_pk": w.b.einvoice.entry.pk}],
        methods=("POST",),
    ),
    **{
        name: Tenant(
            own=lambda w: {"invoice_pk": w.a.einvoice.routed.pk},
            foreign=[lambda w: {"invoice_pk": w.b.einvoice.routed.pk}],
            methods=methods,
        )
        for name, methods in (
            ("staff:einvoice_invoice", ("GET",)),
            ("staff:einvoice_xml", ("GET",)),
            ("staff:einvoice_original", ("GET",)),
        )
    },
    "staff:einvoice_attachment": Tenant(
        own=lambda w: {"invoice_pk": w.a.einvoice.routed.pk, "position": 1},
        foreign=[lambda w: {"invoice_pk": w.b.einvoice.routed.pk, "position": 1}],
        methods=("GET",),
    ),
    **{
        name: Tenant(
            own=lambda w: {"invoice_pk": w.a.einvoice.queued.pk},
            foreign=[lambda w: {"invoice_pk": w.b.einvoice.queued.pk}],
            methods=("POST",),
        )
        for name in ("staff:einvoice_accept", "staff:einvoice_reject", "staff:einvoice_assign")
    },
}


def _item(tenant: TenantData) -> int:
    assert tenant.budget_item is not None
    return tenant.budget_item.pk


def _group(tenant: TenantData) -> int:
    assert tenant.group is not None
    return tenant.group.pk


def _workshop(tenant: TenantData) -> int:
    assert tenant.workshop is not None
    return tenant.workshop.pk


def _req(tenant: TenantData) -> Any:
    assert tenant.info_request is not None
    return tenant.info_request.pk


def _out(tenant: TenantData) -> int:
    assert tenant.outgoing is not None
    return tenant.outgoing.pk


def _in(tenant: TenantData) -> int:
    assert tenant.incoming is not None
    return tenant.incoming.pk


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from _walk(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or ''}", entry


def served_url_names() -> set[str]:
    names = set()
    for name, _pattern in _walk(get_resolver().url_patterns):
        names.add(name)
    return names


def test_every_url_is_classified() -> None:
    served = served_url_names()
    unnamed = sorted(n for n in served if n.endswith(":") or n == "")
    assert unnamed == [], f"URL patterns without a name cannot be checked: {unnamed}"
    unclassified = sorted(served - set(ROUTES))
    assert unclassified == [], f"Classify these URLs in tests/test_isolation.py: {unclassified}"
    stale = sorted(set(ROUTES) - served)
    assert stale == [], f"ROUTES lists URLs that no longer exist: {stale}"


def _snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of every Verbund model and of the user table."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for model in apps.get_models():
        label = model._meta.label
        if label.split(".")[0] not in {
            "accounts",
            "authorities",
            "catalogue",
            "core",
            "formengine",
            "networks",
            "portal",
            "applications",
            "cases",
            "payments",
            "integrations",
            "surveys",
            "practices",
            "fees",
            "benchmarks",
            "archive",
            "assistant",
            "vat",
            "procurement",
            "einvoice",
        }:
            continue
        rows[label] = list(model._default_manager.order_by("pk").values())
    return rows


@dataclass(frozen=True)
class SharedWorld:
    world: World
    rows: dict[str, list[dict[str, Any]]]  # _snapshot() right after the build


@pytest.fixture(scope="module")
def shared_world(
    django_db_setup: None, django_db_blocker: Any, module_files: Path
) -> Iterator[SharedWorld]:
    """The world, built once per module and worker (about 1 s) instead of once per test;
    each test works in a savepoint of its own (tests/conftest.py, kept_for_the_module)."""
    with kept_for_the_module(django_db_blocker, module_files, VERBUND_DEMO=True):
        world = build_world()
        partner_world(world)  # kept on the world object, so it must outlive every test too
        yield SharedWorld(world, _snapshot())


@pytest.fixture
def world(db: None, settings: Any, shared_world: SharedWorld) -> World:
    settings.VERBUND_DEMO = True
    # A copy per test, as Django does for setUpTestData: a test that changes an object in
    # memory does not hand the change to the next one.
    return copy.deepcopy(shared_world.world)


TENANT_ROUTES = sorted(name for name, kind in ROUTES.items() if isinstance(kind, Tenant))


@pytest.mark.parametrize("name", TENANT_ROUTES)
def test_foreign_objects_are_not_found_and_untouched(name: str, world: World) -> None:
    route = ROUTES[name]
    assert isinstance(route, Tenant)
    assert route.foreign, f"{name} has no foreign-object case"
    client = logged_in(world.a.user)
    for make_kwargs in route.foreign:
        url = reverse(name, kwargs=make_kwargs(world))
        for method in route.methods:
            before = _snapshot()
            response = client.generic(
                method, url, data=b"", content_type="application/x-www-form-urlencoded"
            )
            assert response.status_code == 404, (method, url, response.status_code)
            assert _snapshot() == before, f"{method} {url} changed data"


@pytest.mark.parametrize("name", TENANT_ROUTES)
def test_own_objects_are_reachable(name: str, world: World) -> None:
    route = ROUTES[name]
    assert isinstance(route, Tenant)
    client = logged_in(world.a.user)
    url = reverse(name, kwargs=route.own(world))
    if "GET" in route.methods:
        assert client.get(url).status_code == route.ok, url
    else:
        assert client.get(url).status_code == 405, url


@pytest.mark.parametrize("name", TENANT_ROUTES)
def test_clerk_of_another_authority_gets_not_found(name: str, world: World) -> None:
    """B's plain clerk asking for A's objects is refused the same way."""
    route = ROUTES[name]
    assert isinstance(route, Tenant)
    client = logged_in(world.b.clerk)
    url = reverse(name, kwargs=route.own(world))
    before = _snapshot()
    for method in route.methods:
        response = client.generic(
            method, url, data=b"", content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 404, (method, url, response.status_code)
    assert _snapshot() == before


NON_PUBLIC = sorted(name for name, kind in ROUTES.items() if isinstance(kind, Staff | Tenant))


@pytest.mark.parametrize("name", NON_PUBLIC)
def test_anonymous_is_sent_to_login(name: str, world: World) -> None:
    route = ROUTES[name]
    kwargs = route.own(world) if isinstance(route, Tenant) else {}
    url = reverse(name, kwargs=kwargs)
    before = _snapshot()
    response = Client().get(url)
    if isinstance(route, Tenant) and route.methods == ("POST",):
        assert response.status_code in {302, 405}
    else:
        assert response.status_code == 302, (url, response.status_code)
        assert response["Location"].startswith(reverse("accounts:login"))
    response = Client().post(url)
    assert response.status_code in {302, 405}
    assert _snapshot() == before


@pytest.mark.parametrize("name", sorted(n for n, k in ROUTES.items() if isinstance(k, Public)))
def test_public_urls_answer_anonymous(name: str, world: World) -> None:
    route = ROUTES[name]
    assert isinstance(route, Public)
    response = Client().get(reverse(name, kwargs=route.kwargs(world)), route.query(world))
    # set_language answers GET with a redirect, a IIIF image service with its info.json,
    # the assistant's API (POST only) with 405; everything else renders.
    expected = {
        "set_language": 302,
        "archive:exchange_image_service": 303,
        "api:assistant": 405,
        "api:einvoice-submit": 405,
    }.get(name, 200)
    assert response.status_code == expected


@pytest.mark.parametrize("name", sorted(n for n, k in ROUTES.items() if isinstance(k, Operator)))
def test_operator_urls_do_not_exist_without_their_token(
    name: str, world: World, settings: Any
) -> None:
    settings.VERBUND_METRICS_TOKEN = "the-operators-token"
    clients = (Client(), logged_in(world.a.user))
    before = _snapshot()
    for client in clients:
        assert client.get(reverse(name)).status_code == 404
        assert client.get(reverse(name), HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
        assert client.post(reverse(name)).status_code in {404, 405}
    assert _snapshot() == before


CITIZEN_ROUTES = sorted(name for name, kind in ROUTES.items() if isinstance(kind, Citizen))


@pytest.mark.parametrize("name", CITIZEN_ROUTES)
def test_citizen_pages_need_their_secret(name: str, world: World) -> None:
    route = ROUTES[name]
    assert isinstance(route, Citizen)
    application = build_application(world.b)
    url = reverse(name, kwargs=route.kwargs(world, application))
    for client in (Client(), logged_in(world.a.user), logged_in(world.b.user)):
        for method in route.methods:
            before = _snapshot()
            response = client.generic(
                method, url, data=b"", content_type="application/x-www-form-urlencoded"
            )
            assert response.status_code == 404, (method, url, response.status_code)
            assert _snapshot() == before, f"{method} {url} changed data"


PARTNER_ROUTES = sorted(name for name, kind in ROUTES.items() if isinstance(kind, Partner))
# One body every partner write would accept, so that a 404 cannot come from the input.
PARTNER_BODY = (
    b'{"accepted": true, "status": "in_progress", "version": 1, '
    b'"outcome": "granted", "body": "Ja."}'
)


def _partner_snapshot() -> dict[str, list[dict[str, Any]]]:
    """``_snapshot`` and the task queue (a write would enqueue e-mails or webhooks)."""
    rows = _snapshot()
    for model in apps.get_models():
        if model._meta.app_label == "django_tasks_db":
            rows[model._meta.label] = list(model._default_manager.order_by("pk").values())
    return rows


def _token_client(token: str) -> Client:
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    # The first request notes the client's use (last_used_at); later ones change nothing.
    assert client.get(reverse("api:submissions")).status_code == 200
    return client


def _partner_call(client: Client, method: str, url: str) -> Any:
    return client.generic(method, url, data=PARTNER_BODY, content_type="application/json")


@pytest.mark.parametrize("name", PARTNER_ROUTES)
def test_partner_foreign_references_are_not_found_and_untouched(name: str, world: World) -> None:
    route = ROUTES[name]
    assert isinstance(route, Partner)
    client = _token_client(partner_world(world).a.token)
    for make_kwargs in route.foreign:
        url = reverse(name, kwargs=make_kwargs(world))
        for method in route.methods:
            before = _partner_snapshot()
            response = _partner_call(client, method, url)
            assert response.status_code == 404, (method, url, response.status_code)
            assert _partner_snapshot() == before, f"{method} {url} changed data"


@pytest.mark.parametrize("name", PARTNER_ROUTES)
def test_partner_own_objects_are_reachable(name: str, world: World) -> None:
    route = ROUTES[name]
    assert isinstance(route, Partner)
    client = _token_client(partner_world(world).a.token)
    url = reverse(name, kwargs=route.own(world))
    assert client.get(url).status_code == (200 if "GET" in route.methods else 405), url


@pytest.mark.parametrize(
    "name", sorted(n for n, k in ROUTES.items() if isinstance(k, Partner) and k.foreign)
)
def test_partner_token_of_another_authority_gets_not_found(name: str, world: World) -> None:
    """B's token asking for A's submissions is refused the same way."""
    route = ROUTES[name]
    assert isinstance(route, Partner)
    client = _token_client(partner_world(world).b.token)
    url = reverse(name, kwargs=route.own(world))
    before = _partner_snapshot()
    for method in route.methods:
        response = _partner_call(client, method, url)
        assert response.status_code == 404, (method, url, response.status_code)
    assert _partner_snapshot() == before


@pytest.mark.parametrize("name", PARTNER_ROUTES)
def test_partner_without_a_token_is_unauthorized(name: str, world: World) -> None:
    route = ROUTES[name]
    assert isinstance(route, Partner)
    url = reverse(name, kwargs=route.own(world))
    before = _partner_snapshot()
    for method in route.methods:
        response = _partner_call(Client(), method, url)
        assert response.status_code == 401, (method, url, response.status_code)
        assert response["WWW-Authenticate"] == 'Bearer realm="Verbund"'
    assert _partner_snapshot() == before


def test_every_test_starts_from_the_world_as_built(db: None, shared_world: SharedWorld) -> None:
    # The module's last test: whatever the tests before it on this worker wrote is gone.
    assert _snapshot() == shared_world.rows
