"""Notifications: in the app (the bell) and by e-mail, created in the transaction of the step
that causes them and e-mailed only after that transaction commits."""
