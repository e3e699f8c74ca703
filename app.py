"""Start the dashboard from a checkout: ``python app.py [--data-dir DIR] [--port 8050]``.

The same as the installed ``hanoi-map`` command (``dashboard/cli.py``).
"""

import sys

from dashboard.cli import main

if __name__ == "__main__":
    sys.exit(main())
