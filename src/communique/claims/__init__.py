"""Claims layer: check-worthiness, claims, quantities, dates and references."""
