"""A minimal Streamlit session over the app's own websocket (no browser): reruns and widget values.

Used by bench_hosting.py to drive many sessions of a local `streamlit run` at once.
"""

from __future__ import annotations

import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


class Session:
    """One browser-less session: `run()` reruns the page and returns the seconds it took."""

    def __init__(self, base_url: str, page: str = "", query: str = "") -> None:
        self.ws_url = base_url.replace("http", "ws", 1) + "/_stcore/stream"
        self.origin, self.page, self.query = base_url, page, query
        self.widgets: dict[str, object] = {}  # label -> element proto of the last run
        self.texts: list[str] = []
        self.ws = None

    async def __aenter__(self) -> Session:
        self.ws = await websockets.connect(
            self.ws_url, subprotocols=["streamlit"], origin=self.origin, max_size=2**26
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.ws.close()

    async def run(self, values: dict[str, str] | None = None, press: str | None = None) -> float:
        """Rerun with text inputs set by label and a button pressed; seconds to the run's end."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string, state.page_name = self.query, self.page
        for label, text in (values or {}).items():
            widget = state.widget_states.widgets.add()
            widget.id, widget.string_value = self.widgets[label].id, text
        if press:
            widget = state.widget_states.widgets.add()
            widget.id, widget.trigger_value = self.widgets[press].id, True
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        self.texts = []
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await self.ws.recv())
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                self._remember(forward.delta.new_element)
            if kind == "script_finished":
                return time.perf_counter() - started

    def _remember(self, element: object) -> None:
        which = element.WhichOneof("type")
        if not which:
            return
        proto = getattr(element, which)
        if hasattr(proto, "label") and hasattr(proto, "id") and proto.id:
            self.widgets[proto.label] = proto
        for field in ("body", "text"):
            if hasattr(proto, field) and getattr(proto, field):
                self.texts.append(str(getattr(proto, field)))
