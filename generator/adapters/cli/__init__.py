"""The `kennisbank` command: its subcommands, the scaffold for new records and the link check."""
