FROM ubuntu:24.04@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0
RUN curl -fsSLo /tmp/install.sh https://example.com/install-1.2.sh \
 && echo "24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d  /tmp/install.sh" | sha256sum -c - \
 && sh /tmp/install.sh
RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg
# The exec form runs no shell: the pipe is an argument.
RUN ["curl", "-fsSL", "https://example.com/x", "|", "sh"]
