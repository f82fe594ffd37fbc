"""Recording audit entries."""

from flask import has_request_context, request

from intranet.audit.models import AuditEntry
from intranet.extensions import db


def record(actor, action: str, obj=None, summary: str = "", **details) -> AuditEntry:
    """Append one audit entry; the caller commits."""
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None),
        action=action,
        object_type=type(obj).__name__ if obj is not None else None,
        object_id=getattr(obj, "id", None),
        summary=summary[:500],
        details=details or None,
        ip_address=request.remote_addr if has_request_context() else None,
    )
    db.session.add(entry)
    return entry
