"""The errors baocao raises for a user to act on; each message is Vietnamese (messages.py)."""

from __future__ import annotations


class BaocaoError(Exception):
    """Something the user must fix; str(error) is the whole Vietnamese message."""


class CampaignError(BaocaoError):
    """campaign.yml, a schema or reviews.yml cannot be used."""


class BuildError(BaocaoError):
    """An output (site, DOCX) could not be built; the old one is left as it was."""


class WriteError(BaocaoError):
    """An output or a file could not be written (full disk, no permission); the old one is
    left as it was."""


class ImportFailure(BaocaoError):
    """A Word file could not be turned into a report."""


class TemplateError(BaocaoError):
    """A blank report could not be written."""
