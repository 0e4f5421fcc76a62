"""Where the database lives: an explicit URL, `DATABASE_URL`, a root-level secret, or SQLite in data/."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_SQLITE_PATH = DATA_DIR / "realitycheck.db"
SECRETS_PATH = ROOT / ".streamlit" / "secrets.toml"


def default_url() -> str:
    """The embedded default: a SQLite file under data/, created on first use."""
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def read_secret(name: str, secrets_path: Path = SECRETS_PATH) -> str | None:
    """Return a root-level string entry of `.streamlit/secrets.toml`, if the file sets it."""
    try:
        with secrets_path.open("rb") as fh:
            value = tomllib.load(fh).get(name)
    except (OSError, tomllib.TOMLDecodeError):
        return None
    return value if isinstance(value, str) and value.strip() else None


def database_url(explicit: str | None = None) -> str:
    """Resolve the database URL: explicit > $DATABASE_URL > secrets.toml > SQLite default."""
    url = explicit or os.environ.get("DATABASE_URL") or read_secret("DATABASE_URL") or default_url()
    return normalize_url(url.strip())


def normalize_url(url: str) -> str:
    """Make plain `postgres://` / `postgresql://` URLs use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def redact(url: str) -> str:
    """The URL with any password replaced, safe to show on screen or in logs."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a URL we cannot parse is shown as nothing
        return "(unparseable URL)"


def compare_budget() -> tuple[float, int]:
    """Seconds and MB one analysis may use: RC_COMPARE_SECONDS, RC_COMPARE_MEMORY_MB.

    The same budget holds for a comparison, its what-ifs and a data-reality check.
    """
    from realitycheck.compare.worker import DEFAULT_MEMORY_MB, DEFAULT_SECONDS

    def setting(name: str, default: float) -> float:
        text = os.environ.get(name) or read_secret(name)
        try:
            return float(text) if text else default
        except ValueError:
            return default

    return setting("RC_COMPARE_SECONDS", DEFAULT_SECONDS), int(
        setting("RC_COMPARE_MEMORY_MB", DEFAULT_MEMORY_MB)
    )
