"""Settings for the board benchmark only: the product's settings plus a URLconf with a bare baseline view."""

from recruitment.config.settings import *  # noqa: F403 - the product's settings, unchanged except the URLconf

ROOT_URLCONF = "tests.perf.bench_urls"
