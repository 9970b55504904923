# wazo-confd container image: a virtual environment built in one stage, copied into a slim
# runtime stage that runs as the unprivileged wazo-confd user.
# Configuration: /etc/wazo-confd/config.yml (contribs/docker/prod/config.yml) then every
# *.yml file mounted into /etc/wazo-confd/conf.d/. Logs go to the container's output.

FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
RUN python -m venv /opt/wazo-confd
COPY requirements.txt ./
RUN /opt/wazo-confd/bin/pip install -r requirements.txt
COPY setup.py setup.cfg README.md LICENSE ./
COPY wazo_confd ./wazo_confd
COPY alembic ./alembic
COPY etc ./etc
RUN /opt/wazo-confd/bin/pip install --no-deps . \
    && /opt/wazo-confd/bin/wazo-confd-admin --help > /dev/null

FROM python:3.11-slim-bookworm
ENV PATH=/opt/wazo-confd/bin:$PATH PYTHONUNBUFFERED=1
# A fixed numeric id, so that volume owners and USER mean the same on every host.
RUN groupadd --system --gid 9486 wazo-confd \
    && useradd --system --uid 9486 --gid wazo-confd --home-dir /var/lib/wazo-confd --shell /usr/sbin/nologin wazo-confd \
    && install -d -o wazo-confd -g wazo-confd -m 0750 /var/lib/wazo-confd \
    && install -d -m 0755 /etc/wazo-confd/conf.d
COPY --from=build /opt/wazo-confd /opt/wazo-confd
COPY contribs/docker/prod/config.yml /etc/wazo-confd/config.yml
USER 9486:9486
WORKDIR /var/lib/wazo-confd
VOLUME ["/var/lib/wazo-confd"]
EXPOSE 9486
# Healthy while the API answers; /1.1/status wants a token, so an authentication error (401)
# still proves the server and its auth layer respond: only no answer or a 5xx is unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.error, urllib.request as r\ntry: r.urlopen('http://127.0.0.1:9486/1.1/status', timeout=4)\nexcept urllib.error.HTTPError as e: sys.exit(int(e.code >= 500))\nexcept OSError: sys.exit(1)"]
ENTRYPOINT ["wazo-confd"]
CMD ["-c", "/etc/wazo-confd/config.yml"]
