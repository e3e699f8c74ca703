"""No import circle between dashboard/app.py and dashboard/web/ (issue #25): the app is built
from the web modules, so none of them imports the app back, at module level or inside a function.
Only the entry points (cli.py: `hanoi-map`; compress.py: `python -m dashboard.web.compress`) may."""

from __future__ import annotations

import ast
from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "dashboard" / "web"
ENTRY_POINTS = {"cli.py", "compress.py"}


def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
    return out


def test_no_web_module_imports_the_app():
    offenders = {
        path.name: sorted(m for m in _imports(path) if m in ("dashboard.app", "dashboard.wsgi"))
        for path in sorted(WEB.glob("*.py"))
        if path.name not in ENTRY_POINTS
    }
    assert not {k: v for k, v in offenders.items() if v}, offenders
    assert "dashboard.app" in _imports(WEB / "compress.py")  # the check sees such imports
