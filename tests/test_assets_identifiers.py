"""IBAN and VIN checks: the standards' rules, with messages a user understands."""

from __future__ import annotations

import pytest

from casetrack.assets.identifiers import iban_error, identifier_key, vin_problems


@pytest.fixture(autouse=True)
def _request_context(empty_app):
    """Messages are translated, so they need a request; this one reads English."""
    with empty_app.test_request_context(headers={"Accept-Language": "en"}):
        yield


@pytest.mark.parametrize(
    "iban",
    [
        "GB82 WEST 1234 5698 7654 32",
        "KZ86125KZT5004100100",
        "AZ21NABZ00000000137010001944",
        "GE29NB0000000101904917",
        "UA213223130000026007233566001",
        "TR330006100519786457841326",
        "PK36SCBL0000001123456702",
        "ge29-nb00-0000-0101-9049-17",
    ],
)
def test_valid_ibans_pass(iban):
    assert iban_error(iban) is None


def test_a_wrong_check_is_refused():
    assert iban_error("GE29NB0000000101904918") == "IBAN checksum is wrong."


def test_a_wrong_length_is_named():
    assert iban_error("GE29NB000000010190491") == (
        "An IBAN of GE has 22 characters, this one has 21."
    )


def test_a_country_without_ibans_is_named():
    assert iban_error("UZ21 0000 0000 2020 8000 0000 0001") == (
        "UZ is not a country that issues IBANs."
    )


def test_vin_rules():
    assert vin_problems("1M8GDM9AXKP042788") == (None, None)
    assert vin_problems("1M8GDM9AXKP04278")[0] == "A VIN has 17 characters (this one has 16)."
    assert vin_problems("1M8GDM9AXKP0427O8")[0] == "A VIN never contains the letters I, O or Q."
    error, warning = vin_problems("WVWZZZ1JZXW000001")
    assert error is None and "check digit" in warning


def test_identifier_key():
    assert identifier_key(" ge29-nb00.0000 0101 ") == "GE29NB0000000101"


def _with_check_digits(country: str, bban: str) -> str:
    """An IBAN whose mod-97 check digits are right, whatever its BBAN."""
    digits = "".join(str(int(ch, 36)) for ch in bban + country + "00")
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


def test_a_well_summed_iban_of_the_wrong_shape_is_refused():
    # Georgia's BBAN is two letters and sixteen digits (the registry schwifty keeps).
    iban = _with_check_digits("GE", "NB00000001019049AB")
    assert iban_error(iban) == "This is not how an IBAN of GE is built."
    assert iban_error(_with_check_digits("GE", "NB0000000101904917")) is None


def test_the_azerbaijani_tax_number_is_checked_by_stdnum():
    from casetrack.parties.identifiers import number_error

    assert number_error("voen", "1400057421") is None
    assert (
        number_error("voen", "14000574") == "14000574 is not a valid VÖEN (Azerbaijan tax number)."
    )
    # No maintained library knows Kazakhstan's IIN: it is kept as written.
    assert number_error("iin", "123") is None
