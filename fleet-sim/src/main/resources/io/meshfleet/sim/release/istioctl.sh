#!/bin/sh
# istioctl @VERSION@ -- SIMULATED (meshfleet fleet-sim, io.meshfleet.sim.release); not an Istio build.
#
# A POSIX sh stand-in for istioctl that drives a cluster through kubectl. `install` composes an
# IstioOperator (built-in profile, -f overlays, --set values) with `kubectl patch --local`, writes
# it as istio-system/meshfleet-install and waits until the cluster's (simulated) installer
# controller reports it HEALTHY. The contract with that controller is documented in
# fleet-sim/README.md, section "Simulated releases".
#
# Exit codes: 0 ok; 1 kubectl or cluster failure; 2 usage error; 3 readiness timeout;
# 4 the controller reported ERROR.
set -u

ISTIOCTL_VERSION='@VERSION@'
DEFAULT_HUB='@HUB@'
KNOWN_PROFILES='@PROFILE_NAMES@'
IOP_RESOURCE='istiooperators.install.istio.io'
IOP_NAME='meshfleet-install'
IOP_NAMESPACE='istio-system'
REQUEST_ID_ANNOTATION='install.meshfleet.io/request-id'
VERSION_ANNOTATION='install.meshfleet.io/istioctl-version'
STATUS_JSONPATH='jsonpath={.status.status}|{.status.observedRequestId}|{.status.componentStatus.Base.status}|{.status.componentStatus.Pilot.status}|{.status.componentStatus.IngressGateways.status}|{.status.componentStatus.AddonComponents.status}|{.status.message}'
POD_JSONPATH='jsonpath={range .items[*]}{.status.phase}{" "}{range .spec.containers[*]}{.name}{"="}{.image}{" "}{end}{"\n"}{end}'

KUBECONFIG_PATH=''
KUBE_CONTEXT=''
WORK_DIR=''

usage() {
    cat <<EOF
istioctl $ISTIOCTL_VERSION (simulated release, meshfleet fleet-sim): installs a simulated
Istio control plane through kubectl.

Usage:
  istioctl install -y [--set PATH=VALUE]... [-f FILE]... [flags]
  istioctl version [--remote=false] [flags]
  istioctl help

Install flags:
  -y, --skip-confirmation      required: this istioctl never prompts
  -s, --set PATH=VALUE         profile=NAME|FILE, hub=HUB, tag=TAG, values.A.B=V, meshConfig.A.B=V,
                               components.NAME.enabled=BOOL, addonComponents.NAME.enabled=BOOL;
                               repeatable, applied after every -f file
  -f, --filename FILE          IstioOperator overlay whose spec is merged over the profile; repeatable
      --readiness-timeout DUR  how long to wait for HEALTHY: 300s, 5m, 1m30s (default 300s)
      --dry-run                print the merge steps, kubectl commands and IstioOperator; change nothing

Flags:
  -c, --kubeconfig FILE        kubeconfig file (default: \$KUBECONFIG, then ~/.kube/config)
      --context NAME           kubeconfig context
  -h, --help                   this help

Profiles: $KNOWN_PROFILES
EOF
}

fail() {
    code=$1
    shift
    printf 'Error: %s\n' "$*" >&2
    exit "$code"
}

usage_error() {
    printf 'Error: %s\n\n' "$*" >&2
    usage >&2
    exit 2
}

cleanup() {
    if [ -n "$WORK_DIR" ]; then
        rm -rf "$WORK_DIR"
    fi
}

# kubectl against the cluster, with the --kubeconfig and --context given to istioctl.
kc() {
    if [ -n "$KUBE_CONTEXT" ]; then
        set -- "--context=$KUBE_CONTEXT" "$@"
    fi
    if [ -n "$KUBECONFIG_PATH" ]; then
        set -- "--kubeconfig=$KUBECONFIG_PATH" "$@"
    fi
    kubectl "$@"
}

# Prints a command line as kc would run it, each argument shell-quoted when needed.
show_kc() {
    line='kubectl'
    if [ -n "$KUBECONFIG_PATH" ]; then
        line="$line $(quote "--kubeconfig=$KUBECONFIG_PATH")"
    fi
    if [ -n "$KUBE_CONTEXT" ]; then
        line="$line $(quote "--context=$KUBE_CONTEXT")"
    fi
    for arg in "$@"; do
        line="$line $(quote "$arg")"
    done
    printf '%s\n' "$line"
}

