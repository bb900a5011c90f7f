"""Settings, read from the environment (see README "Configuration")."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def cache_from_url(url: str) -> dict:
    """A CACHES entry from CACHE_URL: redis://host:port/db, or locmem:// (the default)."""
    if not url or url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if urlparse(url).scheme in {"redis", "rediss", "unix"}:
        # Django's Redis cache, degrading to "no cache" while Redis is unreachable (foundation/cache_backend.py).
        return {"BACKEND": "foundation.cache_backend.ResilientRedisCache", "LOCATION": url}
    raise ImproperlyConfigured(f"CACHE_URL scheme not supported: {url!r}")


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Translations of the reference records (before the admin, as it requires).
    "modeltranslation",
    # Django's admin, with the editorial desk as its home page.
    "desk.apps.DeskAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "import_export",
    "axes",
    "django_countries",
    "foundation.reference",
    "cases",
    "surveys",
    "indicators",
    "resources",
    "proposals",
    "desk",
    "observatoire",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "foundation.csp.AdminCspMiddleware",
    # NUL characters answered 400/404 before anything (cache, session, view) queries with them.
    "foundation.middleware.RejectControlCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages from the shared cache, before any session work (see foundation/cache.py).
    "foundation.cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of a page is in its URL (French unprefixed, English under /en/: observatoire/urls.py).
    "django.middleware.locale.LocaleMiddleware",
    # The API's follows Accept-Language instead (foundation/languages.py).
    "foundation.languages.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "foundation.middleware.ApiCorsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "observatoire.urls"
WSGI_APPLICATION = "observatoire.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "observatoire.context_processors.site_urls",
                "observatoire.context_processors.languages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The site's queries are short; JIT compilation only adds to them (and doubles bulk reindexing).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", ""))}
# Pages served to anonymous visitors are cached this many seconds (0 turns it off).
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 60)
# Aggregates that change only with the content (the home page's totals, the facets of the unfiltered
# list, the survey panel of a case page) are kept in the cache until the next edit (foundation.cache).
CONTENT_CACHE = env_bool("CONTENT_CACHE", True)

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The reference records' English (docs/english-content.md): French is the source, required, and what an empty
# English value falls back to; a record created with `name=` gets it as its French.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr",)
MODELTRANSLATION_AUTO_POPULATE = "default"
# A case or an organisation is in France unless a curator says otherwise (ISO 3166-1 alpha-2).
COUNTRIES_FIRST = ["FR"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Written files: the open-data dump (observatoire/opendata.py), the photos and documents of cases
# (cases/media), through the default storage. Several instances must share this folder (a shared volume),
# or use an S3-compatible bucket (S3_BUCKET). No URL serves MEDIA_ROOT as such: the views that serve these
# files check who may see them, and the web server must not serve the folder either.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
# What the local storage's `url()` gives (the admin's links to a stored file): the view that serves case
# files, so that such a link goes through its check too.
MEDIA_URL = "/fichiers/"
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            # Unset: boto3 finds credentials itself (its environment variables, an instance role).
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("S3_PREFIX", ""),
            # Files stay private: they are reached only through addresses signed for a few minutes.
            "default_acl": os.environ.get("S3_DEFAULT_ACL", "private") or None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
# Case files are answered with a redirect to a short-lived signed address of the bucket (rather than
# streamed through the application) when the default storage is S3.
CASE_FILES_SIGNED_URLS = env_bool("CASE_FILES_SIGNED_URLS", bool(S3_BUCKET))
CASE_FILES_SIGNED_URL_SECONDS = env_int("CASE_FILES_SIGNED_URL_SECONDS", 300)

# Photos and documents of a case (cases/media), checked on every path that adds one (admin, API, proposals).
CASE_IMAGE_MAX_BYTES = env_int("CASE_IMAGE_MAX_BYTES", 8_000_000)
# Pixels of an image, read from its header before it is decoded (a small file may unpack to gigabytes).
CASE_IMAGE_MAX_PIXELS = env_int("CASE_IMAGE_MAX_PIXELS", 40_000_000)
CASE_DOCUMENT_MAX_BYTES = env_int("CASE_DOCUMENT_MAX_BYTES", 15_000_000)
# Photos and documents together, on one case (and so on one proposal).
CASE_FILES_MAX = env_int("CASE_FILES_MAX", 10)

# Exports. The API's CSV gives clients who are not curators at most this many rows, and points to the
# open-data dump of the whole base beyond that.
API_CSV_ANON_MAX_ROWS = env_int("API_CSV_ANON_MAX_ROWS", 1000)
# The longest a dump build may take before another instance may start one (seconds).
OPENDATA_BUILD_TIMEOUT = env_int("OPENDATA_BUILD_TIMEOUT", 900)
# The licence of the observatory's own content (cases, survey figures), stated on /donnees/, in the open-data
# package and catalogue and under every survey chart; empty: "à préciser" (see foundation/licences.py).
CONTENT_LICENCE_NAME = os.environ.get("CONTENT_LICENCE_NAME", "")
CONTENT_LICENCE_URL = os.environ.get("CONTENT_LICENCE_URL", "")
# Who may frame a survey chart's embed page (`/enquetes/…/integrer/`), as CSP `frame-ancestors` sources;
# every other page may be framed by nobody. See docs/opendata.md.
CHART_EMBED_FRAME_ANCESTORS = env_list("CHART_EMBED_FRAME_ANCESTORS", "'self',https:")

# Territory reports as PDF (observatoire/territories/pdf.py): made at most this many at once per machine;
# a request waits this many seconds for its turn before a 503 asks to try again.
REPORT_PDF_CONCURRENCY = env_int("REPORT_PDF_CONCURRENCY", 1)
REPORT_PDF_WAIT_SECONDS = env_int("REPORT_PDF_WAIT_SECONDS", 20)
# Made PDFs are kept in the default storage for their content version (off: made at every request).
REPORT_PDF_STORED = env_bool("REPORT_PDF_STORED", True)

# The editorial desk (the admin's home page): a draft not modified for this many days is listed as dormant.
DESK_STALE_DRAFT_DAYS = env_int("DESK_STALE_DRAFT_DAYS", 90)

# Proposals from the field (/cas/proposer/). The proposer's name and email are erased this many days after
# the curators' decision (or after the submission when no decision was made) by
# `manage.py proposals_purge_contacts`; the consent statement quotes the figure.
PROPOSAL_CONTACT_RETENTION_DAYS = env_int("PROPOSAL_CONTACT_RETENTION_DAYS", 365)
# Submissions accepted per client address (foundation.security.client_address), counted in the shared
# cache so that every instance sees the same count: "<number>/<second|minute|hour|day>".
PROPOSAL_RATE = os.environ.get("PROPOSAL_RATE", "5/hour")
# The site's address, for the links of the emails sent outside a request (a decision, a publication).
SITE_URL = (os.environ.get("SITE_URL") or (CSRF_TRUSTED_ORIGINS[:1] or ["http://127.0.0.1:8000"])[0]).rstrip("/")
# Curators told of each new proposal (comma-separated addresses; none: nobody is told by email).
PROPOSALS_NOTIFY_EMAIL = env_list("PROPOSALS_NOTIFY_EMAIL")

# Email: printed on the console when DEBUG (the demo), sent by SMTP otherwise (the variables below).
EMAIL_BACKEND_PATH = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": EMAIL_BACKEND_PATH,
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "use_ssl": env_bool("EMAIL_USE_SSL", False),
            "timeout": env_int("EMAIL_TIMEOUT", 10),
        }
        if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Observatoire des partenariats <ne-pas-repondre@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "admin:login"

