"""One input schema per resource: the page's form and the API refuse the same input, both
driven by that schema (casetrack/inputs.py), and the form declares no rule of its own.

The bad values are read off the schema, not written here: for every field the form shows, a
value one character past its Length, a blank where it is required and a value outside its
OneOf. Each is refused by the page (422, the message at the field, nothing saved) and by
the API (422, the field named in ``fields``).
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from flask_wtf import FlaskForm
from marshmallow import Schema, validate
from marshmallow import fields as mf
from sqlalchemy import func, select
from wtforms import FieldList, FormField, SelectField

from casetrack import inputs
from casetrack.api.parties import PartyCreate, PartyPatch
from casetrack.assets.forms import AssetForm
from casetrack.assets.inputs import AssetInput, AssetOwnerInput
from casetrack.attachments.forms import UploadForm
from casetrack.attachments.inputs import AttachmentInput
from casetrack.cases.forms import CaseForm
from casetrack.cases.inputs import CaseInput
from casetrack.db import db
from casetrack.mla.forms import SectionForm
from casetrack.mla.inputs import RequestContentInput
from casetrack.mla.sections import SECTIONS
from casetrack.models import Asset, Attachment, Case, Party, Request, Statement
from casetrack.money.forms import StatementForm
from casetrack.money.inputs import StatementInput
from casetrack.parties.forms import PartyForm
from casetrack.parties.inputs import PartyInput
from casetrack.validation import LIMITS
from tests.factories import (
    api_client,
    make_case,
    make_office,
    make_request,
    make_user,
    signed_in,
)


@dataclass
class BadValue:
    """One bad value: the form key it is posted under and the API body that carries it."""

    what: str  # "long", "missing", "choice"
    name: str  # the schema field
    page_key: str  # the form's key, e.g. names-0-full_name
    value: str
    api_body: dict


@dataclass
class Resource:
    name: str
    schema: type[Schema]
    form: type[FlaskForm]
    #: (session) -> context: the records the pages need, with a signed-in ``user``.
    setup: Callable[[object], dict]
    #: (context) -> page URL
    page_url: Callable[[dict], str]
    #: (context, schema field) -> a valid page form (the field shown)
    page_data: Callable[[dict, str], dict]
    #: (context) -> API URL; the API body is ``api_data(context)``
    api_url: Callable[[dict], str]
    api_data: Callable[[dict], dict]
    #: (session, context) -> how many records the resource has (nothing saved: unchanged)
    count: Callable[[object, dict], int]
    #: row list field -> (its schema, its row form); rows are posted as <list>-0-<field>
    rows: dict[str, type[Schema]] = field(default_factory=dict)
    #: schema fields the page does not show (the API alone takes them)
    api_only: frozenset[str] = frozenset()
    api_method: str = "post"


def _bad_values(schema: type[Schema], name: str) -> Iterator[tuple[str, object]]:
    """The values field ``name`` refuses, as the schema states them."""
    declared = schema._declared_fields[name]
    for rule in declared.validators:
        long_text = isinstance(declared, mf.String) and isinstance(rule, validate.Length)
        if long_text and rule.max is not None:
            yield "long", "x" * (rule.max + 1)
        if isinstance(rule, validate.OneOf):
            yield "choice", "no-such-choice"
        if isinstance(rule, validate.Regexp):
            yield "pattern", "!!!!"
        if isinstance(rule, validate.Range):
            if rule.min is not None:
                yield "range", rule.min - 1
            if rule.max is not None:
                yield "range", rule.max + 1
    if declared.required and isinstance(declared, mf.String):
        yield "missing", ""


def cases(resource: Resource, ctx: dict) -> Iterator[BadValue]:
    """Every bad value of every field of ``resource`` the form shows."""
    for name in resource.schema._declared_fields:
        if name in resource.api_only:
            continue
        if name in resource.rows:
            row_schema = resource.rows[name]
            for row_name in row_schema._declared_fields:
                for what, value in _bad_values(row_schema, row_name):
                    if what == "missing":
                        continue  # a blank row is no row on the page
                    row = _valid_row(row_schema)
                    row[row_name] = value
                    body = {**resource.api_data(ctx), name: [row]}
                    dotted, key = f"{name}.0.{row_name}", f"{name}-0-{row_name}"
                    yield BadValue(what, dotted, key, value, body)
            continue
        for what, value in _bad_values(resource.schema, name):
            body = resource.api_data(ctx)
            if what == "missing":
                body.pop(name, None)
            else:
                body[name] = value
            yield BadValue(what, name, name, value, body)


def _valid_row(row_schema: type[Schema]) -> dict:
    row = {}
    for name, declared in row_schema._declared_fields.items():
        if declared.required:
            choices = [r.choices for r in declared.validators if isinstance(r, validate.OneOf)]
            if choices:
                row[name] = list(choices[0])[0]
            else:
                row[name] = 1 if isinstance(declared, mf.Integer) else "AB 123456"
    return row


def _api_fields_name(fields_: dict, dotted: str) -> bool:
    """Whether the API's ``fields`` name ``dotted`` (nested rows: names.0.full_name)."""
    node = fields_
    for part in dotted.split("."):
        if not isinstance(node, dict):
            return False
        node = node.get(part, node.get(int(part)) if part.isdigit() else None)
        if node is None:
            return False
    return bool(node)


