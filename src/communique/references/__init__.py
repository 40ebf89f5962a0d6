"""References: UN resolutions, treaties, agreements, laws and earlier statements
that a statement cites, resolved against a small knowledge base."""

from __future__ import annotations

from communique.references.find import find_references
from communique.references.kb import KnowledgeBase, KnowledgeBaseError, default_store, import_jsonl

__all__ = ["KnowledgeBase", "KnowledgeBaseError", "default_store", "find_references", "import_jsonl"]
