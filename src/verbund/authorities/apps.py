from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthoritiesConfig(AppConfig):
    name = "verbund.authorities"
    verbose_name = _("Gebietskörperschaften")
