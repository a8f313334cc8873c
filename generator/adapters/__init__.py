"""The outside world: the site engine (MkDocs) and the command line. Only this folder imports an engine."""
