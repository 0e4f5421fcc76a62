"""Every session-state key the app uses, declared once: UI state only, never data.

Widget keys double as session-state keys. Keys that are also query parameters (`PROJECT`,
`STANDUP_DAY`, `PRESENT`) are the names that appear in a shared link, so they never change.
"""

from __future__ import annotations

import hashlib

# Shared by every page.
PROJECT = "project"  # the sidebar's project picker, started from ?project= and written back
ROLE = "access_role"  # "editor" or "viewer" once the access gate let the session in
GATE_SESSION = "access_session"  # a random id the passcode backoff counts this session's tries by

# Log time.
LOG_PERSON = "log_person"
LOG_DAY = "log_day"
LOG_CATEGORY = "log_category"
LOG_HOURS = "log_hours"
LOG_NOTE = "log_note"
LAST_DELETED = "last_deleted"  # entry ids the last Save changes deleted, for Undo
LOG_MESSAGE = "log_message"  # (kind, text) of the last add or save, shown once after it
LOG_LAST = "log_last"  # the fields of the entry this session logged last (duplicate warning)
LOG_REPEAT = "log_repeat"  # the same fields once more, after the warning: log them twice

# Sort entries.
LAST_SORT = "last_sort"  # the last sort's outcome, for Undo
SORT_EDITOR = "sort_groups"

# Standup.
STANDUP_DAY = "day"  # started from ?day= and written back to it
PRESENT = "present"  # presentation mode, bound to ?present=

# Import.
IMPORT_UNMAPPED = "import_unmapped"  # the category for rows no rule maps ("": leave them out)
IMPORT_MESSAGE = "import_message"  # the outcome of the last import, shown after its rerun

# Settings.
NEW_PROJECT_NAME = "new_project_name"
NEW_PERSON_NAME = "add_person_name"
NEW_PROJECT_DESCRIPTION = "new_project_description"
SETTINGS_MESSAGE = "settings_message"  # (kind, text) of the last create, shown once after it

# Baseline vs boosted.
CMP_SOURCE = "cmp_source"
CMP_DATASET = "cmp_dataset"
CMP_UPLOAD = "cmp_upload"
CMP_SEP = "cmp_sep"
CMP_ENCODING = "cmp_encoding"
CMP_TASK = "cmp_task"
CMP_FOLDS = "cmp_folds"
CMP_REPEATS = "cmp_repeats"
CMP_MARGIN = "cmp_margin"  # classification: in AUC, shows its default 0.01
CMP_MARGIN_RMSE = "cmp_margin_rmse"  # regression: empty means 2% of the baseline's RMSE
CMP_REPEATS_FOR = "cmp_repeats_for"  # the dataset the repeats default was set for
CMP_SEED = "cmp_seed"
CMP_REOPEN = "cmp_reopen"
CMP_SHOWN = "cmp_shown"  # the cache key of the comparison on screen, so reruns keep showing it
CMP_DAY = "cmp_day"  # the day a saved run counts for (effort-to-lift)
CMP_LABEL = "cmp_label"
WHATIF_SHOWN = "whatif_shown"  # the cache key of the what-ifs on screen


def cmp_categorical(fingerprint: str) -> str:
    """The "treat as categories" picker's key: one per dataset, like the target's."""
    return f"cmp_categorical_{fingerprint[:12]}"


def cmp_target(fingerprint: str) -> str:
    """The target picker's key: one per dataset, so a new file does not inherit a stale column."""
    return f"cmp_target_{fingerprint[:12]}"


# Data reality.
DRIFT_MODE = "drift_mode"
DRIFT_TRAIN_UPLOAD = "drift_train_upload"
DRIFT_PROD_UPLOAD = "drift_prod_upload"
DRIFT_ONE_UPLOAD = "drift_one_upload"
DRIFT_SEED = "drift_seed"
DRIFT_REOPEN = "drift_reopen"
DRIFT_SHOWN = "drift_shown"  # the cache key of the check on screen, so reruns keep showing it


def drift_split(fingerprint: str) -> str:
    """The split-column picker's key: one per file, so a new file does not inherit a column."""
    return f"drift_split_{fingerprint[:12]}"


def drift_cutoff(fingerprint: str, column: str) -> str:
    """The cutoff's key: one per file and split column (a date picker or a number)."""
    return f"drift_cutoff_{fingerprint[:12]}_{hashlib.sha256(column.encode()).hexdigest()[:8]}"


def drift_target(fingerprints: tuple[str, str]) -> str:
    """The target picker's key: one per pair of samples."""
    return f"drift_target_{fingerprints[0][:8]}_{fingerprints[1][:8]}"


def import_unmapped_widget(upload_id: str) -> str:
    """The unmapped-rows picker's key: one per upload, started from IMPORT_UNMAPPED."""
    return f"import_unmapped_{upload_id}"
