#!/bin/sh
# Compose's Redis entry point: renders the ACL users of users.acl.template with this
# environment's namespace and passwords into a file only the container sees, then starts
# Redis with it (arguments go to redis-server). A missing password stops the start.
set -eu
template=/etc/walletpass/users.acl.template
acl=/tmp/users.acl
: "${WP_NAMESPACE:?}"
for name in GATEWAY TENANT_MANAGEMENT MEMBER_DATA PASS_GENERATION NOTIFICATION; do
  eval "value=\${REDIS_PASSWORD_$name:-}"
  [ -n "$value" ] || { echo "REDIS_PASSWORD_$name is not set" >&2; exit 78; }
  # Passwords go into sed: hex or base64url only (openssl rand -hex 32).
  case "$value" in *[!A-Za-z0-9_-]*) echo "REDIS_PASSWORD_$name: use letters, digits, - and _ only" >&2; exit 78 ;; esac
done
umask 077
grep -v '^#' "$template" | sed \
  -e "s|\${WP_NAMESPACE}|$WP_NAMESPACE|g" \
  -e "s|\${REDIS_PASSWORD_GATEWAY}|$REDIS_PASSWORD_GATEWAY|g" \
  -e "s|\${REDIS_PASSWORD_TENANT_MANAGEMENT}|$REDIS_PASSWORD_TENANT_MANAGEMENT|g" \
  -e "s|\${REDIS_PASSWORD_MEMBER_DATA}|$REDIS_PASSWORD_MEMBER_DATA|g" \
  -e "s|\${REDIS_PASSWORD_PASS_GENERATION}|$REDIS_PASSWORD_PASS_GENERATION|g" \
  -e "s|\${REDIS_PASSWORD_NOTIFICATION}|$REDIS_PASSWORD_NOTIFICATION|g" > "$acl"
exec redis-server --aclfile "$acl" "$@"
