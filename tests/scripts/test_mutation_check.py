"""scripts/mutation_check.py's hand-written mutants still apply to the code they name."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_hand_written_mutant_finds_its_line_exactly_once():
    spec = importlib.util.spec_from_file_location(
        "mutation_check", ROOT / "scripts/mutation_check.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["mutation_check"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    # A mutant whose text moved away no longer tests anything: it must be rewritten with the code.
    stale = [
        m.name
        for m in module.MUTANTS
        if (ROOT / m.path).read_text(encoding="utf-8").count(m.find) != 1
    ]
    assert stale == []
    missing = [t for m in module.MUTANTS for t in m.tests if not (ROOT / t.split("::")[0]).exists()]
    assert missing == []
