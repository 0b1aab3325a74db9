"""Settings for every deployment, read from the environment.

The defaults run the demo on one laptop: SQLite under ``var/``, debug on,
a development secret key. A municipality's deployment sets at least
``MADOGUCHI_SECRET_KEY``, ``MADOGUCHI_DEBUG=0``, ``MADOGUCHI_ALLOWED_HOSTS``
and ``DATABASE_URL``.
"""

import os
from pathlib import Path

import dj_database_url
import structlog

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("MADOGUCHI_VAR_DIR", BASE_DIR / "var"))


def _env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_flag("MADOGUCHI_DEBUG", True)
SECRET_KEY = os.environ.get(
    "MADOGUCHI_SECRET_KEY", "demo-only-secret-key-never-use-in-production"
)
ALLOWED_HOSTS = os.environ.get(
    "MADOGUCHI_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]"
).split(",")

INSTALLED_APPS = [
    "madoguchi.staff",
    "madoguchi.packs",
    "madoguchi.register",
    "madoguchi.audit",
    "madoguchi.navigator",
    "madoguchi.paperwork",
    "madoguchi.counter",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "madoguchi.urls"
WSGI_APPLICATION = "madoguchi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "madoguchi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "madoguchi.packs.context.municipality",
                "madoguchi.staff.context.capabilities",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'madoguchi.sqlite3'}"),
        conn_max_age=int(os.environ.get("MADOGUCHI_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the search screens read while a seed or import writes, and
    # IMMEDIATE transactions avoid "database is locked" on upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "staff.StaffUser"
LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "staff:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "ja"
# Japanese is the source language of every screen; another language is added
# here together with its catalogue under madoguchi/locale/.
LANGUAGES = [("ja", "日本語")]
LOCALE_PATHS = [BASE_DIR / "madoguchi" / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "madoguchi" / "static"]
# WhiteNoise serves the project's own htmx, styles and scripts from the app
# server: municipal networks (LGWAN) reach no CDN.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_AGE = int(os.environ.get("MADOGUCHI_SESSION_SECONDS", 8 * 3600))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = _env_flag("MADOGUCHI_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

MADOGUCHI_PACK_DIR = Path(
    os.environ.get("MADOGUCHI_PACK_DIR", BASE_DIR / "packs" / "mihon")
)

# Fonts for printed forms, from Debian's fonts-ipaexfont and
# fonts-ipamj-mincho packages unless set.
MADOGUCHI_FONT_MINCHO = os.environ.get(
    "MADOGUCHI_FONT_MINCHO", "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"
)
MADOGUCHI_FONT_GOTHIC = os.environ.get(
    "MADOGUCHI_FONT_GOTHIC", "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
)
MADOGUCHI_FONT_MJ = os.environ.get(
    "MADOGUCHI_FONT_MJ", "/usr/share/fonts/truetype/ipamj/ipamjm.ttf"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processor": structlog.dev.ConsoleRenderer(colors=False),
        },
        "json": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processor": structlog.processors.JSONRenderer(ensure_ascii=False),
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain" if DEBUG else "json",
        },
    },
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("MADOGUCHI_LOG_LEVEL", "INFO"),
    },
}

structlog.configure(
    processors=[
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.processors.TimeStamper(fmt="iso"),
        structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
    ],
    logger_factory=structlog.stdlib.LoggerFactory(),
    cache_logger_on_first_use=True,
)
