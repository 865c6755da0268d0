"""One label set per enum, translated (English source, Russian catalogue).

Pages, documents' on-screen parts, exports and the API's display names all read their words
here, so that a status or a kind is called the same everywhere.
"""

from flask_babel import lazy_gettext as _l

from casetrack.models import AssetKind, AssetStatus, PartyRole
from casetrack.reference_data import ASSISTANCE_TYPES

PARTY_ROLE_LABELS = {
    PartyRole.SUSPECT: _l("suspect"),
    PartyRole.ACCUSED: _l("accused"),
    PartyRole.DEFENDANT: _l("defendant"),
    PartyRole.WITNESS: _l("witness"),
    PartyRole.VICTIM: _l("victim"),
    PartyRole.BENEFICIAL_OWNER: _l("beneficial owner"),
    PartyRole.OTHER: _l("other"),
}

ASSET_KIND_LABELS = {
    AssetKind.BANK_ACCOUNT: _l("bank account"),
    AssetKind.REAL_ESTATE: _l("real estate"),
    AssetKind.VEHICLE: _l("vehicle"),
    AssetKind.COMPANY_SHARE: _l("company share"),
    AssetKind.CRYPTO_WALLET: _l("crypto wallet"),
    AssetKind.CASH: _l("cash"),
    AssetKind.OTHER: _l("other asset"),
}
ASSET_STATUS_LABELS = {
    AssetStatus.IDENTIFIED: _l("identified"),
    AssetStatus.FROZEN: _l("frozen"),
    AssetStatus.SEIZED: _l("seized"),
    AssetStatus.CONFISCATED: _l("confiscated"),
    AssetStatus.RETURNED: _l("returned"),
    AssetStatus.RELEASED: _l("released"),
}


def assistance_choices(lang: str) -> list[tuple[str, str]]:
    """The kinds of assistance a request may seek, as (code, label) in ``lang``."""
    key = "label_ru" if lang == "ru" else "label_en"
    return [(t["code"], t[key]) for t in ASSISTANCE_TYPES]


def assistance_labels(lang: str) -> dict[str, str]:
    """The label of each kind of assistance in ``lang``, by code."""
    return dict(assistance_choices(lang))
