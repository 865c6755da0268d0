"""Synthetic requests: a status drawn by weight and the history of steps that led there, with their
deadlines.
"""

from __future__ import annotations

from datetime import timedelta

from casetrack import figures
from casetrack.models import (
    Deadline,
    Request,
    RequestAsset,
    RequestLegalBasis,
    RequestParty,
    StatusChange,
)
from casetrack.synth.rows import Batch
from casetrack.synth.world import REQUESTS_PER_CASE, _at

# Paths through the lifecycle to each status: (action, target) after "draft".
_PATHS = {
    "draft": [],
    "pending_approval": [("submit", "pending_approval")],
    "approved": [("submit", "pending_approval"), ("approve", "approved")],
    "sent": [("submit", "pending_approval"), ("approve", "approved"), ("send", "sent")],
}


_PATHS["received"] = _PATHS["sent"] + [("acknowledge", "received")]


_PATHS["in_execution"] = _PATHS["received"] + [("start", "in_execution")]


_PATHS["information_requested"] = _PATHS["in_execution"] + [("ask_info", "information_requested")]


_PATHS["partially_executed"] = _PATHS["in_execution"] + [
    ("partially_execute", "partially_executed")
]


_PATHS["postponed"] = _PATHS["in_execution"] + [("postpone", "postponed")]


_PATHS["executed"] = _PATHS["in_execution"] + [("execute", "executed")]


_PATHS["refused"] = _PATHS["received"] + [("refuse", "refused")]


_PATHS["withdrawn"] = _PATHS["sent"] + [("withdraw", "withdrawn")]


#: How often each status occurs: most old requests are closed, a fair share is in progress.
_STATUS_WEIGHTS = {
    "draft": 6, "pending_approval": 3, "approved": 2, "sent": 10, "received": 7,
    "in_execution": 14, "information_requested": 3, "partially_executed": 4, "postponed": 2,
    "executed": 36, "refused": 6, "withdrawn": 4,
}  # fmt: skip


_REQUESTED_SIDE = {"acknowledge", "start", "partially_execute", "execute", "ask_info",
                   "refuse", "postpone"}  # fmt: skip


_ASSISTANCE = ["taking_evidence", "service_of_documents", "search_and_seizure", "freezing",
               "records", "tracing_proceeds", "providing_information"]  # fmt: skip


_OFFENCES = [
    ("Large-scale fraud", "Art. 190(4) CC"),
    ("Legalisation of criminal proceeds", "Art. 218(3) CC"),
    ("Embezzlement", "Art. 189(4) CC"),
    ("Smuggling of cash", "Art. 234 CC"),
    ("Bribery", "Art. 366(3) CC"),
    ("Drug trafficking", "Art. 297(3) CC"),
    ("Tax evasion", "Art. 245(2) CC"),
]