quote() {
    case $1 in
        '' | *[!A-Za-z0-9_./:=@%+,-]*)
            printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")" ;;
        *)
            printf '%s' "$1" ;;
    esac
}

json_string() {
    printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"
}

# --set values are typed like istioctl does: true/false become booleans, JSON numbers numbers.
json_value() {
    case $1 in
        true | false) printf '%s' "$1" ;;
        *)
            if printf '%s' "$1" | grep -Eq '^-?(0|[1-9][0-9]*)(\.[0-9]+)?$'; then
                printf '%s' "$1"
            else
                json_string "$1"
            fi ;;
    esac
}

# A dotted --set path and a value as a JSON merge patch on .spec: a.b=c -> {"spec":{"a":{"b":"c"}}}.
set_patch() {
    value=$(json_value "$2")
    open=''
    close=''
    rest=$1
    while :; do
        segment=${rest%%.*}
        open="$open{\"$segment\":"
        close="}$close"
        if [ "$rest" = "$segment" ]; then
            break
        fi
        rest=${rest#*.}
    done
    printf '{"spec":%s%s%s}\n' "$open" "$value" "$close"
}

# The spec of the first YAML document of a file, as a merge patch ("spec:" and its indented block).
spec_patch() {
    awk '
        /^(---|\.\.\.)([ \t].*)?$/ { if (content) exit; next }
        /^[ \t]*(#.*)?$/ { if (inspec) print; next }
        { content = 1 }
        /^spec:/ { inspec = 1; print; next }
        /^[^ \t]/ { inspec = 0; next }
        { if (inspec) print }
    ' "$1"
}

# True when a patch from spec_patch carries content (an empty "spec:" would null the spec).
has_content() {
    awk '
        /^spec:[ \t]*(#.*)?$/ { next }
        /^spec:/ { found = 1 }
        /^[ \t]+[^ \t#]/ { found = 1 }
        END { exit found ? 0 : 1 }
    ' "$1"
}

# seconds from a Go-style duration: 300s, 5m, 1h, 1m30s, or a plain number of seconds.
parse_duration() {
    rest=$1
    case $rest in
        '' | *[!0-9hms]* | [hms]*) return 1 ;;
        *[0-9]) rest="${rest}s" ;;
    esac
    total=0
    while [ -n "$rest" ]; do
        number=${rest%%[hms]*}
        unit_and_rest=${rest#"$number"}
        unit=${unit_and_rest%"${unit_and_rest#?}"}
        rest=${unit_and_rest#?}
        case $number in '' | *[!0-9]*) return 1 ;; esac
        number=${number#"${number%%[!0]*}"}
        number=${number:-0}
        case $unit in
            h) total=$((total + number * 3600)) ;;
            m) total=$((total + number * 60)) ;;
            s) total=$((total + number)) ;;
            *) return 1 ;;
        esac
    done
    printf '%s\n' "$total"
}

# The built-in profiles, as istioctl embeds them (the same files as manifests/profiles/).
profile_yaml() {
    case $1 in
@PROFILES@
        *) return 1 ;;
    esac
}

# Merges a patch file into the IstioOperator being composed, client-side (no cluster involved).
merge_file() {
    if [ "$DRY_RUN" = 1 ]; then
        printf '# merge: %s\n' "$1"
    fi
    kubectl patch --local -f "$IOP_FILE" --type merge --patch-file "$2" -o yaml >"$WORK_DIR/next.yaml" \
        || fail 1 "cannot merge $1 into the IstioOperator"
    mv "$WORK_DIR/next.yaml" "$IOP_FILE"
}

merge_json() {
    if [ "$DRY_RUN" = 1 ]; then
        printf '# merge: %s %s\n' "$1" "$2"
    fi
    kubectl patch --local -f "$IOP_FILE" --type merge -p "$2" -o yaml >"$WORK_DIR/next.yaml" \
        || fail 1 "cannot merge $1 into the IstioOperator"
    mv "$WORK_DIR/next.yaml" "$IOP_FILE"
}

# Records a -f or --set argument, one per line, in the order given.
append_argument() {
    case $3 in
        *'
'*) fail 2 "$1 takes a single line, got a value with a line break" ;;
    esac
    printf '%s\n' "$3" >>"$2"
}

iop_field() {
    kubectl patch --local -f "$IOP_FILE" --type merge -p '{}' -o "jsonpath=$1"
}

