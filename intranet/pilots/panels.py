"""Home panel "Meine Pilotprojekte": my sign-ups and the pilots I am responsible for."""

from intranet.pilots import queries


def home_panel(user):
    """Two queries; None when the person has nothing to do with pilots."""
    signups, owned = queries.current_signups(user), queries.current_owned(user)
    if not signups and not owned:
        return None
    return {"signups": signups, "owned": owned}