def _requests(batch: Batch, case_ids, case_rows, case_meta, parties_of_case, assets_of_case):
    rng, world, today = batch.rng, batch.world, batch.world.today
    statuses = list(_STATUS_WEIGHTS)
    weights = list(_STATUS_WEIGHTS.values())
    rows, plans = [], []
    for case_id, crow, office in zip(case_ids, case_rows, case_meta, strict=True):
        for _ in range(rng.choice(REQUESTS_PER_CASE)):
            requested = rng.choice([o for o in world.offices if o["country"] != office["country"]])
            status = rng.choices(statuses, weights)[0]
            path = _PATHS[status]
            created = crow["opened_on"] + timedelta(days=rng.randrange(1, 120))
            if created > today - timedelta(days=2):
                created = today - timedelta(days=2)
            # Steps a few days to a few months apart, never in the future.
            day, step_days = created, []
            for _action, _target in path:
                day = day + timedelta(days=rng.randrange(1, 40))
                step_days.append(min(day, today))
            year = created.year
            key = (office["id"], year)
            seq = batch.sequences[key] = batch.sequences.get(key, 0) + 1
            sent_on = next((d for (a, _), d in zip(path, step_days, strict=True) if a == "send"),
                           None)  # fmt: skip
            ack_on = next(
                (d for (a, _), d in zip(path, step_days, strict=True) if a == "acknowledge"),
                None,
            )
            closed_on = step_days[-1] if status in ("executed", "refused", "withdrawn") else None
            offence, article = crow["offences"], crow["offence_articles"]
            treaties = world.treaties_by_pair.get((office["country"], requested["country"]), [])
            rows.append(
                {
                    "reference": f"{office['code']}/{year}/{seq}",
                    "year": year,
                    "seq": seq,
                    "counterpart_reference": (
                        f"{requested['code']}/IN/{rng.randrange(1, 9999)}" if ack_on else ""
                    ),
                    "case_id": case_id,
                    "requesting_office_id": office["id"],
                    "requested_office_id": requested["id"],
                    "is_reciprocity": not treaties,
                    "channel": "central_authority",
                    "assistance_types": rng.sample(_ASSISTANCE, rng.randrange(1, 4)),
                    "subject": f"{offence}: assistance in case {crow['reference']}",
                    "proceedings_stage": "Pre-trial investigation",
                    "proceedings_authority": "",
                    "facts": crow["summary"],
                    "offences": f"{article} ({offence.lower()})",
                    "offence_text": "",
                    "damage": "",
                    "measures": [{"text": "Provide bank records for 2020–2025", "questions": []}],
                    "procedures": "",
                    "purpose": "To establish the flow of proceeds",
                    "is_urgent": rng.random() < 0.1,
                    "urgency_reason": "",
                    "is_confidential": True,
                    "has_speciality_undertaking": True,
                    "execution_requested_on": None,
                    "languages": ["ru"],
                    "annexes": [],
                    "status": status,
                    "refusal_ground": "dual_criminality" if status == "refused" else None,
                    "postponed_until": today + timedelta(days=30)
                    if status == "postponed"
                    else None,
                    "parent_id": None,
                    "is_registered_by_hand": False,
                    "signatory_name": "",
                    "signatory_title": "",
                    "sent_at": _at(sent_on, rng) if sent_on else None,
                    "acknowledged_at": _at(ack_on, rng) if ack_on else None,
                    "closed_at": _at(closed_on, rng) if closed_on else None,
                    "created_by_id": crow["lead_prosecutor_id"],
                    "created_at": _at(created, rng),
                    "updated_at": _at(step_days[-1] if step_days else created, rng),
                    "updated_by_id": crow["lead_prosecutor_id"],
                    "version": 1 + len(path),
                }
            )
            plans.append((case_id, office, requested, path, step_days, treaties, sent_on))
    request_ids = batch.write(Request, rows, office_of=lambda r: r["requesting_office_id"])
    # Written past the ORM (and its tally hook): counted in the network figures here, in the
    # batch's transaction.
    figures.add_rows(batch.session, rows)
    office_of_request = dict(zip(request_ids, (r["requesting_office_id"] for r in rows),
                                 strict=True))  # fmt: skip

    def request_office(row):
        return office_of_request[row["request_id"]]

    step_rows, deadline_rows, person_rows, asset_rows, basis_rows = [], [], [], [], []
    for request_id, row, plan in zip(request_ids, rows, plans, strict=True):
        case_id, office, requested, path, step_days, treaties, sent_on = plan
        requesting_staff = world.users_by_office.get(office["id"]) or [None]
        requested_staff = world.users_by_office.get(requested["id"]) or [None]
        previous = "draft"
        for (action, target), day in zip(path, step_days, strict=True):
            actor = rng.choice(requested_staff if action in _REQUESTED_SIDE else requesting_staff)
            step_rows.append(
                {
                    "request_id": request_id, "action": action, "from_status": previous,
                    "to_status": target, "actor_id": actor, "changed_at": _at(day, rng),
                    "effective_on": day,
                    "comment": "Further details needed" if action in ("ask_info", "postpone")
                    else "",
                    "grounds": "dual_criminality" if action == "refuse" else None,
                    "is_recorded_for_counterpart": not requested["is_member"]
                    and action in _REQUESTED_SIDE,
                }
            )  # fmt: skip
            previous = target
        if sent_on:
            final = row["status"] in ("executed", "refused", "withdrawn")
            ack_due = sent_on + timedelta(days=10)
            response_due = sent_on + timedelta(days=90)
            acknowledged = row["acknowledged_at"] is not None
            deadline_rows.append(
                {
                    "request_id": request_id, "case_id": None, "asset_id": None,
                    "kind": "acknowledgement", "title": "Acknowledgement of receipt",
                    "due_on": ack_due, "rule": "10 calendar days from the date sent",
                    "state": "met" if acknowledged else ("missed" if ack_due < today
                                                         else "open"),
                    "owner_office_id": requested["id"], "owner_user_id": None,
                    "requesting_office_id": row["requesting_office_id"],
                    "created_at": _at(sent_on, rng),
                    "closed_at": row["acknowledged_at"],
                }
            )  # fmt: skip
            state = "met" if final else ("open" if response_due >= today or rng.random() < 0.7
                                         else "missed")  # fmt: skip
            deadline_rows.append(
                {
                    "request_id": request_id, "case_id": None, "asset_id": None,
                    "kind": "response_due", "title": "Response due", "due_on": response_due,
                    "rule": "90 calendar days from the date sent", "state": state,
                    "owner_office_id": requested["id"],
                    "owner_user_id": rng.choice(requested_staff) if acknowledged else None,
                    "requesting_office_id": row["requesting_office_id"],
                    "created_at": _at(sent_on, rng),
                    "closed_at": row["closed_at"] if state == "met" else None,
                }
            )  # fmt: skip
        for party_id in parties_of_case.get(case_id, [])[:2]:
            person_rows.append(
                {
                    "request_id": request_id,
                    "party_id": party_id,
                    "role": rng.choice(["suspect", "accused", "witness"]),
                }
            )
        for asset_id in assets_of_case.get(case_id, [])[:1]:
            asset_rows.append({"request_id": request_id, "asset_id": asset_id})
        if treaties:
            basis_rows.append({"request_id": request_id, "treaty_id": rng.choice(treaties),
                               "articles": ""})  # fmt: skip
    # Custody limits and follow-ups on open cases: deadlines not tied to a request.
    for case_id, crow in zip(case_ids, case_rows, strict=True):
        if crow["status"] == "open" and rng.random() < 0.3:
            due = today + timedelta(days=rng.randrange(-20, 60))
            deadline_rows.append(
                {
                    "request_id": None, "case_id": case_id, "asset_id": None,
                    "kind": "custody_limit", "title": "Custody ends", "due_on": due,
                    "rule": "set by hand", "state": "open" if due >= today else "missed",
                    "owner_office_id": crow["office_id"],
                    "owner_user_id": crow["lead_prosecutor_id"], "requesting_office_id": None,
                    "created_at": crow["created_at"], "closed_at": None,
                }
            )  # fmt: skip
    batch.write(StatusChange, step_rows, office_of=request_office)
    batch.write(Deadline, deadline_rows, office_of=lambda r: r["owner_office_id"])
    # Their earliest owed late due dates, counted in the "days late" figure (new requests).
    figures.add_late_requests(batch.session, request_ids)
    batch.write(RequestParty, person_rows, office_of=request_office)
    batch.write(RequestAsset, asset_rows, office_of=request_office)
    batch.write(RequestLegalBasis, basis_rows, office_of=request_office)
