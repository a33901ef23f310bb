"""What is on offer and who may change it: the catalog index listing, partner and campaign pages, the page tree's
setup (catalog page, roles' page permissions, review workflow) and the page permission testers. Lists every
format, so it may use `events` (session times on event cards); neither `learning` nor `events` imports it."""
