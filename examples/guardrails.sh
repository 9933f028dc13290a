#!/usr/bin/env bash
# Guardrails in two minutes: a tenant baseline that denies secrets on the way in, a config guardrail that redacts
# e-mail addresses on the way out, and where the verdicts show up. Uses the offline mock provider, which echoes
# the last user message, so the "model's" answer contains what we send.
# Run it against a running Turnpike (bin/turnpike up). Tested by infra/launcher's ExamplesIT.
#   TURNPIKE_API_URL / TURNPIKE_PROXY_URL / TOKEN / ID_SUFFIX: as in walkthrough.sh
set -euo pipefail
API="${TURNPIKE_API_URL:-http://127.0.0.1:8081}"
PROXY="${TURNPIKE_PROXY_URL:-http://127.0.0.1:8080}"
TOKEN="${TOKEN:-$(cat "$(dirname "$0")/../.turnpike/admin.token")}"
SUFFIX="${ID_SUFFIX:-}"
TENANT="globex$SUFFIX"

admin() { curl -sS --fail-with-body -H "authorization: Bearer $TOKEN" -H "content-type: application/json" "$@"; }
field() { grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | cut -d'"' -f4; }
ask() {   # ask <text>: one Messages request, printing the HTTP status and the body
  curl -sS -w '\nHTTP %{http_code}\n' "$PROXY/v1/messages" \
    -H "authorization: Bearer $TP_KEY" -H "anthropic-version: 2023-06-01" -H "content-type: application/json" \
    -d "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":200,\"messages\":[{\"role\":\"user\",\"content\":\"$1\"}]}"
}

echo "== 1. guardrails: deny cloud secrets in prompts, redact e-mail addresses in answers"
admin -X POST "$API/v1/admin/guardrails" -d "{\"id\":\"no-secrets$SUFFIX\",\"action\":\"deny\",\"applies_to\":\"input\",
  \"checks\":[{\"type\":\"pii\",\"params\":{\"categories\":[\"aws_access_key_id\",\"anthropic_api_key\",\"private_key\"]}}]}"; echo
admin -X POST "$API/v1/admin/guardrails" -d "{\"id\":\"redact-email-out$SUFFIX\",\"action\":\"redact\",\"applies_to\":\"output\",
  \"checks\":[{\"type\":\"pii\",\"params\":{\"categories\":[\"email\"]}}]}"; echo

echo "== 2. the tenant's baseline (no config can remove it) and a config that attaches the output guardrail"
admin -X PUT "$API/v1/admin/tenants/$TENANT/guardrails" -d "{\"guardrails\":[\"no-secrets$SUFFIX\"]}"; echo
admin -X POST "$API/v1/admin/providers" -d "{\"id\":\"mock-g$SUFFIX\",\"type\":\"mock\"}"; echo
admin -X POST "$API/v1/admin/configs" -d "{\"id\":\"guarded$SUFFIX\",\"config\":{
  \"output_guardrails\":[\"redact-email-out$SUFFIX\"],\"targets\":[{\"provider\":\"@mock-g$SUFFIX\"}]}}"; echo
TP_KEY=$(admin -X POST "$API/v1/admin/keys" \
  -d "{\"name\":\"guarded\",\"config\":\"guarded$SUFFIX\",\"metadata\":{\"tenant\":\"$TENANT\",\"team\":\"support\"}}" | field key)

echo "== 3. a prompt with an AWS access key: refused with 446 before the model sees it"
ask "deploy with AKIAZ7Q3KJ4LMN2PQRST please"

echo "== 4. an answer with an e-mail address: redacted before the client sees it"
ask "forward this to jane.doe@example.org"

echo "== 5. the verdicts: on the request log, and counted by guardrail and team"
for _ in $(seq 1 120); do
  logs=$(admin "$API/v1/logs?tenant=$TENANT&guardrail_action=deny")
  if echo "$logs" | grep -q "\"guardrail_id\":\"no-secrets$SUFFIX\""; then echo "$logs"; break; fi
  sleep 0.5
done
echo "$logs" | grep -q "\"guardrail_id\":\"no-secrets$SUFFIX\"" || { echo "the denial did not reach the log" >&2; exit 1; }
admin "$API/v1/analytics/guardrails?tenant=$TENANT&group_by=guardrail_id,team"; echo
