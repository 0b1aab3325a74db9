"""The counter: one visit from the identified household to the printed packet."""
