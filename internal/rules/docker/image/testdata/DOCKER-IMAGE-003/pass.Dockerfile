# syntax=docker/dockerfile:1
FROM python:3.12-slim@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d \
    https://huggingface.co/org/model/resolve/0123abc/tokenizer.json /models/tokenizer.json
ADD requirements.txt /app/
COPY src/ /app/src/
