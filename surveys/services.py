"""Writes that span several survey models."""


def demo_surveys_load() -> str:
    """Load the source's studies, questions and figures (none yet)."""
    return "No survey data to load yet."
