"""The HTTP service: synchronous extraction for small files and durable,
asynchronous jobs (SQLite store, results on disk) run by worker processes.
``create_app(ServiceConfig)`` builds the FastAPI application."""
