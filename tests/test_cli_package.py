"""The ``idg`` command as a package (issue 12): what every verb shares in
``cli/common.py``, one module per topic that registers its verbs, no import
cycle, no ``type: ignore``, no module too long to read; and the help lists
each verb beside its listing."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "idg_desktop"


def _command_modules() -> dict[str, Path]:
    """Every module of the command, old layout (cli.py, cli_*.py) or new (cli/)."""
    files = [PACKAGE / "cli.py", *PACKAGE.glob("cli_*.py"), *(PACKAGE / "cli").glob("*.py")]
    modules = {}
    for path in files:
        if not path.is_file():
            continue
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The command's modules that ``path`` imports (at any depth of its code):
    ``from idg_desktop.cli import plan`` the submodule, ``from idg_desktop.cli
    import main`` the package itself."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in modules}
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                if name in modules:
                    found.add(name)
                elif node.module in modules:
                    found.add(node.module)
    return found


def test_the_command_is_a_package_with_its_common_helpers():
    modules = _command_modules()
    assert "idg_desktop.cli.common" in modules
    assert not (PACKAGE / "cli.py").exists()
    assert not list(PACKAGE.glob("cli_*.py"))
    common = _imports(modules["idg_desktop.cli.common"], modules)
    assert common == set(), f"common.py imports the command's {sorted(common)}"


def test_no_module_of_the_command_imports_it_back_or_in_a_cycle():
    modules = _command_modules()
    graph = {name: _imports(path, modules) - {name} for name, path in modules.items()}
    back = sorted(
        name
        for name, found in graph.items()
        if "idg_desktop.cli" in found and not name.endswith("__main__")
    )
    assert back == [], f"these import the package back: {back}"

    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                cycle = [*trail[trail.index(target) :], target] if target in trail else [target]
                pytest.fail(f"import cycle: {' -> '.join(cycle)}")
            if target not in state:
                visit(target, [*trail, target])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


def test_no_type_ignore_and_no_module_over_400_lines():
    for name, path in _command_modules().items():
        text = path.read_text(encoding="utf-8")
        assert "type: ignore" not in text, name
        assert len(text.splitlines()) <= 400, f"{name}: {len(text.splitlines())} lines"


def test_each_verb_sits_beside_its_listing_in_the_help(idg):
    usage = idg("--help").out
    verbs = re.findall(r"^    ([a-z]+)\b", usage, flags=re.MULTILINE)
    for one, many in (
        ("participant", "participants"),
        ("group", "groups"),
        ("finding", "findings"),
        ("document", "documents"),
        ("session", "sessions"),
        ("activity", "activities"),
        ("kpi", "kpis"),
    ):
        assert verbs.index(many) == verbs.index(one) + 1, (one, many, verbs)


@pytest.mark.parametrize(
    ("verb", "missing"),
    [
        ("participant", "ACTION"),
        ("group", "ACTION"),
        ("finding", "ACTION"),
        ("document", "ACTION"),
        ("session", "ACTION"),
        ("tor", "ACTION"),
        ("question", "ACTION"),
        ("step", "ACTION"),
        ("package", "ACTION"),
        ("template", "ACTION"),
        ("conflict", "ACTION"),
        ("activity", "ACTION"),
        ("outcome", "ACTION"),
        ("output", "ACTION"),
        ("kpi", "ACTION"),
        ("export", "FORMAT"),
        ("import", "FORMAT"),
    ],
)
def test_a_verb_of_actions_without_one_is_a_one_line_refusal(idg, verb, missing):
    done = idg(verb)
    assert done.code == 2
    assert done.out == ""
    assert done.err == (
        f"idg: the following arguments are required: {missing} (see 'idg {verb} --help').\n"
    )


def test_python_dash_m_runs_the_command():
    done = subprocess.run(
        [sys.executable, "-m", "idg_desktop.cli", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("IDG Workshop ")
