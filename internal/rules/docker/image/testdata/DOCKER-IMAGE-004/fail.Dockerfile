FROM ubuntu:24.04@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0
# expect next
RUN apt-get update && apt-get install -y curl \
 && curl -fsSL https://ollama.com/install.sh | sh
# expect next
RUN wget -qO- https://astral.sh/uv/install.sh | sudo -E bash -s -- --yes
# expect next
RUN bash <(curl -s https://raw.githubusercontent.com/example/setup/main/setup.sh)
# expect next
RUN /bin/sh -c "$(curl -fsSL https://example.com/install.sh)"
# expect next
RUN <<EOT
set -e
curl -sSL https://install.python-poetry.org | python3 -
EOT
