"""User administration: only admins, and disabling an account ends its sessions."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from casetrack.db import db
from casetrack.models import User
from tests.factories import PASSWORD, signed_in


@pytest.mark.parametrize("who", ["almaty", "kz_ca", "coordinator"])
def test_non_admins_get_404(directory_app, people, who):
    client = signed_in(directory_app, getattr(people, who))
    assert client.get("/admin/users").status_code == 404
    assert client.get("/admin/users/new").status_code == 404
    assert client.post("/admin/users/1/active").status_code == 404


def test_admin_creates_a_user_who_can_sign_in(directory_app, people):
    app = directory_app
    client = signed_in(app, people.admin)
    response = client.post(
        "/admin/users/new",
        data={
            "email": "Timur@KZ-ALM.example",
            "name": "Timur Bekov",
            "office": "KZ-ALM",
            "role": "prosecutor",
            "language": "ru",
            "password": "long-enough-pass",
            "confirm": "long-enough-pass",
        },
    )
    assert response.status_code == 302
    assert "timur@kz-alm.example" in client.get("/admin/users").get_data(as_text=True)
    new = app.test_client()
    assert (
        new.post(
            "/login", data={"email": "timur@kz-alm.example", "password": "long-enough-pass"}
        ).status_code
        == 302
    )


def test_duplicate_or_bad_user_is_refused_with_a_message(directory_app, people):
    app = directory_app
    client = signed_in(app, people.admin)
    base = {
        "name": "X",
        "office": "KZ-ALM",
        "role": "prosecutor",
        "language": "en",
        "password": "long-enough-pass",
        "confirm": "long-enough-pass",
    }
    response = client.post("/admin/users/new", data={**base, "email": people.almaty.email})
    assert response.status_code == 400
    assert "exists already" in response.get_data(as_text=True)
    response = client.post(
        "/admin/users/new", data={**base, "email": "x@kz-alm.example", "confirm": "other"}
    )
    assert response.status_code == 400
    assert "The passwords differ." in response.get_data(as_text=True)
    response = client.post(
        "/admin/users/new", data={**base, "email": "y@kz-alm.example", "office": "NOPE"}
    )
    assert response.status_code == 400
    with app.app_context():
        assert (
            db.session.scalar(
                select(User).where(User.email.in_(["x@kz-alm.example", "y@kz-alm.example"]))
            )
            is None
        )


def test_disabling_ends_sessions_and_enabling_restores_login(directory_app, people):
    app = directory_app
    victim = signed_in(app, people.tashkent)
    assert victim.get("/dashboard").status_code == 200
    admin = signed_in(app, people.admin)
    user_id = people.tashkent.id
    assert admin.post(f"/admin/users/{user_id}/active").status_code == 302
    assert victim.get("/dashboard").status_code == 302
    assert (
        app.test_client()
        .post("/login", data={"email": people.tashkent.email, "password": PASSWORD})
        .status_code
        == 401
    )
    admin.post(f"/admin/users/{user_id}/active")
    assert signed_in(app, people.tashkent).get("/dashboard").status_code == 200


def test_reset_password_unlocks(directory_app, people):
    app = directory_app
    admin = signed_in(app, people.admin)
    user_id = people.tbilisi.id
    assert (
        admin.post(f"/admin/users/{user_id}/password", data={"password": "short"}).status_code
        == 400
    )
    assert (
        admin.post(
            f"/admin/users/{user_id}/password", data={"password": "a-brand-new-password"}
        ).status_code
        == 302
    )
    assert (
        app.test_client()
        .post("/login", data={"email": people.tbilisi.email, "password": "a-brand-new-password"})
        .status_code
        == 302
    )


def test_admin_cannot_disable_themself(directory_app, people):
    app = directory_app
    admin = signed_in(app, people.admin)
    admin_id = people.admin.id
    admin.post(f"/admin/users/{admin_id}/active")
    assert admin.get("/admin/users").status_code == 200


def test_user_list_query_count_is_flat(directory_app, people, count_queries):
    app = directory_app
    from casetrack.auth.services import create_user

    client = signed_in(app, people.admin)
    with count_queries() as before:
        client.get("/admin/users")
    with app.app_context():
        for n in range(20):
            create_user(
                db.session,
                email=f"bulk{n}@kz-alm.example",
                name=f"Bulk {n}",
                office_code="KZ-ALM",
                role="prosecutor",
                password="long-enough-pass",
            )
        db.session.commit()
    with count_queries() as after:
        client.get("/admin/users")
    assert len(after) == len(before)
