"""Pilot projects: sign-up with capacity and waitlist, owner tools, results for everyone."""
