"""The money trail: bank statements imported into cases, and where the money went."""
