"""The web app: read a statement and browse a corpus in the browser (``communique serve``).

>>> from communique.web import create_app
>>> app = create_app("corpus.db")        # an ASGI app: uvicorn.run(app, host="127.0.0.1", port=8000)

Pages (server-side Jinja2 templates, scripts and styles served from the
package) and a JSON API under ``/api`` (OpenAPI at ``/api/openapi.json``) over
one :class:`~communique.corpus.Corpus` and one lazily loaded
:class:`~communique.Pipeline`.
"""

from communique.web.app import create_app

__all__ = ["create_app"]
