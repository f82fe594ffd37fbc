"""Tests of the one export layer."""
