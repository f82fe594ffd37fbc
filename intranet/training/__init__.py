"""Training paths ("Lernpfade"): DESIGN.md §3."""
