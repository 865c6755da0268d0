"""One batch of synthetic cases, written in bulk with Core INSERT … RETURNING, every row with its
audit event.
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from casetrack import db_bulk, names
from casetrack.models import (
    Asset,
    AssetOwner,
    AssetStatusChange,
    Case,
    CaseParty,
    IdentityDocument,
    Party,
    PartyName,
    PartyNameToken,
)
from casetrack.synth.histories import _OFFENCES, _requests
from casetrack.synth.people import _IBAN_LENGTH, iban, vin
from casetrack.synth.rows import Batch
from casetrack.synth.world import (
    BATCH_CASES,
    REFERENCE_PREFIX,
    YEARS_BACK,
    World,
    _at,
    _person_names,
)


def build_batch(
    session: Session, world: World, seed: int, batch_no: int, cases: int, sequences: dict
) -> Batch:
    """Write one batch of cases with everything that hangs on them; return what was written.

    ``sequences`` holds the last reference number issued per (office, year) and is advanced.
    """
    rng = random.Random(f"{seed}:{batch_no}")
    batch = Batch(session, world, rng, sequences)
    today = world.today
    case_rows, case_meta = [], []
    for index in range(cases):
        office = rng.choice(world.member_offices)
        opened = today - timedelta(days=rng.randrange(30, YEARS_BACK * 365))
        staff = world.users_by_office.get(office["id"]) or [None]
        offence, article = rng.choice(_OFFENCES)
        status = rng.choices(["open", "suspended", "closed"], [6, 1, 3])[0]
        closed = opened + timedelta(days=rng.randrange(60, 900)) if status == "closed" else None
        if closed and closed > today:
            closed = today
        case_rows.append(
            {
                "office_id": office["id"],
                "reference": f"{REFERENCE_PREFIX}{seed}-{batch_no:05d}-{index:04d}",
                "title": f"{offence}: case {batch_no * BATCH_CASES + index + 1}",
                "offences": offence,
                "offence_articles": f"{article} {office['country']}",
                "summary": f"{offence} through companies registered in several states.",
                "status": status,
                "lead_prosecutor_id": rng.choice(staff),
                "opened_on": opened,
                "closed_on": closed,
                "created_at": _at(opened, rng),
                "updated_at": _at(closed or opened, rng),
                "version": 1,
            }
        )
        case_meta.append(office)
    case_ids = batch.write(Case, case_rows)

    # Parties: about two per case; a third of people are recorded again by another office.
    party_rows, party_names, party_docs, party_case = [], [], [], []
    for case_id, row, office in zip(case_ids, case_rows, case_meta, strict=True):
        count = rng.choice((1, 2, 2, 2, 3))
        for _ in range(count):
            if rng.random() < 0.82:
                person = rng.choice(world.identities)
                spellings = _person_names(rng, person, office["country"])
                party_rows.append(
                    {
                        "office_id": office["id"],
                        "kind": "person",
                        "display_name": " ".join(
                            p for p in (spellings[0]["surname"], spellings[0]["given_name"],
                                        spellings[0]["patronymic"]) if p
                        ),
                        "birth_date": person.birth_date if rng.random() < 0.85 else None,
                        "birth_place": "",
                        "nationality": person.nationality,
                        "address": "",
                        "occupation": rng.choice(["director", "accountant", "driver",
                                                  "entrepreneur", "unemployed", ""]),
                        "registration_number": "",
                        "tax_id": "",
                        "jurisdiction": "",
                        "created_at": row["created_at"],
                        "updated_at": row["created_at"],
                        "version": 1,
                    }
                )  # fmt: skip
                party_names.append(spellings)
                party_docs.append(
                    [("passport", person.passport, person.nationality)]
                    if rng.random() < 0.4
                    else []
                )
            else:
                cyr, lat, registration, country = rng.choice(world.companies)
                spellings = [{"full_name": cyr}, {"full_name": lat}]
                if rng.random() < 0.5:
                    spellings.reverse()
                party_rows.append(
                    {
                        "office_id": office["id"],
                        "kind": "company",
                        "display_name": spellings[0]["full_name"],
                        "birth_date": None,
                        "birth_place": "",
                        "nationality": "",
                        "address": "",
                        "occupation": "",
                        "registration_number": registration,
                        "tax_id": registration if rng.random() < 0.5 else "",
                        "jurisdiction": country,
                        "created_at": row["created_at"],
                        "updated_at": row["created_at"],
                        "version": 1,
                    }
                )
                party_names.append(spellings)
                party_docs.append([])
            party_case.append((case_id, office, row))
    party_ids = batch.write(Party, party_rows)

    name_rows, name_parties = [], []
    for party_id, spellings, prow in zip(party_ids, party_names, party_rows, strict=True):
        for position, spelling in enumerate(spellings):
            text = spelling.get("full_name") or " ".join(
                p for p in (spelling["surname"], spelling["given_name"], spelling["patronymic"])
                if p
            )  # fmt: skip
            name_rows.append(
                {
                    "party_id": party_id,
                    "full_name": text,
                    "surname": spelling.get("surname", ""),
                    "given_name": spelling.get("given_name", ""),
                    "patronymic": spelling.get("patronymic", ""),
                    "script": names.script_of(text),
                    "is_primary": position == 0,
                    "search_key": names.fold(text),
                }
            )
            name_parties.append(prow["office_id"])
    office_by_party = dict(zip(party_ids, (r["office_id"] for r in party_rows), strict=True))
    name_ids = batch.write(PartyName, name_rows, office_of=lambda r: office_by_party[r["party_id"]])
    token_rows = [
        {
            "name_id": name_id,
            "token": token,
            "party_id": row["party_id"],
            "office_id": office_by_party[row["party_id"]],
        }
        for name_id, row in zip(name_ids, name_rows, strict=True)
        for token in names.search_tokens(row["full_name"])
    ]
    db_bulk.insert_rows(session, PartyNameToken.__table__, token_rows)
    doc_rows = [
        {"party_id": party_id, "kind": kind, "number": number,
         "number_key": number.upper(), "issuing_country": country,
         "issued_on": None, "expires_on": None}
        for party_id, docs in zip(party_ids, party_docs, strict=True)
        for kind, number, country in docs
    ]  # fmt: skip
    batch.write(IdentityDocument, doc_rows, office_of=lambda r: office_by_party[r["party_id"]])
    roles = ["suspect", "accused", "witness", "victim", "defendant", "beneficial_owner", "other"]
    case_party_rows = [
        {"case_id": case_id, "party_id": party_id, "role": rng.choice(roles),
         "created_at": crow["created_at"]}
        for party_id, (case_id, office, crow) in zip(party_ids, party_case, strict=True)
    ]  # fmt: skip
    office_by_case = dict(zip(case_ids, (r["office_id"] for r in case_rows), strict=True))
    batch.write(CaseParty, case_party_rows, office_of=lambda r: office_by_case[r["case_id"]])

    # Assets: one in two cases; some accounts turn up in cases of other offices.
    parties_of_case: dict[int, list[int]] = {}
    for party_id, (case_id, _, _) in zip(party_ids, party_case, strict=True):
        parties_of_case.setdefault(case_id, []).append(party_id)
    asset_rows, asset_owner = [], []
    for case_id, row, office in zip(case_ids, case_rows, case_meta, strict=True):
        if rng.random() >= 0.5:
            continue
        kind = rng.choices(["bank_account", "vehicle", "real_estate", "crypto_wallet", "cash"],
                           [5, 2, 2, 1, 1])[0]  # fmt: skip
        if kind == "bank_account":
            country = office["country"] if office["country"] in _IBAN_LENGTH else "KZ"
            identifier = (rng.choice(world.shared_ibans) if rng.random() < 0.15
                          else iban(rng, country))  # fmt: skip
            identifier = " ".join(identifier[i : i + 4] for i in range(0, len(identifier), 4))
        elif kind == "vehicle":
            identifier = vin(rng)
        elif kind == "real_estate":
            identifier = "-".join(f"{rng.randrange(1000):03d}" for _ in range(4))
        elif kind == "crypto_wallet":
            identifier = "bc1q" + "".join(rng.choice("023456789acdefghjklmnpqrstuvwxyz")
                                          for _ in range(38))  # fmt: skip
        else:
            identifier = ""
        status = rng.choices(["identified", "frozen", "seized", "confiscated", "released"],
                             [4, 3, 2, 1, 1])[0]  # fmt: skip
        asset_rows.append(
            {
                "office_id": office["id"],
                "case_id": case_id,
                "kind": kind,
                "identifier": identifier,
                "identifier_key": identifier.replace(" ", "").replace("-", "").upper(),
                "description": kind.replace("_", " "),
                "country_code": office["country"],
                "location": "",
                "estimated_value": Decimal(rng.randrange(1000, 5_000_000)),
                "currency": rng.choice(["USD", "KZT", "UZS", "EUR"]),
                "status": status,
                "created_at": row["created_at"],
                "updated_at": row["created_at"],
                "version": 1,
            }
        )
        asset_owner.append(rng.choice(parties_of_case[case_id]))
    asset_ids = batch.write(Asset, asset_rows)
    batch.write(
        AssetOwner,
        [{"asset_id": a, "party_id": p, "share": Decimal("100")}
         for a, p in zip(asset_ids, asset_owner, strict=True)],
        office_of=lambda r: None,
    )  # fmt: skip
    batch.write(
        AssetStatusChange,
        [{"asset_id": a, "from_status": None, "to_status": r["status"],
          "effective_on": r["created_at"].date(), "changed_by_id": None,
          "changed_at": r["created_at"], "comment": ""}
         for a, r in zip(asset_ids, asset_rows, strict=True)],
        office_of=lambda r: None,
    )  # fmt: skip
    assets_of_case: dict[int, list[int]] = {}
    for asset_id, row in zip(asset_ids, asset_rows, strict=True):
        assets_of_case.setdefault(row["case_id"], []).append(asset_id)

    _requests(batch, case_ids, case_rows, case_meta, parties_of_case, assets_of_case)
    return batch
