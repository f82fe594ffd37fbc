"""Feedback and error-culture board ("Feedback & Fehlerkultur")."""
