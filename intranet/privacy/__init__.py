"""Personal data over its lifetime: retention periods, the purge job, erasure, the Art. 30 record."""
