"""Administration: people and roles, staff import, topics, the audit log."""
