"""The module graph of casetrack: no import cycle between its modules or its feature packages.

Only module-level imports count (an import inside a function runs late and is the way out of
a cycle, not a cycle); imports under ``if TYPE_CHECKING:`` never run and do not count either.
Also: views go through the handler layer, modules stay under the size limit, and only the
demo's own tests read the demo database.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "casetrack"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "node_modules" in path.parts:
            continue
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _module_level_imports(body: list[ast.stmt]):
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                yield from _module_level_imports(node.body)
                yield from _module_level_imports(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody, *[h.body for h in node.handlers]):
                yield from _module_level_imports(block)


def _imported(name: str, path: Path, node: ast.Import | ast.ImportFrom, modules) -> list[str]:
    """The casetrack modules one import statement of module ``name`` loads."""
    if isinstance(node, ast.Import):
        targets = [alias.name for alias in node.names]
    else:
        if node.level:
            base = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
            base = base[: len(base) - (node.level - 1)]
            source = ".".join([*base, *([node.module] if node.module else [])])
        else:
            source = node.module or ""
        targets = [
            f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source
            for alias in node.names
        ]
    found = []
    for target in targets:
        while target and target not in modules:
            target = target.rpartition(".")[0]
        if target and target != name:
            found.append(target)
    return found


def import_graph() -> nx.DiGraph:
    """Module → module it imports at module level, for every module of casetrack."""
    modules = _modules()
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        for node in _module_level_imports(ast.parse(path.read_text(encoding="utf-8")).body):
            for target in _imported(name, path, node, modules):
                graph.add_edge(name, target)
    return graph


def package_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """The same edges between ``casetrack.<feature>`` packages (top-level modules stand alone)."""
    packages = nx.DiGraph()
    for a, b in graph.edges:
        pa, pb = ".".join(a.split(".")[:2]), ".".join(b.split(".")[:2])
        if pa != pb:
            packages.add_edge(pa, pb)
    return packages


def test_the_graph_sees_the_package():
    graph = import_graph()
    assert {"casetrack", "casetrack.access", "casetrack.mla.lifecycle"} <= set(graph.nodes)
    # A known edge, so that an empty graph cannot pass the tests below.
    assert graph.has_edge("casetrack.mla.lifecycle", "casetrack.access")


def test_no_import_cycle_between_modules():
    cycles = sorted(" -> ".join(c) for c in nx.simple_cycles(import_graph()))
    assert cycles == []


def test_no_import_cycle_between_feature_packages():
    packages = package_graph(import_graph())
    tangled = sorted(sorted(c) for c in nx.strongly_connected_components(packages) if len(c) > 1)
    assert tangled == []


def test_a_cycle_is_found_when_there_is_one():
    graph = nx.DiGraph([("casetrack.a", "casetrack.b.views"), ("casetrack.b.views", "casetrack.a")])
    assert list(nx.simple_cycles(graph))
    assert len(max(nx.strongly_connected_components(package_graph(graph)), key=len)) == 2


def test_no_blueprint_package_imports_its_views():
    """A feature's blueprint lives in blueprint.py; ``__init__`` never imports the views."""
    graph = import_graph()
    for name in graph.nodes:
        if name.endswith(".blueprint"):
            package = name.rpartition(".")[0]
            assert not graph.has_edge(package, f"{package}.views"), package
            assert not any(t.startswith(f"{package}.") for t in graph.successors(name)), name


# --- the request-handler layer --------------------------------------------------------------

#: Modules that answer HTTP requests: every page view and every API endpoint.
HANDLER_MODULES = sorted(
    {
        *PACKAGE.glob("*/views.py"),
        *PACKAGE.glob("*/*_views.py"),
        *(p for p in PACKAGE.glob("api/*.py") if p.name != "__init__.py"),
    }
)

#: The one module that commits in steps, with why: a sign-in attempt is counted and committed
#: before the password or code is looked at, so that every worker sees it (SPEC §security);
#: the user it loads is the one the session's pending sign-in names, not a URL's record.
STEPWISE = {PACKAGE / "auth" / "views.py"}

_LOADERS = {"get_or_404", "visible", "visible_link", "visible_hit", "load_request"}


