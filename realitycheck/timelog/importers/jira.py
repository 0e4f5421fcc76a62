"""Jira worklogs: Tempo worklog export, REST-style worklog CSV, and Jira's issue CSV `Log Work`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from realitycheck.timelog import durations
from realitycheck.timelog.importers import entries, parsing
from realitycheck.timelog.importers.reading import Table, normalize_name
from realitycheck.timelog.importers.result import Draft

_KEY_NAMES = ("Issue Key", "issue_key", "issueKey", "Issue")
_LOG_WORK = "log work"
REPEATED_COLUMNS = ("Log Work",)  # Jira's issue CSV repeats it by design


def is_rest(names: set[str]) -> bool:
    """Header of a REST-style worklog CSV (`issue_key,author,time_spent_seconds,started,...`)."""
    has_key = bool(names & {"issue_key", "issuekey", "issue key", "issue"})
    has_time = bool(names & {"time_spent_seconds", "timespentseconds", "time_spent", "timespent"})
    return has_key and "started" in names and has_time


def parse(table: Table, day_first: bool | None = None) -> Draft:
    """Normalize any of the three Jira worklog shapes."""
    names = {normalize_name(n) for n in table.header}
    if "work date" in names:
        return _tempo(table, day_first)
    if any(n.startswith(_LOG_WORK) for n in names):
        return _rest(_log_work_table(table), day_first)
    return _rest(table, day_first)


def _project_and_task(table: Table) -> tuple[pd.Series, pd.Series]:
    key = table.text(*_KEY_NAMES)
    summary = table.text("Issue summary", "Summary", "issue_summary")
    project = table.text("Project Name", "Project", "Project Key", "project_key")
    project = project.mask(project == "", key.str.rsplit("-", n=1).str[0].fillna(""))
    task = (key + " " + summary).str.strip()
    return project, task


def _tempo(table: Table, day_first: bool | None) -> Draft:
    person = table.text("Full name")
    person = person.mask(person == "", table.text("Username"))
    project, task = _project_and_task(table)
    frame = entries.new_frame(
        table,
        person=person,
        description=table.text("Work Description"),
        source_project=project,
        task=task,
        tags=parsing.normalize_tags(table.text("Activity Name", "Activity")),
    )
    frame, parsed = entries.apply_dates(frame, table.text("Work date"), day_first)
    hours = table.text("Hours")
    seconds = durations.parse_decimal_hours(hours)
    frame = frame.assign(seconds=seconds, error=entries.hours_error(frame["error"], hours, seconds))
    return Draft(frame, entries.ambiguity_note(parsed), parsed.ambiguous, parsed.day_first)


def _rest(table: Table, day_first: bool | None) -> Draft:
    project, task = _project_and_task(table)
    frame = entries.new_frame(
        table,
        person=table.text("author", "author_name", "Author"),
        description=table.text("comment", "Comment"),
        source_project=project,
        task=task,
    )
    frame, parsed = entries.apply_dates(frame, table.text("started"), day_first)
    raw = table.text("time_spent_seconds", "timeSpentSeconds")
    seconds = pd.to_numeric(raw.mask(raw == ""), errors="coerce").astype("float64")
    spent = table.text("time_spent", "timeSpent")
    seconds = np.rint(seconds.fillna(durations.parse_span(spent))).where(lambda s: s >= 0)
    either = raw.mask(raw == "", spent)
    frame = frame.assign(
        seconds=seconds, error=entries.hours_error(frame["error"], either, seconds)
    )
    return Draft(frame, entries.ambiguity_note(parsed), parsed.ambiguous, parsed.day_first)


def _log_work_table(table: Table) -> Table:
    """One REST-shaped record per `Log Work` cell (`comment;01/Dec/24 9:00 AM;author;seconds`)."""
    columns = [c for c in table.header if normalize_name(c).startswith(_LOG_WORK)]
    issue = pd.DataFrame(
        {
            "issue_key": table.text(*_KEY_NAMES),
            "summary": table.text("Summary"),
            "project": table.text("Project name", "Project key"),
        }
    )
    parts = []
    for column in columns:
        cells = table.frame[column].str.strip()
        keep = (cells != "").to_numpy()
        split = cells[keep].str.rsplit(";", n=3, expand=True).reindex(columns=range(4))
        split.columns = ["comment", "started", "author", "time_spent_seconds"]
        parts.append(
            pd.concat([issue[keep], split.fillna("")], axis=1).assign(line=table.lines[keep])
        )
    if not parts:
        return Table(issue.iloc[:0], np.array([], dtype="int64"))
    long = pd.concat(parts).sort_values("line", kind="stable").reset_index(drop=True)
    return Table(long.drop(columns="line").astype("str"), long["line"].to_numpy())
