"""Output: the contract as JSON/JSONL, a terminal summary, a self-contained HTML page."""

from communique.render.html import render_html
from communique.render.text import render_text

__all__ = ["render_html", "render_text"]
