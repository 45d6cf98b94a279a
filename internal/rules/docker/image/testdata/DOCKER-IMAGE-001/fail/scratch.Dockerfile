FROM golang:1.23@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0 AS build
RUN useradd app
USER app
RUN go build -o /out/gateway ./cmd/gateway

# A scratch image has no users: the binary runs as UID 0.
# expect next
FROM scratch
COPY --from=build /out/gateway /gateway
ENTRYPOINT ["/gateway"]
