"""Account changes an administrator makes."""

from __future__ import annotations

from sqlalchemy.orm import Session

from casetrack.auth import services as auth_services
from casetrack.models import User


def set_active(session: Session, user: User, active: bool) -> None:
    """Enable or disable an account; disabling ends every session it has."""
    user.is_active = active
    if not active:
        auth_services.end_all_sessions(session, user)


def reset_password(session: Session, user: User, password: str) -> None:
    """Give an account a new password, unlock it and end its sessions."""
    user.password_hash = auth_services.hash_password(password)
    auth_services.clear_attempts(session, user.email)
    auth_services.end_all_sessions(session, user)
