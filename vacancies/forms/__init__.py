"""Forms by audience: candidate.py (applying), employer.py (sign-up, company, vacancies, applicants)."""
