"""Cross-border links: the same person, company or asset across cases and jurisdictions."""

from casetrack.links import hooks  # noqa: F401  (keeps proposals current on every commit)
