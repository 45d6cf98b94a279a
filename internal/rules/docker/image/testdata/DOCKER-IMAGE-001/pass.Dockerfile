FROM python:3.12-slim@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0 AS build
RUN pip wheel --wheel-dir /wheels -r requirements.txt

# The final stage runs as an unprivileged UID.
FROM python:3.12-slim@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0
COPY --from=build /wheels /wheels
RUN useradd --uid 10001 app
USER 10001
CMD ["python", "-m", "server"]
