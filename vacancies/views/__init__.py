"""Views by audience: board.py (the public board and vacancy pages), candidate.py (applying and the
candidate's own applications), employer.py (the employer's pages), cv.py (application CV downloads)."""