def _expected_messages(app, resource: Resource, data: dict, key: str) -> list[str]:
    """What the form's field ``key`` says of ``data`` (its validators are the schema's)."""
    with app.test_request_context(method="POST", data=data):
        owner = resource.form()
        target = owner
        for part in key.split("-"):
            target = target[int(part)] if part.isdigit() else getattr(target, part)
            if isinstance(target, FormField):
                owner = target = target.form
        target.validate(owner)
        return [str(m) for m in target.errors]


def _field_window(page: str, key: str) -> str:
    """The page from field ``key``'s control to the next field's control (in a table of
    rows: to the end of the rows' table), where its messages are shown."""
    start = page.find(f'id="{key}"')
    if start < 0:
        return ""
    if "-" in key:
        end = page.find("</tbody>", start)
    else:
        following = re.search(r"<(input|select|textarea)\b", page[start + 1 :])
        end = start + 1 + following.start() if following else len(page)
    return page[start:end]


def _message_at_field(page: str, key: str, message: str) -> bool:
    """Whether ``message`` is shown at the field ``key``."""
    window = _field_window(page, key)
    return html.escape(message, quote=False) in window or message in window


def _messages_at(page: str, key: str) -> list[str]:
    """The messages shown under a field the form macro renders."""
    found = re.findall(
        r'<div class="invalid-feedback d-block">(.*?)</div>', _field_window(page, key)
    )
    return [html.unescape(m) for m in found]


# --- the resources ------------------------------------------------------------------------


def _party_setup(session) -> dict:
    office = make_office(session, country_code="KZ")
    return {"user": make_user(session, office=office), "office": office}


_COMPANY_FIELDS = {"registration_number", "tax_id", "jurisdiction", "bank_details"}


def _party_page(ctx: dict, name: str) -> dict:
    kind = "company" if name in _COMPANY_FIELDS else "person"
    return {"kind": kind, "names-0-full_name": "Testov Test", "names-0-is_primary": "y"}


def _party_count(session, ctx) -> int:
    return session.scalar(select(func.count(Party.id)))


PARTY = Resource(
    name="party",
    schema=PartyInput,
    form=PartyForm,
    setup=_party_setup,
    page_url=lambda ctx: "/parties/new",
    page_data=_party_page,
    api_url=lambda ctx: "/api/v1/parties",
    api_data=lambda ctx: {"kind": "person", "names": [{"full_name": "Testov Test"}]},
    count=_party_count,
    rows={
        "names": inputs.schema_field(PartyInput, "names").inner.nested,
        "documents": inputs.schema_field(PartyInput, "documents").inner.nested,
    },
    # The kind is chosen by the link followed (a hidden input), not typed.
    api_only=frozenset({"kind"}),
)


