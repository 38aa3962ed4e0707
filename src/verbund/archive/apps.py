from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "verbund.archive"
    verbose_name = _("Archivdigitalisierung")

    def ready(self) -> None:
        from verbund.archive import (
            audit_terms,
            panels,
            policies,  # noqa: F401  (registers the access policies)
        )
        from verbund.archive.exports import audit_terms as export_terms
        from verbund.archive.ocr import audit_terms as ocr_terms
        from verbund.archive.search import panels as search_panels
        from verbund.core.audit_terms import register_terms

        # The description and ingest, the text recognition and the exchange (xdomea
        # handover) each declare their audit words.
        for terms in (audit_terms.TERMS, ocr_terms.TERMS, export_terms.TERMS):
            register_terms(terms)
        panels.register()
        search_panels.register()
