"""The full-text index of page text (imported at the end of ``archive/models.py``).

One row per page with text. On SQLite its ``terms`` (the page's folded, stemmed words,
``analysis.terms``) are the content of the FTS5 table ``archive_search_fts``, which
triggers keep in step with this table (migration 0002). On PostgreSQL ``vector`` holds
``to_tsvector('german', …)`` of the page's folded text under a GIN index, and ``terms``
stays empty. Who may see a hit is decided by the page's unit when searching, never
stored here: a unit's access may change without touching its pages.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class PageIndex(models.Model):
    page = models.OneToOneField(
        "archive.Page", on_delete=models.CASCADE, primary_key=True, related_name="search_index"
    )
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey("archive.Unit", on_delete=models.CASCADE, related_name="+")
    terms = models.TextField(blank=True)
    vector = SearchVectorField(null=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "archive"
        verbose_name = "Suchindex einer Seite"
        indexes = [models.Index(fields=["unit"], name="archive_pageindex_unit")]

    def __str__(self) -> str:
        return f"index of page {self.page_id}"
