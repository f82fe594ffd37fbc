"""Loading what a training route names, with the permission that decides whether it exists for
the current user (404 rather than 403, so drafts and other people's records do not leak)."""

from __future__ import annotations

from flask_login import current_user

from intranet import permissions as perm
from intranet.training import queries
from intranet.training.models import TrainingPath, TrainingStep


def viewable_path(path_id: int) -> TrainingPath:
    """The path, or 404 if the user may not see it."""
    path = queries.get_path_or_404(path_id)
    perm.require(perm.can_view_path(current_user, path), hide=True)
    return path


def editable_path(path_id: int) -> TrainingPath:
    """The path, or 404 if the user may not edit it."""
    path = viewable_path(path_id)
    perm.require(perm.can_edit_path(current_user, path), hide=True)
    return path


def editable_step(path_id: int, step_id: int) -> tuple[TrainingPath, TrainingStep]:
    path = editable_path(path_id)
    return path, queries.get_step_or_404(path, step_id)
