"""Passwords, lock-out, server-side sessions and API tokens."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from casetrack import audit
from casetrack.db import utcnow
from casetrack.models import ApiToken, Office, Role, User, UserSession

TOKEN_PREFIX = "ct_"


def _hasher() -> PasswordHasher:
    config = current_app.config
    return PasswordHasher(
        time_cost=config["ARGON2_TIME_COST"],
        memory_cost=config["ARGON2_MEMORY_COST"],
        parallelism=config["ARGON2_PARALLELISM"],
    )


def hash_password(password: str) -> str:
    """Hash a password with argon2id."""
    return _hasher().hash(password)


def digest(token: str) -> str:
    """Return the SHA-256 by which a token is stored and looked up."""
    return hashlib.sha256(token.encode()).hexdigest()


class UserError(ValueError):
    """A user could not be created; the message says why."""


def create_user(
    session: Session,
    *,
    email: str,
    name: str,
    office_code: str,
    role: str,
    password: str,
    language: str = "en",
) -> User:
    """Create a user of an office with a role and a password."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 255:
        raise UserError(f"not an e-mail address: {email!r}")
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise UserError(f"a user with e-mail {email} exists already")
    office = session.scalar(select(Office).where(Office.code == office_code.strip().upper()))
    if office is None:
        raise UserError(f"no office with code {office_code!r}")
    try:
        role_value = Role(role)
    except ValueError:
        raise UserError(f"role must be one of {', '.join(r.value for r in Role)}") from None
    if len(password) < 10:
        raise UserError("the password must have at least 10 characters")
    if language not in current_app.config["LANGUAGES"]:
        raise UserError(f"language must be one of {', '.join(current_app.config['LANGUAGES'])}")
    user = User(
        email=email,
        name=name.strip(),
        office=office,
        role=role_value,
        language=language,
        password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    return user


@dataclass
class LoginResult:
    user: User | None
    #: "invalid" or "locked" when it failed, "second_factor" when a TOTP code must follow;
    #: None on success.
    error: str | None = None


# Verified against for unknown e-mails, so that they take as long as known ones.
_DUMMY_HASH: dict[str, str] = {}


def authenticate(session: Session, email: str, password: str) -> LoginResult:
    """Check an e-mail and password, counting failures and locking the account after too many."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    hasher = _hasher()
    if user is None or not user.is_active:
        key = hasher.__repr__()
        if key not in _DUMMY_HASH:
            _DUMMY_HASH[key] = hasher.hash(secrets.token_hex(8))
        with contextlib.suppress(VerificationError):
            hasher.verify(_DUMMY_HASH[key], password)
        audit.record(session, "login_failed", None, email=email[:255])
        return LoginResult(None, "invalid")
    now = utcnow()
    if user.locked_until is not None and user.locked_until > now:
        audit.record(session, "login_locked", user)
        return LoginResult(None, "locked")
    try:
        hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        register_failure(user)
        audit.record(session, "login_failed", user)
        return LoginResult(None, "invalid")
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    if user.totp_secret:
        # The password was right; the log-in completes only with the second factor.
        return LoginResult(user, "second_factor")
    complete_login(session, user)
    return LoginResult(user)


def complete_login(session: Session, user: User) -> None:
    """Record a successful log-in: counters reset, time noted, audited."""
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = utcnow()
    audit.record(session, "login", user)


def start_session(session: Session, user: User) -> str:
    """Open a server-side session for the user and return its secret token."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        UserSession(
            user_id=user.id,
            token_hash=digest(token),
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(hours=current_app.config["SESSION_MAX_HOURS"]),
        )
    )
    user.session_token = token
    return token


def load_session_user(session: Session, token: str) -> User | None:
    """Return the user of a live session, ending it if it has expired or idled out."""
    record = session.scalar(select(UserSession).where(UserSession.token_hash == digest(token)))
    if record is None:
        return None
    now = utcnow()
    idle = timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"])
    if record.expires_at <= now or record.last_seen_at + idle <= now or not record.user.is_active:
        session.delete(record)
        return None
    # Written at most once a minute, so that reading a page does not always write.
    if now - record.last_seen_at > timedelta(minutes=1):
        record.last_seen_at = now
    user = record.user
    user.session_token = token
    return user


def end_session(session: Session, token: str | None) -> None:
    """End one server-side session."""
    if token:
        session.execute(delete(UserSession).where(UserSession.token_hash == digest(token)))


def end_all_sessions(session: Session, user: User) -> None:
    """End every session of a user (password change, account disabled)."""
    session.execute(delete(UserSession).where(UserSession.user_id == user.id))


def issue_api_token(session: Session, user: User) -> str:
    """Create an API token for the user and return it; only its hash is kept."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, token_hash=digest(token), prefix=token[:10]))
    session.flush()
    return token


def user_for_api_token(session: Session, token: str) -> User | None:
    """Return the active user a bearer token belongs to, or None."""
    record = session.scalar(
        select(ApiToken).where(ApiToken.token_hash == digest(token), ApiToken.revoked_at.is_(None))
    )
    if record is None or not record.user.is_active:
        return None
    now = utcnow()
    if record.last_used_at is None or now - record.last_used_at > timedelta(minutes=5):
        record.last_used_at = now
    return record.user


# --- Second factor (TOTP, RFC 6238) ---------------------------------------------------------

TOTP_ISSUER = "casetrack"


def new_totp_secret() -> str:
    """Return a fresh base32 secret for an authenticator app."""
    return pyotp.random_base32()


def totp_uri(user: User, secret: str) -> str:
    """Return the otpauth:// URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=TOTP_ISSUER)


def _matching_step(secret: str, code: str, now: float) -> int | None:
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    current = int(now // totp.interval)
    # One step either side forgives a phone clock that is a little off.
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def verify_totp(user: User, code: str, now: float | None = None) -> bool:
    """Check a code of the user's second factor; a code once accepted is never accepted again."""
    if not user.totp_secret:
        return False
    step = _matching_step(user.totp_secret, code, time.time() if now is None else now)
    if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
        return False
    user.totp_last_step = step
    return True


def enrol_totp(session: Session, user: User, secret: str, code: str) -> bool:
    """Turn the second factor on once the user proves their app shows the right codes."""
    step = _matching_step(secret, code, time.time())
    if step is None:
        return False
    user.totp_secret = secret
    user.totp_last_step = step
    audit.record(session, "second_factor_enabled", user)
    return True


def disable_totp(session: Session, user: User, code: str) -> bool:
    """Turn the second factor off, on a valid current code."""
    if not verify_totp(user, code):
        return False
    user.totp_secret = None
    user.totp_last_step = None
    audit.record(session, "second_factor_disabled", user)
    return True


def register_failure(user: User) -> None:
    """Count a failed log-in step and lock the account after too many."""
    user.failed_logins += 1
    if user.failed_logins >= current_app.config["LOGIN_MAX_FAILURES"]:
        user.locked_until = utcnow() + timedelta(minutes=current_app.config["LOGIN_LOCK_MINUTES"])
        user.failed_logins = 0
