"""Actors layer: state, office, office-holder, organisation and place mentions,
resolved to PLOVER-style actors (ISO 3166-1 alpha-3 country + PLOVER sector)."""

from communique.actors.component import SPAN_KEY, ActorResolver
from communique.actors.gazetteer import Gazetteer, load
from communique.actors.issuer import parse_issuer

__all__ = ["SPAN_KEY", "ActorResolver", "Gazetteer", "load", "parse_issuer"]
