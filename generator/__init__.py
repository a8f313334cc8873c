"""Kennisbank onderwijsinnovatie met ict: YAML → validated model → Markdown pages → MkDocs site."""

__version__ = "0.1.0"
