"""A limit exists once (casetrack.validation.LIMITS): the page's form and the API refuse the
same too-long value, and accept it one character shorter."""

from __future__ import annotations

from wtforms.validators import Length

from casetrack.admin.forms import OfficeForm, UserForm
from casetrack.admin.inputs import OfficeInput
from casetrack.api.assets import AssetCreate
from casetrack.api.parties import PartyCreate
from casetrack.api.requests import RequestPatch
from casetrack.assets.forms import AssetForm
from casetrack.auth.inputs import UserInput
from casetrack.deadlines.forms import DeadlineForm
from casetrack.deadlines.inputs import DeadlineInput
from casetrack.mla.forms import SectionForm, TransitionForm
from casetrack.mla.inputs import StepInput
from casetrack.parties.forms import PartyForm
from casetrack.validation import LIMITS
from tests.factories import api_client


def _form_max(form_class, name: str) -> int | None:
    """The form field's Length limit (None for a field chosen from a list, like a country)."""
    field = getattr(form_class, name)
    return next((v.max for v in field.kwargs.get("validators", []) if isinstance(v, Length)), None)


def _api_max(schema_class, name: str) -> int:
    field = schema_class().fields[name]
    if getattr(field, "max_length", None) is not None:  # a per-language text (mla/inputs.py)
        return field.max_length
    return next(v.max for v in field.validators if hasattr(v, "max"))


def test_the_drifted_limits_now_agree():
    assert _form_max(PartyForm, "address") == _api_max(PartyCreate, "address") == 2000
    assert _form_max(AssetForm, "country_code") == _api_max(AssetCreate, "country_code") == 2
    assert _form_max(AssetForm, "currency") == _api_max(AssetCreate, "currency") == 3
    assert _form_max(SectionForm, "facts") == _api_max(RequestPatch, "facts") == 100_000


def test_every_listed_limit_is_the_one_both_sides_use():
    pairs = {
        "party": (PartyForm, PartyCreate),
        "asset": (AssetForm, AssetCreate),
        "request": (SectionForm, RequestPatch),
        "step": (TransitionForm, StepInput),
        "deadline": (DeadlineForm, DeadlineInput),
        "office": (OfficeForm, OfficeInput),
        "user": (UserForm, UserInput),
    }
    for resource, (form_class, schema_class) in pairs.items():
        for name, most in LIMITS[resource].items():
            if hasattr(form_class, name) and _form_max(form_class, name) is not None:
                assert _form_max(form_class, name) == most, (resource, name)
            if name in schema_class().fields:
                assert _api_max(schema_class, name) == most, (resource, name)


def test_the_api_refuses_an_address_the_form_refuses(directory_app, people):
    api = api_client(directory_app, people.almaty)
    body = {"kind": "person", "names": [{"full_name": "Testov Test"}]}
    too_long = api.post("/api/v1/parties", json={**body, "address": "x" * 2001})
    assert too_long.status_code == 422
    assert "address" in too_long.get_json()["error"]["fields"]
    assert api.post("/api/v1/parties", json={**body, "address": "x" * 2000}).status_code == 201
