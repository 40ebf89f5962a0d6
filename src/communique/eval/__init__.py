"""Evaluations against the annotated data in ../shared/data (never copied into the repo)."""
