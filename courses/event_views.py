"""Thin views for events: the event page, register / cancel / join, calendars, partner and campaign pages."""
