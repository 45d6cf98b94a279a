# syntax=docker/dockerfile:1
FROM python:3.12-slim@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0
ARG MODEL_ID=org/model
# Names that point at a secret, not hold one.
ENV HF_TOKEN_FILE=/run/secrets/hf_token \
    DB_PASSWORD_PATH=/run/secrets/db \
    API_KEY_ID=analytics
# Cleared, holding nothing.
ENV OPENAI_API_KEY=""
RUN --mount=type=secret,id=hf_token,env=HF_TOKEN \
    huggingface-cli download ${MODEL_ID} --local-dir /models
