"""Passwords, lock-out, server-side sessions and API tokens."""

from __future__ import annotations

import contextlib
import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import and_, case, delete, literal, null, or_, select, update
from sqlalchemy.orm import Session, joinedload

from casetrack import audit
from casetrack.auth.inputs import UserInput
from casetrack.auth.totp import verify_totp
from casetrack.db import UTCDateTime, utcnow
from casetrack.models import ApiToken, LoginAttempt, Office, Role, User, UserSession

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
    """Create a user of an office with a role and a password (checked by ``UserInput``)."""
    email = email.strip().lower()
    problems = UserInput().validate(
        {"email": email, "name": name.strip(), "role": role, "password": password}
    )
    if problems:
        raise UserError(
            "; ".join(f"{field}: {' '.join(messages)}" for field, messages in problems.items())
        )
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise UserError(f"a user with e-mail {email} exists already")
    office = session.scalar(select(Office).where(Office.code == office_code.strip().upper()))
    if office is None:
        raise UserError(f"no office with code {office_code!r}")
    role_value = Role(role)
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


def normalise_email(email: str) -> str:
    """The key under which log-in steps for a typed address are counted."""
    return (email or "").strip().lower()[:255]


# Verified against for unknown e-mails and locked addresses, so that they take as long as a
# known account's password check. One per set of argon2 parameters, computed once.
_DUMMY_HASH: dict[tuple[int, int, int], str] = {}


def _dummy_hash(hasher: PasswordHasher) -> str:
    key = (hasher.time_cost, hasher.memory_cost, hasher.parallelism)
    if key not in _DUMMY_HASH:
        _DUMMY_HASH[key] = hasher.hash(secrets.token_hex(16))
    return _DUMMY_HASH[key]


def _insert_ignore(session: Session, values: dict):
    table = LoginAttempt.__table__
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(table).values(**values).on_conflict_do_nothing(index_elements=["email"])


def reserve_attempt(session: Session, email: str) -> tuple[bool, int]:
    """Count one log-in step for ``email`` before its secret is checked.

    One atomic ``UPDATE … SET failures = failures + 1 … RETURNING`` on the address's row: of N
    concurrent steps on any number of workers and servers, exactly LOGIN_MAX_FAILURES get
    through, because each one waits for the row and sees the count the one before left.
    Returns (allowed, count): not allowed while the address is locked. The caller commits at
    once, so that the count is visible everywhere before the password is looked at.
    """
    config = current_app.config
    limit = config["LOGIN_MAX_FAILURES"]
    key = normalise_email(email)
    now = utcnow()
    table = LoginAttempt.__table__
    lock_expired = and_(table.c.locked_until.is_not(None), table.c.locked_until <= now)
    counted = case((lock_expired, 1), else_=table.c.failures + 1)
    lock_until = literal(now + timedelta(minutes=config["LOGIN_LOCK_MINUTES"]), UTCDateTime())
    # Twice at most: the nightly prune may delete an expired row between insert and update.
    for _attempt in range(2):
        session.execute(_insert_ignore(session, {"email": key, "failures": 0, "updated_at": now}))
        row = session.execute(
            update(table)
            .where(
                table.c.email == key,
                or_(and_(table.c.locked_until.is_(None), table.c.failures < limit), lock_expired),
            )
            .values(
                failures=counted,
                locked_until=case((counted >= limit, lock_until), else_=null()),
                updated_at=now,
            )
            .returning(table.c.failures)
        ).first()
        if row is not None:
            return True, row[0]
        if session.scalar(select(table.c.email).where(table.c.email == key)) is not None:
            break  # the row is there and was not counted: the address is locked
    return False, limit


def prune_login_attempts(session: Session) -> int:
    """Delete the counts whose lock-out window has passed; return how many (run nightly).

    A lock that has expired, or failures (below the limit) whose last step is older than the
    lock-out window, would count from 1 again anyway on the next step, or allow fewer guesses
    in that window than a lock-out does: forgetting them weakens nothing. A live lock or a
    recent failure stays. The caller commits.
    """
    now = utcnow()
    window = timedelta(minutes=current_app.config["LOGIN_LOCK_MINUTES"])
    table = LoginAttempt.__table__
    result = session.execute(
        delete(table).where(
            or_(
                and_(table.c.locked_until.is_not(None), table.c.locked_until <= now),
                and_(table.c.locked_until.is_(None), table.c.updated_at <= now - window),
            )
        )
    )
    return result.rowcount