def _asset_count(session, ctx) -> int:
    return session.scalar(select(func.count(Asset.id)))


ASSET = Resource(
    name="asset",
    schema=AssetInput,
    form=AssetForm,
    setup=_party_setup,
    page_url=lambda ctx: "/assets/new",
    page_data=lambda ctx, name: {
        "kind": "other",
        "description": "A boat",
        "case_id": "0",
        "status": "identified",
        "status_effective_on": "2026-12-01",
        "owners-0-party_id": "0",
    },
    api_url=lambda ctx: "/api/v1/assets",
    api_data=lambda ctx: {"kind": "other", "description": "A boat"},
    count=_asset_count,
    rows={"owners": AssetOwnerInput},
)


def _case_count(session, ctx) -> int:
    return session.scalar(select(func.count(Case.id)))


CASE = Resource(
    name="case",
    schema=CaseInput,
    form=CaseForm,
    setup=_party_setup,
    page_url=lambda ctx: "/cases/new",
    page_data=lambda ctx, name: {
        "reference": "T-1",
        "title": "Smuggling",
        "lead_prosecutor_id": "0",
        "opened_on": "2026-12-01",
    },
    api_url=lambda ctx: "/api/v1/cases",
    api_data=lambda ctx: {"reference": "T-1", "title": "Smuggling"},
    count=_case_count,
)

#: The drafting form (checked section by section below).
REQUEST = Resource(
    name="request",
    schema=RequestContentInput,
    form=SectionForm,
    setup=_party_setup,
    page_url=lambda ctx: "",
    page_data=lambda ctx, name: {},
    api_url=lambda ctx: "",
    api_data=lambda ctx: {},
    count=lambda session, ctx: 0,
)

#: The statement import form (checked alone: its page shows one message for the form).
STATEMENT = Resource(
    name="statement",
    schema=StatementInput,
    form=StatementForm,
    setup=_party_setup,
    page_url=lambda ctx: "",
    page_data=lambda ctx, name: {},
    api_url=lambda ctx: "",
    api_data=lambda ctx: {},
    count=lambda session, ctx: 0,
)

#: The upload form (checked alone: its page answers with a flash or its script's JSON).
UPLOAD = Resource(
    name="attachment",
    schema=AttachmentInput,
    form=UploadForm,
    setup=_party_setup,
    page_url=lambda ctx: "",
    page_data=lambda ctx, name: {},
    api_url=lambda ctx: "",
    api_data=lambda ctx: {},
    count=lambda session, ctx: 0,
)

RESOURCES = [PARTY, ASSET, CASE]


def _count(app, resource: Resource, ctx: dict) -> int:
    with app.app_context():
        return resource.count(db.session, ctx)


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r.name)
def test_page_and_api_refuse_what_the_schema_refuses(empty_app, resource):
    with empty_app.app_context():
        ctx = resource.setup(db.session)
        db.session.commit()
        all_cases = list(cases(resource, ctx))
    before = _count(empty_app, resource, ctx)
    page_client = signed_in(empty_app, ctx["user"])
    api = api_client(empty_app, ctx["user"])
    assert {"long"} <= {case.what for case in all_cases}
    for case in all_cases:
        data = {
            **resource.page_data(ctx, case.name.split(".")[0]),
            case.page_key: str(case.value),
        }
        expected = _expected_messages(empty_app, resource, data, case.page_key)
        assert expected, (resource.name, case)
        page = page_client.post(resource.page_url(ctx), data=data)
        assert page.status_code == 422, (resource.name, case.page_key, case.what)
        text = page.get_data(as_text=True)
        assert all(_message_at_field(text, case.page_key, m) for m in expected), (
            resource.name,
            case.page_key,
            expected,
        )
        answer = getattr(api, resource.api_method)(resource.api_url(ctx), json=case.api_body)
        assert answer.status_code == 422, (resource.name, case.name, case.what)
        assert _api_fields_name(answer.get_json()["error"]["fields"], case.name), (
            resource.name,
            case.name,
            answer.get_json(),
        )
        assert _count(empty_app, resource, ctx) == before, (resource.name, case)


