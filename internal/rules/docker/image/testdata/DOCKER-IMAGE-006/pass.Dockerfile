FROM pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime AS train
FROM ghcr.io/example/serving@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0 AS pinned
FROM localhost:5000/serving:1.2
FROM train
