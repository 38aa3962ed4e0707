"""Staff pages of portal (included by verbund.staff_urls under namespace ``staff``)."""

from django.urls import URLPattern, path

# Importing converters registers the path converter ``legal_kind``.
from verbund.portal import converters, views  # noqa: F401

urlpatterns: list[URLPattern] = [
    path(
        "behoerden/<int:authority_pk>/seiten/<legal_kind:kind>/",
        views.legal_page_edit,
        name="legal_page_edit",
    ),
]
