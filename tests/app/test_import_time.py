"""The home page starts fast: running it never imports scikit-learn or xgboost.

The check runs in a fresh interpreter, so modules that other tests imported cannot hide (or fake)
an import the home page makes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sklearn", "xgboost")

PROBE = textwrap.dedent(
    """
    import json, sys
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(sys.argv[1], default_timeout=120).run()
    print(json.dumps({
        "exceptions": [str(e.value) for e in app.exception],
        "metrics": [m.label for m in app.metric],
        "modules": {name: name in sys.modules for name in sys.argv[2:]},
    }))
    """
)


def run_home_page(tmp_path: Path) -> dict:
    """Run app.py (which opens the home page) in a clean interpreter on a fresh SQLite file."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'realitycheck.db'}"}
    for name in ("RC_EDITOR_PASSCODE", "RC_VIEWER_PASSCODE"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(ROOT / "app.py"), *HEAVY, "pandas"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_home_page_imports_neither_sklearn_nor_xgboost(tmp_path: Path) -> None:
    outcome = run_home_page(tmp_path)

    # The page really ran to its KPIs (a page that stopped early would import nothing).
    assert outcome["exceptions"] == []
    assert "Hours logged" in outcome["metrics"]
    assert outcome["modules"]["pandas"], "the probe should see the modules the page imports"
    imported = [name for name in HEAVY if outcome["modules"][name]]
    assert imported == [], f"the home page imports {imported}: import them where they are used"
