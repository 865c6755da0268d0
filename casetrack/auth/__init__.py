"""Log-in, log-out, sessions, API tokens and the interface language."""
