"""Writes of the proposals: submission, decisions, and the proposers' personal data."""
