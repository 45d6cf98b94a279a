# expect next
FROM pytorch/pytorch AS train
# expect next
FROM --platform=linux/amd64 ghcr.io/example/serving:latest
