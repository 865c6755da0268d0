"""WSGI entry point: ``flask --app app …`` and production servers load ``app`` from here."""

import gc

from casetrack import create_app

app = create_app()
# What the application built at start-up (routes, templates, models, translations: about
# 260,000 objects) lives as long as the process: keep it out of the collector's full passes,
# which otherwise walked all of it in the middle of a page (0.3 s measured on /links/).
gc.freeze()
