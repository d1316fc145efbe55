"""jdlint: a linter for job-family pages kept as Markdown in a handbook."""

__version__ = "0.1.0"
