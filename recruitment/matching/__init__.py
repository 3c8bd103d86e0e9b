"""The matching engine: how well a candidate fits a vacancy, as a 0-100 score with reasons.

- `scoring`: the facts, the criteria and `score_facts`, the one scoring function (pure, no queries);
- `loading`: hard filters in SQL and the facts for a short list, loaded in bulk;
- `storing`: score the short list and upsert Match rows (`vacancy_match`, `candidate_match`);
- `chunks`: one vacancy's ranking in chunks of candidate ids, merged (`vacancy_chunks`,
  `vacancy_match_chunk`, `vacancy_match_merge`): the Celery fan-out in `recruitment.tasks` runs them;
- `alerting`: matching then alerting, as the tasks run it (`vacancy_match_and_alert`,
  `vacancy_match_merge_and_alert`, `candidate_match_and_alert`), and the vacancies whose matching never ran.

Imports go one way: alerting -> chunks -> storing -> loading -> scoring; alerting -> `recruitment.emails.alerts`
(which matches deserve an alert). `alerting` is not re-exported here: import it as `recruitment.matching.alerting`.
"""

from accounts.money import EUR_PER_UNIT, money, to_eur
from recruitment.matching.chunks import vacancy_chunks, vacancy_match_chunk, vacancy_match_merge
from recruitment.matching.loading import (
    candidate_facts,
    candidates_for_vacancy,
    role_ladder,
    score,
    vacancies_for_candidate,
    vacancy_facts,
)
from recruitment.matching.scoring import (
    MET,
    MISSED,
    PARTIAL,
    CandidateFacts,
    Criterion,
    MatchResult,
    RoleLadder,
    VacancyFacts,
    score_facts,
)
from recruitment.matching.storing import ScoredMatch, candidate_match, vacancy_match

__all__ = [
    "EUR_PER_UNIT",
    "MET",
    "MISSED",
    "PARTIAL",
    "CandidateFacts",
    "Criterion",
    "MatchResult",
    "RoleLadder",
    "ScoredMatch",
    "VacancyFacts",
    "candidate_facts",
    "candidate_match",
    "candidates_for_vacancy",
    "money",
    "role_ladder",
    "score",
    "score_facts",
    "to_eur",
    "vacancies_for_candidate",
    "vacancy_chunks",
    "vacancy_facts",
    "vacancy_match",
    "vacancy_match_chunk",
    "vacancy_match_merge",
]
