"""Checks of asset identifiers where a standard exists: IBAN (ISO 13616) and VIN (ISO 3779)."""

from __future__ import annotations

import re

from flask_babel import gettext as _

_SEPARATORS = re.compile(r"[\s\-.]+")

#: IBAN length per country (SWIFT IBAN registry): the network's states, their neighbours and
#: the usual destinations of money from the region.
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BY": 28, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20, "EG": 29, "ES": 24,
    "FI": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28, "IE": 22,
    "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LI": 21,
    "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MT": 31, "NL": 18,
    "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33,
    "SA": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "TR": 26, "UA": 29, "VA": 22, "VG": 24,
    "XK": 20,
}  # fmt: skip

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
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is None:
        return _("%(country)s is not a country that issues IBANs.", country=iban[:2])
    if len(iban) != expected:
        return _(
            "An IBAN of %(country)s has %(expected)d characters, this one has %(length)d.",
            country=iban[:2],
            expected=expected,
            length=len(iban),
        )
    digits = "".join(str(int(ch, 36)) for ch in iban[4:] + iban[:4])
    if int(digits) % 97 != 1:
        return _("IBAN checksum is wrong.")
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
