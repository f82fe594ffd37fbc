"""One export layer: a list is declared once and served as CSV (German Excel) and XLSX."""
