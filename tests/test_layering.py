"""The layering of docs/architecture.md, checked on every import.

The apps form one order, from ``core`` at the bottom to ``demo`` at the top
(``LAYERS``). An app imports only apps below it: never one above, and never one
that imports it back. Every import counts, also those inside functions (a
function-level import hides a dependency, it does not remove it); only imports
under ``if TYPE_CHECKING:`` are exempt, because they never run.

Where a lower app needs something a higher one owns, the lower app offers an
extension point (``<app>/hooks.py``, filled from the higher app's
``AppConfig.ready()``) or the concept moves down.

Between apps only the published surface is used (``PUBLISHED``; every module of
``core``, the shared building blocks, is published): ``models``
(for foreign keys and the access layer), ``selectors`` (reads), ``services``
(writes), ``hooks`` (extension points), and a few named modules. Views, forms,
serializers and templates stay private to their app. Sub-domains of an app
(``networks/costs/``) publish the same files.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import verbund

PACKAGE = Path(verbund.__file__).parent

# Bottom to top; keep docs/architecture.md ("Layers") in step.
LAYERS = (
    "core",
    "authorities",
    "accounts",
    "networks",
    "catalogue",
    "formengine",
    "payments",
    "applications",
    "cases",
    "integrations",
    "surveys",
    "practices",
    "fees",
    "benchmarks",
    "archive",
    "assistant",
    "vat",
    "procurement",
    "einvoice",
    "portal",
    "api",
    "demo",
)
RANK = {app: rank for rank, app in enumerate(LAYERS)}

# Published by every app (and every sub-domain package of an app).
PUBLISHED = {"models", "selectors", "services", "hooks"}
# Published by one app only: the module and why others may use it.
PUBLISHED_BY_APP = {
    "authorities": {"cache", "folding"},  # the place-search cache, search-key folding
    # The base policy of rows that belong to a network (NetworkPart, the visible networks
    # of a user), for the apps above that add such rows (surveys, strategies).
    "networks": {"policies"},
    "formengine": {"engine"},  # the pure, database-free form engine
    "applications": {"links", "receipt"},  # the citizen's links, the receipt PDF
    # The archive takes over the files the back office handed over (xdomea 0503) and
    # confirms their receipt there.
    "cases": {"records"},
    # The citizen assistant answers with the routing index (who is responsible where)
    # and reads questions with the catalogue's German search index.
    "catalogue": {"index", "search"},
    # The API reads the size limit of an invoice; the demo writes sample invoices.
    "einvoice": {"validation", "samples"},
}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement that can run: at any depth, except under TYPE_CHECKING."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))


def _is_module(dotted: str) -> bool:
    path = PACKAGE.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _imported_modules(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not node.module or node.level:
        return []
    # ``from verbund.app import selectors``: a name that is a module is what is imported.
    names = [
        f"{node.module}.{alias.name}" if _is_module(f"{node.module}.{alias.name}") else node.module
        for alias in node.names
    ]
    return list(dict.fromkeys(names))


def imports_of(path: Path, root: Path = PACKAGE) -> list[tuple[str, str, int]]:
    """(importing module, imported verbund module, line) for every runtime import."""
    module = ".".join(path.relative_to(root.parent).with_suffix("").parts)
    found = []
    for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
        for name in _imported_modules(node):
            if name.split(".")[0] == "verbund":
                found.append((module, name, node.lineno))
    return sorted(found, key=lambda item: item[2])


def _source_files() -> list[Path]:
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if len(path.relative_to(PACKAGE).parts) >= 2
        and "migrations" not in path.relative_to(PACKAGE).parts
    )


def _app(module: str) -> str:
    return module.split(".")[1] if module.count(".") >= 1 else ""


def all_imports() -> list[tuple[str, str, int]]:
    return [found for path in _source_files() for found in imports_of(path)]


def upward(imports: list[tuple[str, str, int]]) -> list[str]:
    """Imports of an app at or above the importer's layer (another app)."""
    return [
        f"{importer}:{line} imports {imported}"
        for importer, imported, line in imports
        if _app(imported) in RANK
        and _app(importer) != _app(imported)
        and RANK[_app(imported)] >= RANK[_app(importer)]
    ]


