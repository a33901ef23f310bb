"""certificates: issuing CPD certificates for completions and attendance, rendering them as PDF/A, signing them as
Open Badges 3.0 credentials, and verifying them (page, API, status list). Imports courses and lms; nothing imports it
except through hooks and the URL configuration."""
