"""Start the dashboard from a checkout: ``python app.py [--data-dir DIR] [--port 8050]``.

The same as the installed ``hanoi-map`` command (``dashboard/web/cli.py``).
"""

import sys

from dashboard.web.cli import main

if __name__ == "__main__":
    sys.exit(main())
