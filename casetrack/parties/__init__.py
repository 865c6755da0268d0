"""Parties: persons and companies under every name they are known by."""
