"""Attachments of cases, requests and their steps: upload (several at once, with progress),
versions, listing and download as attachments only."""

from flask import Blueprint

bp = Blueprint("attachments", __name__)

from casetrack.attachments import views  # noqa: E402,F401
