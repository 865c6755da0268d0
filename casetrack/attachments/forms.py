"""The upload form and the words for attachment kinds."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, MultipleFileField, SelectField, StringField

from casetrack.attachments.inputs import AttachmentInput
from casetrack.inputs import choices, rules, select_rules
from casetrack.models import AttachmentKind

KIND_LABELS = {
    AttachmentKind.ORDER: _l("order"),
    AttachmentKind.DECISION: _l("decision"),
    AttachmentKind.TRANSLATION: _l("translation"),
    AttachmentKind.SIGNED_SCAN: _l("signed scan"),
    AttachmentKind.EVIDENCE: _l("evidence"),
    AttachmentKind.CORRESPONDENCE: _l("correspondence"),
    AttachmentKind.OTHER: _l("other"),
}


class UploadForm(FlaskForm):
    """One or several files with what they are; the title defaults to the file name."""

    file = MultipleFileField(_l("Files"))
    kind = SelectField(
        _l("Kind"),
        choices=choices(AttachmentInput, "kind", lambda kind: KIND_LABELS[AttachmentKind(kind)]),
        validators=select_rules(AttachmentInput, "kind"),
    )
    title = StringField(_l("Title"), validators=rules(AttachmentInput, "title"))
    language = StringField(
        _l("Language"),
        description=_l("Two-letter code, e.g. ru, en"),
        validators=rules(AttachmentInput, "language"),
    )
    replaces = HiddenField(validators=rules(AttachmentInput, "replaces"))
