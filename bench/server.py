"""The language server's latency: `jdlint server` driven over stdio the way an editor drives it.

    python bench/server.py                      # 500 documents, 40 keystrokes of each kind
    python bench/server.py --size 1000 --keystrokes 100 --transcript /tmp/lsp.jsonl

It builds (once, as bench/run.py does, under bench/.work/) a handbook root of SIZE documents: the
real corpus replicated with every title of copy N suffixed " C00NN". It starts the server, opens
one page of it, waits for its first diagnostics (the handbook is indexed then), then types into
the open buffer as an editor sends it, one `didChange` every PAUSE seconds (the whole text, as
the server asks), and times each keystroke from the moment it is sent to the `publishDiagnostics`
of that version (the debounce included). Three kinds of keystroke:

- a letter typed inside a sentence: the page's entry in the index stays as it was;
- a letter typed into the manager title of a reports-to line: the same, but the title is now
  unknown (JD502) and a did-you-mean is looked for;
- a new line: every line below moves, so the page's entry changes, the index is rebuilt and the
  other open page (the manager's) is checked again.

`--transcript FILE` writes every message the client sends, one JSON object a line. Timings are
reported, never asserted: the machine may be busy.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from queue import Empty, Queue

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import build_corpus, build_scale, jdlint  # noqa: E402

PAUSE = 0.15  # seconds between keystrokes: a brisk typist
# The page typed into: of the corpus's median size (6 KB), its reports-to line names a title of
# another page, its manager's, which is open too and checked again when the index changes.
PAGE = "job-families/sales/renewal-operations-analyst/index.html.md"
MANAGER_PAGE = "job-families/sales/customer-success-operations/index.html.md"


class Client:
    """Just enough of an LSP client: framed JSON-RPC over the server's stdin and stdout."""

    def __init__(self, command: list[str], cwd: Path, transcript: Path | None) -> None:
        self.process = subprocess.Popen(command + ["server"], cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.inbox: Queue = Queue()
        self.transcript = transcript.open("w") if transcript else None
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = 0
            while (line := stream.readline().strip()) != b"":
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not length:
                return
            self.inbox.put((time.perf_counter(), json.loads(stream.read(length))))

    def send(self, message: dict) -> float:
        message = {"jsonrpc": "2.0", **message}
        if self.transcript:
            self.transcript.write(json.dumps(message) + "\n")
        body = json.dumps(message).encode()
        sent = time.perf_counter()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()
        return sent

    def notify(self, method: str, params: dict) -> float:
        return self.send({"method": method, "params": params})

    def request(self, method: str, params: dict) -> dict:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)[1]

    def wait(self, wanted, timeout: float = 120.0) -> tuple[float, dict]:
        """The first message `wanted` accepts, with the time it arrived; requests from the server
        are answered (null) on the way."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                arrived, message = self.inbox.get(timeout=max(deadline - time.monotonic(), 0.01))
            except Empty:
                sys.exit("bench: the server did not answer in time")
            if "method" in message and "id" in message:
                self.send({"id": message["id"], "result": None})
            if wanted(message):
                return arrived, message

    def diagnostics(self, uri: str, version: int | None = None) -> tuple[float, dict]:
        def published(message: dict) -> bool:
            params = message.get("params") or {}
            return (
                message.get("method") == "textDocument/publishDiagnostics"
                and params.get("uri") == uri
                and (version is None or params.get("version") == version)
            )

        return self.wait(published)

    def close(self) -> None:
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=30)
        if self.transcript:
            self.transcript.close()


def open_page(client: Client, path: Path) -> tuple[str, str]:
    uri = path.as_uri()
    text = path.read_text(encoding="utf-8")
    document = {"uri": uri, "languageId": "markdown", "version": 1, "text": text}
    client.notify("textDocument/didOpen", {"textDocument": document})
    return uri, text


def keystrokes(lines: list[str], kind: str):
    """Where each keystroke of `kind` goes and what it types: (line, character, text), 0-based."""
    if kind == "prose":
        line = next(
            n for n, text in enumerate(lines) if len(text) > 60 and "reports to" not in text and text[:1].isalpha()
        )
        return lambda i: (line, 20 + i, "x")
    if kind == "manager":
        line = next(n for n, text in enumerate(lines) if "reports to the " in text)
        title = lines[line].index("reports to the ") + len("reports to the ") + 4
        return lambda i: (line, title + i, "s")  # into the manager's title: now unknown, with a did-you-mean
    line = next(n for n, text in enumerate(lines) if text.startswith("## "))
    return lambda i: (line + i, 0, "\n")


def cpu_seconds(pid: int) -> float:
    """User and system time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def type_keys(client: Client, uri: str, text: str, version: int, where, count: int):
    """Type `count` keystrokes, each sent as the whole text (the server asks for full sync, as
    editors then send it); the latency of each, the server's CPU time for them all, the text and
    its last version."""
    latencies = []
    cpu = cpu_seconds(client.process.pid)
    for i in range(count):
        line, character, key = where(i)
        offset = sum(len(row) + 1 for row in text.split("\n")[:line]) + character
        text = text[:offset] + key + text[offset:]
        version += 1
        sent = client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )
        arrived, _ = client.diagnostics(uri, version)
        latencies.append(arrived - sent)
        time.sleep(PAUSE)
    return latencies, cpu_seconds(client.process.pid) - cpu, text, version


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=500, help="documents in the handbook [500]")
    parser.add_argument("--keystrokes", type=int, default=40, help="keystrokes of each kind [40]")
    parser.add_argument("--transcript", type=Path, help="write the client's messages to this file (JSON lines)")
    args = parser.parse_args()
    root = build_scale(args.size, build_corpus())
    page, other = root / "C0000" / PAGE, root / "C0000" / MANAGER_PAGE
    client = Client(jdlint(), root, args.transcript)
    client.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
    client.notify("initialized", {})
    start = time.perf_counter()
    uri, text = open_page(client, page)
    arrived, first = client.diagnostics(uri)
    print(f"handbook: {args.size} documents at {root}")
    print(
        "first diagnostics after didOpen (the handbook indexed first, from its cache if any): "
        f"{1000 * (arrived - start):.0f} ms, {len(first['params']['diagnostics'])} findings"
    )
    open_page(client, other)
    client.diagnostics(other.as_uri())
    version = 1
    print("ms from didChange to its publishDiagnostics; CPU: the server's, per keystroke (1/100 s ticks)")
    print(f"{'keystroke':<12}{'median':>9}{'p90':>9}{'min':>9}{'max':>9}{'CPU':>9}")
    for kind in ("prose", "manager", "newline"):
        where = keystrokes(text.split("\n"), kind)
        latencies, cpu, text, version = type_keys(client, uri, text, version, where, args.keystrokes)
        ms = sorted(1000 * t for t in latencies)
        p90 = ms[int(0.9 * (len(ms) - 1))]
        row = f"{statistics.median(ms):>9.1f}{p90:>9.1f}{ms[0]:>9.1f}{ms[-1]:>9.1f}{1000 * cpu / len(ms):>9.1f}"
        print(f"{kind:<12}{row}")
    client.close()


if __name__ == "__main__":
    main()
