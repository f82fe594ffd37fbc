"""The demo Landratsamt: `flask seed-demo` runs every seeder in order.

Each seeder is idempotent on its own (it checks for its own data first), so running
seed-demo again, or after a new feature arrived, never duplicates anything.
"""

import importlib

SEEDERS = [
    "intranet.demo.org:seed",
    "intranet.guides.demo:seed",
    "intranet.training.demo:seed",
    "intranet.decisions.demo:seed",
    "intranet.pilots.demo:seed",
    "intranet.feedback.demo:seed",
]


def seed_all(log=print) -> None:
    from intranet.extensions import db

    for dotted in SEEDERS:
        module_name, func_name = dotted.split(":")
        seeder = getattr(importlib.import_module(module_name), func_name)
        message = seeder()
        db.session.commit()
        log(f"{module_name}: {message}")