def _form_fields(form_class) -> Iterator[tuple[str, object]]:
    for name in dir(form_class):
        unbound = getattr(form_class, name)
        if hasattr(unbound, "field_class") and name not in ("csrf_token",):
            yield name, unbound


def _check_form(form_class, schema: type[Schema], owned: set[str]) -> None:
    for name, unbound in _form_fields(form_class):
        validators = unbound.kwargs.get("validators") or []
        if unbound.field_class in (FieldList,):
            row_field = unbound.args[0] if unbound.args else unbound.kwargs["unbound_field"]
            assert unbound.kwargs["max_entries"] == inputs.max_rows(schema, name), name
            row_form = row_field.args[0]
            row_schema = schema._declared_fields[name].inner.nested
            _check_form(row_form, row_schema, set(row_schema._declared_fields))
            continue
        if name not in owned:
            assert not validators, f"{form_class.__name__}.{name} states a rule of its own"
            continue
        assert name in schema._declared_fields, f"{schema.__name__} has no {name}"
        for validator in validators:
            assert getattr(validator, inputs.FROM_SCHEMA, False), (
                f"{form_class.__name__}.{name} declares {validator!r}, not from {schema.__name__}"
            )
        one_of = [
            r for r in schema._declared_fields[name].validators if isinstance(r, validate.OneOf)
        ]
        if unbound.field_class is SelectField and one_of:
            values = [value for value, _label in unbound.kwargs["choices"]]
            assert values == inputs.choice_values(schema, name), name


@pytest.mark.parametrize("resource", [*RESOURCES, REQUEST, UPLOAD, STATEMENT], ids=lambda r: r.name)
def test_the_form_declares_no_rule_the_schema_does_not_own(resource):
    form_names = {name for name, _ in _form_fields(resource.form)}
    owned = (set(resource.schema._declared_fields) & form_names) - set(resource.rows)
    _check_form(resource.form, resource.schema, owned)
    # Every field the schema states and the page shows gets its rules from the schema.
    for name in owned:
        unbound = getattr(resource.form, name)
        # A select's choices are the schema's (checked above): by the form itself, or where
        # each section posts only its own fields (the channel) by the service that saves it.
        checks_choices = unbound.field_class is SelectField and (
            unbound.kwargs.get("validate_choice", True)
            or any(
                isinstance(r, validate.OneOf)
                for r in resource.schema._declared_fields[name].validators
            )
        )
        assert unbound.kwargs.get("validators") or checks_choices, (
            f"{resource.form.__name__}.{name} is not checked by the schema's rules"
        )


def test_the_api_patch_is_the_schema_made_partial():
    created = PartyCreate()
    patched = PartyPatch()
    assert patched.fields["version"].required
    for name, declared in patched.fields.items():
        if name == "version":
            continue
        assert not declared.required, name
        assert [type(v) for v in declared.validators] == [
            type(v) for v in created.fields[name].validators
        ], name


def test_a_russian_user_reads_the_schemas_message_in_russian(empty_app):
    with empty_app.app_context():
        office = make_office(db.session, country_code="KZ")
        user = make_user(db.session, office=office, language="ru")
        db.session.commit()
    russian = "Укажите двухбуквенный код страны, например KZ."
    data = {"kind": "company", "names-0-full_name": "ООО Тест", "jurisdiction": "KAZ"}
    page = signed_in(empty_app, user).post("/parties/new", data=data)
    assert page.status_code == 422
    assert _message_at_field(page.get_data(as_text=True), "jurisdiction", russian)
    answer = api_client(empty_app, user).post(
        "/api/v1/parties", json={"names": [{"full_name": "ООО Тест"}], "jurisdiction": "KAZ"}
    )
    assert answer.status_code == 422
    assert answer.get_json()["error"]["fields"]["jurisdiction"] == [russian]


