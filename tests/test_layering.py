"""The layering of ARCHITECTURE.md and HOUSE-STYLE.md, checked on every import.

- ``core`` never imports a module (an app); modules build on core.
- No module imports ``demo``; the demo builds on everything.
- Between modules only the published surface is used: ``models`` (for foreign
  keys and the access layer), ``selectors`` and ``services`` (reads and writes),
  ``cache`` and ``folding`` of authorities, ``engine`` of the form engine.
  Views, forms, serializers and templates stay private to their module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import verbund

PACKAGE = Path(verbund.__file__).parent
MODULES = {
    "accounts",
    "authorities",
    "networks",
    "portal",
    "catalogue",
    "formengine",
    "applications",
    "payments",
    "cases",
    "integrations",
    "api",
    "demo",
}
# ``engine`` is the form engine's pure, database-free core (verbund.formengine.engine);
# ``uploads`` the one check of uploaded files (verbund.core.uploads), which the
# back office and the API use for staff and specialist systems' files too.
PUBLISHED = {"models", "selectors", "services", "cache", "folding", "engine", "uploads"}


def _imports() -> list[tuple[str, str, str]]:
    """(importing app, imported app, imported submodule) for every verbund import."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2 or parts[1] == "migrations":
            continue
        app = parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module.count(".") == 1:
                    # ``from verbund.app import selectors``: the names are the submodules.
                    names = [f"{node.module}.{alias.name}" for alias in node.names]
                else:
                    names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                dotted = name.split(".")
                if dotted[0] == "verbund" and len(dotted) > 1:
                    found.append((app, dotted[1], dotted[2] if len(dotted) > 2 else ""))
    return found


def test_the_checker_sees_the_imports() -> None:
    imports = _imports()
    assert ("networks", "core", "audit") in imports
    assert ("api", "authorities", "selectors") in imports


def test_core_imports_no_module() -> None:
    assert [i for i in _imports() if i[0] == "core" and i[1] in MODULES] == []


def test_nothing_imports_the_demo() -> None:
    assert [i for i in _imports() if i[1] == "demo" and i[0] != "demo"] == []


def test_modules_use_only_the_published_surface_of_each_other() -> None:
    crossing = [
        (importer, f"{app}.{submodule}")
        for importer, app, submodule in _imports()
        if importer in MODULES
        and app in MODULES
        and importer != app
        and importer != "demo"
        and submodule not in PUBLISHED
    ]
    assert crossing == []
