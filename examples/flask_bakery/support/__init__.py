"""The bakery as journeys sees it: its target, tasks (HTTP), questions (database), rules."""
