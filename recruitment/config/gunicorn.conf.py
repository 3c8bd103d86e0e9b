"""gunicorn settings for production (see the Procfile)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
# Request head limits (gunicorn has no body limit: RequestSizeLimitMiddleware refuses bodies over
# REQUEST_MAX_BYTES, and the proxy in front must cap bodies at the same figure, e.g. nginx
# client_max_body_size 6m).
limit_request_line = 4094
limit_request_fields = 60
limit_request_field_size = 8190
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# The access log's request line, path, query and Referer lose their secrets (reset keys, tokens).
logger_class = "recruitment.config.gunicorn_logging.RedactingLogger"
