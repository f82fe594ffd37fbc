"""Read-only JSON API of the register (personal API token as Bearer), with its OpenAPI document."""

from __future__ import annotations

import re
from datetime import date

from flask import Blueprint, g, jsonify, request
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from intranet import permissions
from intranet.decisions import tokens
from intranet.decisions.models import STATUSES, Decision, DecisionRevision
from intranet.decisions.openapi import MAX_ID, openapi_document
from intranet.decisions.queries import RegisterFilter, register_query
from intranet.extensions import csrf, db

bp = Blueprint("decisions_api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # read-only, token-authenticated, no cookies
MAX_PER_PAGE = 100
NUMBER = re.compile(r"[0-9]{1,9}")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class ApiError(Exception):
    def __init__(self, status: int, message: str, field: str | None = None):
        super().__init__(message)
        self.status, self.message, self.field = status, message, field


@bp.errorhandler(ApiError)
def _api_error(error: ApiError):
    body = {"error": {"status": error.status, "message": error.message}}
    if error.field:
        body["error"]["field"] = error.field
    headers = {"WWW-Authenticate": 'Bearer realm="lotse"'} if error.status == 401 else {}
    return jsonify(body), error.status, headers


@bp.before_request
def _authenticate():
    if request.endpoint == "decisions_api.openapi":
        return
    scheme, _sep, secret = request.headers.get("Authorization", "").partition(" ")
    user = tokens.user_for_token(secret.strip(), "api") if scheme.lower() == "bearer" else None
    if user is None:
        raise ApiError(401, _("Gültiger API-Schlüssel erforderlich (Authorization: Bearer …)."))
    g.api_user = user


def _int_arg(name: str, default: int | None, low: int, high: int) -> int | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not NUMBER.fullmatch(raw) or not low <= int(raw) <= high:
        raise ApiError(
            400,
            _(
                "Ungültiger Wert für „%(name)s“: ganze Zahl von %(low)d bis %(high)d erwartet.",
                name=name,
                low=low,
                high=high,
            ),
            name,
        )
    return int(raw)


def _date_arg(name: str) -> date | None:
    raw = request.args.get(name)
    if not raw:
        return None
    try:
        if not DATE.fullmatch(raw):
            raise ValueError(raw)
        return date.fromisoformat(raw)
    except ValueError:
        raise ApiError(
            400, _("Ungültiges Datum für „%(name)s“: JJJJ-MM-TT erwartet.", name=name), name
        ) from None


def _filters() -> RegisterFilter:
    status = request.args.get("status", "")
    if status and status not in STATUSES:
        raise ApiError(400, _("Unbekannter Status."), "status")
    q = request.args.get("q", "")
    if len(q) > 200:
        raise ApiError(400, _("Suchbegriff zu lang (höchstens 200 Zeichen)."), "q")
    return RegisterFilter(
        q=q.strip(),
        unit_id=_int_arg("unit", None, 1, MAX_ID),
        topic_id=_int_arg("topic", None, 1, MAX_ID),
        status=status,
        date_from=_date_arg("effective_from"),
        date_to=_date_arg("effective_to"),
    )


def _summary(decision: Decision) -> dict:
    return {
        "id": decision.id,
        "title": decision.title,
        "status": decision.status,
        "summary": decision.summary,
        "effective_date": decision.effective_date.isoformat() if decision.effective_date else None,
        "published_at": decision.published_at.isoformat() if decision.published_at else None,
        "topic": decision.topic.name if decision.topic else None,
        "affected_units": [{"id": u.id, "name": u.name} for u in decision.affected_units],
        "superseded_by": decision.superseded_by_id,
        "requires_acknowledgement": decision.requires_acknowledgement,
    }


@bp.get("/decisions")
def list_decisions():
    filters = _filters()
    number = _int_arg("page", 1, 1, 100000)
    per_page = _int_arg("per_page", 25, 1, MAX_PER_PAGE)
    page = db.paginate(register_query(g.api_user, filters), page=number, per_page=per_page, error_out=False)
    return jsonify(
        {
            "items": [_summary(d) for d in page.items],
            "page": number,
            "per_page": per_page,
            "total": page.total,
            "pages": page.pages,
        }
    )


@bp.get("/decisions/<int:decision_id>")
def get_decision(decision_id):
    if decision_id > MAX_ID:
        raise ApiError(404, _("Diese Entscheidung gibt es nicht."))
    decision = db.session.scalar(
        select(Decision)
        .options(
            selectinload(Decision.affected_units),
            joinedload(Decision.topic),
            joinedload(Decision.unit),
            selectinload(Decision.alternatives),
            selectinload(Decision.supersedes),
        )
        .where(Decision.id == decision_id)
    )
    if decision is None or not permissions.can_view_decision(g.api_user, decision):
        raise ApiError(404, _("Diese Entscheidung gibt es nicht."))
    revisions = db.session.scalars(
        select(DecisionRevision)
        .options(joinedload(DecisionRevision.author))
        .where(DecisionRevision.decision_id == decision.id)
        .order_by(DecisionRevision.number)
    ).all()
    return jsonify(
        {
            **_summary(decision),
            "context": decision.context,
            "decision": decision.decision_text,
            "rationale": decision.rationale,
            "consequences": decision.consequences,
            "alternatives": [{"title": a.title, "why_not": a.why_not} for a in decision.alternatives],
            "unit": {"id": decision.unit.id, "name": decision.unit.name},
            "decided_on": decision.decided_on.isoformat() if decision.decided_on else None,
            "decided_by": decision.decided_by,
            "consulted": decision.consulted,
            "works_council_involved": decision.works_council_involved,
            "supersedes": [d.id for d in decision.supersedes],
            "revisions": [
                {
                    "number": r.number,
                    "kind": r.kind,
                    "reason": r.reason,
                    "is_substantive": r.is_substantive,
                    "author": r.author.name,
                    "created_at": r.created_at.isoformat(),
                }
                for r in revisions
            ],
        }
    )


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document())
