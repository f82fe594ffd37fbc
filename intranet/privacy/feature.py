"""Personal data over its lifetime: retention and the nightly purge, erasure, the Art. 30 record."""

from intranet.features import FEATURES, Feature, Job
from intranet.privacy import demo, my_data, purge
from intranet.privacy.views import bp

feature = Feature(
    name="privacy",
    blueprints=(bp,),
    jobs=(
        Job(
            purge.JOB_NAME,
            purge.purge,
            "Löscht oder anonymisiert, was seine Aufbewahrungsfrist überschritten hat.",
            "cron",
            {"hour": 3, "minute": 30},
        ),
    ),
    my_data=(my_data.retention_section,),
    seed=demo.seed,
    seed_after=tuple(name for name in FEATURES if name != "privacy"),  # after every other seeder
)