def _hand_written(tree: ast.AST) -> list[str]:
    """Commits, rollbacks and loads by id written in a handler module, as ``line: what``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name, owner = node.func.attr, node.func.value
            owner_text = ast.unparse(owner)
            if name in {"commit", "rollback"} and owner_text.endswith("session"):
                found.append(f"{node.lineno}: {owner_text}.{name}()")
            elif name == "get" and owner_text.endswith("session"):
                found.append(f"{node.lineno}: {owner_text}.get(…)")
            elif name in _LOADERS:
                found.append(f"{node.lineno}: {owner_text}.{name}(…) called by hand")
            elif name == "load" and owner_text.endswith("queries"):
                found.append(f"{node.lineno}: {owner_text}.load(…) called by hand")
        if isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute):
            # ``Model.id == <input>`` in a query: a load by id that skips access's 404.
            left = node.left
            if (
                left.attr == "id"
                and isinstance(left.value, ast.Name)
                and left.value.id[:1].isupper()
                and any(isinstance(op, ast.Eq) for op in node.ops)
            ):
                found.append(f"{node.lineno}: {ast.unparse(node)}")
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            caught = ast.unparse(node.type)
            if "StaleDataError" in caught:
                found.append(f"{node.lineno}: except {caught}")
    return found


def test_views_and_api_go_through_the_handler_layer():
    """No view or API endpoint commits, rolls back or loads a record by id itself: it uses
    casetrack.handlers (loads/load/find → submit/perform/api_call)."""
    assert len(HANDLER_MODULES) > 20
    offending = {}
    for path in HANDLER_MODULES:
        if path in STEPWISE:
            continue
        found = _hand_written(ast.parse(path.read_text(encoding="utf-8")))
        if found:
            offending[str(path.relative_to(PACKAGE))] = found
    assert offending == {}


def test_the_handler_check_sees_what_it_forbids():
    """The check above would catch each kind of hand-written boilerplate."""
    source = """
