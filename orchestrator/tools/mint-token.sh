#!/usr/bin/env bash
# Mints a bearer token (JWT, RS256) for the orchestrator's REST API on a laptop or for the demo.
#
#   mint-token.sh <private-key.pem> <subject> <roles> [ttl-seconds] [issuer]
#
#   roles: comma-separated, from viewer, operator, approver
#   The orchestrator must trust the matching public key (MESHFLEET_JWT_PUBLIC_KEY) and the issuer
#   (MESHFLEET_JWT_ISSUER, default https://meshfleet.local). Needs bash and openssl only.
#
# Example:
#   openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out jwt-private.pem
#   openssl pkey -in jwt-private.pem -pubout -out jwt-public.pem
#   TOKEN=$(orchestrator/tools/mint-token.sh jwt-private.pem alice operator,viewer)
#   curl -H "Authorization: Bearer $TOKEN" http://localhost:8080/api/v1/plans
set -euo pipefail

if [ $# -lt 3 ]; then
  sed -n '2,15p' "$0" >&2
  exit 2
fi
key=$1 subject=$2 roles=$3 ttl=${4:-3600} issuer=${5:-https://meshfleet.local}

name='^[A-Za-z0-9._@-]+$'
[[ $subject =~ $name ]] || { echo "subject must match $name" >&2; exit 2; }
groups=""
IFS=',' read -ra list <<< "$roles"
for role in "${list[@]}"; do
  case $role in
    viewer|operator|approver) groups="${groups:+$groups,}\"$role\"" ;;
    *) echo "unknown role '$role': use viewer, operator, approver" >&2; exit 2 ;;
  esac
done
[[ $ttl =~ ^[0-9]+$ ]] || { echo "ttl must be a number of seconds" >&2; exit 2; }
[[ $issuer =~ ^[A-Za-z0-9:/._-]+$ ]] || { echo "issuer must be a plain URL" >&2; exit 2; }

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"%s","sub":"%s","upn":"%s","groups":[%s],"iat":%d,"exp":%d,"jti":"%s"}' \
  "$issuer" "$subject" "$subject" "$groups" "$now" "$((now + ttl))" "$(openssl rand -hex 16)" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
