"""Great Expectations suites and their runner.

GE 1.x sends usage analytics unless told not to, and this machine has no route out: off before the first import.
"""

import os

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
