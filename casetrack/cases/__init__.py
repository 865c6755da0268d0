"""Cases: the case file a prosecutor works in (SPEC §1, §2)."""
