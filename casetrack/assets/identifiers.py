"""Checks of asset identifiers where a standard exists: IBAN (ISO 13616) and VIN (ISO 3779).

IBANs are checked against schwifty's copy of the SWIFT IBAN registry (kept current by its
maintainers, not by casetrack); the VIN rules are ISO 3779's and few enough to keep here.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _
from schwifty import IBAN
from schwifty.exceptions import InvalidChecksumDigits, InvalidCountryCode, SchwiftyException
from schwifty.registry import get_iban_spec

_SEPARATORS = re.compile(r"[\s\-.]+")

_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def identifier_key(identifier: str) -> str:
    """Return an identifier upper-cased without spaces, dashes or dots, for matching."""
    return _SEPARATORS.sub("", identifier or "").upper()


def iban_error(identifier: str) -> str | None:
    """Return why ``identifier`` is not a valid IBAN, or None when it is one."""
    iban = identifier_key(identifier)
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]+", iban):
        return _("An IBAN starts with a two-letter country code and two check digits.")
    country = iban[:2]
    try:
        expected = get_iban_spec(country).iban_length
    except InvalidCountryCode:
        return _("%(country)s is not a country that issues IBANs.", country=country)
    if len(iban) != expected:
        return _(
            "An IBAN of %(country)s has %(expected)d characters, this one has %(length)d.",
            country=country,
            expected=expected,
            length=len(iban),
        )
    try:
        IBAN(iban)
    except InvalidChecksumDigits:
        return _("IBAN checksum is wrong.")
    except SchwiftyException:
        return _("This is not how an IBAN of %(country)s is built.", country=country)
    return None


def vin_problems(identifier: str) -> tuple[str | None, str | None]:
    """Return (error, warning) for a vehicle identification number.

    Length and alphabet are fixed by ISO 3779; the check digit in position 9 is mandatory only
    in North America, so a wrong one is a warning, never a refusal.
    """
    vin = identifier_key(identifier)
    if len(vin) != 17:
        return _("A VIN has 17 characters (this one has %(length)d).", length=len(vin)), None
    if re.search(r"[IOQ]", vin):
        return _("A VIN never contains the letters I, O or Q."), None
    if not re.fullmatch(r"[A-Z0-9]{17}", vin):
        return _("A VIN has only Latin letters and digits."), None
    total = sum(_VIN_VALUES[ch] * weight for ch, weight in zip(vin, _VIN_WEIGHTS, strict=True))
    check = "X" if total % 11 == 10 else str(total % 11)
    if vin[8] != check:
        return None, _(
            "The check digit of this VIN (position 9) does not match; vehicles built for "
            "North America always have a valid one."
        )
    return None, None
