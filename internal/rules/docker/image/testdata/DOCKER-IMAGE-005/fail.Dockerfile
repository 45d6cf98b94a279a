ARG TRITON=24.08
# expect next
FROM nvcr.io/nvidia/tritonserver:${TRITON}-py3 AS serve-base
# expect next
FROM python:3.12-slim AS build
RUN pip wheel -w /w -r requirements.txt
FROM serve-base
COPY --from=build /w /w
