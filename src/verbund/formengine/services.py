"""Writes on form definitions: saving the builder's draft and publishing versions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.catalogue.models import Service
from verbund.core.actors import Actor, actor_id
from verbund.core.audit import audit_record
from verbund.formengine.engine import definition_digest, validate_definition
from verbund.formengine.models import FormVersion, ServiceForm

MAX_DEFINITION_BYTES = 200_000


def form_save_draft(*, actor: Actor, service: Service, definition: Any) -> ServiceForm:
    """Keep the builder's working copy; it may still be incomplete, but must be a JSON object."""
    if not isinstance(definition, dict):
        raise ValidationError(_("Die Definition muss ein JSON-Objekt sein."), code="not_object")
    if len(str(definition)) > MAX_DEFINITION_BYTES:
        raise ValidationError(_("Die Definition ist zu groß."), code="too_large")
    with transaction.atomic():
        form, created = ServiceForm.objects.select_for_update().get_or_create(
            service=service, defaults={"authority_id": service.builder_id, "draft": definition}
        )
        if not created:
            form.draft = definition
        form.updated_by_id = actor_id(actor)
        form.save()
        audit_record(
            actor=actor,
            action="form.save_draft",
            obj=form,
            authority=service.builder_id,
            changes={"digest": definition_digest(definition)},
        )
    return form


def _next_number(service: Service) -> int:
    last = FormVersion.objects.filter(service=service).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def form_version_create(*, actor: Actor, service: Service, definition: Any) -> FormVersion:
    """Publish ``definition`` as the service's next version.

    Refused (``ValidationError`` listing every problem) when the definition is
    invalid or equal to the newest version.
    """
    errors = validate_definition(definition)
    if errors:
        raise ValidationError(errors, code="invalid_definition")
    digest = definition_digest(definition)
    with transaction.atomic():
        Service.objects.select_for_update().filter(pk=service.pk).first()
        latest = FormVersion.objects.filter(service=service).order_by("-number").first()
        if latest is not None and latest.digest == digest:
            raise ValidationError(
                _("Diese Fassung ist bereits als Version %(n)d veröffentlicht.")
                % {"n": latest.number},
                code="unchanged",
            )
        version = FormVersion(
            service=service,
            authority_id=service.builder_id,
            number=_next_number(service),
            definition=definition,
            digest=digest,
            published_at=timezone.now(),
            published_by_id=actor_id(actor),
        )
        version.save()
        audit_record(
            actor=actor,
            action="form.publish",
            obj=version,
            authority=service.builder_id,
            changes={"number": version.number, "digest": digest},
        )
    return version


def form_publish(*, actor: Actor, service: Service) -> FormVersion:
    """Publish the builder's current draft."""
    form = ServiceForm.objects.filter(service=service).first()
    if form is None:
        raise ValidationError(_("Es gibt noch keinen Entwurf."), code="no_draft")
    return form_version_create(actor=actor, service=service, definition=form.draft)
