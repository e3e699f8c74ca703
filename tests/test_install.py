"""`pip install .` gives a package that serves the map, its assets and its data from anywhere."""

import os
import subprocess
import sys
import time
import urllib.request
import zipfile

import pytest

from geodata.locations import PROJECT_ROOT
from tests.e2e.helpers import served_port


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(out),
            str(PROJECT_ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("*.whl")
    return path


def test_wheel_carries_data_assets_and_the_command(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "dashboard/assets/embed-resize.js" in names
    assert "geodata/data/SHA256SUMS" in names
    assert "geodata/data/old_units_lists/LICENSE_dvhcvn" in names
    assert sum(n.startswith("geodata/data/new_units_polygons_2025/") for n in names) >= 127
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "hanoi-map = dashboard.web.cli:main" in text


@pytest.mark.live
def test_installed_package_serves_from_outside_the_clone(wheel, tmp_path):
    target, home = tmp_path / "site", tmp_path / "home"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("HANOI_")}
    # The installed copy comes first on the path; the dependencies come from this venv.
    env.update(PYTHONPATH=str(target), XDG_CACHE_HOME=str(home), HANOI_API_RATE="1000/minute")
    proc = subprocess.Popen(
        [sys.executable, "-m", "dashboard.web.cli", "--port", "0"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{served_port(proc)}"
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=5)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"server did not answer (exit {proc.poll()})")
                time.sleep(0.2)  # polling for the first answer, not waiting a fixed time
        for path in ("/", "/assets/embed-resize.js", "/api/lookup?q=hang%20bai"):
            assert urllib.request.urlopen(base + path, timeout=10).status == 200, path
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert (home / "hanoi-map" / "build" / "manifest.json").is_file()  # user cache folder
    installed = target / "geodata"
    assert not (installed / ".cache").exists() and not (target / ".cache").exists()
