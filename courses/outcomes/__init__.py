"""Outcomes: reports for staff about what members do over time (engagement now; the dashboard later)."""