# Security. Production is the default; DEBUG or explicit variables relax it for local use.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Load balancers call the health check on the instance itself, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^sante/$", r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# The proposal form shown again with what was typed, a French page elsewhere, JSON under /api/.
CSRF_FAILURE_VIEW = "observatoire.errors.csrf_failure"

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# With a nonce in style-src, browsers ignore 'unsafe-inline': the admin's policy has none.
SECURE_CSP_ADMIN = {**SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]}

# --- Client addresses, login lockout, health check, error reporting, API tokens -------------------------

# Proxies in front of the application that append the client's address to X-Forwarded-For: the client is
# the address the outermost of them appended (the NUM_PROXIES-th from the right). 0: clients connect
# directly and the header is ignored (anyone can write it). Read by the API's throttling and the login
# lockout (foundation.security.client_address).
NUM_PROXIES = env_int("NUM_PROXIES", 0)

# django-axes: failed logins are counted in the database, shared by every instance.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "foundation.security.LoginAttemptsHandler"
# An account from one address; an address whatever the account, at its own higher limit.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 30)
# 0: locked until an administrator unlocks (manage.py axes_reset…).
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30)) or None
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "foundation.security.client_address"
AXES_LOCKOUT_CALLABLE = "foundation.security.lockout_response"

# Sent in the X-Health-Token header, shows each check's result on /sante/ (staff see them too).
HEALTH_TOKEN = os.environ.get("HEALTH_TOKEN", "")

# Age in days after which an API token is refused (0: never).
API_TOKEN_TTL_DAYS = env_int("API_TOKEN_TTL_DAYS", 90)

SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT") or None,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE") or 0),
        send_default_pii=False,
    )

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "foundation.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "foundation.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "120/minute"),
        "user": os.environ.get("API_THROTTLE_USER", "600/minute"),
        "csv": os.environ.get("API_THROTTLE_CSV", "10/minute"),
    },
    "NUM_PROXIES": NUM_PROXIES,
    # JSON only: the browsable API's templates use inline styles that the CSP forbids; /api/docs/ replaces it.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    # Marked for translation: the schema is served in English unless `?lang=` asks otherwise (observatoire.api).
    "TITLE": gettext_lazy("Observatoire des partenariats — API"),
    "DESCRIPTION": gettext_lazy(
        "Études de cas d'alliances et résultats d'enquêtes de l'Observatoire des partenariats. Les noms des champs "
        "ne changent pas avec la langue ; les libellés et les messages d'erreur suivent l'en-tête Accept-Language "
        "(français par défaut)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # Several models have a "kind" field: give each choice set its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "QuestionKindEnum": "surveys.models.Question.Kind",
        "SegmentKindEnum": "surveys.models.Segment.Kind",
        "LinkKindEnum": "cases.models.Link.Kind",
        "OrganizationKindEnum": "cases.models.Organization.Kind",
    },
}

IMPORT_EXPORT_USE_TRANSACTIONS = True
# Importing needs the "add" permission of the model, exporting its "view" permission.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Limits of an admin import, checked before the file is parsed (foundation/imports.py).
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 5 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 20_000)
# The longest text of one XLSX cell (a spreadsheet's own limit), checked before the cells are loaded.
IMPORT_MAX_CELL_CHARS = env_int("IMPORT_MAX_CELL_CHARS", 32_767)
# How long an upload waits for its preview to be confirmed before it is removed.
IMPORT_TMP_MAX_AGE = env_int("IMPORT_TMP_MAX_AGE", 3600)
IMPORT_EXPORT_TMP_STORAGE_CLASS = "foundation.imports.ExpiringTempFolderStorage"
# Not IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT: it deletes the leading "=", so an exported file would not
# import back as it was; the admin escapes with foundation.spreadsheets instead, like the API's CSV.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
