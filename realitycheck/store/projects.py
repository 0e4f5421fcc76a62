"""Projects, their expected split, team members and categories."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Row, delete, exists, func, select, update
from sqlalchemy.exc import IntegrityError

from realitycheck.store.base import StoreBase, StoreError, utcnow
from realitycheck.store.schema import (
    categories,
    category_rules,
    people,
    projects,
    time_entries,
)
from realitycheck.timelog.categories import GROUPS, Category
from realitycheck.timelog.summary import validate_expected


@dataclass(frozen=True)
class Project:
    """A project and the split of time its team expected."""

    id: int
    name: str
    description: str
    start_date: date | None
    expected: dict[str, float]
    is_demo: bool
    archived_at: datetime | None

    @property
    def archived(self) -> bool:
        """Whether the project is archived (hidden from the picker, data kept)."""
        return self.archived_at is not None


def _project(row: Row) -> Project:
    return Project(
        id=row.id,
        name=row.name,
        description=row.description,
        start_date=row.start_date,
        expected={
            "data_work": row.expected_data_work,
            "modeling": row.expected_modeling,
            "other": row.expected_other,
        },
        is_demo=row.is_demo,
        archived_at=row.archived_at,
    )


def _clean_name(name: str) -> str:
    clean = " ".join((name or "").split())
    if not clean:
        raise StoreError("A project needs a name.")
    if len(clean) > 200:
        raise StoreError("Keep project names under 200 characters.")
    return clean


def _check_categories(names: list[str], groups: list[str]) -> None:
    """Refuse an empty, too long or repeated category name, or an unknown group."""
    if any(not name for name in names):
        raise StoreError("Every category needs a name.")
    if any(len(name) > 100 for name in names):
        raise StoreError("Keep category names under 100 characters.")
    folded = [name.casefold() for name in names]
    if len(set(folded)) < len(folded):
        raise StoreError("Two categories have the same name.")
    if set(groups) - set(GROUPS):
        raise StoreError(f"Every category belongs to one of the groups: {', '.join(GROUPS)}.")


class ProjectsMixin(StoreBase):
    """Projects, people and categories."""

    def list_projects(self, include_archived: bool = False) -> list[Project]:
        """All projects by name; archived ones only when asked."""
        query = select(projects).order_by(projects.c.is_demo, func.lower(projects.c.name))
        if not include_archived:
            query = query.where(projects.c.archived_at.is_(None))
        with self.read() as conn:
            return [_project(row) for row in conn.execute(query)]

    def get_project(self, name: str) -> Project | None:
        """The project called `name` (case-insensitive), or None."""
        clean = " ".join((name or "").split()).lower()
        query = select(projects).where(func.lower(projects.c.name) == clean)
        with self.read() as conn:
            row = conn.execute(query).first()
        return _project(row) if row else None

    def create_project(
        self,
        name: str,
        expected: dict[str, float],
        *,
        description: str = "",
        start_date: date | None = None,
        is_demo: bool = False,
    ) -> Project:
        """Create a project; its expected shares must add up to 100%."""
        shares = validate_expected(expected)
        values = {
            "name": _clean_name(name),
            "description": description,
            "start_date": start_date,
            "is_demo": is_demo,
            "created_at": utcnow(),
            **{f"expected_{g}": shares[g] for g in GROUPS},
        }
        if self.get_project(values["name"]):
            raise StoreError(f"A project called '{values['name']}' already exists.")
        try:
            with self.write() as conn:
                conn.execute(projects.insert().values(**values))
        except IntegrityError as exc:
            raise StoreError(f"A project called '{values['name']}' already exists.") from exc
        return self.get_project(values["name"])

    def update_project(self, project_id: int, **fields: object) -> None:
        """Rename a project, change its description, start date or expected split."""
        values = {}
        if "name" in fields:
            values["name"] = _clean_name(fields["name"])
            other = self.get_project(values["name"])
            if other and other.id != project_id:
                raise StoreError(f"A project called '{values['name']}' already exists.")
        if "expected" in fields:
            shares = validate_expected(fields["expected"])
            values.update({f"expected_{g}": shares[g] for g in GROUPS})
        for key in ("description", "start_date"):
            if key in fields:
                values[key] = fields[key]
        with self.write() as conn:
            conn.execute(update(projects).where(projects.c.id == project_id).values(**values))

    def archive_project(self, project_id: int, archived: bool = True) -> None:
        """Archive (hide, keep the data) or unarchive a project."""
        stamp = utcnow() if archived else None
        with self.write() as conn:
            conn.execute(
                update(projects).where(projects.c.id == project_id).values(archived_at=stamp)
            )

    def delete_project(self, project_id: int) -> None:
        """Delete a project and everything logged in it."""
        with self.write() as conn:
            conn.execute(delete(projects).where(projects.c.id == project_id))

    def list_categories(self) -> list[Category]:
        """The categories in display order."""
        query = select(categories.c.name, categories.c.group_key).order_by(categories.c.position)
        with self.read() as conn:
            return [Category(row.name, row.group_key) for row in conn.execute(query)]

    def save_categories(self, rows: list[tuple[str | None, str, str]]) -> None:
        """Rename, regroup and add categories in one transaction.

        Each row is (current name or None for a new category, name, group key). Entries keep
        their category (they point at its id); saved rules follow a renamed category.
        """
        names = [" ".join(str(name or "").split()) for _, name, _ in rows]
        _check_categories(names, [group for _, _, group in rows])
        with self.write() as conn:
            ids = {r.name: r.id for r in conn.execute(select(categories.c.name, categories.c.id))}
            position = len(ids)
            for (old, _, group), name in zip(rows, names, strict=True):
                if old is None:
                    position += 1
                    values = {"name": name, "group_key": group, "position": position}
                    conn.execute(categories.insert().values(**values))
                    continue
                conn.execute(
                    update(categories)
                    .where(categories.c.id == ids[old])
                    .values(name=name, group_key=group)
                )
                if name != old:
                    conn.execute(
                        update(category_rules)
                        .where(category_rules.c.category == old)
                        .values(category=name)
                    )

    def list_people(self) -> list[str]:
        """Team member names, alphabetically."""
        with self.read() as conn:
            return list(conn.execute(select(people.c.name).order_by(people.c.name)).scalars())

    def add_person(self, name: str) -> None:
        """Add a team member (a no-op if the name exists)."""
        with self.write() as conn:
            self.person_id(conn, name)

    def rename_person(self, old: str, new: str) -> None:
        """Rename a team member; their entries follow."""
        clean = " ".join((new or "").split())
        if not clean:
            raise StoreError("Enter the new name.")
        try:
            with self.write() as conn:
                conn.execute(update(people).where(people.c.name == old).values(name=clean))
        except IntegrityError as exc:
            raise StoreError(f"'{clean}' is already a team member.") from exc

    def remove_person(self, name: str) -> None:
        """Remove a team member who has no entries (entries are never orphaned)."""
        used = exists().where(time_entries.c.person_id == people.c.id)
        with self.write() as conn:
            if conn.execute(select(used).where(people.c.name == name)).scalar():
                raise StoreError(f"{name} has logged time; rename them instead of removing.")
            conn.execute(delete(people).where(people.c.name == name))
