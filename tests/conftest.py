"""Shared settings: hypothesis runs the same examples on every run, without deadlines."""

from hypothesis import settings

settings.register_profile("project", derandomize=True, deadline=None, max_examples=150)
settings.load_profile("project")
