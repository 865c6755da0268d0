"""Mutual legal assistance requests: drafting, the lifecycle, numbering and deadlines."""
