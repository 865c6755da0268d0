"""Treaty law as dated, sourced facts, and the one service that says what binds a pair of states.

``data`` holds the facts (pure Python, no Flask or SQLAlchemy), ``loader`` writes them into the
database, ``binding`` answers "which instruments bind these two states on this date",
``citations`` writes an article reference the way each language's legal usage writes it.
"""
