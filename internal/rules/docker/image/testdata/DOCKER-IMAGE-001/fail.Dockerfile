# A serving image: the build stage is not judged, the final one is.
ARG CUDA=12.4.1
FROM nvidia/cuda:${CUDA}-runtime-ubuntu22.04@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0 AS build
RUN useradd --uid 10001 app
USER 10001
RUN pip install --no-cache-dir torch==2.4.0

FROM build AS serve
USER app
# A later USER wins: this image runs as root.
# expect next
USER root:root
CMD ["python", "-m", "server"]
