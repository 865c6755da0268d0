"""Deadlines: what is owed by when, counted in the owing country's working days."""
