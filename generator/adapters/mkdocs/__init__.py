"""Everything MkDocs-specific: the plugin, what passes Python-Markdown untouched, the search cut, the preview,
the site build, and the theme's overrides and assets. Another engine would be a folder beside this one."""
