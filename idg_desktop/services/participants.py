"""Participants of the workshop (IDG Part II, step 2), handed out as frozen
snapshots (``domain/records.Participant``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from idg_desktop.domain import records
from idg_desktop.domain.vocabulary import Gender, Role, Stakeholder, parse_choice
from idg_desktop.errors import Ambiguous, InvalidInput, NotFound
from idg_desktop.services.records import add_new, by_prefix, looks_like_id, touch
from idg_desktop.services.snapshots import fetch, snapshot
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument


@dataclass
class ParticipantData:
    name: str
    unit: str = ""
    expertise: str = ""
    external: bool = False
    stakeholder: str = Stakeholder.CUSTOMS.value
    gender: str = Gender.UNDISCLOSED.value
    role: str = Role.CONTRIBUTOR.value
    email: str = ""
    notes: str = ""

    def validated(self) -> ParticipantData:
        if not self.name.strip():
            raise InvalidInput("The participant needs a name.")
        return ParticipantData(
            name=" ".join(self.name.split()),
            unit=self.unit.strip(),
            expertise=self.expertise.strip(),
            external=bool(self.external),
            stakeholder=parse_choice(Stakeholder, self.stakeholder, "stakeholder type").value,
            gender=parse_choice(Gender, self.gender, "gender").value,
            role=parse_choice(Role, self.role, "role").value,
            email=self.email.strip(),
            notes=self.notes.strip(),
        )


def add_participant(
    document: AssessmentDocument, data: ParticipantData, *, record_id: str | None = None
) -> records.Participant:
    clean = data.validated()
    with document.edit():
        participant = models.Participant(**clean.__dict__)
        add_new(document, participant, record_id=record_id)
    return snapshot(participant)


def update_participant(
    document: AssessmentDocument, participant_id: str, **changes: object
) -> records.Participant:
    with document.edit() as session:
        participant = session.get(models.Participant, participant_id)
        if participant is None:
            raise NotFound(f"No participant has the id {participant_id}.")
        current = ParticipantData(
            **{k: getattr(participant, k) for k in ParticipantData.__dataclass_fields__}
        )
        for name, value in changes.items():
            if name not in ParticipantData.__dataclass_fields__:
                raise InvalidInput(f"A participant has no field '{name}'.")
            setattr(current, name, value)
        for name, value in current.validated().__dict__.items():
            setattr(participant, name, value)
        touch(document, participant)
    return snapshot(participant)


def remove_participant(document: AssessmentDocument, participant_id: str) -> None:
    with document.edit() as session:
        participant = session.get(models.Participant, participant_id)
        if participant is None:
            raise NotFound(f"No participant has the id {participant_id}.")
        session.delete(participant)


def list_participants(document: AssessmentDocument) -> list[records.Participant]:
    person = models.Participant
    return fetch(document, person, order_by=(person.created_at, person.id))


def find_participant(document: AssessmentDocument, reference: str) -> records.Participant:
    """A participant by exact name (case-insensitive) or by id prefix."""
    name = " ".join(reference.split())
    if not name:
        raise InvalidInput("An empty participant name was given.")
    matches = document.session.scalars(
        select(models.Participant).where(func.lower(models.Participant.name) == name.lower())
    ).all()
    if len(matches) == 1:
        return snapshot(matches[0])
    if len(matches) > 1:
        raise Ambiguous(
            f"The participant name '{name}' is ambiguous: {len(matches)} participants have it; "
            "use the id instead."
        )
    if looks_like_id(name):
        return snapshot(by_prefix(document.session, models.Participant, name, "participant"))
    raise NotFound(f"No participant is called '{name}'.")
