"""WSGI entry point: ``flask --app app …`` and production servers load ``app`` from here."""

from casetrack import create_app

app = create_app()
