"""Events layer: who does what to whom, coded in PLOVER from the issuer's point of view."""

from communique.events.plover import TYPES, intensity

__all__ = ["TYPES", "intensity"]
