# The image web, worker and beat share (docker-compose.yml).
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/app/.venv UV_PYTHON_DOWNLOADS=never UV_COMPILE_BYTECODE=1 \
    PATH=/app/.venv/bin:$PATH HWS_ENV=production

WORKDIR /app
RUN pip install --no-cache-dir uv==0.13.9 && useradd --system --home /app hws
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
# collectstatic needs settings to import (nothing connects to the servers named here); the real
# keys and servers come from the environment at run time.
RUN SECRET_KEY=build-only-key-build-only-key-build-only-key-build-only-key-0123 \
    FIELD_ENCRYPTION_KEYS=YnVpbGQtb25seS1rZXktYnVpbGQtb25seS1rZXkhISE= \
    DATABASE_URL=postgres://build@localhost/build REDIS_URL=redis://localhost:6379/0 \
    ALLOWED_HOSTS=build python manage.py collectstatic --no-input \
    && mkdir -p /app/var /app/media && chown -R hws /app/var /app/media
USER hws
EXPOSE 8000
CMD ["gunicorn", "hws_engage.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
