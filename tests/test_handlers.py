"""The request-handler layer on its own: loads through access, one commit, one rollback."""

from __future__ import annotations

import pytest
from flask import get_flashed_messages
from flask_login import login_user
from werkzeug.exceptions import NotFound

from casetrack import handlers
from casetrack.db import db
from casetrack.models import Case
from casetrack.validation import InvalidInput, NotAllowed
from tests.factories import make_case, make_office, make_user


@pytest.fixture
def two_offices(empty_app):
    with empty_app.app_context():
        mine, theirs = make_office(db.session), make_office(db.session)
        user = make_user(db.session, office=mine)
        ids = {
            "user": user.id,
            "mine": make_case(db.session, office=mine).id,
            "theirs": make_case(db.session, office=theirs).id,
        }
        db.session.commit()
    return empty_app, ids


def _as_user(app, user_id):
    from casetrack.models import User

    context = app.test_request_context("/")
    context.push()
    login_user(db.session.get(User, user_id))
    return context


def test_load_and_find_answer_only_what_the_user_may_see(two_offices):
    app, ids = two_offices
    context = _as_user(app, ids["user"])
    try:
        assert handlers.load(Case, ids["mine"]).id == ids["mine"]
        assert handlers.find(Case, str(ids["mine"])).id == ids["mine"]
        for hidden in (ids["theirs"], 10**12, "x", None):
            with pytest.raises(NotFound):
                handlers.load(Case, hidden)
            assert handlers.find(Case, hidden) is None
        with pytest.raises(NotFound):
            handlers.load(Case, ids["mine"], using=lambda session, user, object_id: None)
    finally:
        context.pop()


def test_perform_commits_once_or_rolls_back_and_flashes(two_offices):
    app, ids = two_offices
    context = _as_user(app, ids["user"])
    try:
        case = handlers.load(Case, ids["mine"])

        def rename(title, error=None):
            def act():
                case.title = title
                db.session.flush()
                if error is not None:
                    raise error
                return title

            return act

        answer = handlers.perform(rename("kept"), done=lambda result: f"done {result}")
        assert answer == "done kept"
        db.session.expire_all()
        assert handlers.load(Case, ids["mine"]).title == "kept"

        refusals = [
            InvalidInput({"title": ["first"], "summary": ["second"]}),
            NotAllowed("not now"),
            handlers.Refused("in my words", "warning"),
        ]
        for error in refusals:
            answer = handlers.perform(
                rename("lost", error), done=lambda _result: "done", failed=lambda e: type(e)
            )
            assert answer is type(error)
            db.session.expire_all()
            assert handlers.load(Case, ids["mine"]).title == "kept"
        assert get_flashed_messages(with_categories=True) == [
            ("danger", "first"),
            ("danger", "second"),
            ("danger", "not now"),
            ("warning", "in my words"),
        ]
        with pytest.raises(NotAllowed):
            handlers.perform(rename("lost", NotAllowed("no")), done=lambda _result: "done")
    finally:
        db.session.rollback()
        context.pop()
