"""Every feature's page views, imported once so that their routes are on the blueprints.

A blueprint is defined in its feature's ``blueprint.py``; its views module adds routes to it
when imported. ``create_app`` imports this module before registering the blueprints.
"""

from casetrack.admin import views as admin_views
from casetrack.assets import views as assets_views
from casetrack.attachments import views as attachments_views
from casetrack.auth import views as auth_views
from casetrack.cases import views as cases_views
from casetrack.deadlines import views as deadlines_views
from casetrack.documents import views as documents_views
from casetrack.links import network_views as links_network_views
from casetrack.links import views as links_views
from casetrack.main import views as main_views
from casetrack.mla import drafting_views as mla_drafting_views
from casetrack.mla import views as mla_views
from casetrack.money import views as money_views
from casetrack.monitoring import views as monitoring_views
from casetrack.notifications import views as notifications_views
from casetrack.parties import views as parties_views

MODULES = (
    auth_views,
    main_views,
    admin_views,
    cases_views,
    parties_views,
    assets_views,
    mla_views,
    mla_drafting_views,
    deadlines_views,
    documents_views,
    attachments_views,
    monitoring_views,
    links_views,
    links_network_views,
    money_views,
    notifications_views,
)