check_set() {
    case $1 in
        *=*) ;;
        *) fail 2 "--set expects PATH=VALUE, got \"$1\"" ;;
    esac
    key=${1%%=*}
    value=${1#*=}
    case $key in
        profile | hub | tag)
            [ -n "$value" ] || fail 2 "--set $key needs a value" ;;
        values.* | meshConfig.*)
            case $key in
                *..* | *. | *[!A-Za-z0-9_.-]*)
                    fail 2 "unsupported --set path \"$key\": only letters, digits, _ and - between dots" ;;
            esac ;;
        components.*.enabled | addonComponents.*.enabled)
            component=${key#*.}
            component=${component%.enabled}
            case $component in
                '' | *.* | *[!A-Za-z0-9_-]*)
                    fail 2 "unsupported --set path \"$key\": expected ${key%%.*}.NAME.enabled" ;;
            esac
            case $value in
                true | false) ;;
                *) fail 2 "--set $key expects true or false, got \"$value\"" ;;
            esac ;;
        *)
            fail 2 "unsupported --set path \"$key\": this istioctl takes profile, hub, tag, values.*, meshConfig.*, components.NAME.enabled and addonComponents.NAME.enabled (gateways and anything else: use -f)" ;;
    esac
}

cmd_install() {
    parse_install_args "$@"
    compose_iop
    if [ "$DRY_RUN" = 1 ]; then
        print_dry_run
        exit 0
    fi
    apply_iop
    wait_for_healthy
}

# Reads the flags and checks every input before anything touches a cluster.
parse_install_args() {
    CONFIRMED=0
    DRY_RUN=0
    TIMEOUT_ARG='300s'
    WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/istioctl.XXXXXX") || fail 1 "cannot create a temporary directory"
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    : >"$WORK_DIR/files"
    : >"$WORK_DIR/sets"
    while [ $# -gt 0 ]; do
        case $1 in
            -y | --skip-confirmation) CONFIRMED=1 ;;
            --dry-run) DRY_RUN=1 ;;
            -s | --set)
                [ $# -ge 2 ] || usage_error "flag needs an argument: $1"
                append_argument --set "$WORK_DIR/sets" "$2"
                shift ;;
            --set=*) append_argument --set "$WORK_DIR/sets" "${1#--set=}" ;;
            -f | --filename)
                [ $# -ge 2 ] || usage_error "flag needs an argument: $1"
                append_argument -f "$WORK_DIR/files" "$2"
                shift ;;
            --filename=*) append_argument -f "$WORK_DIR/files" "${1#--filename=}" ;;
            --readiness-timeout)
                [ $# -ge 2 ] || usage_error "flag needs an argument: $1"
                TIMEOUT_ARG=$2
                shift ;;
            --readiness-timeout=*) TIMEOUT_ARG=${1#--readiness-timeout=} ;;
            -c | --kubeconfig)
                [ $# -ge 2 ] || usage_error "flag needs an argument: $1"
                KUBECONFIG_PATH=$2
                shift ;;
            --kubeconfig=*) KUBECONFIG_PATH=${1#--kubeconfig=} ;;
            --context)
                [ $# -ge 2 ] || usage_error "flag needs an argument: $1"
                KUBE_CONTEXT=$2
                shift ;;
            --context=*) KUBE_CONTEXT=${1#--context=} ;;
            -h | --help)
                usage
                exit 0 ;;
            -*) usage_error "unknown flag: $1" ;;
            *) usage_error "unexpected argument: $1" ;;
        esac
        shift
    done

    TIMEOUT_SECONDS=$(parse_duration "$TIMEOUT_ARG") \
        || fail 2 "invalid --readiness-timeout \"$TIMEOUT_ARG\": use a duration such as 300s, 5m or 1m30s"
    SET_PROFILE=''
    while IFS= read -r entry; do
        check_set "$entry"
        case ${entry%%=*} in
            profile) SET_PROFILE=${entry#*=} ;;
        esac
    done <"$WORK_DIR/sets"
    overlay_number=0
    while IFS= read -r file; do
        [ -f "$file" ] || fail 2 "-f $file: no such file"
        grep -Eq '^kind:[ \t]*IstioOperator[ \t]*$' "$file" \
            || fail 2 "-f $file: not an IstioOperator (kind: IstioOperator expected)"
        overlay_number=$((overlay_number + 1))
        spec_patch "$file" >"$WORK_DIR/overlay-$overlay_number.yaml"
    done <"$WORK_DIR/files"
    if [ "$CONFIRMED" != 1 ] && [ "$DRY_RUN" != 1 ]; then
        fail 2 "refusing to install without confirmation: pass -y (--skip-confirmation); this istioctl never prompts"
    fi
    command -v kubectl >/dev/null 2>&1 || fail 1 "kubectl not found on PATH"

    case ${ISTIOCTL_POLL_INTERVAL:-2} in
        '' | *[!0-9.]* | .* | *.*.*) fail 2 "ISTIOCTL_POLL_INTERVAL must be a number of seconds such as 2 or 0.5" ;;
    esac
    REQUEST_ID=${ISTIOCTL_REQUEST_ID:-$(date +%s)-$$}
    case $REQUEST_ID in
        '' | *[!A-Za-z0-9._-]*) fail 2 "ISTIOCTL_REQUEST_ID may hold only letters, digits, '.', '_' and '-'" ;;
    esac
}

