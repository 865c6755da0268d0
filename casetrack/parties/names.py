"""A party's spellings and the search index kept beside them."""

from __future__ import annotations

from casetrack import names
from casetrack.models import Party, PartyName, PartyNameToken


def full_name(surname: str = "", given_name: str = "", patronymic: str = "") -> str:
    """Join a person's name parts in the order registries print them."""
    return " ".join(part.strip() for part in (surname, given_name, patronymic) if part.strip())


def set_names(party: Party, spellings: list[dict]) -> None:
    """Replace a party's spellings, one primary, and rebuild their search tokens.

    Each spelling has ``full_name`` or the parts ``surname``, ``given_name``, ``patronymic``,
    and optionally ``is_primary``; the first spelling is primary if none says so.
    """
    if not spellings:
        raise ValueError("a party needs at least one name")
    primary_index = next((i for i, s in enumerate(spellings) if s.get("is_primary")), 0)
    party.names.clear()
    for index, spelling in enumerate(spellings):
        parts = {
            k: (spelling.get(k) or "").strip() for k in ("surname", "given_name", "patronymic")
        }
        text = (spelling.get("full_name") or "").strip() or full_name(**parts)
        if not text:
            raise ValueError("a name cannot be empty")
        name = PartyName(
            full_name=text,
            **parts,
            script=names.script_of(text),
            is_primary=index == primary_index,
            search_key=names.fold(text),
        )
        name.tokens = [PartyNameToken(token=t, party=party) for t in names.search_tokens(text)]
        party.names.append(name)
        if name.is_primary:
            party.display_name = text
