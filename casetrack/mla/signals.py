"""Points where other features add to the requests' pages without the requests importing them.

``request_page`` is sent while a request's page is built; each receiver returns a dict of
template variables (the documents feature adds the request's issued documents and forms).
"""

from blinker import Namespace

_signals = Namespace()

request_page = _signals.signal(
    "request-page",
    doc="Sent with session=, user= and request= while a request's page is built; "
    "each receiver returns a dict merged into the template's context.",
)


def page_context(session, user, request) -> dict:
    """The template variables every receiver of ``request_page`` adds for ``request``."""
    context: dict = {}
    for _receiver, added in request_page.send(None, session=session, user=user, request=request):
        context.update(added or {})
    return context
