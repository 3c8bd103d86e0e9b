"""Views by audience: candidate.py (matches, their data, one-click unsubscribe). The recruiters'
pages are the workspace in the admin (recruitment.admin, recruitment.admin.site)."""
