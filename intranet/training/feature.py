"""Lernpfade: training paths with steps, assignments with due dates, reports in aggregate."""

from flask_babel import lazy_gettext as _l

from intranet.features import Feature, Job, NavEntry, Panel
from intranet.training import demo, jobs, my_data, panels, privacy, todos
from intranet.training.views import bp, editor, leadership, learner  # noqa: F401 - modules add their routes

feature = Feature(
    name="training",
    is_pillar=True,
    blueprints=(bp,),
    nav=NavEntry("training.catalogue", _l("Lernpfade"), icon="graduation-cap", tone="green"),
    panels=(Panel("training", panels.home_panel, "training/partials/_home_panel.html"),),
    todos=(todos.todos,),
    seed=demo.seed,
    seed_after=("org", "guides"),
    jobs=(
        Job(
            "training-reminders",
            jobs.training_reminders,
            "Erinnert 14 und 3 Tage vor dem Termin an zugewiesene Lernpfade.",
            "cron",
            {"hour": 6, "minute": 30},
        ),
    ),
    my_data=(my_data.section,),
    stylesheet="css/training.css",
    bench="bench.features.training",
    legacy_paths={
        "/training/<int:path_id>/steps/<int:step_id>/questions": "training.add_question",
        "/training/<int:path_id>/steps/new": "training.add_step",
        "/training/<int:path_id>/assign": "training.assign",
        "/training/<int:path_id>/steps/<int:step_id>/seat": "training.book_seat",
        "/training/<int:path_id>/steps/<int:step_id>/seat/cancel": "training.cancel_seat",
        "/training/": "training.catalogue",
        "/training/<int:path_id>/status": "training.change_status",
        "/training/<int:path_id>/steps/<int:step_id>/done": "training.complete_step",
        "/training/enrolments/<int:enrolment_id>/confirmation": "training.confirmation",
        "/training/new": "training.create_path",
        "/training/practice/<int:request_id>": "training.decide_practice",
        "/training/<int:path_id>/edit": "training.edit_path",
        "/training/<int:path_id>/steps/<int:step_id>/edit": "training.edit_step",
        "/training/<int:path_id>/editor": "training.editor",
        "/training/<int:path_id>/enrol": "training.enrol",
        "/training/<int:path_id>/steps/<int:step_id>/move": "training.move_step",
        "/training/<int:path_id>": "training.path_page",
        "/training/practice": "training.practice_inbox",
        "/training/preview": "training.preview",
        "/training/<int:path_id>/steps/<int:step_id>/questions/<int:question_id>/delete": (
            "training.remove_question"
        ),
        "/training/<int:path_id>/steps/<int:step_id>/delete": "training.remove_step",
        "/training/report": "training.report",
        "/training/<int:path_id>/steps/<int:step_id>/practice": "training.request_practice",
        "/training/<int:path_id>/steps/<int:step_id>/termin.ics": "training.session_ics",
        "/training/<int:path_id>/steps/<int:step_id>": "training.step_page",
        "/training/<int:path_id>/steps/<int:step_id>/quiz": "training.submit_quiz",
    },
    data_categories=privacy.CATEGORIES,
)
