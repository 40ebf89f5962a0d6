"""Parse the issuer a user names (``AZE``, ``AZE GOV``, ``Azerbaijan``, ``OSCE``)."""

from __future__ import annotations

from communique.actors.codes import NON_STATE, SECTORS
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
        return _actor(code, sector, states[code], None)
    if code in gazetteer.organisations:
        org = gazetteer.organisations[code]
        return _actor(org.country, sector or org.sector, org.name, org.org)
    if code in NON_STATE:
        return _actor(code, sector, NON_STATE[code], None)
    for target in gazetteer.lookup_name(text):
        if target.role in ("name", "org"):
            return _actor(target.country, sector or target.sector, target.country_name, target.org)
    raise IssuerError(
        f"unknown issuer {value!r}: give an ISO 3166-1 alpha-3 code such as AZE, "
        "optionally with a PLOVER sector such as 'AZE GOV', or a state or organisation name"
    )


def _actor(country: str, sector: str | None, country_name: str, org: str | None) -> dict:
    name = SECTORS[sector].format(country_name) if sector else country_name
    code = f"{country} {sector}" if sector else country
    return {"code": code, "country": country, "sector": sector, "name": name, "org": org}
