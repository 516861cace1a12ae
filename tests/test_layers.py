"""The house keeps its shape: each app imports only the apps on the floors beneath it
(ARCHITECTURE.md), read from the code's own imports, nothing run.

Imports under ``if TYPE_CHECKING:`` are left out: they are names for type hints, not a
dependency at run time (``accounts.permissions`` names the domain's items that way).
"""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.no_database

ROOT = Path(__file__).resolve().parent.parent

# Each app and the apps it may import. The edges (floor 4) may lean on the public site,
# the lowest of them, and the workplace on the reminders, never the other way round.
MAY_IMPORT = {
    # The transparency log knows bytes, trees and notes: nothing of ours, reusable anywhere.
    "tlog": set(),
    "accounts": set(),
    "tracker": {"accounts"},
    "ledger": {"accounts", "tracker", "tlog"},
    "public_site": {"accounts", "tracker", "ledger"},
    "reminders": {"accounts", "tracker", "ledger"},
    "workplace": {"accounts", "tracker", "ledger", "public_site", "reminders"},
    "api": {"accounts", "tracker", "ledger", "public_site"},
    "config": {
        "tlog",
        "accounts",
        "tracker",
        "ledger",
        "public_site",
        "reminders",
        "workplace",
        "api",
    },
}
# Tools beside the product, which may use any of it.
TOOLS = {"bench", "bin", "tests"}
SKIPPED_FOLDERS = {"migrations", "__pycache__"}


def apps() -> list[str]:
    return sorted(
        path.name
        for path in ROOT.iterdir()
        if path.is_dir() and (path / "__init__.py").exists() and path.name not in TOOLS
    )


def python_files(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if not SKIPPED_FOLDERS & set(path.relative_to(ROOT).parts):
            yield path


def runtime_imports(tree: ast.AST) -> set[str]:
    """The top-level packages a module imports at run time (absolute imports only)."""
    found = set()

    def visit(node: ast.AST, typing_only: bool) -> None:
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            for child in node.body:
                visit(child, True)
            for child in node.orelse:
                visit(child, typing_only)
            return
        if not typing_only:
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
        for child in ast.iter_child_nodes(node):
            visit(child, typing_only)

    visit(tree, False)
    return found


def imports_of(app: str) -> dict[str, set[str]]:
    """The project's apps that ``app`` imports, each with the files that import it."""
    project = set(apps())
    found: dict[str, set[str]] = {}
    for path in python_files(app):
        for package in runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if package in project and package != app:
                found.setdefault(package, set()).add(str(path.relative_to(ROOT)))
    return found


def lines_of(app: str) -> int:
    return sum(
        1
        for path in python_files(app)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    )


def test_every_app_has_a_floor():
    assert set(apps()) - set(MAY_IMPORT) == set(), "add the new app to MAY_IMPORT"


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_an_app_imports_only_what_lies_beneath_it(app):
    upward = {
        package: sorted(files)
        for package, files in imports_of(app).items()
        if package not in MAY_IMPORT[app]
    }
    assert upward == {}


def test_the_floors_have_no_circle():
    # Each app's allowed imports lie strictly beneath it: a walk down never returns.
    def beneath(app: str, seen: tuple[str, ...]) -> None:
        assert app not in seen, " -> ".join((*seen, app))
        for lower in MAY_IMPORT[app]:
            beneath(lower, (*seen, app))

    for app in MAY_IMPORT:
        beneath(app, ())


def test_no_app_holds_more_than_a_quarter_of_the_product():
    lines = {app: lines_of(app) for app in apps()}
    total = sum(lines.values())
    assert {app: n for app, n in lines.items() if n > total / 4} == {}


def test_the_reader_sees_a_lower_app_reaching_up():
    """The check itself: an import of a higher app is found, a type-only one is not."""
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "import workplace.admin\n"
        "if TYPE_CHECKING:\n"
        "    from api import views\n"
    )
    assert runtime_imports(tree) == {"typing", "workplace"}
