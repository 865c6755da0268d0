"""The disruption planner and the roles of actors, over the network a user may see.

``plan`` removes actors one at a time by a strategy and says, for each target, why the
target matters in words, which requests already name them, and in which countries a
request would be needed (where other offices hold records of them, told by a hit or a
confirmed link, by office name only; where their assets lie abroad).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.orm import Session

from casetrack.links import analysis, removal, structure
from casetrack.links import network as actors
from casetrack.models import RequestStatus, User

#: Up to this many actors the planner page draws every strategy side by side.
COMPARE_LIMIT = 1500
#: Requests that no longer stand for a country: nothing more will come of them.
_DEAD = {RequestStatus.WITHDRAWN.value, RequestStatus.REFUSED.value}


def _money(value: Decimal) -> str:
    return f"{value:,.2f}".replace(",", " ")


def _countries(codes: list[str]) -> str:
    codes = sorted(set(codes))
    if len(codes) <= 1:
        return "".join(codes)
    return _("%(list)s and %(last)s", list=", ".join(codes[:-1]), last=codes[-1])


def why(net: actors.ActorNetwork, index: int, pieces: int) -> list[str]:
    """Say in words why an actor matters: ``pieces`` groups fall apart without them."""
    actor = net.actors[index]
    adj = net.network.adj[index]
    reasons = []
    if pieces >= 2:
        reasons.append(ngettext("connects %(num)d group", "connects %(num)d groups", pieces))
    case_countries = sorted(
        {c for _, c in actor.cases.values() if c} | {e["country"] for e in actor.elsewhere}
    )
    if len(case_countries) >= 2:
        reasons.append(_("links cases in %(countries)s", countries=_countries(case_countries)))
    elif len(actor.cases) >= 2:
        reasons.append(
            ngettext("appears in %(num)d case", "appears in %(num)d cases", len(actor.cases))
        )
    if actor.holdings:
        reasons.append(
            _(
                "holds assets worth %(value)s",
                value=", ".join(f"{_money(v)} {c}" for c, v in sorted(actor.holdings.items())),
            )
        )
    reasons.append(ngettext("%(num)d direct tie", "%(num)d direct ties", len(adj)))
    return reasons


def needed(actor: actors.Actor, own_countries: set[str]) -> list[dict]:
    """Return the countries where a request for this actor would be needed, and why."""
    covered = {r["country"] for r in actor.requests if r["status"] not in _DEAD and r["country"]}
    found: dict[str, dict] = {}
    for entry in actor.elsewhere:
        country = entry["country"]
        if not country or country in own_countries:
            continue
        slot = found.setdefault(country, {"country": country, "offices": [], "assets": False})
        if entry["office"] not in [o["code"] for o in slot["offices"]]:
            slot["offices"].append(
                {"code": entry["office"], "name": entry["office_name"], "via": entry["via"]}
            )
    for country in actor.asset_countries:
        if country and country not in own_countries:
            found.setdefault(country, {"country": country, "offices": [], "assets": False})
            found[country]["assets"] = True
    return [
        {**slot, "has_request": slot["country"] in covered} for _, slot in sorted(found.items())
    ]


def _target(net, index, own_countries, pieces, score) -> dict:
    actor = net.actors[index]
    return {
        "id": actor.node_id,
        "kind": actor.kind,
        "label": actor.label,
        "url": actor.url,
        "score": round(score, 4),
        "why": why(net, index, pieces),
        "requests": actor.requests,
        "needed": needed(actor, own_countries),
        "jurisdictions": actor.jurisdictions(),
    }


def own_countries(user: User) -> set[str]:
    """The user's own country: requests are needed for records outside it."""
    return {user.office.country_code} if user.office else set()


def plan(
    session: Session,
    user: User,
    *,
    strategy: str = "betweenness",
    steps: int = 10,
    seed: int = analysis.DEFAULT_SEED,
    since: date | None = None,
    until: date | None = None,
    net: actors.ActorNetwork | None = None,
    compare: bool = False,
) -> dict:
    """Run the planner: the strategy's steps, the random baseline, and each target's dossier."""
    net = net or actors.build(session, user, since, until)
    holdings = {a.node_id: a.holdings for a in net.actors if a.holdings}
    home = own_countries(user)

    def run(name: str) -> dict:
        start, done, sampled = removal.simulate(
            net.network, name, steps, seed=seed, holdings=holdings
        )
        return {
            "start": start.as_dict(),
            "sampled": sampled,
            "steps": [
                {
                    "removed": {
                        "id": net.actors[s.removed].node_id,
                        "kind": net.actors[s.removed].kind,
                        "label": net.actors[s.removed].label,
                    },
                    **s.snapshot.as_dict(),
                }
                for s in done
            ],
            "_done": done,
            "_start": start,
        }

    chosen = run(strategy)
    baseline = chosen if strategy == "random" else run("random")
    result = {
        "strategy": strategy,
        "seed": seed,
        "actors": len(net.actors),
        "ties": net.network.tie_count,
        "sampled": chosen["sampled"],
        "start": chosen["start"],
        "steps": chosen["steps"],
        "baseline": {"strategy": "random", "seed": seed, "steps": baseline["steps"]},
        "targets": [
            # One group became ``pieces`` when the target was removed.
            _target(net, s.removed, home, s.snapshot.groups - before.groups + 1, s.score)
            for before, s in zip(
                [chosen["_start"], *[d.snapshot for d in chosen["_done"]]],
                chosen["_done"],
                strict=False,
            )
        ],
        "period": {
            "from": since.isoformat() if since else None,
            "to": until.isoformat() if until else None,
        },
    }
    if compare:
        curves = {strategy: chosen["steps"], "random": baseline["steps"]}
        # On a large network the page draws the chosen strategy and the baseline only, so
        # that it answers within the time a user waits; the others are a click away.
        if len(net.actors) <= COMPARE_LIMIT:
            for name in removal.STRATEGIES:
                if name not in curves:
                    curves[name] = run(name)["steps"]
        result["curves"] = {n: curves[n] for n in removal.STRATEGIES if n in curves}
        result["compared_all"] = len(curves) == len(removal.STRATEGIES)
    return result


def roles_table(
    session: Session,
    user: User,
    *,
    since: date | None = None,
    until: date | None = None,
    seed: int = analysis.DEFAULT_SEED,
    net: actors.ActorNetwork | None = None,
) -> dict:
    """Return communities, brokers, k-core and the jurisdictions of each actor."""
    net = net or actors.build(session, user, since, until)
    found = structure.roles(net.network, seed=seed)
    top_core = max(found.core, default=0)
    rows = []
    for i, actor in enumerate(net.actors):
        rows.append(
            {
                "id": actor.node_id,
                "kind": actor.kind,
                "label": actor.label,
                "url": actor.url,
                "community": found.community[i] + 1,
                "reaches": sorted(c + 1 for c in found.reaches[i]),
                "is_broker": bool(found.reaches[i]),
                "is_cut_point": i in found.cut_points,
                "core": found.core[i],
                "in_main_core": found.core[i] == top_core and top_core > 0,
                "betweenness": round(found.betweenness[i], 4),
                "degree": found.degree[i],
                "jurisdictions": actor.jurisdictions(),
            }
        )
    rows.sort(key=lambda r: (-r["betweenness"], -r["degree"], r["label"]))
    return {
        "actors": rows,
        "communities": [
            {
                "community": n + 1,
                "size": len(members),
                "members": [net.actors[i].label for i in members[:6]],
            }
            for n, members in enumerate(found.communities)
        ],
        "main_core": top_core,
        "sampled": found.sampled,
        "ties": net.network.tie_count,
    }
