"""Kennisbank onderwijsinnovatie met ict: YAML → validated model → Markdown pages → MkDocs site.

The folders follow the pipeline; imports run one way only, data ← site ← adapters (tests/test_layout.py):

- ``data/``: load → validate → index. Reads the YAML (load, cache), checks it (schema, records, validate,
  problems, text, scope) and builds the model and its relations (model, index); ``core`` runs these steps.
- ``site/``: plan → render → write. ``base`` holds PageSpec, Plan and the registry of page families;
  ``pages`` plans every page; ``views`` and ``usecontext`` prepare what templates show; one module per family
  of pages (finder, landscape with svg, export with jsonld, report, editorguide, siteinfo) registers itself;
  ``history`` adds change dates; ``render`` and ``write`` turn the plan into Markdown; ``templates/``.
- ``adapters/mkdocs/``: the MkDocs plugin and all that imports ``mkdocs`` or Python-Markdown: passthrough,
  preview, sitebuild, the theme's ``overrides/`` (with the search box) and ``assets/``.
- ``adapters/pagefind/``: the search index over any built site (searchindex, searchwords).
- ``adapters/cli/``: the ``kennisbank`` command (cli), ``kennisbank new`` (scaffold) and the link check.

Text from the data never becomes markup or script: every shown field is plain text (escaped at every sink,
entities never decoded into markup) or the safe Markdown subset. That one rule lives in ``data/text.py``
(its docstring lists the sinks that hold to it); the validator applies its checks, the site its escaping.
"""

__version__ = "0.1.0"
