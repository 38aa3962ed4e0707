"""Tenant scoping checked by a machine, not by goodwill.

Views, forms, panels and API code may reach tenant-owned rows only through the access
layer (``scoped`` / ``access_by_id``) or an app's selectors and services; a
direct ``<TenantModel>.objects`` in those layers fails this test.
"""

from __future__ import annotations

import ast
from pathlib import Path

from verbund.core.access import registered_models

SRC = Path(__file__).resolve().parents[1] / "src" / "verbund"
GUARDED_MODULES = ("views.py", "forms.py", "serializers.py", "viewsets.py", "panels.py")


def _guarded_files() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if p.name in GUARDED_MODULES)


def _direct_manager_uses(path: Path, model_names: set[str], root: Path = SRC) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in {"objects", "_default_manager"}
            and isinstance(node.value, ast.Name)
            and node.value.id in model_names
        ):
            found.append(f"{path.relative_to(root)}:{node.lineno} {node.value.id}.{node.attr}")
    return found


def test_policies_cover_the_tenant_owned_models() -> None:
    labels = {m._meta.label for m in registered_models()}
    assert {
        "authorities.Authority",
        "accounts.AuthorityRole",
        "core.AuditEntry",
        "networks.Network",
        "networks.Membership",
        "portal.LegalPage",
    } <= labels


def test_views_and_forms_do_not_query_tenant_models_directly() -> None:
    # Authority is public reference data (place search reads it freely); the
    # policy on it guards the staff workspace, reached through access_by_id.
    names = {m.__name__ for m in registered_models()} - {"Authority"}
    offenders = [hit for path in _guarded_files() for hit in _direct_manager_uses(path, names)]
    assert offenders == [], "use verbund.core.access.scoped/access_by_id: " + ", ".join(offenders)


def test_the_check_itself_finds_a_direct_query(tmp_path: Path) -> None:
    sample = tmp_path / "views.py"
    sample.write_text("from x import LegalPage\nLegalPage.objects.get(pk=1)\n")
    assert _direct_manager_uses(sample, {"LegalPage"}, root=tmp_path) == [
        "views.py:2 LegalPage.objects"
    ]
