"""Every model, imported once so that the metadata is complete for Alembic and the app."""

from casetrack.models.asset import Asset, AssetKind, AssetOwner, AssetStatus, AssetStatusChange
from casetrack.models.attachment import Attachment, AttachmentKind, AttachmentSide, Blob
from casetrack.models.audit import AuditEvent
from casetrack.models.case import CASE_TRANSITIONS, Case, CaseStatus
from casetrack.models.deadline import Deadline, DeadlineKind, DeadlineState, Reminder
from casetrack.models.document import Document, DocumentKind
from casetrack.models.figures import (
    RequestDurationFigure,
    RequestDurationTally,
    RequestLateTally,
    RequestMonthTally,
    RequestTally,
)
from casetrack.models.job import Job, JobStatus
from casetrack.models.link import AssetLink, CrossBorderHit, HitKind, LinkState, PartyLink
from casetrack.models.mla import (
    FINAL_STATUSES,
    UNSENT_STATUSES,
    Channel,
    RefusalGround,
    Request,
    RequestAsset,
    RequestLegalBasis,
    RequestParty,
    RequestSequence,
    RequestStatus,
    StatusChange,
)
from casetrack.models.money import Statement, Transaction
from casetrack.models.notification import EmailState, Notification
from casetrack.models.office import (
    Country,
    Office,
    OfficeKind,
    RequirementCondition,
    RequirementStrength,
    Treaty,
    TreatyParty,
    TreatyRequirement,
)
from casetrack.models.party import (
    CaseParty,
    IdentityDocument,
    Party,
    PartyKind,
    PartyName,
    PartyNameToken,
    PartyRole,
)
from casetrack.models.treaty import (
    DeclarationKind,
    FactKind,
    TreatyDeclaration,
    TreatyFact,
    TreatyReplacement,
)
from casetrack.models.user import ApiToken, LoginAttempt, Role, User, UserSession

__all__ = [
    "RequestDurationFigure",
    "RequestDurationTally",
    "RequestLateTally",
    "RequestMonthTally",
    "RequestTally",
    "CASE_TRANSITIONS",
    "FINAL_STATUSES",
    "UNSENT_STATUSES",
    "ApiToken",
    "Asset",
    "AssetKind",
    "AssetLink",
    "AssetOwner",
    "AssetStatus",
    "AssetStatusChange",
    "Attachment",
    "AttachmentKind",
    "AttachmentSide",
    "AuditEvent",
    "Blob",
    "Case",
    "CaseParty",
    "CaseStatus",
    "Channel",
    "Country",
    "CrossBorderHit",
    "DeclarationKind",
    "Deadline",
    "DeadlineKind",
    "DeadlineState",
    "Document",
    "EmailState",
    "DocumentKind",
    "FactKind",
    "HitKind",
    "IdentityDocument",
    "Job",
    "JobStatus",
    "LinkState",
    "Notification",
    "Office",
    "OfficeKind",
    "Party",
    "PartyKind",
    "PartyLink",
    "PartyName",
    "PartyNameToken",
    "PartyRole",
    "RefusalGround",
    "Reminder",
    "Request",
    "RequestAsset",
    "RequestLegalBasis",
    "RequestParty",
    "RequestSequence",
    "RequestStatus",
    "RequirementCondition",
    "RequirementStrength",
    "Role",
    "Statement",
    "StatusChange",
    "Transaction",
    "Treaty",
    "TreatyDeclaration",
    "TreatyFact",
    "TreatyParty",
    "TreatyReplacement",
    "TreatyRequirement",
    "User",
    "UserSession",
    "LoginAttempt",
]
