"""WSGI entry point for production: `gunicorn -c python:dashboard.web.gunicorn_conf
dashboard.wsgi:server`.

Data and cache folders come from $HANOI_DATA_DIR and $HANOI_CACHE_DIR (see README).
"""

from __future__ import annotations

import gc

from dashboard.app import create_app

app = create_app()
server = app.server
# The data, figures and app built above live as long as the process: move them out of the
# garbage collector's reach, or every full collection walks them again (a 75–100 ms pause in the
# middle of a request). Before gunicorn forks, so the workers also share these pages of memory.
gc.collect()
gc.freeze()
