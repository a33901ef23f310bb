"""Learning paths: a programme of offerings (courses, ethics modules, workshops, webinars), ordered or not, with
prerequisites between its steps, and each member's progress along it (see docs/architecture.md, "Inside courses").

Paths read the facts learning and events record (enrolments completed, sessions attended); neither imports paths.
"""
