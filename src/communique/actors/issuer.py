"""Parse the issuer a user names (``AZE``, ``AZE GOV``, ``Azerbaijan``, ``OSCE``)."""

from __future__ import annotations

from communique.actors.codes import NON_STATE, SECTORS, actor_data
from communique.actors.gazetteer import Gazetteer
from communique.errors import IssuerError


def parse_issuer(value: str, gazetteer: Gazetteer) -> dict:
    """The issuer as plain actor data, or :class:`IssuerError` with a helpful message."""
    text = " ".join(value.split())
    if not text:
        raise IssuerError("empty issuer code")
    parts = text.split(" ")
    sector = None
    if len(parts) == 2 and parts[1].upper() in SECTORS and len(parts[0]) <= 4:
        text, sector = parts[0], parts[1].upper()
    code = text.upper()
    states = {c.country: c.name for c in gazetteer.countries.values() if c.sector is None}
    if code in states:
        return actor_data(code, sector, states[code])
    if code in gazetteer.organisations:
        org = gazetteer.organisations[code]
        return actor_data(org.country, sector or org.sector, org.name, org=org.org)
    if code in NON_STATE:
        return actor_data(code, sector, NON_STATE[code])
    for target in gazetteer.lookup_name(text):
        if target.role in ("name", "org"):
            return actor_data(target.country, sector or target.sector, target.country_name, org=target.org)
    raise IssuerError(
        f"unknown issuer {value!r}: give an ISO 3166-1 alpha-3 code such as AZE, "
        "optionally with a PLOVER sector such as 'AZE GOV', or a state or organisation name"
    )

