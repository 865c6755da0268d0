"""Checks of national identifiers on identity documents, where a maintained library knows them.

python-stdnum (its maintainers follow the issuing authorities' rules) checks the Azerbaijani
VÖEN. It has no rules for Kazakhstan's IIN/BIN or Uzbekistan's PINFL/STIR, and "INN" here is
any country's tax number, so those are kept as written, unchecked.
"""

from __future__ import annotations

from flask_babel import gettext as _
from stdnum.az import voen
from stdnum.exceptions import ValidationError

from casetrack import labels

#: The kinds of document whose number a library checks, and the library's module for each.
CHECKED = {"voen": voen}


def number_error(kind: str, number: str) -> str | None:
    """Return why ``number`` is not a valid identifier of ``kind``, or None (also when no
    library knows the kind)."""
    module = CHECKED.get(kind)
    if module is None:
        return None
    try:
        module.validate(number)
    except ValidationError:
        return _(
            "%(number)s is not a valid %(kind)s.",
            number=number,
            kind=labels.identity_document(kind),
        )
    return None
