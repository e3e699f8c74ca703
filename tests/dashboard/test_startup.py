"""The web process starts without what only the build or a map's classes need (issue #25):
scikit-learn (the build's clustering), mapclassify and scipy (imported at the first map)."""

from __future__ import annotations

import subprocess
import sys

from geodata.locations import PROJECT_ROOT

CHECK = """
import sys
from dashboard.app import create_app
app = create_app({data!r}, {cache!r})
app.server.test_client().get("/")
heavy = sorted(m for m in ("sklearn", "scipy", "mapclassify") if m in sys.modules)
print(",".join(heavy))
"""


def test_starting_and_serving_the_page_imports_no_build_or_class_library(
    data_root, cache_root, built
):
    code = CHECK.format(data=str(data_root), cache=str(cache_root))
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "", done.stdout


def test_the_first_map_classes_import_mapclassify_on_demand(app_data):
    from dashboard.model.classify import classify

    classes = classify(app_data.units["pop2025"], "jenks", 5)
    assert classes is not None and classes.k == 5 and "mapclassify" in sys.modules
