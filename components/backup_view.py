"""The Export & backup section of Settings: entries as CSV, the whole database out and back in."""

from __future__ import annotations

import io
from datetime import date

import streamlit as st

from components import cached, writes
from components.markdown import plain
from realitycheck.store import BackupError
from realitycheck.timelog.export import entries_csv


def export_section(url: str) -> None:
    """Every live entry of every project as CSV, safe to open in a spreadsheet."""
    st.markdown("**Entries as CSV**")
    st.caption("Every live entry of every project (durations in whole seconds).")
    if st.button("Prepare CSV export"):
        text = entries_csv(cached.get_store(url))
        st.download_button("Download entries.csv", text, "entries.csv", "text/csv")


def backup_section(url: str) -> None:
    """The whole database as one zip (the same file as `python -m realitycheck backup`)."""
    st.markdown("**Backup**")
    st.caption(
        "Projects and their splits, people, categories, rules, entries (deleted ones too), "
        "standup notes, comparison runs and data-reality checks, in one zip that restores into SQLite or PostgreSQL."
    )
    if st.button("Prepare a backup", key="backup_button"):
        buffer = io.BytesIO()
        cached.get_store(url).backup(buffer)
        st.download_button(
            "Download backup.zip",
            buffer.getvalue(),
            f"realitycheck-backup-{date.today():%Y-%m-%d}.zip",
            "application/zip",
        )


def restore_section(url: str) -> None:
    """Restore a backup into this database, when it is still empty (all or nothing)."""
    st.markdown("**Restore**")
    st.caption(
        "Into an empty database only (delete the sample project first on a fresh install). "
        "A backup from an older version is upgraded as it is restored. "
        "Nothing is written unless the whole backup fits."
    )
    upload = st.file_uploader("Backup file (.zip)", type=["zip"], key="restore_upload")
    if st.button("Restore", key="restore_button", disabled=upload is None):
        try:
            counts = writes.restore_backup(url, upload.getvalue())["counts"]
        except BackupError as exc:
            st.error(plain(exc))
        else:
            st.success(
                f"Restored {counts['projects']:,} projects, {counts['people']:,} people, "
                f"{counts['entries']:,} entries."
            )
