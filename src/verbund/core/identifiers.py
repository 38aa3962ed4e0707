"""Formats of the identifiers that German law and standards give things, for every app.

* LeiKa key (Leistungsschlüssel of the Leistungskatalog): 14 digits, starting 99.
"""

from __future__ import annotations

import re

LEIKA_KEY = re.compile(r"^99\d{12}$")
