"""Superset's configuration for the giamsat dashboards (SUPERSET_CONFIG_PATH points here).

Values that differ per machine come from pipelines/settings.py, the project's one reader of the environment
(it is stdlib-only, so Superset's own virtual environment can import it).
"""

from pipelines.settings import load_settings, load_superset_settings

_settings = load_settings()
_superset = load_superset_settings(_settings)

SECRET_KEY = _superset.secret_key
SQLALCHEMY_DATABASE_URI = f"sqlite:///{_settings.superset_home / 'superset.db'}"
DATA_DIR = str(_settings.superset_home)

# Vietnamese users: dates as dd/mm/yyyy. Superset ships no Vietnamese translation of its own interface, so the
# interface stays English; every title, label and filter name of ours is Vietnamese.
BABEL_DEFAULT_LOCALE = "en"
LANGUAGES = {}
D3_FORMAT = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " đ"]}
DEFAULT_TIME_FILTER = "No filter"

FEATURE_FLAGS = {
    "DASHBOARD_RBAC": False,
    "ENABLE_TEMPLATE_PROCESSING": False,
    "EMBEDDED_SUPERSET": False,
    "ALERT_REPORTS": False,
}
# Only the warehouse's read-only connection is queried; no uploads, no data-changing SQL.
PREVENT_UNSAFE_DB_CONNECTIONS = True
SQLLAB_CTAS_NO_LIMIT = False
ROW_LEVEL_SECURITY = True
THUMBNAILS = False
TALISMAN_ENABLED = False  # served on 127.0.0.1 only, over plain HTTP
WTF_CSRF_ENABLED = True
WTF_CSRF_EXEMPT_LIST = ["superset.views.core.log", "superset.charts.data.api.data"]
CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}  # each query reads the published copy as it is now
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
RATELIMIT_ENABLED = False  # the tests log in many times in a row
