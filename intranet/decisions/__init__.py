"""Decision register ("Entscheidungen"): what leadership decided, why, for whom and when."""
