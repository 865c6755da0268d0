"""One label set per enum (casetrack.labels): complete in English and Russian, and the same
words on pages, in documents, exports and the API."""

from __future__ import annotations

import pytest

from casetrack import labels
from casetrack.documents.labels import term
from casetrack.models import RequestStatus
from tests.factories import api_client, make_case, make_office, make_request, make_user, signed_in


@pytest.mark.parametrize("enum_type", list(labels.PAIRS))
def test_every_value_has_an_english_and_a_russian_word(enum_type):
    pairs = labels.PAIRS[enum_type]
    assert set(pairs) == set(enum_type)
    for english, russian in pairs.values():
        assert english.strip() and russian.strip()
        assert english != russian or english.isupper()


def test_pending_approval_is_called_the_same_everywhere(empty_app):
    from casetrack.db import db

    with empty_app.app_context():
        office = make_office(db.session)
        user = make_user(db.session, office=office)
        request = make_request(
            db.session,
            case=make_case(db.session, office=office),
            status=RequestStatus.PENDING_APPROVAL,
        )
        db.session.commit()
        request_id = request.id
    page = signed_in(empty_app, user).get("/requests/").get_data(as_text=True)
    assert "pending approval" in page and "awaiting approval" not in page
    detail = api_client(empty_app, user).get(f"/api/v1/requests/{request_id}").get_json()
    assert (detail["status"], detail["status_label"]) == ("pending_approval", "pending approval")
    with empty_app.test_request_context():
        from casetrack.monitoring.services import status_labels

        assert status_labels()["pending_approval"] == "pending approval"
        assert labels.label(RequestStatus.PENDING_APPROVAL, "ru") == "на согласовании"


def test_documents_print_the_same_words_as_the_pages():
    for enum_type, group in [
        (labels.PartyRole, "party_role"),
        (labels.AssetKind, "asset_kind"),
        (labels.Channel, "channel"),
        (labels.DeadlineKind, "deadline_kind"),
    ]:
        for member in enum_type:
            for lang in ("en", "ru"):
                assert term(group, member.value, lang) == labels.label(member, lang)
