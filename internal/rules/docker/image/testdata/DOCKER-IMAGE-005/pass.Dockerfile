ARG BASE
FROM nvcr.io/nvidia/tritonserver:24.08-py3@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0 AS serve-base
# A base from a build argument without a default is not known.
FROM ${BASE} AS other
FROM scratch AS empty
FROM serve-base
