"""Every model, imported once so that the metadata is complete for Alembic and the app."""

from casetrack.models.asset import Asset, AssetKind, AssetOwner, AssetStatus, AssetStatusChange
from casetrack.models.audit import AuditEvent
from casetrack.models.case import Case, CaseStatus
from casetrack.models.deadline import Deadline, DeadlineKind, DeadlineState, Reminder
from casetrack.models.document import Document, DocumentKind
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
from casetrack.models.office import (
    Country,
    Office,
    OfficeKind,
    RequirementCondition,
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
from casetrack.models.user import ApiToken, LoginAttempt, Role, User, UserSession

__all__ = [
    "FINAL_STATUSES",
    "UNSENT_STATUSES",
    "ApiToken",
    "Asset",
    "AssetKind",
    "AssetLink",
    "AssetOwner",
    "AssetStatus",
    "AssetStatusChange",
    "AuditEvent",
    "Case",
    "CaseParty",
    "CaseStatus",
    "Channel",
    "Country",
    "CrossBorderHit",
    "Deadline",
    "DeadlineKind",
    "DeadlineState",
    "Document",
    "DocumentKind",
    "HitKind",
    "IdentityDocument",
    "Job",
    "JobStatus",
    "LinkState",
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
    "Role",
    "Statement",
    "StatusChange",
    "Transaction",
    "Treaty",
    "TreatyParty",
    "TreatyRequirement",
    "User",
    "UserSession",
    "LoginAttempt",
]
