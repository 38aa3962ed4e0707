"""HTML to PDF with WeasyPrint, without ever touching the network or the file system.

Documents (receipts, decision letters) are standalone HTML with their own print
stylesheet. They have no base URL and the URL fetcher refuses every URL, so even
markup that slipped into the HTML could not make the server fetch anything.
"""

from __future__ import annotations

from typing import Any

from PIL import ImageFile
from weasyprint import HTML
from weasyprint.urls import URLFetcher

# Importing WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process,
# which would let the upload checks accept cut-off JPEGs. Our documents embed no
# images (every URL is refused), so the process-wide default is restored.
ImageFile.LOAD_TRUNCATED_IMAGES = False


class RefusingURLFetcher(URLFetcher):
    """A URL fetcher that fetches nothing: the documents have no external resources."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        raise ValueError(f"Documents load no external resources: {url[:100]}")


def html_to_pdf(html: str) -> bytes:
    """A tagged PDF of standalone HTML; no URL is ever fetched."""
    pdf: bytes = HTML(string=html, base_url=None, url_fetcher=RefusingURLFetcher()).write_pdf(
        pdf_tags=True
    )
    return pdf