def test_an_upload_is_described_by_the_one_attachment_schema(empty_app):
    """The upload page answers its script (or flashes) rather than showing a form again: its
    refusal names the form's message; the API names the field; neither stores a file."""
    with empty_app.app_context():
        office = make_office(db.session, country_code="KZ")
        user = make_user(db.session, office=office)
        case_id = make_case(db.session, office=office).id
        db.session.commit()
    page, api = signed_in(empty_app, user), api_client(empty_app, user)
    bad = [
        (name, what, value)
        for name in AttachmentInput._declared_fields
        for what, value in _bad_values(AttachmentInput, name)
    ]
    assert {what for _n, what, _v in bad} == {"long", "choice"}
    for name, _what, value in bad:
        fields_ = {"kind": "other", name: str(value)}
        expected = _expected_messages(empty_app, UPLOAD, fields_, name)
        assert expected, name
        answer = page.post(
            f"/cases/{case_id}/attachments",
            data={"file": (io.BytesIO(b"note\n"), "note.txt"), **fields_},
            content_type="multipart/form-data",
            headers={"X-Requested-With": "fetch"},
        )
        assert answer.status_code == 422, name
        assert all(m in answer.get_json()["error"]["message"] for m in expected), name
        answer = api.client.post(
            f"/api/v1/cases/{case_id}/attachments",
            data={"file": (io.BytesIO(b"note\n"), "note.txt"), **fields_},
            headers=api.headers,
            content_type="multipart/form-data",
        )
        assert answer.status_code == 422, name
        assert name in answer.get_json()["error"]["fields"], name
    with empty_app.app_context():
        assert db.session.scalar(select(func.count(Attachment.id))) == 0


def test_a_requests_content_is_checked_by_the_one_request_schema(empty_app):
    """Each drafting section refuses a text past the schema's limit, and a channel outside its
    list, at the field; the API's PATCH refuses the same; the request stays as it was."""
    with empty_app.app_context():
        office = make_office(db.session, country_code="KZ")
        user = make_user(db.session, office=office)
        req = make_request(db.session, case=make_case(db.session, office=office))
        request_id, version = req.id, req.version
        db.session.commit()
    page, api = signed_in(empty_app, user), api_client(empty_app, user)
    form_names = {name for name, _ in _form_fields(SectionForm)}
    checked = 0
    for section in SECTIONS:
        for name in section.fields:
            if name not in form_names or name not in RequestContentInput._declared_fields:
                continue
            declared = RequestContentInput._declared_fields[name]
            if getattr(declared, "max_length", None) is not None:
                value = "x" * (declared.max_length + 1)
            elif name == "channel":
                value = "no-such-channel"
            else:
                continue
            data = {"version": str(version), name: value}
            expected = _expected_messages(empty_app, REQUEST, data, name) or [
                "Choose a channel from the list."
            ]
            answer = page.post(f"/requests/{request_id}/edit/{section.key}", data=data)
            assert answer.status_code == 422, name
            text = answer.get_data(as_text=True)
            assert all(_message_at_field(text, name, m) for m in expected), (name, expected)
            refused = api.patch(
                f"/api/v1/requests/{request_id}", json={"version": version, name: value}
            )
            assert refused.status_code == 422, name
            assert name in refused.get_json()["error"]["fields"], name
            checked += 1
    texts = [f for f in RequestContentInput._declared_fields.values() if hasattr(f, "max_length")]
    assert checked == len(texts) + 1  # every text of the drafting form, and the channel
    with empty_app.app_context():
        assert db.session.get(Request, request_id).version == version


