"""The OpenAPI 3.0 document of the read-only decisions API (served at /api/v1/openapi.json)."""

from __future__ import annotations

from intranet.decisions.models import STATUSES

MAX_ID = 2**31 - 1


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _query(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
DATE = {"type": "string", "format": "date", "nullable": True}
UNIT = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
}
SUMMARY_PROPERTIES = {
    "id": {"type": "integer"},
    "title": {"type": "string"},
    "status": {"type": "string", "enum": list(STATUSES)},
    "summary": {"type": "string"},
    "effective_date": DATE,
    "published_at": {"type": "string", "nullable": True},
    "topic": {"type": "string", "nullable": True},
    "affected_units": {"type": "array", "items": UNIT},
    "superseded_by": {"type": "integer", "nullable": True},
    "requires_acknowledgement": {"type": "boolean"},
}


def openapi_document() -> dict:
    summary = {"type": "object", "required": list(SUMMARY_PROPERTIES), "properties": SUMMARY_PROPERTIES}
    detail_properties = {
        **SUMMARY_PROPERTIES,
        "context": {"type": "string"},
        "decision": {"type": "string"},
        "rationale": {"type": "string"},
        "consequences": {"type": "string"},
        "alternatives": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"title": {"type": "string"}, "why_not": {"type": "string"}},
            },
        },
        "unit": UNIT,
        "decided_on": DATE,
        "decided_by": {"type": "string"},
        "consulted": {"type": "string"},
        "works_council_involved": {"type": "boolean"},
        "supersedes": {"type": "array", "items": {"type": "integer"}},
        "revisions": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "number": {"type": "integer"},
                    "kind": {"type": "string"},
                    "reason": {"type": "string"},
                    "is_substantive": {"type": "boolean"},
                    "author": {"type": "string"},
                    "created_at": {"type": "string"},
                },
            },
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Lotse – Entscheidungen (nur lesend)",
            "version": "1.0.0",
            "description": "Veröffentlichte Entscheidungen mit Filtern und Versionen. "
            "Anmeldung mit persönlichem API-Schlüssel "
            "(Entscheidungen → Zugangsschlüssel).",
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerAuth": []}],
        "paths": {
            "/decisions": {
                "get": {
                    "operationId": "listDecisions",
                    "summary": "Entscheidungen auflisten",
                    "parameters": [
                        _query("q", {"type": "string", "maxLength": 200}, "Volltextsuche"),
                        _query("unit", ID, "Betrifft diese Einheit (auch über- oder untergeordnet)"),
                        _query("topic", ID, "Thema"),
                        _query("status", {"type": "string", "enum": list(STATUSES)}, "Status"),
                        _query(
                            "effective_from",
                            {"type": "string", "format": "date"},
                            "Gilt ab frühestens (JJJJ-MM-TT)",
                        ),
                        _query(
                            "effective_to",
                            {"type": "string", "format": "date"},
                            "Gilt ab spätestens (JJJJ-MM-TT)",
                        ),
                        _query("page", {"type": "integer", "minimum": 1, "maximum": 100000}, "Seite"),
                        _query(
                            "per_page", {"type": "integer", "minimum": 1, "maximum": 100}, "Einträge je Seite"
                        ),
                    ],
                    "responses": {
                        "200": {
                            "description": "Eine Seite Entscheidungen",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["items", "page", "per_page", "total", "pages"],
                                        "properties": {
                                            "items": {"type": "array", "items": summary},
                                            "page": {"type": "integer"},
                                            "per_page": {"type": "integer"},
                                            "total": {"type": "integer"},
                                            "pages": {"type": "integer"},
                                        },
                                    }
                                }
                            },
                        },
                        "400": _error("Ungültiger Filter oder ungültige Seite"),
                        "401": _error("Kein oder ungültiger API-Schlüssel"),
                    },
                }
            },
            "/decisions/{decision_id}": {
                "get": {
                    "operationId": "getDecision",
                    "summary": "Eine Entscheidung mit Versionen",
                    "parameters": [{"name": "decision_id", "in": "path", "required": True, "schema": ID}],
                    "responses": {
                        "200": {
                            "description": "Die Entscheidung",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": list(detail_properties),
                                        "properties": detail_properties,
                                    }
                                }
                            },
                        },
                        "401": _error("Kein oder ungültiger API-Schlüssel"),
                        "404": _error("Nicht gefunden oder nicht sichtbar"),
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["status", "message"],
                            "properties": {
                                "status": {"type": "integer"},
                                "message": {"type": "string"},
                                "field": {"type": "string"},
                            },
                        }
                    },
                }
            },
        },
    }
