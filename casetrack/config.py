"""Settings from the environment; every name here is documented in the README."""

from __future__ import annotations

import os
import secrets
import time
from datetime import timedelta
from pathlib import Path


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def instance_secret(instance_path: str, filename: str) -> str:
    """Read a secret kept in the instance folder, creating it on first start."""
    path = Path(instance_path) / filename
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(32)
    # Written with owner-only permissions: the key signs sessions and the audit chain.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        # Another process starting at the same moment wrote it first: use theirs.
        time.sleep(0.05)
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    return value


def load(instance_path: str) -> dict:
    """Build the configuration mapping from the environment."""
    default_db = "sqlite:///" + str(Path(instance_path) / "casetrack.db")
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY") or instance_secret(instance_path, "secret_key"),
        # Kept outside the database so that whoever can write the database cannot re-seal
        # a forged audit chain.
        "AUDIT_KEY": os.environ.get("CASETRACK_AUDIT_KEY")
        or instance_secret(instance_path, "audit_key"),
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL") or default_db,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SESSION_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", False),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_DURATION": timedelta(seconds=0),
        "SESSION_IDLE_MINUTES": _int("CASETRACK_SESSION_IDLE_MINUTES", 30),
        "SESSION_MAX_HOURS": _int("CASETRACK_SESSION_MAX_HOURS", 12),
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=_int("CASETRACK_SESSION_MAX_HOURS", 12)),
        "LOGIN_MAX_FAILURES": _int("CASETRACK_LOGIN_MAX_FAILURES", 5),
        "LOGIN_LOCK_MINUTES": _int("CASETRACK_LOGIN_LOCK_MINUTES", 15),
        "MAX_CONTENT_LENGTH": _int("CASETRACK_MAX_UPLOAD_MB", 20) * 1024 * 1024,
        # argon2id parameters; tests lower them, production keeps argon2-cffi's defaults.
        "ARGON2_TIME_COST": _int("CASETRACK_ARGON2_TIME_COST", 3),
        "ARGON2_MEMORY_COST": _int("CASETRACK_ARGON2_MEMORY_KIB", 65536),
        "ARGON2_PARALLELISM": _int("CASETRACK_ARGON2_PARALLELISM", 4),
        "LANGUAGES": ["en", "ru"],
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": "UTC",
        "BOOTSTRAP_SERVE_LOCAL": True,
        "WTF_CSRF_TIME_LIMIT": None,
        "API_TITLE": "casetrack",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
        "API_SPEC_OPTIONS": {
            "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
            "security": [{"bearer": []}],
        },
        # Notifications by e-mail: none are sent while CASETRACK_SMTP_URL is unset.
        "SMTP_URL": os.environ.get("CASETRACK_SMTP_URL", ""),
        "SMTP_TIMEOUT": _int("CASETRACK_SMTP_TIMEOUT", 10),
        "MAIL_FROM": os.environ.get("CASETRACK_MAIL_FROM", "casetrack@localhost"),
        # The address e-mails link to, e.g. https://casetrack.example.org
        "BASE_URL": os.environ.get("CASETRACK_BASE_URL", "http://localhost:5000"),
        # The job queue (casetrack.jobs): "thread" runs jobs in the app's own process,
        # "rq" sends them to Redis for `make worker`, "eager" runs them at once (tests).
        "JOBS_MODE": os.environ.get("CASETRACK_JOBS", "thread"),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "JOB_QUEUE": os.environ.get("CASETRACK_JOB_QUEUE", "casetrack"),
        "JOB_MAX_ATTEMPTS": _int("CASETRACK_JOB_MAX_ATTEMPTS", 3),
        "JOB_RETRY_INTERVALS": [
            int(v) for v in os.environ.get("CASETRACK_JOB_RETRY_SECONDS", "10,60").split(",") if v
        ],
        # Attachments: the largest file (kept below the body limit above, which also carries
        # the form's other fields), and where the bytes live.
        "ATTACHMENT_MAX_BYTES": _int("CASETRACK_ATTACHMENT_MAX_MB", 16) * 1024 * 1024,
        "ATTACHMENT_STORAGE": os.environ.get("CASETRACK_ATTACHMENT_STORAGE", "database"),
        # PAdES signing of issued PDFs: <OFFICE-CODE>.key.pem and .cert.pem per office.
        "SIGNING_DIR": os.environ.get("CASETRACK_SIGNING_DIR", ""),
        "SIGNING_PASSPHRASE": os.environ.get("CASETRACK_SIGNING_PASSPHRASE", ""),
        "TRUSTED_CERTS": os.environ.get("CASETRACK_TRUSTED_CERTS", ""),
        "PER_PAGE": 25,
        "MAX_PER_PAGE": 200,
    }
