"""Directory administration: admins keep the offices (audited); a central authority adds a
counterpart office while registering a paper request, and then uses it."""

from __future__ import annotations

from sqlalchemy import func, select

from casetrack import clock
from casetrack.db import db
from casetrack.models import AuditEvent, Office, Request, RequestStatus
from tests.factories import signed_in

NEW_OFFICE = {
    "code": "TR-ANK",
    "country_code": "TR",
    "kind": "prosecutor_office",
    "name_en": "Ankara Chief Public Prosecutor's Office",
    "name_ru": "Главная прокуратура Анкары",
    "name_local": "Ankara Cumhuriyet Başsavcılığı",
    "address": "Ankara Adliyesi, Sıhhiye",
    "email": "ankara@adalet.example",
    "parent_id": 0,
}


def _office(app, code):
    with app.app_context():
        return db.session.scalar(select(Office).where(Office.code == code))


def _audit(app, office_id):
    with app.app_context():
        return list(
            db.session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.object_type == "offices", AuditEvent.object_id == office_id)
                .order_by(AuditEvent.id)
            )
        )


def test_an_admin_adds_edits_and_deactivates_an_office(directory_app, people):
    app = directory_app
    admin = signed_in(app, people.admin)
    listing = admin.get("/admin/offices")
    assert listing.status_code == 200 and 'data-code="UZ-TAS"' in listing.get_data(as_text=True)
    assert admin.get("/admin/offices/new").status_code == 200
    created = admin.post("/admin/offices/new", data=NEW_OFFICE)
    assert created.status_code == 302, created.get_data(as_text=True)
    office = _office(app, "TR-ANK")
    assert not office.is_member and office.is_active and office.name_local.startswith("Ankara")
    assert _audit(app, office.id) == ["create"]
    edited = admin.post(
        f"/admin/offices/{office.id}", data={**NEW_OFFICE, "address": "Yeni adres", "is_member": ""}
    )
    assert edited.status_code == 302
    assert _office(app, "TR-ANK").address == "Yeni adres"
    assert admin.post(f"/admin/offices/{office.id}/active").status_code == 302
    assert not _office(app, "TR-ANK").is_active
    assert _audit(app, office.id) == ["create", "update", "update"]
    # A deactivated office is offered for no new request.
    new_request = signed_in(app, people.almaty).get("/requests/new").get_data(as_text=True)
    assert "TR-ANK" not in new_request


def test_bad_offices_are_form_errors_and_nothing_is_saved(directory_app, people):
    app = directory_app
    admin = signed_in(app, people.admin)
    with app.app_context():
        before = db.session.scalar(select(func.count(Office.id)))
        kz_ca = db.session.scalar(select(Office.id).where(Office.code == "KZ-GPO"))
    cases = [
        ({"email": "not an address"}, "not a valid e-mail address"),
        ({"code": "KZ-ANK"}, "must begin with the country code"),
        ({"code": "UZ-TAS", "country_code": "UZ"}, "already has this code"),
        ({"name_ru": ""}, "This field is required"),
        ({"parent_id": kz_ca}, "central authority of the same country"),
    ]
    for change, message in cases:
        response = admin.post("/admin/offices/new", data={**NEW_OFFICE, **change})
        assert response.status_code == 422, change
        assert message in response.get_data(as_text=True), change
    with app.app_context():
        assert db.session.scalar(select(func.count(Office.id))) == before


def test_only_admins_keep_the_directory(directory_app, people):
    app = directory_app
    for person in (people.kz_ca, people.almaty, people.coordinator):
        client = signed_in(app, person)
        assert client.get("/admin/offices").status_code == 404
        assert client.post("/admin/offices/new", data=NEW_OFFICE).status_code == 404


def _paper(requesting_id, **extra):
    return {
        "requesting_office_id": requesting_id,
        "requested_office_id": "",
        "counterpart_reference": "ANK-2026/77",
        "letter_on": clock.today().isoformat(),
        "received_on": clock.today().isoformat(),
        "channel": "central_authority",
        "subject": "Company records",
        "assistance_types": ["records"],
        "measures": "Registry extract of Demo LLP",
        **extra,
    }


def test_an_office_the_admin_added_serves_a_paper_request(directory_app, people):
    app = directory_app
    assert (
        signed_in(app, people.admin).post("/admin/offices/new", data=NEW_OFFICE).status_code == 302
    )
    ankara, almaty = _office(app, "TR-ANK"), _office(app, "KZ-ALM")
    ca = signed_in(app, people.kz_ca)
    assert "TR-ANK" in ca.get("/requests/register").get_data(as_text=True)
    response = ca.post("/requests/register", data=_paper(ankara.id, requested_office_id=almaty.id))
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        req = db.session.scalar(select(Request).where(Request.requesting_office_id == ankara.id))
        assert req.status == RequestStatus.RECEIVED and req.requested_office.code == "KZ-ALM"


def test_a_central_authority_adds_the_counterpart_while_registering(directory_app, people):
    app = directory_app
    ca = signed_in(app, people.kz_ca)
    almaty = _office(app, "KZ-ALM")
    fields = {
        "new_counterpart": "y",
        "new_code": "TR-IST",
        "new_country_code": "TR",
        "new_kind": "prosecutor_office",
        "new_name_en": "Istanbul Chief Public Prosecutor's Office",
        "new_name_ru": "Главная прокуратура Стамбула",
        "new_email": "istanbul@adalet.example",
    }
    bad = ca.post(
        "/requests/register",
        data=_paper(0, requested_office_id=almaty.id, **{**fields, "new_email": "nope"}),
    )
    assert bad.status_code == 422 and "not a valid e-mail address" in bad.get_data(as_text=True)
    own_country = ca.post(
        "/requests/register",
        data=_paper(0, requested_office_id=almaty.id, **{**fields, "new_country_code": "KZ"}),
    )
    assert own_country.status_code == 422
    assert _office(app, "TR-IST") is None
    good = ca.post("/requests/register", data=_paper(0, requested_office_id=almaty.id, **fields))
    assert good.status_code == 302, good.get_data(as_text=True)
    istanbul = _office(app, "TR-IST")
    assert istanbul is not None and not istanbul.is_member
    with app.app_context():
        req = db.session.scalar(select(Request).where(Request.requesting_office_id == istanbul.id))
        assert req.counterpart_reference == "ANK-2026/77"
    assert _audit(app, istanbul.id) == ["create"]
