FROM python:3.12-slim@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0
# expect next
ARG HF_TOKEN
# expect next
ARG PIP_INDEX_PASSWORD=s3cr3tPassw0rd
ARG MODEL_ID=org/model
ENV MODEL_ID=${MODEL_ID}
# expect next
ENV WANDB_API_KEY=0123456789abcdef0123456789abcdef01234567 \
    WANDB_PROJECT=fraud
# A value shaped like an AWS access key, whatever its name.
# expect next
ENV DEFAULT_UPLOADER=AKIAIOSFODNN7EXAMPLE
RUN huggingface-cli download ${MODEL_ID} --token ${HF_TOKEN}