def view(case_id):
    case = access.get_or_404(db.session, Case, current_user, case_id)
    other = db.session.get(Office, 3)
    row = db.session.scalar(select(Party).where(Party.id == case_id))
    req = queries.load(db.session, current_user, case_id)
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
"""
    found = sorted(_hand_written(ast.parse(source)), key=lambda line: int(line.split(":")[0]))
    assert found == [
        "3: access.get_or_404(…) called by hand",
        "4: db.session.get(…)",
        "5: Party.id == case_id",
        "6: queries.load(…) called by hand",
        "8: db.session.commit()",
        "9: except StaleDataError",
        "10: db.session.rollback()",
    ]


# --- module size ----------------------------------------------------------------------------

#: A module with logic stays within this many lines; past it, split it by responsibility.
MAX_MODULE_LINES = 400

#: The modules allowed past the limit, each with why. An entry goes when its module shrinks
#: (``test_the_size_allowlist_is_current``).
LONG_MODULES = {
    "reference_data.py": "pure data: countries, offices, assistance types, refusal grounds",
    "treaties/data.py": "the treaty law as a table, one source per fact; its few helpers "
    "(_fact, _req, …) only build the table's rows",
    "demo.py": "the demo network written out as one story: object literals in order with a few "
    "loops over them, read only by `casetrack demo` and its own tests (tests build their data "
    "with tests/factories.py)",
}
#: Of those, the ones that hold no logic at all: no function or class may appear in them.
PURE_DATA = {"reference_data.py"}


def _module_lines() -> dict[str, int]:
    return {
        str(path.relative_to(PACKAGE)): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
        if "node_modules" not in path.parts
    }


def _too_long(lines: dict[str, int]) -> dict[str, int]:
    return {
        name: count
        for name, count in lines.items()
        if count > MAX_MODULE_LINES and name not in LONG_MODULES
    }


def test_no_module_with_logic_passes_the_size_limit():
    """Every module of casetrack is within MAX_MODULE_LINES, or allowed with a reason."""
    lines = _module_lines()
    assert len(lines) > 100
    assert _too_long(lines) == {}


def test_the_size_check_sees_a_long_module():
    lines = {"mla/queries.py": 401, "mla/views.py": 400, "demo.py": 900}
    assert _too_long(lines) == {"mla/queries.py": 401}


def test_the_size_allowlist_is_current():
    """Each allowed module exists and still needs its allowance; a pure-data one has no logic."""
    lines = _module_lines()
    assert {name: lines.get(name, 0) > MAX_MODULE_LINES for name in LONG_MODULES} == {
        name: True for name in LONG_MODULES
    }
    for name in PURE_DATA:
        tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
        logic = [
            node.name
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        ]
        assert logic == [], name


#: The fixtures that stand on the demo database (tests/conftest.py).
DEMO_FIXTURES = frozenset({"demo_app", "login_as", "api_as", "english_ui"})
TESTS = Path(__file__).resolve().parent


def _is_demo_module(path: Path) -> bool:
    return path.name == "test_cli_and_demo.py" or path.name.startswith("test_demo_")


def demo_fixture_uses(source: str) -> list[str]:
    """The tests and fixtures of a module that ask for a demo fixture, by name."""
    tree = ast.parse(source)

    def is_fixture(node: ast.FunctionDef) -> bool:
        return any("fixture" in ast.unparse(d) for d in node.decorator_list)

    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
    own = {n.name for n in functions if is_fixture(n)}
    found = []
    for node in functions:
        if not (node.name.startswith("test_") or is_fixture(node)):
            continue
        asked = {a.arg for a in node.args.args}
        for decorator in node.decorator_list:
            text = ast.unparse(decorator)
            if "usefixtures" in text:
                asked |= {name for name in DEMO_FIXTURES if repr(name) in text}
        if (asked & DEMO_FIXTURES) - own:
            found.append(node.name)
    return found


def test_the_demo_is_used_only_by_its_own_tests():
    """Tests build what they rely on (tests/factories.py on directory_app); only the demo's
    own modules read the demo database, so that changing the demo breaks no other test."""
    offenders = {
        path.name: uses
        for path in sorted(TESTS.glob("test_*.py"))
        if not _is_demo_module(path) and (uses := demo_fixture_uses(path.read_text()))
    }
    assert offenders == {}


def test_the_demo_check_sees_a_test_on_the_demo():
    source = (
        "import pytest\n"
        "@pytest.fixture\ndef mine(directory_app): ...\n"
        "def test_a(directory_app, mine): ...\n"
        "def test_b(demo_app): ...\n"
        "@pytest.mark.usefixtures('english_ui')\ndef test_c(people): ...\n"
        "@pytest.fixture\ndef built(login_as): ...\n"
    )
    assert demo_fixture_uses(source) == ["test_b", "test_c", "built"]


def own_people_fixture(source: str) -> bool:
    """Whether a module defines a ``people`` fixture of its own beside the shared
    ``directory_app``, whose snapshot already holds the shared people (tests/conftest.py)."""
    tree = ast.parse(source)
    defined = {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and any("fixture" in ast.unparse(d) for d in node.decorator_list)
    }
    return "people" in defined and "directory_app" not in defined


def test_a_module_with_its_own_people_has_its_own_snapshot():
    """Another ``people`` on the shared ``directory_app`` would make a second set of users
    beside the snapshot's; such a module uses ``snapshot_fixtures`` (which defines both)."""
    offenders = [
        path.name
        for path in sorted(TESTS.glob("test_*.py"))
        if own_people_fixture(path.read_text())
    ]
    assert offenders == []


def test_the_people_check_sees_a_second_set_of_people():
    mine = "import pytest\n@pytest.fixture\ndef people(directory_app): ...\n"
    assert own_people_fixture(mine)
    assert not own_people_fixture("world, directory_app, people = snapshot_fixtures(build)\n")


# -- one clock -------------------------------------------------------------------------------

#: Modules that may read the system clock themselves: the clock, and the one-time codes, which
#: must match the real time of the user's authenticator app, whatever casetrack's clock says.
REAL_CLOCK_READERS = {"casetrack.clock", "casetrack.auth.totp"}


def _clock_reads(tree: ast.AST) -> list[str]:
    """``date.today()``, ``datetime.now()``/``utcnow()`` and ``time.time()`` calls in ``tree``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.id if isinstance(owner, ast.Name) else None
            if (name, node.func.attr) in {
                ("date", "today"),
                ("datetime", "now"),
                ("datetime", "utcnow"),
                ("datetime", "today"),
                ("time", "time"),
            }:
                found.append(f"{name}.{node.func.attr}() line {node.lineno}")
    return found


def test_every_module_asks_the_one_clock():
    offenders = {
        name: reads
        for name, path in _modules().items()
        if name not in REAL_CLOCK_READERS
        and (reads := _clock_reads(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert offenders == {}


def test_the_clock_check_sees_a_direct_read():
    tree = ast.parse("from datetime import date\ndef f():\n    return date.today()\n")
    assert _clock_reads(tree) == ["date.today() line 3"]
