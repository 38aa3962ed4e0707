"""Schemas and helpers of the exchange tests (the archive's world is in
tests/archive/conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "schemas"
_LOCAL = {
    "http://www.loc.gov/mods/xml.xsd": "xml.xsd",
    "http://www.loc.gov/standards/xlink/xlink.xsd": "xlink.xsd",
}


class _Local(etree.Resolver):  # type: ignore[misc]
    def resolve(self, url: str, pubid: Any, context: Any) -> Any:
        if url in _LOCAL:
            return self.resolve_filename(str(SCHEMAS / _LOCAL[url]), context)
        return None


def _parser() -> etree.XMLParser:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_Local())
    return parser


@pytest.fixture(scope="session")
def mets_schema() -> etree.XMLSchema:
    """METS with MODS: MODS inside ``mets:xmlData`` is validated too (lax content
    whose declaration is known)."""
    mets = (SCHEMAS / "mets.xsd").as_uri()
    mods = (SCHEMAS / "mods-3-7.xsd").as_uri()
    driver = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        f'<xs:import namespace="http://www.loc.gov/METS/" schemaLocation="{mets}"/>'
        f'<xs:import namespace="http://www.loc.gov/mods/v3" schemaLocation="{mods}"/>'
        "</xs:schema>"
    )
    return etree.XMLSchema(etree.fromstring(driver, _parser()))


@pytest.fixture(scope="session")
def mods_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "mods-3-7.xsd"), _parser()))


@pytest.fixture(scope="session")
def ead_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "ead.xsd"), _parser()))
