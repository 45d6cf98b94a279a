FROM python:3.12-slim@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0
# expect next
ADD https://huggingface.co/org/model/resolve/main/tokenizer.json /models/tokenizer.json
# expect next
ADD --chown=10001 \
    http://downloads.example.com/weights-1.0.tar.gz /models/
ADD requirements.txt /app/
