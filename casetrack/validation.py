"""The one error a service raises for input that breaks a domain rule."""

from __future__ import annotations


class InvalidInput(ValueError):
    """Input that breaks a domain rule; ``fields`` maps each field to its messages."""

    def __init__(self, fields: dict[str, list[str]]):
        self.fields = fields
        super().__init__("; ".join(m for messages in fields.values() for m in messages))


class NotAllowed(Exception):
    """A step the record's state or the user's role does not allow now.

    Pages flash its message and change nothing; the API answers 409.
    """

    def messages(self, lang: str) -> list[str]:
        """What a page flashes, in ``lang``: the message, then any detail."""
        return [str(self)]

    def api_fields(self, lang: str) -> dict:
        """What the API's 409 names beside the message, in ``lang``."""
        return {}


#: The longest value each input field takes, per resource. The resource's input schema
#: (``<feature>/inputs.py``) reads its limit here; the page's form and the API check with that
#: schema (casetrack/inputs.py), so that a limit exists once.
LIMITS: dict[str, dict[str, int]] = {
    "party": {
        "full_name": 300,
        "surname": 120,
        "given_name": 120,
        "patronymic": 120,
        "birth_place": 255,
        "nationality": 64,
        "address": 2000,
        "occupation": 255,
        "registration_number": 64,
        "tax_id": 64,
        "jurisdiction": 2,
        "bank_details": 4000,
        "notes": 20000,
        "number": 64,
        "issuing_country": 2,
    },
    "case": {
        "reference": 64,
        "title": 255,
        "offences": 20000,
        "offence_articles": 255,
        "summary": 100000,
    },
    "asset": {
        "identifier": 128,
        "description": 10000,
        "country_code": 2,
        "location": 2000,
        "currency": 3,
        "status_comment": 2000,
    },
    # A user account (auth/inputs.py UserInput): the admin's form and `create-user`.
    "user": {"email": 255, "name": 200, "password_min": 10, "password": 1024},
    # A deadline set by hand on a case or an asset (deadlines/inputs.py DeadlineInput).
    "deadline": {"title": 255},
    # A lifecycle step of a request (mla/inputs.py StepInput): its comment, the executing
    # office a dispatch names (an office code), and what the step's letter carries.
    "step": {
        "comment": 5000,
        "office": 32,  # an office code: office.code
        "registration_number": 128,
        "provision": 500,
        "note": 2000,
    },
    # An office of the directory (admin/inputs.py OfficeInput), as the admin keeps it and as a
    # central authority adds a counterpart while registering its letter.
    "office": {
        "code": 32,
        "name_en": 255,
        "name_ru": 255,
        "name_local": 255,
        "address": 2000,
        "email": 255,
    },
    "request": {
        "counterpart_reference": 128,
        "subject": 5000,
        "proceedings_stage": 2000,
        "proceedings_authority": 2000,
        "facts": 100000,
        "offences": 20000,
        "offence_text": 100000,
        "damage": 5000,
        "representatives": 20000,
        "service_address": 5000,
        "service_documents": 5000,
        "order_extent": 20000,
        "third_party_notice": 20000,
        "order_finality": 5000,
        "procedures": 20000,
        "purpose": 20000,
        "urgency_reason": 5000,
        "signatory_name": 200,
        "signatory_title": 200,
        # The drafting page's text forms of lists (one measure per block, one annex a line,
        # languages with commas); the API sends these as lists.
        "measures_text": 100000,
        "annexes_text": 20000,
        "languages_text": 100,
    },
}


def limit(resource: str, field: str) -> int:
    """The longest value ``field`` of ``resource`` takes (see ``LIMITS``)."""
    return LIMITS[resource][field]
