"""The demo Landratsamt: `flask seed-demo` runs every feature's seeder in order.

Each seeder is idempotent on its own (it checks for its own data first), so running
seed-demo again, or after a new feature arrived, never duplicates anything. Seeders
are declared in each feature's `feature.py` (`seed`, `seed_after`).
"""


def seed_all(log=print) -> None:
    from intranet import features
    from intranet.extensions import db

    for name, seeder in features.seeders():
        message = seeder()
        db.session.commit()
        log(f"{name}: {message}")
