"""Who answers for a unit: guides, absence and deputies, routing up the tree, coverage.

Everything is computed from one in-memory `GuideMap` (a fixed number of queries per
request or job run), so pages and the escalation job never query per unit or question.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import g, has_app_context
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from intranet.auth.models import RoleAssignment, User
from intranet.extensions import db
from intranet.guides.models import GuideProfile
from intranet.org.services import OrgTree, org_tree


@dataclass
class GuideMap:
    tree: OrgTree
    guides_by_unit: dict[int, list[User]] = field(default_factory=dict)
    profiles: dict[int, GuideProfile] = field(default_factory=dict)

    @classmethod
    def load(cls) -> GuideMap:
        assignments = db.session.scalars(
            select(RoleAssignment)
            .options(joinedload(RoleAssignment.user))
            .where(RoleAssignment.role == "guide", RoleAssignment.unit_id.is_not(None))
        ).all()
        profiles = db.session.scalars(
            select(GuideProfile).options(
                selectinload(GuideProfile.topics),
                joinedload(GuideProfile.user),
                joinedload(GuideProfile.deputy),
            )
        ).all()
        result = cls(tree=org_tree(), profiles={p.user_id: p for p in profiles})
        for assignment in sorted(assignments, key=lambda a: a.user.name):
            if assignment.user.is_active_account:
                result.guides_by_unit.setdefault(assignment.unit_id, []).append(assignment.user)
        return result

    def profile(self, user_id: int) -> GuideProfile | None:
        return self.profiles.get(user_id)

    def is_absent(self, user_id: int) -> bool:
        profile = self.profiles.get(user_id)
        return bool(profile and profile.is_absent)

    def deputy_of(self, user_id: int) -> User | None:
        profile = self.profiles.get(user_id)
        deputy = profile.deputy if profile else None
        return deputy if deputy is not None and deputy.is_active_account else None

    def topic_ids(self, user_id: int) -> set[int]:
        profile = self.profiles.get(user_id)
        return {topic.id for topic in profile.topics} if profile else set()

    def responders(self, unit_id: int | None, topic_id: int | None = None) -> list[User]:
        """Who answers for this unit now: present guides, and deputies of absent ones."""
        people: dict[int, User] = {}
        for guide in self.guides_by_unit.get(unit_id, []):
            if topic_id is not None and topic_id not in self.topic_ids(guide.id):
                continue
            person = self.deputy_of(guide.id) if self.is_absent(guide.id) else guide
            if person is not None:
                people.setdefault(person.id, person)
        return list(people.values())

    def has_active_guide(self, unit_id: int) -> bool:
        unit = self.tree.get(unit_id)
        return bool(unit and unit.is_active and self.responders(unit_id))

    def route_unit(
        self, start_unit_id: int, topic_id: int | None = None, include_self: bool = True
    ) -> int | None:
        """Nearest unit up the tree with an active guide (for the topic if one fits); None = admins."""
        chain = [u for u in self.tree.ancestors(start_unit_id, include_self) if u.is_active]
        if topic_id is not None:
            for unit in chain:
                if self.responders(unit.id, topic_id):
                    return unit.id
        for unit in chain:
            if self.responders(unit.id):
                return unit.id
        return None

    def stand_in_unit_ids(self, user_id: int) -> set[int]:
        """Units where this person answers as the deputy of an absent guide."""
        absent_guides = {p.user_id for p in self.profiles.values() if p.is_absent and p.deputy_id == user_id}
        return {
            unit_id
            for unit_id, guides in self.guides_by_unit.items()
            if any(guide.id in absent_guides for guide in guides)
        }

    def answering_unit_ids(self, user: User) -> set[int]:
        """Units whose questions land in this person's inbox (own guide units + stand-ins)."""
        own = {
            unit_id
            for unit_id, guides in self.guides_by_unit.items()
            if any(guide.id == user.id for guide in guides)
        }
        return own | self.stand_in_unit_ids(user.id)


def guide_map() -> GuideMap:
    """The guide map for this request or job run (loaded once)."""
    if not has_app_context():
        return GuideMap.load()
    if "_guide_map" not in g:
        g._guide_map = GuideMap.load()
    return g._guide_map


def invalidate_guide_map() -> None:
    if has_app_context():
        g.pop("_guide_map", None)


def admins() -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(RoleAssignment)
            .where(RoleAssignment.role == "admin", User.is_active_account.is_(True))
        )
    )


def recipients_for(unit_id: int | None, topic_id: int | None = None) -> list[User]:
    """Who is notified for a question sitting at this unit (None = the admins)."""
    if unit_id is None:
        return admins()
    gm = guide_map()
    return gm.responders(unit_id, topic_id) or gm.responders(unit_id)


def contact_chain(unit_id: int) -> list[tuple]:
    """ "Meine Ansprechpersonen": (unit, [(guide, deputy-if-absent)]) from the unit to the top."""
    gm = guide_map()
    rows = []
    for unit in gm.tree.ancestors(unit_id):
        guides = [
            (guide, gm.profile(guide.id), gm.deputy_of(guide.id) if gm.is_absent(guide.id) else None)
            for guide in gm.guides_by_unit.get(unit.id, [])
        ]
        rows.append((unit, guides))
    return rows


def coverage() -> list[tuple]:
    """Every active unit with (depth, own guide?, unit covering it or None)."""
    gm = guide_map()
    rows = []
    for unit, depth in gm.tree.walk(active_only=True):
        covering = gm.route_unit(unit.id)
        rows.append((unit, depth, covering == unit.id, gm.tree.get(covering)))
    return rows
