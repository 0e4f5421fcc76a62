"""Entry point for `python -m realitycheck`."""

import sys

from realitycheck.cli import main

sys.exit(main())
