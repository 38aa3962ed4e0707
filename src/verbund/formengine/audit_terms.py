"""What the form builder's audit entries mean (``core.audit_terms``), and how form
versions are named in any app's entries."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import DIGEST, AuditField, AuditNames, AuditTerms
from verbund.formengine.models import FormVersion

FORM_VERSION = "formengine.FormVersion"

TERMS = AuditTerms(
    key="formengine",
    group=_("Formulare"),
    actions={
        "form.save_draft": _("Formularentwurf gespeichert"),
        "form.publish": _("Formular veröffentlicht"),
    },
    fields={"digest": AuditField(_("Prüfsumme der Formulardefinition"), DIGEST)},
)


def _versions(keys: set[str]) -> Mapping[str, str]:
    ids = [int(key) for key in keys if key.isdigit()]
    return {
        str(version.pk): str(version)
        for version in FormVersion.objects.filter(pk__in=ids).select_related("service")
    }


NAMES = (AuditNames(FORM_VERSION, _versions),)
