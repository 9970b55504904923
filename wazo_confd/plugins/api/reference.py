"""GET /1.1/api/: a browsable reference (Swagger UI) of the generated OpenAPI document.

Every file comes from the daemon itself (admins run it on closed networks): the page and its
initializer written here, the Swagger UI files from the swagger-ui-bundle package. Only files
named at startup are served, so no request path ever reaches the file system. Every URL in
the page is relative, so it works under a reverse proxy's prefix (X-Script-Name).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Blueprint, Flask, Response, request, send_file
from swagger_ui_bundle import swagger_ui_path
from werkzeug.exceptions import NotFound

from wazo_confd.http.app import API_PREFIX

CONTENT_TYPES = {
    '.css': 'text/css; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.map': 'application/json',
    '.png': 'image/png',
}
# The bundle's own initializer loads a demo document from the Internet.
NOT_SERVED = {'swagger-initializer.js'}
# Asset URLs carry the bundle's version: a new version is a new URL, so browsers may keep them.
IMMUTABLE = 'public, max-age=31536000, immutable'
# The page and its initializer change with the daemon: browsers revalidate them (ETag).
REVALIDATE = 'no-cache'
# Nothing but the daemon itself: no CDN, no font or validator service, no framing.
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>wazo-confd API reference</title>
<link rel="stylesheet" href="assets/{version}/swagger-ui.css">
<link rel="icon" type="image/png" href="assets/{version}/favicon-32x32.png" sizes="32x32">
</head>
<body>
<div id="swagger-ui"></div>
<script src="assets/{version}/swagger-ui-bundle.js"></script>
<script src="reference.js"></script>
</body>
</html>
"""

# The document's URL is relative to the page: behind a proxy prefix the page and the
# document move together. The validator badge would call an outside service: off.
INITIALIZER = """window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: new URL('api.yml', document.baseURI).href,
    dom_id: '#swagger-ui',
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    deepLinking: true,
    filter: true,
    tagsSorter: 'alpha',
    displayRequestDuration: true,
    showExtensions: true,
    validatorUrl: null
  });
});
"""


class Assets:
    """The Swagger UI files that the page may ask for, by name."""

    def __init__(self, directory: Path):
        self.version = directory.name
        self.files = {
            path.name: path
            for path in directory.iterdir()
            if path.is_file() and path.suffix in CONTENT_TYPES and path.name not in NOT_SERVED
        }

    def response(self, version: str, name: str) -> Response:
        path = self.files.get(name)
        if version != self.version or path is None:
            raise NotFound()
        # The URL names the content: its ETag needs no read of the file.
        etag = hashlib.sha256(f'{self.version}/{name}'.encode()).hexdigest()[:32]
        response = send_file(path, etag=etag, conditional=True, max_age=None)
        response.content_type = CONTENT_TYPES[path.suffix]
        response.headers['Cache-Control'] = IMMUTABLE
        response.headers['X-Content-Type-Options'] = 'nosniff'
        return response


def _text(body: str, content_type: str) -> Response:
    response = Response(body, content_type=content_type)
    response.headers['Cache-Control'] = REVALIDATE
    return _conditional(response)


def _conditional(response: Response) -> Response:
    response.set_etag(hashlib.sha256(response.get_data()).hexdigest()[:32])
    response.headers['X-Content-Type-Options'] = 'nosniff'
    response.make_conditional(request)
    return response


def blueprint(assets: Assets) -> Blueprint:
    pages = Blueprint('api_reference', __name__, url_prefix=f'{API_PREFIX}/api')
    page = PAGE.format(version=assets.version)

    @pages.get('/')
    @pages.get('/index.html')
    def index() -> Response:
        response = _text(page, 'text/html; charset=utf-8')
        response.headers['Content-Security-Policy'] = PAGE_POLICY
        response.headers['Referrer-Policy'] = 'no-referrer'
        return response

    @pages.get('/reference.js')
    def initializer() -> Response:
        return _text(INITIALIZER, CONTENT_TYPES['.js'])

    @pages.get('/assets/<version>/<name>')
    def asset(version: str, name: str) -> Response:
        return assets.response(version, name)

    return pages


def register(app: Flask) -> None:
    app.register_blueprint(blueprint(Assets(Path(str(swagger_ui_path)))))
