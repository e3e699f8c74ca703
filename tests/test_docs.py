"""The README and docs/ as a newcomer reads them: short README, no dead links, no cited file that
is not in the repository (a renamed test or module must take its documentation with it)."""

from __future__ import annotations

import glob
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README_MAX_LINES = 250
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# [text](target) and ![alt](target); the target ends at the first space or closing parenthesis.
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
# A path of this repository written as code: `tests/geodata/test_overlay.py::test_name`.
TOP_DIRS = ("tests/", "geodata/", "dashboard/", "benchmarks/", "scripts/", "deploy/", "assets/")
TOP_DIRS += ("data/", "docs/", "frontend/", ".ci/")
CODE_PATH = re.compile(r"`((?:" + "|".join(re.escape(d) for d in TOP_DIRS) + r")[^`\s]*)`")


def _prose(path: Path) -> str:
    """The file's text outside fenced code blocks (examples there are not links)."""
    out, fenced = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if not fenced:
            out.append(line)
    return "\n".join(out)


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"`|\*\*", "", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    return {_slug(m.group(1)) for m in re.finditer(r"^#+\s+(.+)$", _prose(path), re.M)}


def _links(path: Path) -> list[str]:
    return [m.group(1) for m in LINK.finditer(_prose(path))]


def broken_links(path: Path) -> list[str]:
    """Relative links of ``path`` whose file, or heading anchor in a Markdown file, is missing."""
    broken = []
    for target in _links(path):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto: …: not ours to check
            continue
        file_part, _, anchor = target.partition("#")
        dest = (path.parent / file_part).resolve() if file_part else path
        if not dest.exists():
            broken.append(f"{target} (no such file)")
        elif anchor and dest.suffix == ".md" and anchor not in _anchors(dest):
            broken.append(f"{target} (no heading #{anchor} in {dest.name})")
    return broken


def missing_paths(path: Path) -> list[str]:
    """Repository paths cited as code (`tests/…`, `geodata/….py::test_x`) that do not exist."""
    missing = []
    for cited in CODE_PATH.findall(_prose(path)):
        name, _, test = cited.partition("::")
        name = name.rstrip(".,;:")
        if any(c in name for c in "<>{}…|"):  # a pattern (`/og/unit/<code>.png`), not a path
            continue
        found = glob.glob(str(ROOT / name)) if "*" in name else [str(ROOT / name)]
        if not found or not Path(found[0]).exists():
            missing.append(cited)
        elif test and not re.search(rf"def {re.escape(test)}\b", Path(found[0]).read_text()):
            missing.append(f"{cited} (no such test)")
    return missing


def test_readme_is_short():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").count("\n")
    assert lines <= README_MAX_LINES, f"README.md has {lines} lines: move detail to docs/"


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_relative_links_resolve(path):
    assert broken_links(path) == []


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_cited_repository_paths_exist(path):
    assert missing_paths(path) == []


def test_the_checks_catch_what_they_are_for(tmp_path):
    """A dead link, a dead anchor and a missing test path are reported; code blocks are not."""
    (tmp_path / "other.md").write_text("# Lean plotly.js\n", encoding="utf-8")
    doc = tmp_path / "doc.md"
    doc.write_text(
        "[ok](other.md#lean-plotlyjs) [gone](nowhere.md) [bad anchor](other.md#missing)\n"
        "[web](https://example.org/x) `tests/test_nothing_here.py` `tests/test_docs.py`\n"
        "`tests/test_docs.py::test_no_such_test` `/og/unit/<code>.png`\n"
        "```\n[in code](not-checked.md)\n```\n",
        encoding="utf-8",
    )
    assert broken_links(doc) == [
        "nowhere.md (no such file)",
        "other.md#missing (no heading #missing in other.md)",
    ]
    assert missing_paths(doc) == [
        "tests/test_nothing_here.py",
        "tests/test_docs.py::test_no_such_test (no such test)",
    ]


def settings_in_code() -> set[str]:
    """Every environment variable the app, the pipeline, gunicorn or serve-nginx.sh reads."""
    names: set[str] = set()
    for path in [*ROOT.glob("dashboard/**/*.py"), *ROOT.glob("geodata/**/*.py")]:
        text = path.read_text(encoding="utf-8")
        names |= set(
            re.findall(r"os\.environ\.(?:get|setdefault)\(\s*['\"]([A-Z][A-Z0-9_]+)", text)
        )
        names |= set(re.findall(r"^[A-Z_]+_ENV\s*=\s*['\"]([A-Z][A-Z0-9_]+)['\"]", text, re.M))
    shell = (ROOT / "deploy" / "serve-nginx.sh").read_text(encoding="utf-8")
    names |= set(re.findall(r"\$\{([A-Z][A-Z0-9_]+):-", shell))
    return names


def test_every_setting_is_in_the_readme_table():
    """A new environment variable must get its row in the README's settings table."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = "\n".join(line for line in readme.splitlines() if line.startswith("| `"))
    found = settings_in_code()
    assert {"HANOI_PUBLIC_URL", "WEB_CONCURRENCY", "LISTEN", "HANOI_DATA_DIR"} <= found
    assert sorted(n for n in found if f"`{n}`" not in rows) == []
