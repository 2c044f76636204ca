"""Entry point: `.venv-superset/bin/python dashboards/manage.py setup|import|serve|bundle|add-user`.

Puts the project root (for pipelines/settings.py) and this folder on the path; the work is in giamsat_superset.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from giamsat_superset.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
