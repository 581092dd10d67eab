# The app in a container, for teams that run containers (deploy/compose.yaml runs several behind nginx).
# Small and unprivileged: the slim Python image, the locked dependencies in a virtualenv built in a first
# stage (no compilers or caches in the result), and a user without a login shell or root rights.
FROM python:3.12-slim AS build
WORKDIR /src
COPY pyproject.toml constraints.txt README.md ./
COPY assessment ./assessment
RUN python -m venv /venv \
 && /venv/bin/pip install --no-cache-dir --disable-pip-version-check -c constraints.txt . \
 && find /venv -name __pycache__ -prune -exec rm -rf {} +

FROM python:3.12-slim
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin assessment
COPY --from=build /venv /venv
WORKDIR /app
# `streamlit run app.py` finds its pages under ./assessment/ui and the catalogs under ./competencies.
COPY app.py ./
COPY .streamlit/config.toml .streamlit/config.toml
COPY assessment ./assessment
COPY competencies ./competencies
RUN mkdir data && chown assessment data
USER assessment
ENV PATH=/venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 ASSESSMENT_CATALOG_DIR=/app/competencies
EXPOSE 8501
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2).read() != b'ok')"]
CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501", "--server.fileWatcherType=none"]
