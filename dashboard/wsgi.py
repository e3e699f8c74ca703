"""WSGI entry point for production: `gunicorn -c python:dashboard.web.gunicorn_conf
dashboard.wsgi:server`.

Data and cache folders come from $HANOI_DATA_DIR and $HANOI_CACHE_DIR (see README).
"""

from __future__ import annotations

from dashboard.app import create_app

app = create_app()
server = app.server
