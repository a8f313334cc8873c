"""Reading, checking and indexing the YAML data: load → validate → index. Knows nothing of pages or MkDocs."""
