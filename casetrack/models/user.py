"""People who log in, their server-side sessions and their API tokens."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetrack.db import Base, enum_type, utcnow
from casetrack.models.office import Office


class Role(enum.StrEnum):
    PROSECUTOR = "prosecutor"
    CENTRAL_AUTHORITY = "central_authority"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class User(UserMixin, Base):
    """A person who logs in, bound to one office and one role."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    #: The name as a Russian letter signs it (Cyrillic), where it differs from ``name``.
    name_ru: Mapped[str] = mapped_column(String(200), default="")
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"), index=True)
    role: Mapped[Role] = mapped_column(enum_type(Role))
    language: Mapped[str] = mapped_column(String(5), default="en")
    #: How notifications reach the user by e-mail: "immediate", "digest" (daily) or "none".
    email_notifications: Mapped[str] = mapped_column(String(16), default="immediate")
    password_hash: Mapped[str] = mapped_column(String(255))
    #: Base32 TOTP secret of the second factor; None until the user enrols one.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    #: Last TOTP time step accepted, so that a code cannot be replayed.
    totp_last_step: Mapped[int | None]
    is_active: Mapped[bool] = mapped_column(default=True)
    #: SHA-256 of the secret in the user's iCalendar feed URL; None when revoked.
    calendar_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    office: Mapped[Office] = relationship(lazy="joined")

    #: The server-side session this user object was loaded through (not a column).
    session_token = None

    def get_id(self) -> str | None:
        # Flask-Login's "alternative token": the cookie names a server-side session, so that
        # log-out, a password change or disabling the account ends it everywhere.
        return self.session_token

    @property
    def country_code(self) -> str:
        return self.office.country_code

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class UserSession(Base):
    """A signed-in browser session, kept server-side so that it can be ended."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]

    user: Mapped[User] = relationship()


class ApiToken(Base):
    """A bearer token for the JSON API, stored only as its hash."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: The first characters of the token, to tell tokens apart without revealing them.
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()


class LoginAttempt(Base):
    """Failed log-in steps counted per e-mail address as typed (normalised), known or not.

    Keyed by the address rather than the user, so that an unknown address is counted and
    locked exactly like a known one and the answers cannot tell them apart. The counter only
    moves by one atomic UPDATE (``casetrack.auth.services.reserve_attempt``).
    """

    __tablename__ = "login_attempts"

    email: Mapped[str] = mapped_column(String(255), primary_key=True)
    #: Log-in steps (password or second-factor code) taken since the last success or lock.
    failures: Mapped[int] = mapped_column(default=0)
    #: Until when every step is refused without looking at the password.
    locked_until: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
