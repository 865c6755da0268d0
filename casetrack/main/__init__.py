"""The signed-in user's home: the dashboard."""
