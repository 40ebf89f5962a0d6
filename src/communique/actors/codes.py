"""PLOVER actor codes: sectors, non-state codes, and readable names."""

from __future__ import annotations

from communique.contract import Actor

SECTORS: dict[str, str] = {
    "COP": "Police of {}",
    "GOV": "Government of {}",
    "JUD": "Judiciary of {}",
    "LEG": "Legislature of {}",
    "MIL": "Military of {}",
    "PRM": "Pro-government paramilitary of {}",
    "PTY": "Political party in {}",
    "REB": "Armed opposition in {}",
    "SPY": "Intelligence services of {}",
    "UAF": "Unidentified armed forces in {}",
    "UNK": "Unidentified actor in {}",
    "AGR": "Agricultural workers of {}",
    "BUS": "Business in {}",
    "CRM": "Criminals in {}",
    "CVL": "Civilians of {}",
    "EDU": "Education in {}",
    "ELI": "Former officials of {}",
    "JRN": "Media of {}",
    "LAB": "Labour in {}",
    "MED": "Medical sector of {}",
    "REF": "Refugees from {}",
    "OPP": "Opposition in {}",
    "PRE": "{}",
    "REL": "Religious actors in {}",
    "SOC": "Civil society in {}",
}
"""PLOVER's sector codes, each with the pattern of its readable actor name."""

NON_STATE: dict[str, str] = {
    "IGO": "Intergovernmental organisation",
    "UNO": "United Nations",
    "EUR": "European Union",
    "NGO": "Non-governmental organisation",
    "ISM": "International social movement",
    "IMG": "Transnational militarised group",
    "MNC": "Multinational corporation",
}
"""PLOVER's non-state 'country' codes."""


def actor_data(
    country: str, sector: str | None, country_name: str, *, org: str | None = None, name: str | None = None
) -> dict:
    """An actor as plain data (what spaCy spans carry); ``name`` overrides the derived one."""
    if name is None:
        name = SECTORS[sector].format(country_name) if sector else country_name
    code = f"{country} {sector}" if sector else country
    return {"code": code, "country": country, "sector": sector, "name": name, "org": org}


def make_actor(
    country: str,
    sector: str | None,
    country_name: str,
    *,
    text: str | None = None,
    org: str | None = None,
    name: str | None = None,
) -> Actor:
    """Build an :class:`Actor`; ``name`` overrides the sector-derived readable name."""
    return Actor(**actor_data(country, sector, country_name, org=org, name=name), text=text)
