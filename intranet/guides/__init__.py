"""Digital guides (Lotsinnen und Lotsen) and questions, with escalation up the org tree."""