def test_a_statements_formats_and_currency_are_checked_by_the_one_statement_schema(empty_app):
    """The import page refuses (422, "The form could not be read") and the API names the
    field, for each bad value of the schema; no statement is saved."""
    with empty_app.app_context():
        office = make_office(db.session, country_code="KZ")
        user = make_user(db.session, office=office)
        case_id = make_case(db.session, office=office).id
        db.session.commit()
    page, api = signed_in(empty_app, user), api_client(empty_app, user)
    csv = b"date,amount,currency\n2026-01-05,100.00,USD\n"
    bad = [
        (n, v) for n in StatementInput._declared_fields for _w, v in _bad_values(StatementInput, n)
    ]
    bad.append(("currency", "USDT"))  # past three letters: the schema's pattern refuses it
    assert {n for n, _v in bad} == {"number_format", "date_format", "currency"}
    for name, value in bad:
        answer = page.post(
            f"/money/cases/{case_id}/statements",
            data={"file": (io.BytesIO(csv), "s.csv"), "action": "preview", name: value},
            content_type="multipart/form-data",
        )
        assert answer.status_code == 422, name
        assert "The form could not be read. Nothing was saved." in answer.get_data(as_text=True)
        refused = api.client.post(
            f"/api/v1/cases/{case_id}/statements/preview",
            data={"file": (io.BytesIO(csv), "s.csv"), name: value},
            headers=api.headers,
            content_type="multipart/form-data",
        )
        assert refused.status_code == 422, name
        assert name in refused.get_json()["error"]["fields"], name
    with empty_app.app_context():
        assert db.session.scalar(select(func.count(Statement.id))) == 0


# --- the rules that changed where the page and the API disagreed ----------------------------


def _signed_in_pair(app):
    with app.app_context():
        user = make_user(db.session, office=make_office(db.session, country_code="KZ"))
        db.session.commit()
    return signed_in(app, user), api_client(app, user)


def test_the_api_refuses_case_offences_and_summary_past_the_forms_limit(empty_app):
    # The case form took 20,000 characters of offences and 100,000 of summary; the API took any.
    _page, api = _signed_in_pair(empty_app)
    body = {"reference": "T-9", "title": "Fraud"}
    for name in ("offences", "summary"):
        most = LIMITS["case"][name]
        answer = api.post("/api/v1/cases", json={**body, name: "x" * (most + 1)})
        assert answer.status_code == 422
        assert name in answer.get_json()["error"]["fields"]
    assert _count(empty_app, CASE, {}) == 0
    full = {**body, "offences": "x" * LIMITS["case"]["offences"]}
    assert api.post("/api/v1/cases", json=full).status_code == 201


def test_the_api_words_codes_and_values_as_the_page_does(empty_app):
    # The API answered "Longer than maximum length 2." and a range; now the page's words.
    page, api = _signed_in_pair(empty_app)
    answer = api.post(
        "/api/v1/assets",
        json={"kind": "other", "country_code": "KAZ", "currency": "USDT", "estimated_value": -5},
    )
    assert answer.status_code == 422
    assert answer.get_json()["error"]["fields"] == {
        "country_code": ["Use the two-letter country code, e.g. KZ."],
        "currency": ["Use the three-letter ISO 4217 currency code, e.g. USD."],
        "estimated_value": ["The value cannot be negative."],
    }
    form = {**ASSET.page_data({}, ""), "estimated_value": "-5"}
    text = page.post("/assets/new", data=form).get_data(as_text=True)
    assert _message_at_field(text, "estimated_value", "The value cannot be negative.")


def test_a_case_opened_on_a_bad_date_is_told_once(empty_app):
    # DataRequired added "This field is required." under "Not a valid date value."
    page, _api = _signed_in_pair(empty_app)
    form = {**CASE.page_data({}, ""), "opened_on": "not-a-date"}
    response = page.post("/cases/new", data=form)
    assert response.status_code == 422
    assert _messages_at(response.get_data(as_text=True), "opened_on") == ["Not a valid date value."]
    blank = page.post("/cases/new", data={**form, "opened_on": ""})
    assert blank.status_code == 422
    assert _messages_at(blank.get_data(as_text=True), "opened_on") == ["This field is required."]
