"""One settings module, read from the environment.

HWS_ENV=development (the default) gives a safe local run: SQLite, a Celery broker on the
filesystem, email on the console (the folders under var/ are made by dev.py, or by what uses
them; importing settings creates nothing). HWS_ENV=production refuses to start without a real
SECRET_KEY, DATABASE_URL and REDIS_URL, turns on every transport-security setting that
`check --deploy` asks for, logs JSON lines, and sends errors to Sentry when SENTRY_DSN is set.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

HWS_ENV = env.str("HWS_ENV", default="development")
if HWS_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("HWS_ENV must be 'development' or 'production'.")
PRODUCTION = HWS_ENV == "production"

DEBUG = env.bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")

_DEV_SECRET_KEY = "insecure-local-development-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default="" if PRODUCTION else _DEV_SECRET_KEY)
if PRODUCTION and (len(SECRET_KEY) < 50 or SECRET_KEY == _DEV_SECRET_KEY):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random value of 50 or more characters in production, e.g. "
        "python -c \"import secrets; print(secrets.token_urlsafe(64))\""
    )

# No quiet fallback in production to a SQLite file and a broker on the filesystem.
_MISSING = [name for name in ("DATABASE_URL", "REDIS_URL") if PRODUCTION and not env.str(name, "")]
if _MISSING:
    raise ImproperlyConfigured(
        f"Set {' and '.join(_MISSING)} in production: the database is PostgreSQL "
        "(postgres://user:password@host:5432/name) and Celery and the cache use Redis "
        "(redis://host:6379/0)."
    )

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://localhost:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_celery_beat",
    "core",
    # The order of the apps below is the order of their parts in the navigation, on the home
    # page and in the demo data (core.registry, seed_demo).
    "moderation",
    "escalations",
    "safeguarding",
    "policies",
    "experiences",
    "reports",
    "privacy",
    "agreements",
    "optins",
    "accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "core.middleware.RequestContextMiddleware",
    "accounts.middleware.IdleSignOutMiddleware",
    "accounts.middleware.ApprovalRequiredMiddleware",
    "accounts.middleware.MFARequiredMiddleware",
]

ROOT_URLCONF = "hws_engage.urls"
WSGI_APPLICATION = "hws_engage.wsgi.application"

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
                "hws_engage.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'hws_engage.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process, the worker and beat share one file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # allauth keeps its rate-limit counters in the cache: every process must see the same ones.
    # While Redis is down the cache falls back to process memory (core.cache) so that signing
    # in still works; short timeouts keep a vanished Redis from holding a request.
    CACHES = {
        "default": {
            "BACKEND": "core.cache.FallbackRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "hws",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[HWS Engage] "
# How many proxies we run in front of gunicorn (the compose file's Caddy: 1). The client's address
# is the X-Forwarded-For entry the outermost of them added; 0 ignores the header. One setting for
# allauth's rate limits, the audit trail and signature evidence (core.http.client_ip).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "10/h/ip",
    "reset_password": "5/h/ip,3/h/key",
    "confirm_email": "1/3m/key",
}
# Passkeys (WebAuthn: a fingerprint, face or security key) beside the authenticator app;
# a passkey may also be used to sign in without a password.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "HWS Engage"
MFA_ADAPTER = "accounts.mfa_adapter.MFAAdapter"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
try:
    import xstatic.pkg.bootstrap as _bootstrap
except ImportError:  # pragma: no cover - the lock file always installs it
    pass
else:
    STATICFILES_DIRS.append(("vendor/bootstrap", _bootstrap.BASE_DIR))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "media/"
# Uploads are CSV exports, screenshots and emails: nothing legitimate comes near this size.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Email: Django 6.1 configures delivery through MAILERS.
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="HWS Engage <engage@healthwatchsutton.org.uk>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if PRODUCTION or env.str("EMAIL_HOST", default=""):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env.str("EMAIL_HOST", default="localhost"),
                "port": env.int("EMAIL_PORT", default=587),
                "username": env.str("EMAIL_HOST_USER", default="") or None,
                "password": env.str("EMAIL_HOST_PASSWORD", default="") or None,
                "use_tls": env.bool("EMAIL_USE_TLS", default=True),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "core.mail.ReadableConsoleBackend"}}

# Content Security Policy: nothing inline, nothing from elsewhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Celery: Redis when REDIS_URL is set; otherwise a broker on the filesystem, so a single
# machine needs no server at all.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # A task a worker took but never acknowledged (acks_late) goes back to the queue after
        # this long; it must outlast the longest wait of a task held for later (a platform
        # action's retry backs off up to 30 minutes), or that task would run twice. A delivery
        # whose worker died does not wait for it: the every-minute sweep takes it.
        "visibility_timeout": 75 * 60,
        # A Redis that is down (or frozen, or cut off without closing the connection) is
        # given up on quickly, so a webhook still answers: a publish otherwise waits forever.
        "socket_connect_timeout": 2,
        "socket_timeout": 3,
    }
    CELERY_BROKER_CONNECTION_TIMEOUT = 2
else:
    # dev.py makes these folders (kombu's filesystem transport does not).
    _broker_dir = VAR_DIR / "celery-broker"
    CELERY_BROKER_URL = "filesystem://localhost//"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)

# Moderation: "act promptly" (policy §4.1). Items about personal details or abuse left
# undecided this long are overdue and alert the moderators; a claim on an item lasts this long.
MODERATION_OVERDUE_MINUTES = env.int("MODERATION_OVERDUE_MINUTES", default=60)
MODERATION_CLAIM_MINUTES = env.int("MODERATION_CLAIM_MINUTES", default=5)
# Whom people write to about their data (the privacy notice, erasure replies).
PRIVACY_CONTACT = env.str(
    "PRIVACY_CONTACT",
    default="the Chief Executive, Healthwatch Sutton (contact details on healthwatchsutton.org.uk)",
)

# WhatsApp members who have not signed a new version of the agreement this many days after it
# was published: the moderator is told to remove them until they sign (the charity sets it).
AGREEMENT_SIGN_AGAIN_DAYS = env.int("AGREEMENT_SIGN_AGAIN_DAYS", default=28)

# Webhooks (the moderation app)
META_APP_SECRET = env.str("META_APP_SECRET", default="")
META_VERIFY_TOKEN = env.str("META_VERIFY_TOKEN", default="")

# The Graph API: acting on Facebook Pages and Instagram accounts. The version is part of the
# base URL, so moving to a newer version is one setting.
META_GRAPH_URL = env.str("META_GRAPH_URL", default="https://graph.facebook.com/v26.0")
META_GRAPH_TIMEOUT_SECONDS = env.float("META_GRAPH_TIMEOUT_SECONDS", default=10.0)
META_APP_ID = env.str("META_APP_ID", default="")
# Facebook Login for Business: the login dialog, and the configuration made for the app in
# Meta's App Dashboard (without one, the dialog asks for the scopes by name).
META_LOGIN_URL = env.str("META_LOGIN_URL", default="https://www.facebook.com/v26.0/dialog/oauth")
META_LOGIN_CONFIG_ID = env.str("META_LOGIN_CONFIG_ID", default="")

# Keys that encrypt secrets kept in the database (platform access tokens): Fernet keys,
# comma-separated, the first encrypts, all decrypt (so a key can be rotated). Make one with
# python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"
_DEV_ENCRYPTION_KEY = "aW5zZWN1cmUtbG9jYWwtZGV2ZWxvcG1lbnQta2V5ISE="  # noqa: S105
FIELD_ENCRYPTION_KEYS = env.list(
    "FIELD_ENCRYPTION_KEYS", default=[] if PRODUCTION else [_DEV_ENCRYPTION_KEY]
)
if PRODUCTION and (not FIELD_ENCRYPTION_KEYS or _DEV_ENCRYPTION_KEY in FIELD_ENCRYPTION_KEYS):
    raise ImproperlyConfigured(
        "Set FIELD_ENCRYPTION_KEYS in production (it encrypts the platform access tokens), "
        "e.g. python -c \"from cryptography.fernet import Fernet; "
        "print(Fernet.generate_key().decode())\""
    )

# Roles that must use two-factor authentication before anything else.
HWS_MFA_REQUIRED_ROLES = {"moderator", "chief_executive", "chair", "administrator"}
# The same roles are signed out after this many minutes without a request (the charity sets
# it): an unattended screen must not stay open on hate-crime reports or members' numbers.
HWS_IDLE_SIGN_OUT_ROLES = HWS_MFA_REQUIRED_ROLES
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)

# Logs: one JSON object a line in production (for the log collector), plain text locally.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "core.logs.JSONFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env.str("LOG_FORMAT", default="json" if PRODUCTION else "plain"),
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # httpx logs every request's URL at INFO; a Graph API URL may carry a token.
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
    },
}

# Locally, WhiteNoise serves straight from the apps' static folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

# Errors go to Sentry when SENTRY_DSN is set (no personal data: comments and numbers are
# sensitive, so request bodies and user details stay out of the reports).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=HWS_ENV,
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=0.0,
    )
