"""baocao: a report workspace in git for Vietnamese government reporting rounds."""

__version__ = "0.1.0"
