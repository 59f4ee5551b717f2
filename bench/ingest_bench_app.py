"""The project's Celery app, pointed at the benchmark's private filesystem broker when there
is no Redis (see ingest_bench.py, which starts a worker with `-A bench.ingest_bench_app`)."""

import os

from hws_engage.celery import app

_broker = os.environ.get("HWS_BENCH_BROKER_DIR")
if _broker:
    app.conf.broker_transport_options = {
        "data_folder_in": f"{_broker}/queue",
        "data_folder_out": f"{_broker}/queue",
        "processed_folder": f"{_broker}/processed",
        "store_processed": False,
        # kombu polls the folder once a second by default; the benchmark measures ingest,
        # not that wait.
        "polling_interval": 0.1,
    }

__all__ = ["app"]
