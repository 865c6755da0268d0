"""The attachments blueprint (its routes live in attachments.views)."""

from flask import Blueprint

bp = Blueprint("attachments", __name__)
