"""`watch --serve`: output/ on this machine alone, and an index page that reloads itself after each rebuild.

uvicorn serves a Starlette app in a thread beside the watcher. The index page is sent with
a line of script that listens for Server-Sent Events (sse-starlette); after each rebuild the
watcher publishes one, and every open page reloads, fetching the new PDF (its address
carries the file's digest).
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import uvicorn
from sse_starlette.sse import EventSourceResponse
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from mou.core.errors import Problem, UsageError
from mou.core.messages import say

HOST = "127.0.0.1"  # this machine only: output/ holds drafts
EVENTS_PATH = "/_mou/reload"
# The page knows which rebuild it shows; the stream opens with the latest one and sends each
# new one, so a rebuild that ends while the page is loading (its stream not yet open) still
# reloads it.
RELOAD_SCRIPT = (
    '<script>(() => {{ const shown = {shown}; new EventSource("' + EVENTS_PATH + '")'
    '.addEventListener("reload", (event) => {{ if (event.data !== shown) location.reload(); }}); }})();</script>\n'
)
STARTUP_SECONDS = 10
STOP_SECONDS = 5


class OutputFiles(StaticFiles):
    """output/'s files, revalidated on every load, without mou's own hidden files (the lock, staging folders)."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        """Refuse a hidden file or folder; serve the rest as Starlette does."""
        if any(part.startswith(".") for part in Path(path).parts):
            return Response("Not Found", status_code=404)
        response = await super().get_response(path, scope)
        response.headers["Cache-Control"] = "no-cache"
        return response


class LiveServer:
    """Serves output/ on localhost in a thread; `reload` makes every open index page load again."""

    def __init__(self, output: Path, port: int):
        self.output, self.port = output, port
        self.clients: set[asyncio.Queue[str | None]] = set()
        self.latest = ""  # the stamp of the last rebuild published
        self.loop: asyncio.AbstractEventLoop | None = None
        self.ready = threading.Event()
        self.server: uvicorn.Server | None = None
        self.thread: threading.Thread | None = None

    def app(self) -> Starlette:
        """Return the web app: the index page with its reload script, the event stream, output/'s files."""
        return Starlette(
            routes=[
                Route("/", self.index),
                Route("/index.html", self.index),
                Route(EVENTS_PATH, self.events),
                Mount("/", app=OutputFiles(directory=self.output, check_dir=False)),
            ],
            lifespan=self.lifespan,
        )

    @asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        """Note the server's event loop, for the watcher's thread to publish on."""
        self.loop = asyncio.get_running_loop()
        self.ready.set()
        yield

    async def index(self, request: Request) -> Response:
        """Send output/index.html with the reload script before its end."""
        try:
            page = (self.output / "index.html").read_text(encoding="utf-8")
        except OSError:
            page = "<!DOCTYPE html>\n<html><body></body></html>\n"
        script = RELOAD_SCRIPT.format(shown=json.dumps(self.latest).replace("</", "<\\/"))
        head, end, tail = page.rpartition("</body>")
        page = head + script + end + tail if end else page + script
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})

    async def events(self, request: Request) -> Response:
        """Stream one 'reload' event per rebuild to a page, until the server stops."""
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        queue.put_nowait(self.latest)  # a page served before the last rebuild reloads at once
        self.clients.add(queue)

        async def stream() -> AsyncIterator[dict[str, Any]]:
            try:
                while (stamp := await queue.get()) is not None:
                    yield {"event": "reload", "data": stamp}
            finally:
                self.clients.discard(queue)

        return EventSourceResponse(stream())

    def start(self) -> str:
        """Start serving in a thread; return the address to open."""
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            listener.bind((HOST, self.port))
            listener.listen(socket.SOMAXCONN)  # a page opened at once waits in the queue, not refused
        except OSError as exc:
            listener.close()
            detail = exc.strerror or type(exc).__name__
            raise UsageError(Problem("--port", say("port_busy", host=HOST, port=self.port, detail=detail))) from None
        config = uvicorn.Config(
            self.app(), log_level="warning", access_log=False, timeout_graceful_shutdown=STOP_SECONDS
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [listener]}, name="mou-serve", daemon=True
        )
        self.thread.start()
        self.ready.wait(STARTUP_SECONDS)
        host, port = listener.getsockname()[:2]
        return f"http://{host}:{port}/"

    def reload(self, stamp: str) -> None:
        """Tell every open page to reload (from the watcher's thread)."""
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self._publish, stamp)

    def _publish(self, stamp: str | None) -> None:
        """Put an event in every page's queue (None ends the streams)."""
        if stamp is not None:
            self.latest = stamp
        for queue in list(self.clients):
            queue.put_nowait(stamp)

    def stop(self) -> None:
        """End the event streams and the server, and wait for its thread."""
        if self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self._publish, None)
        if self.server is not None:
            self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(STOP_SECONDS * 2)