def refund_attempt(session: Session, email: str) -> None:
    """Give back the step a correct password took when a second factor must follow."""
    table = LoginAttempt.__table__
    limit = current_app.config["LOGIN_MAX_FAILURES"]
    session.execute(
        update(table)
        .where(table.c.email == normalise_email(email), table.c.failures > 0)
        .values(
            failures=table.c.failures - 1,
            locked_until=case((table.c.failures - 1 < limit, null()), else_=table.c.locked_until),
        )
    )


def clear_attempts(session: Session, email: str) -> None:
    """Forget the failed steps of an address (a complete log-in, an administrator's reset)."""
    session.execute(delete(LoginAttempt).where(LoginAttempt.email == normalise_email(email)))


def is_locked(session: Session, email: str) -> bool:
    """Tell whether log-in steps for the address are refused at the moment."""
    until = session.scalar(
        select(LoginAttempt.locked_until).where(LoginAttempt.email == normalise_email(email))
    )
    return until is not None and until > utcnow()


def _refused_step(action: str, email: str, user: User | None, count: int, **details) -> None:
    audit.security_event(action, user, email=email, **details)
    if count >= current_app.config["LOGIN_MAX_FAILURES"]:
        audit.security_event("login_lockout", user, email=email, failures=count)


def authenticate(
    session: Session, email: str, password: str, reserved: tuple[bool, int] | None = None
) -> LoginResult:
    """Check an e-mail and password; every address, known or not, is counted and locked alike.

    ``reserved`` is what ``reserve_attempt`` answered (the view reserves and commits first);
    without it the step is reserved here. Unknown, disabled, known and locked addresses all
    cost one argon2 verification and get the same two answers, so neither the words nor the
    time tell whether an account exists.
    """
    allowed, count = reserved if reserved is not None else reserve_attempt(session, email)
    user = session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is not None and not user.is_active:
        user = None
    hasher = _hasher()
    if not allowed:
        with contextlib.suppress(VerificationError, InvalidHashError):
            hasher.verify(_dummy_hash(hasher), password)
        audit.security_event("login_locked", user, email=email)
        return LoginResult(None, "locked")
    try:
        hasher.verify(user.password_hash if user else _dummy_hash(hasher), password)
        ok = user is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        _refused_step("login_failed", email, user, count)
        return LoginResult(None, "invalid")
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    if user.totp_secret:
        # The password was right: its step is given back, and the log-in completes only with
        # the second factor, whose every wrong code counts.
        refund_attempt(session, email)
        return LoginResult(user, "second_factor")
    complete_login(session, user)
    return LoginResult(user)


def second_factor_step(
    session: Session, user: User, code: str, reserved: tuple[bool, int] | None = None
) -> LoginResult:
    """Check a second-factor code, counted against the user's address like a password."""
    allowed, count = reserved if reserved is not None else reserve_attempt(session, user.email)
    if not allowed or not user.is_active:
        audit.security_event("login_locked", user, email=user.email, step="second_factor")
        return LoginResult(None, "locked")
    if not verify_totp(user, code):
        _refused_step("second_factor_failed", user.email, user, count)
        return LoginResult(None, "invalid")
    complete_login(session, user)
    return LoginResult(user)


def complete_login(session: Session, user: User) -> None:
    """Record a successful log-in: counters reset, time noted, audited."""
    clear_attempts(session, user.email)
    user.last_login_at = utcnow()
    audit.security_event("login", user, actor_id=user.id, email=user.email)


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
    # One query for the token, its user and the user's office: every API request asks this.
    record = session.scalar(
        select(ApiToken)
        .options(joinedload(ApiToken.user))
        .where(ApiToken.token_hash == digest(token), ApiToken.revoked_at.is_(None))
    )
    if record is None or not record.user.is_active:
        return None
    now = utcnow()
    if record.last_used_at is None or now - record.last_used_at > timedelta(minutes=5):
        record.last_used_at = now
    return record.user
