"""The notifications blueprint (the bell's pages)."""

from flask import Blueprint

bp = Blueprint("notifications", __name__, url_prefix="/notifications")
