"""What a persona keeps between steps: typed notes."""

from journeys.personas import Note

NAME = Note[str]("name")
PASSWORD = Note[str]("password", secret=True)
TOKEN = Note[str]("token", secret=True)
USER_ID = Note[int]("user id")
