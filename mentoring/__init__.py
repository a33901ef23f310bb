"""mentoring: mentor and mentee profiles, the directory, direct requests, matching rounds (the engine is in
`matching/`), proposals, relationships with their meetings and feedback, and the round health report."""
