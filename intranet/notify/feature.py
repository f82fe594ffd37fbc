"""Notifications in the app and by e-mail, and the daily digest."""

from intranet.features import Feature, Job, Panel
from intranet.notify import my_data, panels, privacy, services
from intranet.notify.views import bp

feature = Feature(
    name="notify",
    blueprints=(bp,),
    panels=(Panel("notifications", panels.home_panel, "notify/partials/_home_panel.html"),),
    jobs=(
        Job(
            "mail",
            services.deliver_outbox,
            "Versendet wartende E-Mails aus dem Postausgang.",
            "interval",
            {"minutes": 1},
        ),
        Job(
            "digest",
            services.send_digests,
            "Tägliche Zusammenfassung für alle, die sie gewählt haben.",
            "cron",
            {"hour": 7, "minute": 0},
        ),
    ),
    my_data=(my_data.section,),
    legacy_paths={
        "/notifications/": "notify.index",
        "/notifications/badge": "notify.badge",
        "/notifications/<int:notification_id>/open": "notify.open_notification",
        "/notifications/read-all": "notify.read_all",
    },
    data_categories=privacy.CATEGORIES,
)
