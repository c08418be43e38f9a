"""The layering of the code, read from its imports: what may use what, and no circles.

- `ui/` and `app.py` use only the engine's public names (`from scheduler import NAME`, NAME in
  `scheduler.__all__`);
- `scheduler/solver/` is the only importer of OR-Tools;
- the verifier shares no code with the solver: neither imports the other, nor what the other has of
  its own (the time axis, travel times, rule 5's predicate), except the one allowed edge below;
- `scheduler/export/` and `scheduler/io/` never reach the solver;
- nothing in `scheduler/` imports Streamlit;
- no import circles in `scheduler/` and `ui/`, and at most 16 modules directly in `scheduler/`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

import scheduler

ROOT = Path(__file__).resolve().parent.parent
# The solver re-checks every schedule it returns with the independent verifier: the one edge from the
# solver to the verifier, and none goes the other way.
ALLOWED_SOLVER_TO_VERIFY = ("scheduler.solver.outcome", "scheduler.verify")
# What the solver has of its own, which the verifier must compute for itself.
SOLVER_SIDE = ("scheduler.solver", "scheduler.timeaxis", "scheduler.travel", "scheduler.interpretation")
ENTRY_PACKAGES = ("validate", "verify", "generate", "languages", "export", "io", "store", "solver")


@dataclass(frozen=True)
class Import:
    module: str  # the module or package imported from, absolute
    name: str | None  # the name taken from it (None for `import module`)
    line: int


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(name: str, path: Path) -> list[Import]:
    """Every import in module `name` (its file at `path`), at any depth: a function's lazy import counts."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [Import(alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([module] if module else [])])
            found += [Import(module, alias.name, node.lineno) for alias in node.names]
    return found


def own_modules() -> dict[str, Path]:
    paths = [*(ROOT / "scheduler").rglob("*.py"), *(ROOT / "ui").rglob("*.py"), ROOT / "app.py"]
    return {module_name(path): path for path in paths}


def edges(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the project modules it imports (`from package import submodule` names the submodule)."""
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for found in imports_of(name, path):
            submodule = f"{found.module}.{found.name}"
            target = submodule if found.name and submodule in modules else found.module
            if target in modules and target != name:
                targets.add(target)
        graph[name] = targets
    return graph


def reached(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for target in graph[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def inside(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


# --- the checks, as functions of the modules, so that a test can feed them a bad import -------------


def ui_reaching_past_the_front_door(modules: dict[str, Path]) -> list[str]:
    public = set(scheduler.__all__)
    wrong = []
    for name, path in modules.items():
        if not (inside(name, "ui") or name == "app"):
            continue
        for found in imports_of(name, path):
            if not inside(found.module, "scheduler"):
                continue
            if found.module != "scheduler" or found.name not in public:
                what = f"from {found.module} import {found.name}" if found.name else f"import {found.module}"
                wrong.append(f"{name}:{found.line}: {what}")
    return wrong


def layering_breaks(modules: dict[str, Path]) -> list[str]:
    graph = edges(modules)
    breaks = []
    for name, path in modules.items():
        for found in imports_of(name, path):
            top = found.module.split(".")[0]
            if top == "ortools" and not inside(name, "scheduler.solver"):
                breaks.append(f"{name} imports OR-Tools, which only scheduler.solver may")
            if top == "streamlit" and inside(name, "scheduler"):
                breaks.append(f"{name} imports Streamlit")
    for name in graph:
        if inside(name, "scheduler.verify"):
            mixed = sorted(t for t in reached(graph, name) if any(inside(t, side) for side in SOLVER_SIDE))
            breaks += [f"{name} reaches {target}, the solver's own" for target in mixed]
        if inside(name, "scheduler.solver"):
            for target in graph[name]:
                if inside(target, "scheduler.verify") and (name, target) != ALLOWED_SOLVER_TO_VERIFY:
                    breaks.append(f"{name} imports {target}; only the solver's final check may")
        if inside(name, "scheduler.export") or inside(name, "scheduler.io"):
            solver = sorted(t for t in reached(graph, name) if inside(t, "scheduler.solver"))
            breaks += [f"{name} reaches {target}" for target in solver]
    return breaks


# --- the tests --------------------------------------------------------------------------------------


def test_the_ui_uses_only_the_engines_public_names():
    assert ui_reaching_past_the_front_door(own_modules()) == []


def test_every_public_name_exists():
    for name in scheduler.__all__:
        assert getattr(scheduler, name) is not None, name


def test_the_layers_hold():
    assert layering_breaks(own_modules()) == []


def test_the_solver_reaches_the_verifier_by_the_one_allowed_edge_only():
    graph = edges(own_modules())
    solver, verify = ALLOWED_SOLVER_TO_VERIFY
    assert verify in graph[solver], "the solver no longer re-checks its schedules: update the allowed edge"


def test_there_are_no_import_circles():
    assert circles(edges(own_modules())) == []


def test_at_most_sixteen_modules_stay_directly_in_scheduler():
    flat = sorted(path.name for path in (ROOT / "scheduler").glob("*.py"))
    assert len(flat) <= 16, flat


@pytest.mark.parametrize("package", ENTRY_PACKAGES)
def test_each_package_says_what_it_offers(package):
    init = ROOT / "scheduler" / package / "__init__.py"
    tree = ast.parse(init.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"scheduler/{package}/__init__.py has no docstring"
    names = [
        t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets if hasattr(t, "id")
    ]
    assert "__all__" in names, f"scheduler/{package}/__init__.py names no entry point (__all__)"


# --- the checks themselves catch what they are for ---------------------------------------------------


def with_file(tmp_path: Path, relative: str, text: str) -> dict[str, Path]:
    """The project's modules, with one more file (written under tmp_path, named as if in the project)."""
    modules = own_modules()
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    name = relative.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
    modules[name] = path
    return modules


@pytest.mark.parametrize(
    ("relative", "text", "check"),
    [
        ("ui/bad.py", "from scheduler.io.plan_json import plan_to_data\n", ui_reaching_past_the_front_door),
        ("ui/bad.py", "def f():\n    import scheduler.solver\n", ui_reaching_past_the_front_door),
        ("scheduler/export/bad.py", "from scheduler.solver import greedy\n", layering_breaks),
        ("scheduler/io/bad.py", "import ortools.sat.python.cp_model\n", layering_breaks),
        ("scheduler/verify/bad.py", "from scheduler.timeaxis import plan_axis\n", layering_breaks),
        (
            "scheduler/verify/bad.py",
            "from scheduler.interpretation import needs_interpreter\n",
            layering_breaks,
        ),
        ("scheduler/solver/bad.py", "from scheduler.verify.clock import merged\n", layering_breaks),
        ("scheduler/bad.py", "import streamlit as st\n", layering_breaks),
    ],
)
def test_a_bad_import_is_caught(tmp_path, relative, text, check):
    assert check(with_file(tmp_path, relative, text))


def test_a_circle_is_caught():
    modules = own_modules()
    graph = edges(modules)
    graph["scheduler.model"] = graph["scheduler.model"] | {"scheduler.validate.plan"}
    assert any("scheduler.model" in circle for circle in circles(graph))
