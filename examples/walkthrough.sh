#!/usr/bin/env bash
# The README's five-minute walk-through as one script: provider → config → key → request → log → revoke.
# Run it against a running Turnpike (bin/turnpike up). Tested by infra/launcher's ExamplesIT, so it never rots.
#   TURNPIKE_API_URL    query/admin API   (default http://127.0.0.1:8081)
#   TURNPIKE_PROXY_URL  proxy             (default http://127.0.0.1:8080)
#   TOKEN               admin token       (default: the contents of .turnpike/admin.token)
#   ID_SUFFIX           appended to the ids created here, to run it more than once (default empty)
set -euo pipefail
API="${TURNPIKE_API_URL:-http://127.0.0.1:8081}"
PROXY="${TURNPIKE_PROXY_URL:-http://127.0.0.1:8080}"
TOKEN="${TOKEN:-$(cat "$(dirname "$0")/../.turnpike/admin.token")}"
SUFFIX="${ID_SUFFIX:-}"
USER_EMAIL="a${SUFFIX}@acme.com"

admin() { curl -sS --fail-with-body -H "authorization: Bearer $TOKEN" -H "content-type: application/json" "$@"; }
field() { grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | cut -d'"' -f4; }

echo "== 1. provider"
admin -X POST "$API/v1/admin/providers" -d "{\"id\":\"mock-1$SUFFIX\",\"type\":\"mock\"}"; echo
echo "== 2. config"
admin -X POST "$API/v1/admin/configs" \
  -d "{\"id\":\"desktop-eng-prod$SUFFIX\",\"config\":{\"targets\":[{\"provider\":\"@mock-1$SUFFIX\"}]}}"; echo
echo "== 3. key"
issued=$(admin -X POST "$API/v1/admin/keys" -d "{\"name\":\"claude-desktop-eng-prod\",\"config\":\"desktop-eng-prod$SUFFIX\",\"metadata\":{\"tenant\":\"acme\",\"team\":\"eng\",\"env\":\"prod\"}}")
echo "$issued"
TP_KEY=$(echo "$issued" | field key)
KEY_ID=$(echo "$issued" | field id)

echo "== 4. request"
curl -sS --fail-with-body "$PROXY/v1/messages" \
  -H "authorization: Bearer $TP_KEY" -H "anthropic-version: 2023-06-01" -H "content-type: application/json" \
  -H "x-turnpike-metadata: {\"user\":\"$USER_EMAIL\"}" \
  -d '{"model":"claude-sonnet-4-5","max_tokens":200,"messages":[{"role":"user","content":"Hello"}]}'; echo

echo "== 5. the request in the log"
for _ in $(seq 1 120); do
  logs=$(admin "$API/v1/logs?tenant=acme&team=eng&user=$USER_EMAIL")
  if echo "$logs" | grep -q '"request_id"'; then echo "$logs"; break; fi
  sleep 0.5
done
echo "$logs" | grep -q '"request_id"' || { echo "the request did not reach the log" >&2; exit 1; }

echo "== 6. revoke the key; the proxy refuses it at once"
admin -X DELETE "$API/v1/admin/keys/$KEY_ID"; echo
status=$(curl -sS -o /dev/null -w '%{http_code}' "$PROXY/v1/messages" -H "authorization: Bearer $TP_KEY" \
  -H "content-type: application/json" -d '{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[]}')
echo "after revocation: HTTP $status"
[ "$status" = 401 ]
