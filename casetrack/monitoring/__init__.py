"""Network monitoring: figures on MLA requests at a glance, without case content."""
