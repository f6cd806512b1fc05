#!/bin/sh
# A stand-in for kubectl in IstioctlInstallTest: a one-IstioOperator "cluster" kept in $FAKE_STATE.
# Client-side calls (--local) go to the real kubectl; every other call is appended to calls.log.
#   $FAKE_STATE/namespace   exists when namespace istio-system exists
#   $FAKE_STATE/iop.yaml    the stored IstioOperator (create/replace bodies), resourceVersion 7 when present
#   $FAKE_STATE/statuses    status poll answers, one per line, the last one repeated; @ID@ becomes the
#                           stored request id: STATUS|OBSERVED_ID|BASE|PILOT|GATEWAYS|ADDONS|MESSAGE
#   $FAKE_STATE/pods        the answer to "get pods"
for arg in "$@"; do
    if [ "$arg" = --local ]; then
        exec "$REAL_KUBECTL" "$@"
    fi
done
printf '%s\n' "$*" >>"$FAKE_STATE/calls.log"
while :; do
    case $1 in
        --kubeconfig=* | --context=*) shift ;;
        *) break ;;
    esac
done
case "$1 $2" in
    "get namespace")
        if [ ! -f "$FAKE_STATE/namespace" ]; then
            echo "Error from server (NotFound): namespaces \"$3\" not found" >&2
            exit 1
        fi
        echo "$3" ;;
    "create namespace")
        touch "$FAKE_STATE/namespace"
        echo "namespace/$3 created" ;;
    "create -f")
        if [ -f "$FAKE_STATE/iop.yaml" ]; then
            echo 'Error from server (AlreadyExists): istiooperators.install.istio.io "meshfleet-install" already exists' >&2
            exit 1
        fi
        cat >"$FAKE_STATE/iop.yaml"
        echo 'istiooperator.install.istio.io/meshfleet-install created' ;;
    "replace -f")
        cat >"$FAKE_STATE/iop.yaml"
        echo 'istiooperator.install.istio.io/meshfleet-install replaced' ;;
    "get istiooperators.install.istio.io")
        if [ ! -f "$FAKE_STATE/iop.yaml" ]; then
            echo 'Error from server (NotFound): istiooperators.install.istio.io "meshfleet-install" not found' >&2
            exit 1
        fi
        case "$*" in
            *resourceVersion*)
                printf '7'
                exit 0 ;;
        esac
        id=$(sed -n 's/^ *install\.meshfleet\.io\/request-id: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$FAKE_STATE/iop.yaml")
        polls=$(($(cat "$FAKE_STATE/polls" 2>/dev/null || echo 0) + 1))
        echo "$polls" >"$FAKE_STATE/polls"
        answer=$(sed -n "${polls}p" "$FAKE_STATE/statuses")
        if [ -z "$answer" ]; then
            answer=$(tail -n 1 "$FAKE_STATE/statuses")
        fi
        printf '%s' "$answer" | sed "s/@ID@/$id/g" ;;
    "get pods")
        cat "$FAKE_STATE/pods" ;;
    *)
        echo "fake kubectl: unexpected call: $*" >&2
        exit 9 ;;
esac
