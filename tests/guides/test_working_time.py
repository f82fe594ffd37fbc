"""Working-time arithmetic: weekends and the state's public holidays do not count."""

from datetime import UTC, datetime

from intranet import clock
from intranet.guides.escalation import add_working_hours, subtract_working_hours

BERLIN = clock.LOCAL_TZ


def berlin(*args) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


def test_friday_afternoon_plus_two_working_days_is_tuesday(app):
    due = add_working_hours(berlin(2026, 11, 13, 15, 0), 48)
    assert due.astimezone(BERLIN) == berlin(2026, 11, 17, 15, 0)
    assert due.tzinfo == UTC


def test_fronleichnam_in_bw_adds_a_day(app):
    # Fronleichnam 2026 is Thursday 4 June, a holiday in Baden-Württemberg.
    due = add_working_hours(berlin(2026, 6, 2, 15, 0), 48, state="BW")
    assert due.astimezone(BERLIN) == berlin(2026, 6, 5, 15, 0)


def test_fronleichnam_is_a_working_day_in_berlin(app):
    due = add_working_hours(berlin(2026, 6, 2, 15, 0), 48, state="BE")
    assert due.astimezone(BERLIN) == berlin(2026, 6, 4, 15, 0)


def test_state_comes_from_configuration(app):
    app.config["LOTSE_HOLIDAY_STATE"] = "BE"
    try:
        due = add_working_hours(berlin(2026, 6, 2, 15, 0), 48)
    finally:
        app.config["LOTSE_HOLIDAY_STATE"] = "BW"
    assert due.astimezone(BERLIN) == berlin(2026, 6, 4, 15, 0)


def test_asked_on_a_saturday_starts_counting_on_monday(app):
    due = add_working_hours(berlin(2026, 11, 14, 10, 0), 48)
    assert due.astimezone(BERLIN) == berlin(2026, 11, 18, 0, 0)


def test_across_the_autumn_clock_change(app):
    # DST ends Sunday 25 Oct 2026; Friday 15:00 + 2 working days is still Tuesday 15:00 local.
    due = add_working_hours(berlin(2026, 10, 23, 15, 0), 48)
    assert due.astimezone(BERLIN) == berlin(2026, 10, 27, 15, 0)


def test_warning_four_working_hours_before_monday_morning_lies_on_friday(app):
    warn = subtract_working_hours(berlin(2026, 11, 16, 2, 0), 4)
    assert warn.astimezone(BERLIN) == berlin(2026, 11, 13, 22, 0)


def test_subtract_is_the_inverse_of_add(app):
    start = berlin(2026, 12, 23, 11, 30)  # across Christmas and New Year
    for hours in (1, 4, 30, 48, 100):
        assert subtract_working_hours(add_working_hours(start, hours), hours) == start
