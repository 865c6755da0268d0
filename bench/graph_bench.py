"""Benchmark: network analysis time against the network's size (not a test).

Builds synthetic actor networks shaped like criminal networks (groups of 20–80 actors tied
mostly among themselves, a few brokers tying groups together), then times what the pages
do with them (casetrack.links.analysis):

- roles: betweenness (exact up to 600 actors, else sampled), cut points, Louvain communities,
  k-core, and the server-side layout;
- plan: the disruption planner's default run, 10 removals by betweenness plus the random
  baseline, re-measuring after each removal;
- planner page: all five strategies side by side (what /links/graph/planner computes).

With ``--database`` it also loads the largest network into a throwaway SQLite database
(parties, one case per group, brokers in two cases) and times the actor network's build
from the database and the graph of /links/graph.

    .venv/bin/python bench/graph_bench.py
    .venv/bin/python bench/graph_bench.py --sizes 1000:4000,5000:20000 --database
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from casetrack.links import analysis, removal, structure


def synthetic(actors: int, ties: int, seed: int = 1) -> analysis.Network:
    """Return a network of ``actors`` in groups, with about ``ties`` ties, brokers included."""
    rng = random.Random(seed)
    net = analysis.Network()
    for i in range(actors):
        net.add_node(f"party:{i}", "person", f"actor {i:05d}")
    groups, start = [], 0
    while start < actors:
        size = min(rng.randint(20, 80), actors - start)
        groups.append(list(range(start, start + size)))
        start += size
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    while net.tie_count < ties:
        a = rng.randrange(actors)
        # A few ties across groups (the brokers), the rest within the actor's group.
        b = rng.randrange(actors) if rng.random() < 0.04 else rng.choice(groups[group_of[a]])
        net.add_tie(a, b)
    return net


def timed(function, repeat: int) -> tuple[float, float]:
    """Return the median wall time and the median CPU time of this process, in seconds.

    Both are printed: on a machine shared with other work, the CPU time is what the
    analysis itself costs and the wall time what a user would have waited.
    """
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def load() -> str:
    """The machine's load averages (1, 5, 15 min) and cores, as ``uptime`` shows them."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def analyse(sizes: list[tuple[int, int]], repeat: int) -> None:
    print(load())
    print("seconds as wall / CPU of this process")
    print(f"{'actors':>7} {'ties':>7} | {'roles':>11} {'plan':>11} {'planner page':>13} | sampled")
    for actors, ties in sizes:
        net = synthetic(actors, ties)

        def roles(net=net):
            found = structure.roles(net)
            structure.layout(net, found.communities)

        def plan(net=net):
            removal.simulate(net, "betweenness", 10)
            removal.simulate(net, "random", 10)

        def page(net=net):
            structure.roles(net)
            for strategy in removal.STRATEGIES:
                removal.simulate(net, strategy, 10)

        r = timed(roles, repeat)
        p = timed(plan, repeat)
        g = timed(page, 1)
        sampled = analysis.measure(net).sampled
        print(
            f"{actors:>7} {net.tie_count:>7} | {r[0]:>5.2f}/{r[1]:<5.2f} {p[0]:>5.2f}/{p[1]:<5.2f} "
            f"{g[0]:>6.2f}/{g[1]:<6.2f} | {sampled or 'exact'}"
        )


def database(actors: int, ties: int) -> None:
    """Load a synthetic network into SQLite and time the builds the pages run."""
    from datetime import date

    from sqlalchemy import insert, select

    from casetrack import create_app, demo, reference
    from casetrack.db import db
    from casetrack.links import disruption, graph
    from casetrack.links import network as actor_network
    from casetrack.models import Case, CaseParty, Office, Party, PartyKind, PartyRole, User

    folder = Path(tempfile.mkdtemp(prefix="casetrack-graph-bench-"))
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite'}",
            "SECRET_KEY": "bench",
            "AUDIT_KEY": "bench",
            "LINKS_AUTO_REFRESH": False,
            "SERVER_NAME": "bench.local",
        }
    )
    with app.app_context(), app.test_request_context():
        from flask_migrate import upgrade

        upgrade()
        reference.load(db.session)
        demo.load_demo_users(db.session)
        db.session.commit()
        office = db.session.scalar(select(Office).where(Office.code == "KZ-ALM"))
        user = db.session.scalar(select(User).where(User.email == "aigerim@kz-alm.example"))
        rng = random.Random(3)
        db.session.execute(
            insert(Party),
            [
                {
                    "office_id": office.id,
                    "kind": PartyKind.PERSON,
                    "display_name": f"actor {i:05d}",
                }
                for i in range(actors)
            ],
        )
        party_ids = list(db.session.scalars(select(Party.id).order_by(Party.id)))
        # Cases of 3 to 6 actors each (cliques), about ties/10 cases: about ``ties`` ties.
        cases = []
        for n in range(max(1, ties // 10)):
            cases.append(
                {
                    "office_id": office.id,
                    "reference": f"BENCH-{n:05d}",
                    "title": "synthetic",
                    "opened_on": date(2026, 1, 1),
                }
            )
        db.session.execute(insert(Case), cases)
        case_ids = list(db.session.scalars(select(Case.id).order_by(Case.id)))
        links = set()
        for case_id in case_ids:
            base = rng.randrange(len(party_ids))
            for _ in range(rng.randint(3, 6)):
                member = party_ids[(base + rng.randrange(60)) % len(party_ids)]
                if rng.random() < 0.05:
                    member = rng.choice(party_ids)
                links.add((case_id, member))
        db.session.execute(
            insert(CaseParty),
            [{"case_id": c, "party_id": p, "role": PartyRole.SUSPECT} for c, p in links],
        )
        db.session.commit()
        found: dict = {}
        took_actors = timed(lambda: found.update(net=actor_network.build(db.session, user)), 1)
        built = found["net"]
        took_plan = timed(lambda: disruption.plan(db.session, user, steps=10, net=built), 1)
        took_graph = timed(lambda: found.update(graph=graph.build(db.session, user)), 1)
        whole = found["graph"]
        print(
            f"database: {len(built.actors)} actors, {built.network.tie_count} ties "
            f"(from {len(case_ids)} cases): actor network built in "
            f"{took_actors[0]:.2f}/{took_actors[1]:.2f} s, plan (10 steps + baseline) "
            f"{took_plan[0]:.2f}/{took_plan[1]:.2f} s; /links/graph's graph "
            f"({len(whole.nodes)} nodes, {len(whole.edges)} edges) "
            f"{took_graph[0]:.2f}/{took_graph[1]:.2f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500:2000,1000:4000,2500:10000,5000:20000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database", action="store_true")
    args = parser.parse_args()
    sizes = [tuple(int(x) for x in pair.split(":")) for pair in args.sizes.split(",")]
    analyse(sizes, args.repeat)
    if args.database:
        database(*sizes[-1])
    print(load())


if __name__ == "__main__":
    main()