def _surface(imported: str) -> str:
    """The published name an import reaches: ``selectors`` of ``verbund.cases.selectors``
    and of ``verbund.networks.costs.selectors``; ``""`` for the app package itself."""
    parts = imported.split(".")[2:]
    return parts[-1] if parts else ""


def private_uses(imports: list[tuple[str, str, int]]) -> list[str]:
    return [
        f"{importer}:{line} imports {imported}"
        for importer, imported, line in imports
        if _app(imported) in RANK
        and _app(importer) != _app(imported)
        and _app(importer) != "demo"
        and _app(imported) != "core"
        and _surface(imported) not in PUBLISHED | PUBLISHED_BY_APP.get(_app(imported), set())
    ]


def test_every_app_has_a_layer() -> None:
    apps = {path.parent.name for path in PACKAGE.glob("*/apps.py")}
    assert apps == set(LAYERS)


def test_no_app_imports_an_app_above_it_or_beside_it() -> None:
    assert upward(all_imports()) == []


def test_modules_use_only_the_published_surface_of_each_other() -> None:
    assert private_uses(all_imports()) == []


def test_core_imports_no_other_app() -> None:
    assert [i for i in all_imports() if _app(i[0]) == "core" and _app(i[1]) != "core"] == []


# --- the checker itself -------------------------------------------------------------


def _write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    root = tmp_path / "verbund"
    for app in ("cases", "networks"):
        _write(root, f"{app}/__init__.py", "")
        _write(root, f"{app}/models.py", "")
        _write(root, f"{app}/selectors.py", "")
    return root


def test_the_checker_sees_function_level_imports_and_skips_type_checking(sample: Path) -> None:
    path = _write(
        sample,
        "networks/basis.py",
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from verbund.cases.models import Case\n"
        "def count():\n"
        "    from verbund.cases.models import Case\n"
        "    import verbund.cases.selectors\n",
    )
    found = imports_of(path, root=sample)
    assert found == [
        ("verbund.networks.basis", "verbund.cases.models", 5),
        ("verbund.networks.basis", "verbund.cases.selectors", 6),
    ]
    assert upward(found) == [
        "verbund.networks.basis:5 imports verbund.cases.models",
        "verbund.networks.basis:6 imports verbund.cases.selectors",
    ]


def test_an_import_of_a_lower_app_passes_and_a_cycle_fails() -> None:
    down = [("verbund.cases.services", "verbund.networks.selectors", 3)]
    up = [("verbund.networks.costs.basis", "verbund.cases.models", 7)]
    assert upward(down) == []
    assert upward(down + up) == ["verbund.networks.costs.basis:7 imports verbund.cases.models"]


def test_private_modules_of_other_apps_fail() -> None:
    assert private_uses([("verbund.cases.views", "verbund.networks.views", 1)]) == [
        "verbund.cases.views:1 imports verbund.networks.views"
    ]
    assert private_uses([("verbund.catalogue.reuse", "verbund.networks.costs.models", 1)]) == []
    assert private_uses([("verbund.cases.records", "verbund.applications.receipt", 1)]) == []
    assert private_uses([("verbund.cases.records", "verbund.payments.providers", 1)]) == [
        "verbund.cases.records:1 imports verbund.payments.providers"
    ]


def test_the_real_code_is_seen() -> None:
    imports = all_imports()
    assert ("verbund.networks.services", "verbund.core.audit") in {(a, b) for a, b, _ in imports}
    assert any(
        a.startswith("verbund.api.") and b == "verbund.authorities.selectors" for a, b, _ in imports
    )