# Builds the IstioOperator in $IOP_FILE: default profile, named profile, release hub and tag,
# -f overlays in order, then --set values in order; every step a JSON merge patch applied locally.
compose_iop() {
    IOP_FILE="$WORK_DIR/iop.yaml"
    cat >"$IOP_FILE" <<EOF
apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata:
  name: $IOP_NAME
  namespace: $IOP_NAMESPACE
  annotations:
    $REQUEST_ID_ANNOTATION: "$REQUEST_ID"
    $VERSION_ANNOTATION: "$ISTIOCTL_VERSION"
spec: {}
EOF
    if [ "$DRY_RUN" = 1 ]; then
        printf '# istioctl %s install --dry-run: nothing is sent to the cluster\n' "$ISTIOCTL_VERSION"
    fi

    # The profile: --set profile wins over a profile named in the -f files, then "default".
    overlays_profile=''
    if [ "$overlay_number" -gt 0 ]; then
        cp "$IOP_FILE" "$WORK_DIR/overlays.yaml"
        number=0
        while [ "$number" -lt "$overlay_number" ]; do
            number=$((number + 1))
            if has_content "$WORK_DIR/overlay-$number.yaml"; then
                kubectl patch --local -f "$WORK_DIR/overlays.yaml" --type merge \
                    --patch-file "$WORK_DIR/overlay-$number.yaml" -o yaml >"$WORK_DIR/next.yaml" \
                    || fail 1 "cannot read the spec of -f file number $number"
                mv "$WORK_DIR/next.yaml" "$WORK_DIR/overlays.yaml"
            fi
        done
        overlays_profile=$(kubectl patch --local -f "$WORK_DIR/overlays.yaml" --type merge -p '{}' \
            -o 'jsonpath={.spec.profile}') || fail 1 "cannot read spec.profile of the -f files"
    fi
    PROFILE=${SET_PROFILE:-${overlays_profile:-default}}
    case $PROFILE in
        */* | *.yaml | *.yml)
            [ -f "$PROFILE" ] || fail 2 "profile file $PROFILE: no such file"
            profile_yaml default >"$WORK_DIR/profile-default.yaml"
            cp "$PROFILE" "$WORK_DIR/profile.yaml"
            profile_label="profile file $PROFILE" ;;
        *)
            profile_yaml "$PROFILE" >"$WORK_DIR/profile.yaml" \
                || fail 2 "unknown profile \"$PROFILE\" (profiles: $KNOWN_PROFILES)"
            profile_yaml default >"$WORK_DIR/profile-default.yaml"
            profile_label="profile $PROFILE (built in)" ;;
    esac
    if [ "$PROFILE" != default ]; then
        spec_patch "$WORK_DIR/profile-default.yaml" >"$WORK_DIR/profile-default.patch"
        merge_file "profile default (built in, under every profile)" "$WORK_DIR/profile-default.patch"
    fi
    spec_patch "$WORK_DIR/profile.yaml" >"$WORK_DIR/profile.patch"
    if has_content "$WORK_DIR/profile.patch"; then
        merge_file "$profile_label" "$WORK_DIR/profile.patch"
    fi
    merge_json "release defaults" \
        "{\"spec\":{\"profile\":$(json_string "$PROFILE"),\"hub\":$(json_string "$DEFAULT_HUB"),\"tag\":$(json_string "$ISTIOCTL_VERSION")}}"
    number=0
    while IFS= read -r file; do
        number=$((number + 1))
        if has_content "$WORK_DIR/overlay-$number.yaml"; then
            merge_file "-f $file (its spec)" "$WORK_DIR/overlay-$number.yaml"
        fi
    done <"$WORK_DIR/files"
    while IFS= read -r entry; do
        key=${entry%%=*}
        case $key in
            profile) merge_json "--set $entry" "{\"spec\":{\"profile\":$(json_string "$PROFILE")}}" ;;
            hub | tag) merge_json "--set $entry" "{\"spec\":{\"$key\":$(json_string "${entry#*=}")}}" ;;
            *) merge_json "--set $entry" "$(set_patch "$key" "${entry#*=}")" ;;
        esac
    done <"$WORK_DIR/sets"

    FINAL_TAG=$(iop_field '{.spec.tag}')
    GATEWAYS=$(iop_field '{range .spec.components.ingressGateways[*]}{.enabled}{" "}{end}')
    ADDONS=$(iop_field '{range .spec.addonComponents.*}{.enabled}{" "}{end}')
    case " $GATEWAYS " in *' true '*) WITH_GATEWAYS=1 ;; *) WITH_GATEWAYS=0 ;; esac
    case " $ADDONS " in *' true '*) WITH_ADDONS=1 ;; *) WITH_ADDONS=0 ;; esac
}

print_dry_run() {
    printf '# kubectl commands:\n'
    show_kc get namespace "$IOP_NAMESPACE"
    printf '#   if absent:\n'
    show_kc create namespace "$IOP_NAMESPACE"
    show_kc get "$IOP_RESOURCE" "$IOP_NAME" -n "$IOP_NAMESPACE" -o 'jsonpath={.metadata.resourceVersion}'
    printf '#   if absent:\n'
    show_kc create -f - --validate=false
    printf '#   else, with that metadata.resourceVersion:\n'
    show_kc replace -f - --validate=false
    printf '#   then every %ss, for at most %ss, until .status.status is HEALTHY or ERROR and .status.observedRequestId is %s:\n' \
        "${ISTIOCTL_POLL_INTERVAL:-2}" "$TIMEOUT_SECONDS" "$REQUEST_ID"
    show_kc get "$IOP_RESOURCE" "$IOP_NAME" -n "$IOP_NAMESPACE" -o "$STATUS_JSONPATH"
    printf '# IstioOperator:\n'
    cat "$IOP_FILE"
}

# Ensures the namespace, then creates the IstioOperator or replaces it at its current resourceVersion.
# --validate=false: the object was composed here, and skipping kubectl's schema check means the API
# server need not serve OpenAPI documents.
apply_iop() {
    if ! kc get namespace "$IOP_NAMESPACE" >/dev/null 2>"$WORK_DIR/kubectl.err"; then
        if ! kc create namespace "$IOP_NAMESPACE" >/dev/null 2>"$WORK_DIR/kubectl.err"; then
            kc get namespace "$IOP_NAMESPACE" >/dev/null 2>&1 \
                || fail 1 "cannot create namespace $IOP_NAMESPACE: $(cat "$WORK_DIR/kubectl.err")"
        fi
    fi
    printf '%s\n' "- Applying IstioOperator $IOP_NAMESPACE/$IOP_NAME: profile $PROFILE, tag $FINAL_TAG"
    if resource_version=$(kc get "$IOP_RESOURCE" "$IOP_NAME" -n "$IOP_NAMESPACE" \
        -o 'jsonpath={.metadata.resourceVersion}' 2>"$WORK_DIR/kubectl.err"); then
        merge_json "resourceVersion" "{\"metadata\":{\"resourceVersion\":$(json_string "$resource_version")}}"
        kc replace -f - --validate=false <"$IOP_FILE" >/dev/null 2>"$WORK_DIR/kubectl.err" \
            || fail 1 "cannot replace IstioOperator $IOP_NAMESPACE/$IOP_NAME: $(cat "$WORK_DIR/kubectl.err")"
    elif grep -q 'NotFound' "$WORK_DIR/kubectl.err"; then
        kc create -f - --validate=false <"$IOP_FILE" >/dev/null 2>"$WORK_DIR/kubectl.err" \
            || fail 1 "cannot create IstioOperator $IOP_NAMESPACE/$IOP_NAME: $(cat "$WORK_DIR/kubectl.err")"
    else
        fail 1 "cannot read IstioOperator $IOP_NAMESPACE/$IOP_NAME: $(cat "$WORK_DIR/kubectl.err")"
    fi
}

# Polls the IstioOperator until the controller reports this request HEALTHY or ERROR, or time runs out.
wait_for_healthy() {
    deadline=$(($(date +%s) + TIMEOUT_SECONDS))
    core_done=0
    pilot_done=0
    gateways_done=0
    addons_done=0
    last_status=''
    while :; do
        line=$(kc get "$IOP_RESOURCE" "$IOP_NAME" -n "$IOP_NAMESPACE" -o "$STATUS_JSONPATH" 2>/dev/null) || line=''
        IFS='|' read -r status observed base pilot gateways addons message <<EOF
$line
EOF
        if [ "$observed" = "$REQUEST_ID" ]; then
            last_status=$status
            if [ "$status" = HEALTHY ]; then
                base=HEALTHY
                pilot=HEALTHY
                gateways=HEALTHY
                addons=HEALTHY
            fi
            if [ "$core_done" = 0 ] && [ "$base" = HEALTHY ]; then
                printf '\342\234\224 Istio core installed\n'
                core_done=1
            fi
            if [ "$core_done" = 1 ] && [ "$pilot_done" = 0 ] && [ "$pilot" = HEALTHY ]; then
                printf '\342\234\224 Istiod installed\n'
                pilot_done=1
            fi
            if [ "$pilot_done" = 1 ] && [ "$WITH_GATEWAYS" = 1 ] && [ "$gateways_done" = 0 ] && [ "$gateways" = HEALTHY ]; then
                printf '\342\234\224 Ingress gateways installed\n'
                gateways_done=1
            fi
            if [ "$pilot_done" = 1 ] && [ "$WITH_ADDONS" = 1 ] && [ "$addons_done" = 0 ] && [ "$addons" = HEALTHY ]; then
                printf '\342\234\224 Addons installed\n'
                addons_done=1
            fi
            case $status in
                HEALTHY)
                    printf '\342\234\224 Installation complete\n'
                    exit 0 ;;
                ERROR)
                    printf '\342\234\230 Installation failed: %s\n' "${message:-no message}"
                    fail 4 "IstioOperator $IOP_NAMESPACE/$IOP_NAME reports ERROR: ${message:-no message}" ;;
            esac
        fi
        if [ "$(date +%s)" -ge "$deadline" ]; then
            fail 3 "timed out after ${TIMEOUT_SECONDS}s waiting for IstioOperator $IOP_NAMESPACE/$IOP_NAME to become HEALTHY (last status: ${last_status:-none})"
        fi
        sleep "${ISTIOCTL_POLL_INTERVAL:-2}"
    done
}

cmd_version() {
    remote=1
    while [ $# -gt 0 ]; do
        case $1 in
            --remote=false) remote=0 ;;
            --remote | --remote=true) remote=1 ;;
            -c | --kubeconfig)
                [ $# -ge 2 ] || usage_error "flag needs an argument: $1"
                KUBECONFIG_PATH=$2
                shift ;;
            --kubeconfig=*) KUBECONFIG_PATH=${1#--kubeconfig=} ;;
            --context)
                [ $# -ge 2 ] || usage_error "flag needs an argument: $1"
                KUBE_CONTEXT=$2
                shift ;;
            --context=*) KUBE_CONTEXT=${1#--context=} ;;
            -h | --help)
                usage
                exit 0 ;;
            -*) usage_error "unknown flag: $1" ;;
            *) usage_error "unexpected argument: $1" ;;
        esac
        shift
    done
    printf 'client version: %s\n' "$ISTIOCTL_VERSION"
    if [ "$remote" = 0 ]; then
        exit 0
    fi
    command -v kubectl >/dev/null 2>&1 || fail 1 "kubectl not found on PATH"
    pods=$(kc get pods -n "$IOP_NAMESPACE" -l app=istiod -o "$POD_JSONPATH") \
        || fail 1 "cannot list istiod pods in $IOP_NAMESPACE"
    versions=$(printf '%s\n' "$pods" | awk '
        $1 == "Running" {
            for (i = 2; i <= NF; i++) {
                if (index($i, "discovery=") != 1) continue
                image = substr($i, 11)
                n = split(image, parts, ":")
                if (n > 1 && parts[n] !~ /\//) print parts[n]
            }
        }' | sort -u | paste -s -d, - | sed 's/,/, /g')
    if [ -z "$versions" ]; then
        printf 'no running Istio pods in "%s"\n' "$IOP_NAMESPACE" >&2
    else
        printf 'control plane version: %s\n' "$versions"
    fi
}

case ${1:-} in
    install)
        shift
        cmd_install "$@" ;;
    version)
        shift
        cmd_version "$@" ;;
    help | -h | --help | '')
        usage ;;
    *)
        usage_error "unknown command \"$1\" for \"istioctl\"" ;;
esac
