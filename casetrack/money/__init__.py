"""The money trail: bank statements imported into cases, and where the money went."""

from casetrack.money import views  # noqa: F401  (registers the pages on bp)
from casetrack.money.blueprint import bp

__all__ = ["bp"]
