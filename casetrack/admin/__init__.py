"""Administration: users and their accounts. An admin manages people, never reads cases."""
