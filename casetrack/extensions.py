"""Bare extension objects; ``create_app`` binds them to an application."""

from flask_babel import Babel
from flask_bootstrap import Bootstrap5
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_smorest import Api
from flask_wtf.csrf import CSRFProtect
from marshmallow import Schema, fields

from casetrack.db import db


class ErrorDetail(Schema):
    code = fields.String(
        required=True, metadata={"description": "machine-readable, e.g. not_found, invalid"}
    )
    message = fields.String(required=True, metadata={"description": "in the caller's language"})
    fields = fields.Dict(
        keys=fields.String(),
        required=True,
        metadata={"description": "messages per field: a list of strings, or nested objects"},
    )


class Error(Schema):
    """Every error the API answers: ``{"error": {"code", "message", "fields"}}``."""

    error = fields.Nested(ErrorDetail, required=True)


class CasetrackApi(Api):
    """flask-smorest's Api without its app-wide JSON error handler: pages keep HTML errors,
    and casetrack.errors answers the API with its own envelope, documented as ``Error``."""

    ERROR_SCHEMA = Error

    def _register_error_handlers(self):
        pass


migrate = Migrate(render_as_batch=True, compare_type=True)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
bootstrap = Bootstrap5()
api = CasetrackApi()

__all__ = ["api", "babel", "bootstrap", "csrf", "db", "login_manager", "migrate"]
