"""Browser tests: the built site in real Chromium, as a reader uses it."""
