#!/usr/bin/env bash
# One-machine start: gunicorn on loopback behind the buffering nginx (deploy/nginx-local.conf,
# plain HTTP; the public site with TLS is deploy/nginx.conf, see docs/deployment.md).
# LISTEN (default 127.0.0.1:8080) is nginx's address; gunicorn binds 127.0.0.1:$PORT (8050).
# NGINX_PREFIX (default .cache/nginx) holds nginx's config, pid and temp files: relative to the
# checkout, or absolute. Both servers stop together (Ctrl-C or SIGTERM).
set -euo pipefail
cd "$(dirname "$0")/.."
LISTEN=${LISTEN:-127.0.0.1:8080}
PORT=${PORT:-8050}
PREFIX=${NGINX_PREFIX:-.cache/nginx}
case "$PREFIX" in /*) ;; *) PREFIX="$PWD/$PREFIX" ;; esac
mkdir -p "$PREFIX/temp"
sed -e "s|@LISTEN@|$LISTEN|" -e "s|@UPSTREAM@|127.0.0.1:$PORT|" deploy/nginx-local.conf \
  > "$PREFIX/nginx.conf"
cp deploy/nginx-proxy.conf "$PREFIX/nginx-proxy.conf"
# One trusted hop: nginx sets X-Forwarded-For/-Proto for the rate limiter and HSTS.
HANOI_PROXY_HOPS=${HANOI_PROXY_HOPS:-1} HOST=127.0.0.1 PORT=$PORT \
  .venv/bin/gunicorn -c python:dashboard.web.gunicorn_conf dashboard.wsgi:server &
GUNICORN=$!
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
"$NGINX" -p "$PREFIX" -e stderr -c nginx.conf &
FRONT=$!
trap 'kill "$GUNICORN" "$FRONT" 2>/dev/null || true' EXIT INT TERM
echo "Serving on http://$LISTEN/ (nginx) -> gunicorn 127.0.0.1:$PORT"
wait -n "$GUNICORN" "$FRONT"
