"""Where the source data lives and where built artefacts go.

- Data: ``--data-dir``, else ``$HANOI_DATA_DIR``, else the ``data/`` folder shipped with the code
  (the repository's ``data/`` in a checkout, ``geodata/data`` inside an installed wheel).
- Cache: ``--cache-dir``, else ``$HANOI_CACHE_DIR``, else ``.cache/`` in a checkout, or the user's
  cache folder (platformdirs) when installed, so nothing is ever written into site-packages.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
DATA_DIR_ENV = "HANOI_DATA_DIR"
CACHE_DIR_ENV = "HANOI_CACHE_DIR"
APP_NAME = "hanoi-map"


def in_checkout() -> bool:
    """True when running from a source checkout (editable install or plain clone)."""
    return (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "geodata").is_dir()


def bundled_data_dir() -> Path:
    """The data folder shipped with the code: ``geodata/data`` when installed, else ``data/``."""
    installed = PACKAGE_DIR / "data"
    return installed if installed.is_dir() else PROJECT_ROOT / "data"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The source data folder: explicit override, then ``$HANOI_DATA_DIR``, then the bundled one."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    return Path(chosen).expanduser().resolve() if chosen else bundled_data_dir()


def cache_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder for built artefacts (created if missing)."""
    chosen = override or os.environ.get(CACHE_DIR_ENV)
    if chosen:
        path = Path(chosen).expanduser()
    elif in_checkout():
        path = PROJECT_ROOT / ".cache"
    else:
        path = Path(platformdirs.user_cache_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path
