"""Assets: property linked to parties, its owners and its legal status."""
