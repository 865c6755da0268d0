"""Formal documents of MLA requests: the request, acknowledgement, reminder and execution
letter as PDF in English, Russian or both side by side; issued versions; batch printing."""
