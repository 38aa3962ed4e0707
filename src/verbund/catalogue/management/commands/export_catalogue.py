"""`verbund export-catalogue [KEY ...] [--output FILE] [--all]`: catalogue entries as JSON.

Without keys, every published service is exported; ``--all`` adds drafts and
withdrawn services. The format is described in docs/catalogue-exchange.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils.translation import gettext as _

from verbund.catalogue.exchange import catalogue_export_json
from verbund.catalogue.models import Service, ServiceStatus


class Command(BaseCommand):
    help = "Export catalogue entries (services with their descriptions) as exchange JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("keys", nargs="*", help="LeiKa keys or local keys; default: all")
        parser.add_argument("--output", "-o", help="file to write; default: standard output")
        parser.add_argument(
            "--all", action="store_true", help="include drafts and withdrawn services"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        services = Service.objects.select_related("builder").order_by("slug")
        if not options["all"]:
            services = services.filter(status=ServiceStatus.PUBLISHED)
        keys: list[str] = options["keys"]
        if keys:
            services = services.filter(Q(leika_key__in=keys) | Q(slug__in=keys))
            found = {s.leika_key for s in services} | {s.slug for s in services}
            missing = [key for key in keys if key not in found]
            if missing:
                raise CommandError(
                    _("Keine Leistung mit diesem Schlüssel: %(keys)s")
                    % {"keys": ", ".join(missing)}
                )
        text = catalogue_export_json(
            services, source=getattr(settings, "VERBUND_OPERATOR_NAME", "")
        )
        if options["output"]:
            Path(options["output"]).write_text(text + "\n", encoding="utf-8")
            self.stderr.write(
                _("%(count)d Leistungen nach %(path)s geschrieben.")
                % {"count": len(services), "path": options["output"]}
            )
        else:
            self.stdout.write(text)
