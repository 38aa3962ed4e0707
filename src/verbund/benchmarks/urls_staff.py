"""Staff pages of the benchmarks app (namespace ``staff``)."""

from django.urls import URLPattern, path

from verbund.benchmarks import views

urlpatterns: list[URLPattern] = [
    path("verbuende/<int:pk>/vergleichsringe/", views.rings, name="benchmark_rings"),
    path(
        "verbuende/<int:pk>/vergleichsringe/neu/", views.ring_create, name="benchmark_ring_create"
    ),
    path("vergleichsringe/<int:ring_pk>/", views.ring_detail, name="benchmark_ring"),
    path("vergleichsringe/<int:ring_pk>/uebersicht/", views.overview, name="benchmark_overview"),
    path(
        "vergleichsringe/<int:ring_pk>/grundzahlen/neu/",
        views.figure_create,
        name="benchmark_figure_create",
    ),
    path(
        "vergleichsringe/<int:ring_pk>/kennzahlen/neu/",
        views.kpi_create,
        name="benchmark_kpi_create",
    ),
    path(
        "vergleichsringe/<int:ring_pk>/zeitraeume/neu/",
        views.period_create,
        name="benchmark_period_create",
    ),
    path(
        "vergleichsringe/<int:ring_pk>/zeitraeume/<int:period_pk>/veroeffentlichen/",
        views.period_publish,
        name="benchmark_period_publish",
    ),
    path(
        "vergleichsringe/<int:ring_pk>/zeitraeume/<int:period_pk>/hochladen/",
        views.values_upload,
        name="benchmark_values_upload",
    ),
    path(
        "vergleichsringe/<int:ring_pk>/zeitraeume/<int:period_pk>/werte/<int:participant_pk>/",
        views.values_enter,
        name="benchmark_values",
    ),
    path(
        "vergleichsringe/<int:ring_pk>/zeitraeume/<int:period_pk>/vergleich/<int:participant_pk>/",
        views.comparison,
        name="benchmark_comparison",
    ),
    path(
        "vergleichsringe/<int:ring_pk>/zeitraeume/<int:period_pk>/vergleich/<int:participant_pk>/bericht.pdf",
        views.report,
        name="benchmark_report",
    ),
    path(
        "vergleichsringe/<int:ring_pk>/zeitraeume/<int:period_pk>/rangfolge/<int:kpi_pk>/",
        views.ranking,
        name="benchmark_ranking",
    ),
    path(
        "vergleichsringe/<int:ring_pk>/kennzahlen/<int:kpi_pk>/verlauf/<int:participant_pk>/",
        views.trend,
        name="benchmark_trend",
    ),
]
