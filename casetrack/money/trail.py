"""The money trail: who paid whom across the statements a user may see, and the flags on it (SPEC
§money).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from casetrack import access
from casetrack.links.visibility import record_url
from casetrack.models import (
    Case,
    CaseParty,
    PartyKind,
    PartyRole,
    Transaction,
    User,
)
from casetrack.money import statements

#: Roles that make a party a suspect for the "receives from several suspects" flag.
SUSPECT_ROLES = (PartyRole.SUSPECT, PartyRole.ACCUSED, PartyRole.DEFENDANT)


#: Money passed on within this many days counts as passing straight through (ours).
PASS_THROUGH_DAYS = 3


#: …when at least this share of what came in goes out again (ours).
PASS_THROUGH_SHARE = Decimal("0.8")


def _money(value: Decimal) -> str:
    return f"{value:,.2f}".replace(",", " ")


def flows(
    session: Session,
    user: User,
    *,
    case_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> dict:
    """Return the money the user may see as accounts, parties, weighted edges, totals, flags."""
    empty = {"nodes": [], "edges": [], "totals": {}, "flags": [], "transactions": 0}
    if not access.can_see_content(user):
        return empty
    visible_cases = select(Case.id).where(access.case_scope(user)).scalar_subquery()
    stmt = (
        select(Transaction)
        .where(Transaction.case_id.in_(visible_cases))
        .options(
            selectinload(Transaction.payer_asset),
            selectinload(Transaction.payee_asset),
            selectinload(Transaction.payer_party),
            selectinload(Transaction.payee_party),
        )
        .order_by(Transaction.booked_on, Transaction.id)
    )
    if case_id is not None:
        stmt = stmt.where(Transaction.case_id == case_id)
    if since:
        stmt = stmt.where(Transaction.booked_on >= since)
    if until:
        stmt = stmt.where(Transaction.booked_on <= until)
    rows = list(session.scalars(stmt))
    if not rows:
        return empty
    suspects = set(
        session.scalars(
            select(CaseParty.party_id).where(
                CaseParty.case_id.in_(visible_cases), CaseParty.role.in_(SUSPECT_ROLES)
            )
        )
    )
    accounts: dict[str, dict] = {}
    parties: dict[int, dict] = {}
    edges: dict[tuple[str, str, str], dict] = {}
    holds: set[tuple[str, str]] = set()
    by_account_in: dict[str, list[Transaction]] = defaultdict(list)
    by_account_out: dict[str, list[Transaction]] = defaultdict(list)

    def account_node(tx: Transaction, side: str) -> str:
        key = getattr(tx, f"{side}_account_key") or f"name:{getattr(tx, f'{side}_name')}"
        node_id = f"account:{key}"
        asset = getattr(tx, f"{side}_asset")
        party = getattr(tx, f"{side}_party")
        node = accounts.setdefault(
            node_id,
            {
                "id": node_id,
                "kind": "account",
                "label": getattr(tx, f"{side}_account") or getattr(tx, f"{side}_name"),
                "holder": getattr(tx, f"{side}_name"),
                "country": statements.account_country(getattr(tx, f"{side}_account_key"))
                or (asset.country_code if asset else ""),
                "url": record_url("assets.detail", asset.id) if asset else None,
                "asset_id": asset.id if asset else None,
                "in": defaultdict(Decimal),
                "out": defaultdict(Decimal),
                "senders": set(),
            },
        )
        if asset is not None and node["url"] is None:
            node["url"] = record_url("assets.detail", asset.id)
            node["country"] = node["country"] or asset.country_code
        if party is not None:
            party_id = f"party:{party.id}"
            parties.setdefault(
                party.id,
                {
                    "id": party_id,
                    "kind": "company" if party.kind == PartyKind.COMPANY else "person",
                    "label": party.display_name,
                    "url": record_url("parties.detail", party.id),
                    "is_suspect": party.id in suspects,
                    "in": defaultdict(Decimal),
                    "out": defaultdict(Decimal),
                },
            )
            holds.add((party_id, node_id))
        return node_id

    for tx in rows:
        source, target = account_node(tx, "payer"), account_node(tx, "payee")
        accounts[source]["out"][tx.currency] += tx.amount
        accounts[target]["in"][tx.currency] += tx.amount
        # Money between a party's own accounts is neither in nor out for that party.
        own = tx.payer_party_id is not None and tx.payer_party_id == tx.payee_party_id
        if tx.payer_party_id is not None and not own:
            parties[tx.payer_party_id]["out"][tx.currency] += tx.amount
        if tx.payer_party_id in suspects and not own:
            accounts[target]["senders"].add(tx.payer_party_id)
        if tx.payee_party_id is not None and not own:
            parties[tx.payee_party_id]["in"][tx.currency] += tx.amount
        edge = edges.setdefault(
            (source, target, tx.currency),
            {
                "source": source,
                "target": target,
                "currency": tx.currency,
                "amount": Decimal(0),
                "count": 0,
                "first_on": tx.booked_on,
                "last_on": tx.booked_on,
            },
        )
        edge["amount"] += tx.amount
        edge["count"] += 1
        edge["last_on"] = tx.booked_on
        by_account_in[target].append(tx)
        by_account_out[source].append(tx)

    flags = []
    names = {p["id"]: p["label"] for p in parties.values()}
    for node_id, node in accounts.items():
        if len(node["senders"]) >= 2:
            who = sorted(names[f"party:{s}"] for s in node["senders"])
            flags.append(
                {
                    "kind": "several_suspects",
                    "account": node_id,
                    "label": node["label"],
                    "text": f"{len(who)} suspects: {', '.join(who)}",
                }
            )
        passing = _pass_through(by_account_in.get(node_id, []), by_account_out.get(node_id, []))
        if passing:
            flags.append(
                {
                    "kind": "pass_through",
                    "account": node_id,
                    "label": node["label"],
                    "text": passing,
                }
            )
    for node in accounts.values():
        node["is_flagged"] = any(f["account"] == node["id"] for f in flags)

    totals = {"accounts": [], "parties": [], "countries": []}
    countries: dict[str, dict] = {}
    for node in accounts.values():
        code = node["country"] or "?"
        entry = countries.setdefault(
            code, {"country": code, "in": defaultdict(Decimal), "out": defaultdict(Decimal)}
        )
        for direction in ("in", "out"):
            for currency, value in node[direction].items():
                entry[direction][currency] += value

    def plain(entry: dict) -> dict:
        out = {k: v for k, v in entry.items() if k not in ("in", "out", "senders")}
        for direction in ("in", "out"):
            out[direction] = {c: str(v) for c, v in sorted(entry[direction].items())}
            out[f"{direction}_text"] = ", ".join(
                f"{_money(v)} {c}" for c, v in sorted(entry[direction].items())
            )
        return out

    totals["accounts"] = [plain(n) for n in accounts.values()]
    totals["parties"] = [plain(p) for p in parties.values()]
    totals["countries"] = [plain(c) for _, c in sorted(countries.items())]
    nodes = [plain(n) for n in accounts.values()] + [plain(p) for p in parties.values()]
    edge_list = [
        {
            **e,
            "id": f"m{i}",
            "amount": str(e["amount"]),
            "label": f"{_money(e['amount'])} {e['currency']}",
            "first_on": e["first_on"].isoformat(),
            "last_on": e["last_on"].isoformat(),
            "kind": "money",
        }
        for i, e in enumerate(edges.values())
    ]
    edge_list += [
        {"id": f"h{i}", "source": p, "target": a, "kind": "holds", "label": "holds"}
        for i, (p, a) in enumerate(sorted(holds))
    ]
    return {
        "nodes": nodes,
        "edges": edge_list,
        "totals": totals,
        "flags": flags,
        "transactions": len(rows),
    }


def _pass_through(incoming: list[Transaction], outgoing: list[Transaction]) -> str:
    """Describe money passed straight on: most of an incoming sum out within a few days."""
    for tx in incoming:
        window_end = tx.booked_on + timedelta(days=PASS_THROUGH_DAYS)
        sent = [
            o
            for o in outgoing
            if o.currency == tx.currency and tx.booked_on <= o.booked_on <= window_end
        ]
        total = sum((o.amount for o in sent), Decimal(0))
        if sent and total >= tx.amount * PASS_THROUGH_SHARE:
            last = max(o.booked_on for o in sent)
            return (
                f"received {_money(tx.amount)} {tx.currency} on "
                f"{tx.booked_on.isoformat()} and sent {_money(total)} {tx.currency} on by "
                f"{last.isoformat()}"
            )
    return ""
