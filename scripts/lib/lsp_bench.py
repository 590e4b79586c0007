"""Drives `s75 lsp` as an editor does and times what a drafter waits for.

Usage: lsp_bench.py S75_BINARY REPOSITORY ROUNDS

Each round edits clause 21.1 of the 2019 agreement (alternately adding and
removing a reference to a clause that does not exist, so the findings really
change), then times: the edit until the body's diagnostics arrive, until
every file's have, and a hover and a go-to-definition on the unchanged
server. Prints medians, 90th percentiles and maxima against the budgets.
"""

import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

binary, root, rounds = sys.argv[1], pathlib.Path(sys.argv[2]).resolve(), int(sys.argv[3])
body = root / "agreements/coventry-cwpt-2019/agreement.md"
uri = body.as_uri()
text = body.read_text()
lines = text.split("\n")
EDIT_LINE = next(i for i, l in enumerate(lines) if l.startswith("21.1 This Agreement shall cease"))
FILES = 1 + 1 + len(list((body.parent / "schedules").glob("*.md")))  # agreement.toml, body, schedules

server = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=root,
                          env={"S75_TODAY": "2026-11-24", "PATH": "/usr/bin:/bin"})
next_id = 0


def send(message):
    message["jsonrpc"] = "2.0"
    data = json.dumps(message).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
    server.stdin.flush()


def receive():
    length = None
    while True:
        line = server.stdout.readline().decode().strip()
        if not line:
            break
        name, value = line.split(": ", 1)
        if name == "Content-Length":
            length = int(value)
    return json.loads(server.stdout.read(length))


def request(method, params):
    global next_id
    next_id += 1
    send({"id": next_id, "method": method, "params": params})
    while True:
        m = receive()
        if m.get("id") == next_id and "method" not in m:
            return m


def position(line, word):
    return {"textDocument": {"uri": uri}, "position": {"line": line, "character": lines[line].index(word) + 2}}


def until_diagnostics(started):
    """Seconds until the body's diagnostics, and until every file's."""
    seen, body_at = set(), None
    while len(seen) < FILES:
        m = receive()
        if m.get("method") == "textDocument/publishDiagnostics":
            seen.add(m["params"]["uri"])
            if m["params"]["uri"] == uri and body_at is None:
                body_at = time.perf_counter() - started
    return body_at, time.perf_counter() - started


request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
send({"method": "initialized", "params": {}})
started = time.perf_counter()
send({"method": "textDocument/didOpen",
      "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
cold_body, cold_all = until_diagnostics(started)

def cpu_seconds():
    """The server's CPU time so far (user + system), from /proc: unlike wall
    time, it does not grow when other processes share the cores."""
    fields = pathlib.Path(f"/proc/{server.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


edit, edit_all, hover, definition = [], [], [], []
cpu_edit = 0.0
for n in range(rounds):
    cpu_before = cpu_seconds()
    changed = lines[:]
    if n % 2 == 0:
        changed[EDIT_LINE] += " See Clause 99."
    started = time.perf_counter()
    send({"method": "textDocument/didChange",
          "params": {"textDocument": {"uri": uri, "version": n + 2}, "contentChanges": [{"text": "\n".join(changed)}]}})
    b, a = until_diagnostics(started)
    edit.append(b)
    edit_all.append(a)
    cpu_edit += cpu_seconds() - cpu_before
    for times, method, word in ((hover, "textDocument/hover", "Commencement Date"),
                                (hover, "textDocument/hover", "Clause 21.2"),
                                (definition, "textDocument/definition", "Commencement Date"),
                                (definition, "textDocument/definition", "Clause 21.2")):
        started = time.perf_counter()
        answer = request(method, position(EDIT_LINE, word))
        times.append(time.perf_counter() - started)
        assert answer.get("result"), answer

request("shutdown", None)
send({"method": "exit"})
server.wait()


def row(name, samples, budget):
    ms = sorted(s * 1000 for s in samples)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    verdict = "within" if p90 <= budget else "OVER"
    print(f"{name:<40} median {statistics.median(ms):7.1f} ms   p90 {p90:7.1f} ms   max {ms[-1]:7.1f} ms   "
          f"({verdict} the {budget} ms budget at p90)")


# The same machine, the same minute: one `s75 validate` of the agreement
# (a new process, cold) is what the server's re-check after an edit is
# made of, so the ratio means something on a loaded machine too.
validate = []
for _ in range(10):
    started = time.perf_counter()
    subprocess.run([binary, "validate", "--no-cache", "--format", "json", "agreements/coventry-cwpt-2019"], cwd=root,
                   stdout=subprocess.DEVNULL, env={"S75_TODAY": "2026-11-24", "PATH": "/usr/bin:/bin"})
    validate.append(time.perf_counter() - started)

print(f"s75 lsp, coventry-cwpt-2019, {rounds} edits")
print(f"first open: body's diagnostics {cold_body * 1000:.1f} ms, all {FILES} files' {cold_all * 1000:.1f} ms")
row("edit → body's diagnostics", edit, 100)
row(f"edit → all {FILES} files' diagnostics", edit_all, 100)
print(f"{'CPU per edit (server, both cores), mean':<40} {cpu_edit / rounds * 1000:7.1f} ms")
row("hover (term, clause reference)", hover, 20)
row("go to definition (term, clause reference)", definition, 20)
print(f"same run, for scale: `s75 validate --no-cache` of the agreement, median {statistics.median(validate) * 1000:.1f} ms "
      f"(edit → diagnostics is {statistics.median(edit) / statistics.median(validate):.2f}× that)")
