"""``communique serve``: the web app over a corpus, on loopback by default."""

from __future__ import annotations

import socket
import threading
import webbrowser

import click

EPILOG = """
\b
Examples:
  communique serve --db corpus.db                        # http://127.0.0.1:8000/
  communique serve --db corpus.db --port 0 --open        # any free port, opens the browser
  communique serve --db corpus.db --gazetteer examples/gazetteer.jsonl
  COMMUNIQUE_TOKEN=s3cret communique serve --db postgresql://localhost/communique --host 0.0.0.0
"""


@click.command(epilog=EPILOG)
@click.option("--db", required=True, metavar="PATH|URL", envvar="COMMUNIQUE_DB",
              help="The corpus: a SQLite file (created if missing) or a postgresql:// URL.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback makes writes need --token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port; 0 picks a free one.")
@click.option("--token", envvar="COMMUNIQUE_TOKEN", metavar="TOKEN",
              help="Write token for storing and deleting statements (or $COMMUNIQUE_TOKEN). Needed for writes when "
                   "bound to another address than loopback; when set, every write must send it.")
@click.option("--open", "open_browser", is_flag=True, help="Open the app in the default browser.")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(dir_okay=False, exists=True), metavar="FILE",
              help="Extra gazetteer (JSONL) for analysing new statements; repeatable.")
@click.option("--max-upload", default=5.0, show_default=True, type=click.FloatRange(0.01, 200), metavar="MB",
              help="Largest file upload.")
@click.option("--log-level", default="warning", show_default=True,
              type=click.Choice(("critical", "error", "warning", "info", "debug")), help="Server log level (info: every request).")
def serve(db, host, port, token, open_browser, gazetteers, max_upload, log_level) -> None:
    """Serve the web app: analyse statements, search the corpus, timelines, threads and the claim ledger.

    Prints the URL once the server listens; Ctrl+C stops it. The JSON API is
    under /api (OpenAPI description at /api/openapi.json).
    """
    import uvicorn

    from communique.corpus import Corpus
    from communique.web.app import create_app
    from communique.web.security import is_loopback

    sock = _listen(host, port)
    corpus = Corpus.open(db)
    app = create_app(corpus, host=host, token=token, gazetteers=list(gazetteers),
                     max_upload_bytes=int(max_upload * 1024 * 1024))
    app.state.site.warm_up()
    config = uvicorn.Config(app, log_level=log_level, access_log=log_level in ("info", "debug"), server_header=False,
                            lifespan="on")
    server = uvicorn.Server(config)
    url = _url(host, sock.getsockname()[1])

    def announce() -> None:
        while not server.started and not server.should_exit:
            threading.Event().wait(0.05)
        if not server.started:
            return
        click.echo(f"communique: serving {_where(db)} at {url}  (Ctrl+C to stop)", err=False)
        if token:
            click.echo("writes (store, delete) need the token", err=True)
        elif not is_loopback(host):
            click.echo(f"warning: bound to {host} without a token: writes are off (set --token or $COMMUNIQUE_TOKEN)",
                       err=True)
        if open_browser:
            webbrowser.open(url)

    threading.Thread(target=announce, daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        corpus.close()


def _listen(host: str, port: int) -> socket.socket:
    """Bind before starting, so a busy port is one clear line, and port 0 gives the real port to print."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP spelled out: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on sockets whose proto
    # says TCP, and accepted sockets inherit it; with proto 0 every response waited ~40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as err:
        sock.close()
        raise click.ClickException(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else "[::1]" if host == "::" else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def _where(db: str) -> str:
    from communique.corpus.store import mask_url

    return mask_url(db) if "://" in db else db
