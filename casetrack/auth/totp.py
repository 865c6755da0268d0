"""The second factor (TOTP, RFC 6238): a secret, its provisioning URI, enrolment and the check of a
code, each code accepted once.

Codes are checked against the real time (``time.time()``), not ``casetrack.clock``: they must
match the user's authenticator app, whatever day casetrack is told it is.
"""

from __future__ import annotations

import hmac
import time

import pyotp
from sqlalchemy.orm import Session

from casetrack import audit
from casetrack.models import User

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
